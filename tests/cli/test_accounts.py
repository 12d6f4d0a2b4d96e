"""`bilag user create`, `bilag org create`, `bilag member add` and `bilag apikey create`."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bilag.identity.organizations import is_member, organization_for_api_key
from bilag.identity.users import authenticate_user, get_user_by_email
from bilag.storage.db import Database
from bilag.storage.models import ApiKey, Organization, User
from tests.cli.conftest import PEPPER, Bilag, fields_of

PASSWORD = "correct horse"


def make_user(bilag: Bilag, email: str = "ulla@example.com") -> None:
    bilag.ok("user", "create", "--email", email, "--name", "Ulla", "--password", PASSWORD)


def make_org(bilag: Bilag, *flags: str) -> int:
    return int(fields_of(bilag.ok("org", "create", "--name", "Ullas ApS", *flags).stdout)["id"])


def test_user_create_makes_a_user_who_can_log_in(bilag: Bilag, database: Database) -> None:
    make_user(bilag, "Ulla@Example.com")
    with database.write() as session:
        assert authenticate_user(session, "ulla@example.com", PASSWORD) is not None


def test_user_create_asks_for_the_password_when_left_out(bilag: Bilag, database: Database) -> None:
    result = bilag("user", "create", "--email", "p@example.com", "--name", "P",
                   input=f"{PASSWORD}\n{PASSWORD}\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    with database.write() as session:
        assert authenticate_user(session, "p@example.com", PASSWORD) is not None


@pytest.mark.parametrize(
    ("email", "password", "message"),
    [("no-at-sign", PASSWORD, "e-mail"), ("s@example.com", "short", "8 characters")],
)
def test_user_create_refuses_bad_input(
    bilag: Bilag, database: Database, email: str, password: str, message: str
) -> None:
    result = bilag.fails("user", "create", "--email", email, "--name", "X", "--password", password)
    assert message in result.output
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(User)) == 0


def test_user_create_refuses_a_taken_email(bilag: Bilag) -> None:
    make_user(bilag)
    assert (
        "already exists"
        in bilag.fails(
            "user", "create", "--email", "ULLA@example.com", "--name", "U", "--password", PASSWORD
        ).output
    )


def test_org_create_with_and_without_pro(bilag: Bilag, database: Database) -> None:
    pro, free = make_org(bilag), make_org(bilag, "--no-pro")
    with database.read() as session:
        assert session.get(Organization, pro).is_pro is True  # type: ignore[union-attr]
        assert session.get(Organization, free).is_pro is False  # type: ignore[union-attr]
    bilag.fails("org", "create", "--name", " ")


def test_member_add(bilag: Bilag, database: Database) -> None:
    make_user(bilag)
    org = make_org(bilag)
    assert "is now a member" in bilag.ok("member", "add", "--email", "ulla@example.com",
                                         "--org", str(org)).output  # fmt: skip
    assert "already a member" in bilag.ok("member", "add", "--email", "ulla@example.com",
                                          "--org", str(org)).output  # fmt: skip
    with database.read() as session:
        user = get_user_by_email(session, "ulla@example.com")
        assert user is not None and is_member(session, user.id, org)


@pytest.mark.parametrize(
    ("email", "org", "message"),
    [
        ("ghost@example.com", None, "ghost@example.com"),
        ("ulla@example.com", "424242", "no organization 424242"),
        ("ulla@example.com", "abc", "abc"),
        ("ulla@example.com", "99999999999", "99999999999"),
    ],
)
def test_member_add_refuses_unknown_people_and_organizations(
    bilag: Bilag, email: str, org: str | None, message: str
) -> None:
    make_user(bilag)
    result = bilag("member", "add", "--email", email, "--org", org or str(make_org(bilag)))
    assert result.exit_code != 0 and message in result.output


def test_apikey_create_prints_a_key_for_the_organization(bilag: Bilag, database: Database) -> None:
    org = make_org(bilag)
    result = bilag.ok("apikey", "create", "--org", str(org))
    key = fields_of(result.stdout)["api_key"]
    assert "cannot show it again" in result.stderr
    with database.read() as session:
        found = organization_for_api_key(session, key, PEPPER)
        assert found is not None and found.id == org
        assert session.scalars(select(ApiKey.key_hash)).all() != [key]


def test_apikey_create_refuses_an_unknown_organization(bilag: Bilag, database: Database) -> None:
    assert "no organization 5" in bilag.fails("apikey", "create", "--org", "5").output
    with database.read() as session:
        assert session.scalar(select(func.count()).select_from(ApiKey)) == 0
