"""Signing-key rotation: old tokens still verify, new ones use the new kid, JWKS lists both."""

from __future__ import annotations

import jwt
from starlette.testclient import TestClient

from bilag.identity.access import authenticate_bearer
from bilag.identity.context import Services
from bilag.identity.keys import KeyStore
from tests.factories import World
from tests.identity.conftest import decode_with_jwks, tokens_for

API = "https://api.dinero.dk"


def _userinfo(client: TestClient, token: str) -> int:
    return client.get("/connect/userinfo", headers={"Authorization": f"Bearer {token}"}).status_code


def test_rotation_keeps_old_tokens_valid_and_signs_new_ones_with_the_new_key(
    client: TestClient, services: Services, world: World
) -> None:
    before = tokens_for(client, services, world)
    old_kid = jwt.get_unverified_header(before["access_token"])["kid"]
    new_kid = services.keys.rotate()
    assert new_kid != old_kid

    kids = [
        key["kid"] for key in client.get("/.well-known/openid-configuration/jwks").json()["keys"]
    ]
    assert set(kids) == {old_kid, new_kid}

    after = tokens_for(client, services, world)
    assert jwt.get_unverified_header(after["access_token"])["kid"] == new_kid
    assert jwt.get_unverified_header(after["id_token"])["kid"] == new_kid
    for tokens in (before, after):
        assert _userinfo(client, tokens["access_token"]) == 200
        decode_with_jwks(client, tokens["access_token"], audience=API, typ="at+jwt")


def test_another_worker_picks_up_a_rotated_key_by_its_kid(
    client: TestClient, services: Services, world: World
) -> None:
    other_worker = KeyStore(services.database, rotation_days=90, token_lifetime=3600)
    first = tokens_for(client, services, world)
    other_worker.jwks()  # loaded before the rotation
    services.keys.rotate()
    rotated = tokens_for(client, services, world)
    for tokens in (first, rotated):
        principal = authenticate_bearer(
            services.database, other_worker, services.settings, tokens["access_token"]
        )
        assert principal.client_id == world.client_id
