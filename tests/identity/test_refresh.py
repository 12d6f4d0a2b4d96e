"""The refresh-token state machine (oauth.md §2.5; §5 rows 10, 11 and 12)."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import httpx
import time_machine
from sqlalchemy import select
from starlette.testclient import TestClient

from bilag.config import Settings
from bilag.identity.applications import get_application
from bilag.identity.context import Services
from bilag.storage.db import Database
from bilag.storage.models import Grant, IdentityEvent, RefreshToken
from tests.factories import World, make_world
from tests.identity.conftest import (
    DINERO,
    add_application,
    decode_with_jwks,
    issue_code,
    post_code,
    post_refresh,
    tokens_for,
)


def _later(seconds: int) -> time_machine.travel:
    return time_machine.travel(datetime.now(UTC) + timedelta(seconds=seconds))


def _userinfo_status(client: TestClient | httpx.Client, access_token: str) -> int:
    return client.get(
        "/connect/userinfo", headers={"Authorization": f"Bearer {access_token}"}
    ).status_code


def _assert_grant_dead(client: TestClient, world: World, reply: dict) -> None:
    assert _userinfo_status(client, reply["access_token"]) == 401
    assert post_refresh(client, world, reply["refresh_token"]).json()["error"] == "invalid_grant"


def test_one_time_refresh_rotates_and_the_new_pair_works(
    client: TestClient, services: Services, world: World
) -> None:
    first = tokens_for(client, services, world)
    response = post_refresh(client, world, first["refresh_token"])
    assert response.status_code == 200
    assert response.headers["cache-control"] == "no-store"
    second = response.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert len(second["refresh_token"]) == 64
    assert second["scope"] == first["scope"]
    assert _userinfo_status(client, second["access_token"]) == 200
    claims = decode_with_jwks(client, second["id_token"], audience=world.client_id, typ="JWT")
    assert "nonce" not in claims  # OIDC Core §12.2
    assert post_refresh(client, world, second["refresh_token"]).status_code == 200


def test_refresh_tokens_are_stored_only_as_digests_and_replies_encrypted(
    client: TestClient, services: Services, world: World
) -> None:
    first = tokens_for(client, services, world)
    second = post_refresh(client, world, first["refresh_token"]).json()
    with services.database.read() as session:
        rows = session.scalars(select(RefreshToken).order_by(RefreshToken.id)).all()
    assert [row.token_hash for row in rows] == [
        hashlib.sha256(first["refresh_token"].encode()).hexdigest(),
        hashlib.sha256(second["refresh_token"].encode()).hexdigest(),
    ]
    assert rows[1].parent_id == rows[0].id
    assert rows[0].reply_ciphertext is not None
    assert second["refresh_token"] not in rows[0].reply_ciphertext
    assert second["access_token"] not in rows[0].reply_ciphertext


def test_retry_with_the_previous_token_in_grace_returns_the_same_pair(
    client: TestClient, services: Services, world: World
) -> None:
    first = tokens_for(client, services, world)
    second = post_refresh(client, world, first["refresh_token"]).json()
    retry = post_refresh(client, world, first["refresh_token"])
    assert retry.status_code == 200
    assert retry.json() == second
    assert _userinfo_status(client, second["access_token"]) == 200
    assert post_refresh(client, world, second["refresh_token"]).status_code == 200


def test_reuse_after_the_grace_period_revokes_the_whole_grant(
    client: TestClient, services: Services, world: World
) -> None:
    first = tokens_for(client, services, world)
    second = post_refresh(client, world, first["refresh_token"]).json()
    with _later(services.settings.refresh_grace_seconds + 1):
        replay = post_refresh(client, world, first["refresh_token"])
        assert replay.status_code == 400
        assert replay.json()["error"] == "invalid_grant"
        assert "whole authorization is revoked" in replay.json()["error_description"]
        _assert_grant_dead(client, world, second)
    with services.database.read() as session:
        grant = session.scalars(select(Grant)).one()
        event = session.scalars(
            select(IdentityEvent).where(IdentityEvent.kind == "refresh_token_replay")
        ).one()
        replies = session.scalars(select(RefreshToken.reply_ciphertext)).all()
    assert grant.revoked_at is not None and event.grant_id == grant.id
    assert replies == [None, None]  # the stored reply died with the grant


def test_a_token_two_generations_old_is_a_replay_even_in_grace(
    client: TestClient, services: Services, world: World
) -> None:
    first = tokens_for(client, services, world)
    second = post_refresh(client, world, first["refresh_token"]).json()
    third = post_refresh(client, world, second["refresh_token"]).json()
    replay = post_refresh(client, world, first["refresh_token"])
    assert replay.json()["error"] == "invalid_grant"
    _assert_grant_dead(client, world, third)


def test_grace_zero_makes_every_reuse_a_replay(
    client: TestClient, services: Services, world: World
) -> None:
    client_id, secret = add_application(services, "Strict", refresh_grace_seconds=0)
    strict = World(client_id=client_id, client_secret=secret, alice_email=world.alice_email)
    code = issue_code(services.database, services.settings, world, client_id=client_id)
    first = post_code(client, strict, code).json()
    second = post_refresh(client, strict, first["refresh_token"]).json()
    assert post_refresh(client, strict, first["refresh_token"]).json()["error"] == "invalid_grant"
    _assert_grant_dead(client, strict, second)


def test_stored_reply_is_forgotten_after_the_grace_period(
    client: TestClient, services: Services, world: World
) -> None:
    first = tokens_for(client, services, world)
    second = post_refresh(client, world, first["refresh_token"]).json()
    with _later(services.settings.refresh_grace_seconds + 1):
        assert post_refresh(client, world, second["refresh_token"]).status_code == 200
    with services.database.read() as session:
        rows = session.scalars(select(RefreshToken).order_by(RefreshToken.id)).all()
    assert rows[0].reply_ciphertext is None
    assert rows[1].reply_ciphertext is not None


def test_refresh_may_narrow_scope_but_never_widen_it(
    client: TestClient, services: Services, world: World
) -> None:
    first = tokens_for(client, services, world, scopes=["dineropublicapi:read", "offline_access"])
    wider = post_refresh(client, world, first["refresh_token"], scope="dineropublicapi:write")
    assert wider.status_code == 400
    assert wider.json()["error"] == "invalid_scope"
    assert "dineropublicapi:write" in wider.json()["error_description"]
    narrow = post_refresh(client, world, first["refresh_token"], scope="dineropublicapi:read")
    assert narrow.status_code == 200  # the refused attempt did not consume the token
    body = narrow.json()
    assert body["scope"] == "dineropublicapi:read"
    claims = decode_with_jwks(
        client, body["access_token"], audience="https://api.dinero.dk", typ="at+jwt"
    )
    assert claims["scope"] == ["dineropublicapi:read"]
    full = post_refresh(client, world, body["refresh_token"]).json()
    assert full["scope"] == "dineropublicapi:read offline_access"


def test_another_clients_refresh_token_is_invalid_and_harmless(
    client: TestClient, services: Services, world: World
) -> None:
    first = tokens_for(client, services, world)
    other_id, other_secret = add_application(services, "Other")
    other = World(client_id=other_id, client_secret=other_secret)
    assert post_refresh(client, other, first["refresh_token"]).json()["error"] == "invalid_grant"
    assert post_refresh(client, world, first["refresh_token"]).status_code == 200


def test_unknown_and_missing_refresh_tokens(client: TestClient, world: World) -> None:
    assert post_refresh(client, world, "0" * 64).json()["error"] == "invalid_grant"
    form = {"grant_type": "refresh_token", "client_id": world.client_id,
            "client_secret": world.client_secret}  # fmt: skip
    missing = client.post("/connect/token", data=form).json()
    assert missing == {
        "error": "invalid_request",
        "error_description": "the parameter 'refresh_token' is required",
    }


def test_reuse_mode_returns_the_same_token_until_its_lifetime_ends(
    client: TestClient, services: Services, world: World
) -> None:
    client_id, secret = add_application(
        services, "Reuser", refresh_token_usage="reuse", refresh_token_lifetime_days=2
    )
    reuser = World(client_id=client_id, client_secret=secret)
    code = issue_code(services.database, services.settings, world, client_id=client_id)
    first = post_code(client, reuser, code).json()
    for _ in range(3):
        again = post_refresh(client, reuser, first["refresh_token"])
        assert again.status_code == 200
        assert again.json()["refresh_token"] == first["refresh_token"]
        assert again.json()["access_token"] != first["access_token"]
    with services.database.read() as session:
        grant = session.scalars(select(Grant)).one()
    assert grant.refresh_usage == "reuse" and grant.refresh_lifetime_seconds == 2 * 86_400
    with _later(2 * 86_400 + 1):
        expired = post_refresh(client, reuser, first["refresh_token"])
    assert expired.json()["error"] == "invalid_grant"
    assert "expired" in expired.json()["error_description"]


def test_policy_changes_apply_only_to_new_grants(
    client: TestClient, services: Services, world: World
) -> None:
    first = tokens_for(client, services, world)
    with services.database.write() as session:
        application = get_application(session, world.client_id)
        assert application is not None
        application.refresh_token_usage = "reuse"
    second = post_refresh(client, world, first["refresh_token"]).json()
    assert second["refresh_token"] != first["refresh_token"]  # still one-time for this grant
    newer = tokens_for(client, services, world)
    assert (
        post_refresh(client, world, newer["refresh_token"]).json()["refresh_token"]
        == (newer["refresh_token"])
    )


def test_revoked_grant_cannot_refresh(client: TestClient, services: Services, world: World) -> None:
    first = tokens_for(client, services, world)
    revoked = client.post(
        "/connect/revocation",
        data={"token": first["refresh_token"], "client_id": world.client_id,
              "client_secret": world.client_secret},
    )  # fmt: skip
    assert revoked.status_code == 200
    refused = post_refresh(client, world, first["refresh_token"]).json()
    assert refused["error"] == "invalid_grant"
    assert "revoked" in refused["error_description"]


def test_parallel_refreshes_of_one_token_agree(live_http: httpx.Client, database_url: str) -> None:
    database = Database(database_url)
    settings = Settings.from_env(env={}, database_url=database_url)
    try:
        world = make_world(database, pepper=settings.secret_pepper)
        reply = post_code(live_http, world, issue_code(database, settings, world)).json()
        for _ in range(4):
            token = reply["refresh_token"]
            with ThreadPoolExecutor(max_workers=8) as pool:
                replies = list(pool.map(post_refresh, [live_http] * 8, [world] * 8, [token] * 8))
            assert [r.status_code for r in replies] == [200] * 8, [r.text for r in replies]
            bodies = [r.json() for r in replies]
            assert all(body == bodies[0] for body in bodies)
            reply = bodies[0]
        with database.read() as session:
            rows = session.scalars(select(RefreshToken)).all()
            grant = session.scalars(select(Grant)).one()
        assert len(rows) == 5  # one chain: the first token and one successor per round
        assert grant.revoked_at is None
        assert _userinfo_status(live_http, reply["access_token"]) == 200
    finally:
        database.dispose()


def test_replays_racing_after_the_grace_period_all_fail(
    live_http: httpx.Client, database_url: str
) -> None:
    database = Database(database_url)
    settings = Settings.from_env(env={}, database_url=database_url)
    try:
        world = make_world(database, pepper=settings.secret_pepper)
        first = post_code(
            live_http,
            world,
            issue_code(database, settings, world, scopes=DINERO + ["offline_access", "openid"]),
        ).json()
        second = post_refresh(live_http, world, first["refresh_token"]).json()
        with _later(settings.refresh_grace_seconds + 1):
            with ThreadPoolExecutor(max_workers=6) as pool:
                replies = list(
                    pool.map(
                        post_refresh, [live_http] * 6, [world] * 6, [first["refresh_token"]] * 6
                    )
                )
            assert {r.json()["error"] for r in replies} == {"invalid_grant"}
            assert _userinfo_status(live_http, second["access_token"]) == 401
    finally:
        database.dispose()
