"""Applications as the developer portal makes them: isv_ client ids, secrets shown once and
stored hashed, exact redirect URIs, and an operator's revocation."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bilag.identity.applications import (
    authenticate_client,
    client_id_for,
    create_application,
    redirect_uri_problem,
    regenerate_secret,
    revoke_client,
)
from bilag.storage.db import Database
from bilag.storage.models import ClientSecret, Grant

PEPPER = "test-pepper"


@pytest.mark.parametrize(
    ("name", "client_id"),
    [
        ("My Shop Sync", "isv_my_shop_sync"),
        ("Kasse Åbning", "isv_kasse_aabning"),
        ("kasse åbning", "isv_kasse_aabning"),
        ("ØKONOMI & Løn", "isv_oekonomi_loen"),
        ("Café Crème 2", "isv_cafe_creme_2"),
        ("???", "isv_app"),
    ],
)
def test_client_ids_start_with_isv_and_come_from_the_name(name: str, client_id: str) -> None:
    assert client_id_for(name) == client_id


@pytest.mark.parametrize(
    "uri",
    [
        "https://app.example.com/callback",
        "https://app.local:8443/cb?x=1",
        "http://127.0.0.1:8000/demo/callback",
        "http://localhost/cb",
        "http://[::1]:9000/cb",
        "com.example.app:/callback",
    ],
)
def test_acceptable_redirect_uris(uri: str) -> None:
    assert redirect_uri_problem(uri) is None


@pytest.mark.parametrize(
    "uri",
    [
        "http://app.example.com/callback",
        "http://localhost.evil.com/cb",
        "https://app.example.com/cb#fragment",
        "/relative/path",
        "https://",
        "javascript:alert(1)",
        "https://app.example.com/a b",
    ],
)
def test_unacceptable_redirect_uris(uri: str) -> None:
    assert redirect_uri_problem(uri) is not None


@pytest.fixture
def database(database_url: str):  # type: ignore[no-untyped-def]
    handle = Database(database_url)
    yield handle
    handle.dispose()


def test_secret_is_stored_hashed_and_regeneration_kills_the_old_one(database: Database) -> None:
    with database.write() as session:
        app, first = create_application(
            session, name="Shop", pepper=PEPPER, redirect_uris=["https://shop.example/cb"]
        )
        client_id = app.client_id
    assert first is not None and len(first) >= 43
    with database.read() as session:
        stored = session.scalars(select(ClientSecret.secret_hash)).all()
        assert first not in stored and all(len(h) == 64 for h in stored)
        assert authenticate_client(session, client_id, first, pepper=PEPPER) is not None
        assert authenticate_client(session, client_id, first + "x", pepper=PEPPER) is None
        assert authenticate_client(session, "isv_nobody", first, pepper=PEPPER) is None
    with database.write() as session:
        app = session.scalars(select(type(app)).where(type(app).client_id == client_id)).one()
        second = regenerate_secret(session, app, pepper=PEPPER)
    with database.read() as session:
        assert authenticate_client(session, client_id, first, pepper=PEPPER) is None
        assert authenticate_client(session, client_id, second, pepper=PEPPER) is not None


def test_native_apps_get_no_secret_and_bad_settings_are_refused(database: Database) -> None:
    with database.write() as session:
        _, secret = create_application(
            session, name="Phone", pepper=PEPPER, app_type="native",
            redirect_uris=["com.example.phone:/cb"],
        )  # fmt: skip
        assert secret is None
        for bad in (
            {"app_type": "spa"},
            {"refresh_token_usage": "sometimes"},
            {"refresh_token_lifetime_days": 366},
            {"refresh_grace_seconds": 3},
            {"scopes": ["dineropublicapi:admin"]},
            {"redirect_uris": ["http://example.com/cb"]},
            {"client_id": "my_client"},
        ):
            with pytest.raises(ValueError):
                create_application(session, name=f"Bad {bad}", pepper=PEPPER, **bad)  # type: ignore[arg-type]
        with pytest.raises(ValueError, match="already exists"):
            create_application(session, name="Phone", pepper=PEPPER)


def test_revoking_a_client_revokes_every_grant_with_the_reason(database: Database) -> None:
    with database.write() as session:
        app, _ = create_application(session, name="Greedy", pepper=PEPPER)
        session.add(Grant(id="g-1", application_id=app.id, scopes="dineropublicapi:read"))
        session.flush()
        revoke_client(session, app, "exhausts the API")
    with database.read() as session:
        grant = session.get(Grant, "g-1")
        assert grant is not None and grant.revoked_at is not None
        assert grant.revoke_reason == "client revoked: exhausts the API"
