"""Authorization codes: single use, short-lived, high entropy, bound to everything they were
issued for (oauth.md §5 rows 3, 4, 5 and 12)."""

from __future__ import annotations

import base64
import hashlib
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import httpx
import pytest
import time_machine
from sqlalchemy import select
from starlette.testclient import TestClient

from bilag.config import Settings
from bilag.identity.applications import get_application
from bilag.identity.codes import issue_authorization_code
from bilag.identity.context import Services
from bilag.identity.users import get_user_by_email
from bilag.storage.db import Database
from bilag.storage.models import AuthorizationCode, Grant, IdentityEvent, utcnow
from tests.factories import World, make_world
from tests.identity.conftest import (
    Pkce,
    add_application,
    decode_with_jwks,
    issue_code,
    new_pkce,
    post_code,
    post_refresh,
)


def _pkce_of(verifier: str) -> Pkce:
    hashed = hashlib.sha256(verifier.encode("ascii")).digest()
    return Pkce(verifier, base64.urlsafe_b64encode(hashed).rstrip(b"=").decode("ascii"))


def test_code_is_high_entropy_and_stored_only_as_its_digest(
    services: Services, world: World
) -> None:
    code = issue_code(services.database, services.settings, world)
    assert len(code) >= 43
    with services.database.read() as session:
        row = session.scalars(select(AuthorizationCode)).one()
    assert row.code_hash == hashlib.sha256(code.encode()).hexdigest()
    assert code not in {row.code_hash, row.redirect_uri, row.scopes}
    assert row.expires_at - row.created_at == timedelta(
        seconds=services.settings.authorization_code_lifetime
    )


def test_plain_pkce_cannot_be_stored(services: Services, world: World) -> None:
    with services.database.write() as session:
        application = get_application(session, world.client_id)
        user = get_user_by_email(session, world.alice_email)
        assert application is not None and user is not None
        with pytest.raises(ValueError, match="S256"):
            issue_authorization_code(
                session, settings=services.settings, application=application, user_id=user.id,
                redirect_uri=world.redirect_uri, scopes=["openid"], nonce=None,
                code_challenge="abc", code_challenge_method="plain", session_id=None,
                auth_time=utcnow(),
            )  # fmt: skip


def test_expired_code_is_refused_and_leeway_does_not_stretch_it(
    client: TestClient, services: Services, world: World
) -> None:
    code = issue_code(services.database, services.settings, world)
    lifetime = services.settings.authorization_code_lifetime
    with time_machine.travel(datetime.now(UTC) + timedelta(seconds=lifetime + 1)):
        response = post_code(client, world, code)
    assert response.status_code == 400
    assert response.json() == {
        "error": "invalid_grant",
        "error_description": "the authorization code has expired",
    }


def test_code_is_bound_to_its_client(client: TestClient, services: Services, world: World) -> None:
    other_id, other_secret = add_application(services, "Other App")
    code = issue_code(services.database, services.settings, world)
    stolen = {
        "grant_type": "authorization_code", "code": code, "redirect_uri": world.redirect_uri,
        "client_id": other_id, "client_secret": other_secret,
    }  # fmt: skip
    response = client.post("/connect/token", data=stolen)
    assert response.json()["error"] == "invalid_grant"
    assert post_code(client, world, code).status_code == 200  # the rightful client still can


def test_redirect_uri_must_equal_the_authorize_requests(
    client: TestClient, services: Services, world: World
) -> None:
    code = issue_code(services.database, services.settings, world)
    wrong = post_code(client, world, code, redirect_uri=world.redirect_uri + "/x")
    assert wrong.json()["error"] == "invalid_grant"
    assert "redirect_uri" in wrong.json()["error_description"]
    form = {"grant_type": "authorization_code", "code": code, "client_id": world.client_id,
            "client_secret": world.client_secret}  # fmt: skip
    missing = client.post("/connect/token", data=form)
    assert missing.json()["error"] == "invalid_request"
    assert post_code(client, world, code).status_code == 200


@pytest.mark.parametrize("length", [43, 128])
def test_pkce_s256_with_verifiers_at_the_length_limits(
    client: TestClient, services: Services, world: World, length: int
) -> None:
    pkce = _pkce_of(("aZ0-._~" * 20)[:length])
    code = issue_code(services.database, services.settings, world, pkce=pkce)
    assert post_code(client, world, code, code_verifier=pkce.verifier).status_code == 200


@pytest.mark.parametrize(
    ("verifier", "error"),
    [
        (None, "invalid_request"),
        ("a" * 42, "invalid_request"),
        ("a" * 129, "invalid_request"),
        ("a" * 42 + "!", "invalid_request"),
        ("b" * 64, "invalid_grant"),
    ],
)
def test_pkce_verifier_must_be_present_well_formed_and_matching(
    client: TestClient, services: Services, world: World, verifier: str | None, error: str
) -> None:
    pkce = new_pkce()
    code = issue_code(services.database, services.settings, world, pkce=pkce)
    extra = {"code_verifier": verifier} if verifier is not None else {}
    response = post_code(client, world, code, **extra)
    assert response.status_code == 400
    assert response.json()["error"] == error
    assert post_code(client, world, code, code_verifier=pkce.verifier).status_code == 200


def test_verifier_without_a_stored_challenge_is_a_downgrade(
    client: TestClient, services: Services, world: World
) -> None:
    code = issue_code(services.database, services.settings, world)
    response = post_code(client, world, code, code_verifier=new_pkce().verifier)
    assert response.json()["error"] == "invalid_grant"
    assert "no challenge" in response.json()["error_description"]


def test_code_carries_nonce_user_and_session_into_the_id_token(
    client: TestClient, services: Services, world: World
) -> None:
    code = issue_code(services.database, services.settings, world, nonce="n-0S6_WzA2Mj")
    body = post_code(client, world, code).json()
    claims = decode_with_jwks(client, body["id_token"], audience=world.client_id, typ="JWT")
    with services.database.read() as session:
        alice = get_user_by_email(session, world.alice_email)
        assert alice is not None
    assert claims["nonce"] == "n-0S6_WzA2Mj"
    assert claims["sub"] == alice.sub
    assert claims["sid"] == "session-1"
    assert claims["auth_time"] <= claims["iat"]
    left_half = hashlib.sha256(body["access_token"].encode()).digest()[:16]
    assert claims["at_hash"] == base64.urlsafe_b64encode(left_half).rstrip(b"=").decode()


def test_reused_code_is_refused_and_revokes_everything_it_issued(
    client: TestClient, services: Services, world: World
) -> None:
    code = issue_code(services.database, services.settings, world)
    first = post_code(client, world, code).json()
    bearer = {"Authorization": f"Bearer {first['access_token']}"}
    assert client.get("/connect/userinfo", headers=bearer).status_code == 200

    again = post_code(client, world, code)
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_grant"
    assert "already been used" in again.json()["error_description"]

    userinfo = client.get("/connect/userinfo", headers=bearer)
    assert userinfo.status_code == 401
    assert 'error="invalid_token"' in userinfo.headers["www-authenticate"]
    assert post_refresh(client, world, first["refresh_token"]).json()["error"] == "invalid_grant"
    with services.database.read() as session:
        grant = session.scalars(select(Grant)).one()
        event = session.scalars(
            select(IdentityEvent).where(IdentityEvent.kind == "code_reuse")
        ).one()
    assert grant.revoked_at is not None
    assert event.grant_id == grant.id


def test_parallel_redemptions_of_one_code_never_both_succeed(
    live_http: httpx.Client, database_url: str
) -> None:
    database = Database(database_url)
    settings = Settings.from_env(env={}, database_url=database_url)
    try:
        world = make_world(database, pepper=settings.secret_pepper)
        for round_number in range(1, 4):
            code = issue_code(database, settings, world)
            with ThreadPoolExecutor(max_workers=4) as pool:
                replies = list(pool.map(post_code, [live_http] * 4, [world] * 4, [code] * 4))
            statuses = sorted(reply.status_code for reply in replies)
            assert statuses == [200, 400, 400, 400]
            errors = {reply.json()["error"] for reply in replies if reply.status_code == 400}
            assert errors == {"invalid_grant"}
            with database.read() as session:
                grants = session.scalars(select(Grant)).all()
            assert len(grants) == round_number  # only the winner created a grant
            assert all(grant.revoked_at is not None for grant in grants)  # the losers were reuse
    finally:
        database.dispose()
