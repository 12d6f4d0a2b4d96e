"""`bilag demo`: seeds once, prints the same credentials every time, and they work."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select

from bilag.identity.applications import authenticate_client, redirect_uris_of
from bilag.identity.organizations import organization_for_api_key, organizations_of
from bilag.identity.users import authenticate_user, get_user_by_email
from bilag.storage.db import Database
from bilag.storage.models import (
    ApiKey,
    Application,
    Contact,
    JournalEntry,
    Organization,
    SalesDocument,
    User,
    Voucher,
)
from tests.cli.conftest import BASE_URL, PEPPER, Bilag


def seed(bilag: Bilag) -> dict:
    return json.loads(bilag.ok("demo", "--json").output)


def counts(database: Database) -> tuple[int, ...]:
    with database.read() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model))
            for model in (User, Organization, ApiKey, Application)
        )


def test_json_has_exactly_the_documented_shape(bilag: Bilag) -> None:
    demo = seed(bilag)
    assert set(demo) == {"users", "organizations", "application"}
    assert [set(user) for user in demo["users"]] == [{"email", "password"}] * 2
    assert demo["users"][0]["email"] == "demo@bilag.dk"
    keys = {"id", "name", "isPro", "members", "apiKey"}
    assert [set(org) for org in demo["organizations"]] == [keys] * 3
    assert set(demo["application"]) == {"client_id", "client_secret", "redirect_uris"}
    assert demo["application"]["client_id"] == "isv_bilag_demo"
    assert {
        "http://127.0.0.1:8000/demo/callback",
        "http://localhost:8000/demo/callback",
        "http://127.0.0.1:8765/callback",
    } <= set(demo["application"]["redirect_uris"])


def test_seeds_once_and_prints_the_same_demo_again(bilag: Bilag, database: Database) -> None:
    first = seed(bilag)
    seeded = counts(database)
    assert seeded == (2, 3, 3, 1)
    assert seed(bilag) == first
    assert counts(database) == seeded
    assert "already seeded" in bilag.ok("demo").output


def test_three_kinds_of_organization_with_the_right_members(
    bilag: Bilag, database: Database
) -> None:
    demo = seed(bilag)
    pro, free, other = demo["organizations"]
    assert (pro["isPro"], free["isPro"], other["isPro"]) == (True, False, True)
    first_user, second_user = (user["email"] for user in demo["users"])
    assert pro["members"] == free["members"] == [first_user]
    assert other["members"] == [second_user]
    with database.read() as session:
        demo_user = get_user_by_email(session, first_user)
        assert demo_user is not None
        reachable = {org.id for org in organizations_of(session, demo_user.id)}
        assert reachable == {pro["id"], free["id"]}
        assert session.get(Organization, free["id"]).is_pro is False


def test_printed_credentials_work(bilag: Bilag, database: Database) -> None:
    demo = seed(bilag)
    with database.write() as session:
        for user in demo["users"]:
            assert authenticate_user(session, user["email"], user["password"]) is not None
        for org in demo["organizations"]:
            found = organization_for_api_key(session, org["apiKey"], PEPPER)
            assert found is not None and found.id == org["id"]
        app = demo["application"]
        application = authenticate_client(
            session, app["client_id"], app["client_secret"], pepper=PEPPER
        )
        assert application is not None
        assert application.app_type == "web"
        assert application.offline_access is True
        assert application.refresh_token_usage == "one_time"
        assert redirect_uris_of(application) == app["redirect_uris"]


def test_rearms_credentials_that_stopped_working(bilag: Bilag, database: Database) -> None:
    demo = seed(bilag)
    bilag.ok("app", "secret", "regenerate", "--client-id", "isv_bilag_demo")
    with database.write() as session:
        session.execute(ApiKey.__table__.update().values(revoked_at=func.now()))
    output = bilag.ok("demo").output
    assert "client secret of isv_bilag_demo" in output
    assert "API key of Demo Pro ApS" in output
    assert seed(bilag) == demo
    with database.read() as session:
        app = demo["application"]
        assert authenticate_client(session, app["client_id"], app["client_secret"], pepper=PEPPER)
        for org in demo["organizations"]:
            assert organization_for_api_key(session, org["apiKey"], PEPPER) is not None


def test_table_shows_logins_ids_client_and_urls(bilag: Bilag) -> None:
    demo = seed(bilag)
    output = bilag.ok("demo").output
    for user in demo["users"]:
        assert user["email"] in output and user["password"] in output
    for org in demo["organizations"]:
        assert str(org["id"]) in output and org["apiKey"] in output
    assert demo["application"]["client_secret"] in output
    assert f"{BASE_URL}/.well-known/openid-configuration" in output
    assert f"{BASE_URL}/connect/authorize?client_id=isv_bilag_demo&response_type=code" in output
    assert f"{BASE_URL}/docs" in output and f"{BASE_URL}/connect/debugger" in output
    assert "Never use it in production" in output


def test_seeds_a_database_that_is_not_migrated_yet(tmp_path: Path) -> None:
    bilag = Bilag(f"sqlite:///{tmp_path / 'new' / 'bilag.db'}", str(tmp_path / "files"))
    assert seed(bilag)["organizations"][0]["name"] == "Demo Pro ApS"


def test_other_commands_refuse_a_database_that_is_not_migrated(tmp_path: Path) -> None:
    bilag = Bilag(f"sqlite:///{tmp_path / 'bilag.db'}", str(tmp_path / "files"))
    assert "run `bilag migrate`" in bilag.fails("usage").output
    bilag.ok("migrate")
    bilag.ok("usage")


def test_a_new_pepper_gives_new_credentials_that_work(
    bilag: Bilag, database_url: str, database: Database
) -> None:
    before = seed(bilag)
    after = seed(Bilag(database_url, bilag.files_dir, pepper="another pepper"))
    assert after["application"]["client_secret"] != before["application"]["client_secret"]
    assert [org["id"] for org in after["organizations"]] == [
        org["id"] for org in before["organizations"]
    ]
    with database.write() as session:
        app = after["application"]
        assert authenticate_client(
            session, app["client_id"], app["client_secret"], pepper="another pepper"
        )
        user = after["users"][0]
        assert authenticate_user(session, user["email"], user["password"]) is not None
    assert counts(database) == (2, 3, 6, 1)


def test_the_pro_organization_gets_an_integrations_books_once(
    bilag: Bilag, database: Database
) -> None:
    demo = seed(bilag)
    pro = demo["organizations"][0]["id"]
    with database.read() as session:
        vouchers = session.execute(
            select(Voucher.kind, Voucher.status, Voucher.booked_by_type, Voucher.file_guid)
            .where(Voucher.organization_id == pro)
            .order_by(Voucher.kind, Voucher.status)
        ).all()
        invoices = session.scalars(
            select(SalesDocument.status).where(SalesDocument.organization_id == pro)
        ).all()
        contacts = session.scalar(
            select(func.count()).select_from(Contact).where(Contact.organization_id == pro)
        )
        balance = session.scalar(
            select(func.sum(JournalEntry.amount_ore)).where(JournalEntry.organization_id == pro)
        )
    kinds = [(kind, status) for kind, status, _by, _file in vouchers]
    assert kinds.count(("ledger_item", "draft")) == 3
    assert ("manual", "booked") in kinds
    assert ("purchase", "booked") in kinds and ("purchase", "draft") in kinds
    purchases = [row for row in vouchers if row[0] == "purchase"]
    assert all(file_guid for *_rest, file_guid in purchases)  # every receipt is attached
    assert [by for kind, status, by, _ in vouchers if status == "booked"] == ["API", "API"]
    assert invoices == ["booked"] and contacts == 1 and balance == 0

    seed(bilag)
    with database.read() as session:
        again = session.scalar(
            select(func.count()).select_from(Voucher).where(Voucher.organization_id == pro)
        )
    assert again == len(vouchers)


def test_no_books_seeds_the_people_only(bilag: Bilag, database: Database) -> None:
    bilag.ok("demo", "--json", "--no-books")
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(Voucher)) == 0
