"""POST /connect/introspect (RFC 7662; oauth.md §5 row 22)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import time_machine
from starlette.testclient import TestClient

from bilag.identity.context import Services
from tests.factories import World
from tests.identity.conftest import add_application, basic, post_refresh, tokens_for

PATH = "/connect/introspect"


def _introspect(client: TestClient, world: World, token: str) -> dict:
    response = client.post(
        PATH, data={"token": token}, headers=basic(world.client_id, world.client_secret)
    )
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    body: dict = response.json()
    return body


def test_live_access_token_is_active(client: TestClient, services: Services, world: World) -> None:
    tokens = tokens_for(client, services, world)
    body = _introspect(client, world, tokens["access_token"])
    assert body["active"] is True
    assert body["token_type"] == "access_token"
    assert body["client_id"] == world.client_id
    assert set(body["scope"].split()) == set(tokens["scope"].split())
    assert {"sub", "exp", "iat", "iss", "aud", "jti"} <= set(body)


def test_live_refresh_token_is_active_and_consumed_one_is_not(
    client: TestClient, services: Services, world: World
) -> None:
    tokens = tokens_for(client, services, world)
    body = _introspect(client, world, tokens["refresh_token"])
    assert body["active"] is True and body["token_type"] == "refresh_token"
    assert body["scope"] == tokens["scope"]
    post_refresh(client, world, tokens["refresh_token"])
    assert _introspect(client, world, tokens["refresh_token"]) == {"active": False}


def test_revoked_expired_invalid_and_foreign_tokens_are_inactive(
    client: TestClient, services: Services, world: World
) -> None:
    tokens = tokens_for(client, services, world)
    for junk in ["", "x", "a.b.c", "f" * 64, tokens["id_token"]]:
        if junk:
            assert _introspect(client, world, junk) == {"active": False}
    other_id, other_secret = add_application(services, "Nosy")
    nosy = World(client_id=other_id, client_secret=other_secret)
    assert _introspect(client, nosy, tokens["access_token"]) == {"active": False}
    assert _introspect(client, nosy, tokens["refresh_token"]) == {"active": False}
    with time_machine.travel(datetime.now(UTC) + timedelta(seconds=3600 + 121)):
        assert _introspect(client, world, tokens["access_token"]) == {"active": False}
    client.post(
        "/connect/revocation",
        data={"token": tokens["refresh_token"]},
        headers=basic(world.client_id, world.client_secret),
    )
    assert _introspect(client, world, tokens["access_token"]) == {"active": False}
    assert _introspect(client, world, tokens["refresh_token"]) == {"active": False}


def test_only_authenticated_clients_may_introspect(
    client: TestClient, services: Services, world: World
) -> None:
    tokens = tokens_for(client, services, world)
    anonymous = client.post(PATH, data={"token": tokens["access_token"]})
    assert anonymous.status_code == 401 and anonymous.json()["error"] == "invalid_client"
    wrong = client.post(
        PATH, data={"token": tokens["access_token"]}, headers=basic(world.client_id, "bad")
    )
    assert wrong.status_code == 401 and "active" not in wrong.json()
