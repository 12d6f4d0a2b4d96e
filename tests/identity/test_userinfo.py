"""GET|POST /connect/userinfo, and the access-token checks behind it (oauth.md §5 rows 14-16)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta

import jwt
import time_machine
from starlette.testclient import TestClient

from bilag.identity.applications import get_application, revoke_client
from bilag.identity.context import Services
from tests.factories import World
from tests.identity.conftest import DINERO, basic, tokens_for

PATH = "/connect/userinfo"


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def test_claims_follow_the_granted_scopes(
    client: TestClient, services: Services, world: World
) -> None:
    tokens = tokens_for(client, services, world, scopes=["openid", "profile", "email", *DINERO])
    response = client.get(PATH, headers=_bearer(tokens["access_token"]))
    assert response.status_code == 200
    body = response.json()
    assert body.pop("sub")
    assert body == {
        "name": "Alice Andersen",
        "given_name": "Alice",
        "family_name": "Andersen",
        "email": "alice@example.com",
        "email_verified": False,
    }
    only_openid = tokens_for(client, services, world, scopes=["openid", *DINERO])
    assert set(client.get(PATH, headers=_bearer(only_openid["access_token"])).json()) == {"sub"}


def test_post_with_header_or_form_body(
    client: TestClient, services: Services, world: World
) -> None:
    tokens = tokens_for(client, services, world)
    assert client.post(PATH, headers=_bearer(tokens["access_token"])).status_code == 200
    in_body = client.post(PATH, data={"access_token": tokens["access_token"]})
    assert in_body.status_code == 200
    both = client.post(
        PATH, data={"access_token": tokens["access_token"]}, headers=_bearer(tokens["access_token"])
    )
    assert both.status_code == 400 and both.json()["error"] == "invalid_request"


def test_missing_and_invalid_tokens_get_401_with_a_bearer_challenge(client: TestClient) -> None:
    missing = client.get(PATH)
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"].startswith("Bearer")
    for junk in ["junk", "a.b.c", "eyJhbGciOiJub25lIn0.e30."]:
        response = client.get(PATH, headers=_bearer(junk))
        assert response.status_code == 401
        assert 'error="invalid_token"' in response.headers["www-authenticate"]
        assert response.json()["error"] == "invalid_token"


def test_token_without_openid_gets_403_insufficient_scope(
    client: TestClient, services: Services, world: World
) -> None:
    tokens = tokens_for(client, services, world, scopes=DINERO)
    response = client.get(PATH, headers=_bearer(tokens["access_token"]))
    assert response.status_code == 403
    assert 'error="insufficient_scope"' in response.headers["www-authenticate"]


def test_expired_token_is_refused_beyond_the_leeway(
    client: TestClient, services: Services, world: World
) -> None:
    tokens = tokens_for(client, services, world)
    with time_machine.travel(datetime.now(UTC) + timedelta(seconds=3600 + 30)):
        assert client.get(PATH, headers=_bearer(tokens["access_token"])).status_code == 200
    with time_machine.travel(datetime.now(UTC) + timedelta(seconds=3600 + 121)):
        assert client.get(PATH, headers=_bearer(tokens["access_token"])).status_code == 401


def test_operator_revoked_client_loses_its_tokens(
    client: TestClient, services: Services, world: World
) -> None:
    tokens = tokens_for(client, services, world)
    with services.database.write() as session:
        application = get_application(session, world.client_id)
        assert application is not None
        revoke_client(session, application, "abuse")
    assert client.get(PATH, headers=_bearer(tokens["access_token"])).status_code == 401


def test_algorithm_confusion_and_token_type_confusion_are_refused(
    client: TestClient, services: Services, world: World
) -> None:
    tokens = tokens_for(client, services, world)
    header = jwt.get_unverified_header(tokens["access_token"])
    claims = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    unsigned = ".".join(
        [
            _b64(json.dumps({**header, "alg": "none"}).encode()),
            _b64(json.dumps(claims).encode()),
            "",
        ]
    )
    public_pem = services.keys.signing_key().as_pem(private=False)
    signing_input = ".".join(
        [_b64(json.dumps({**header, "alg": "HS256"}).encode()), _b64(json.dumps(claims).encode())]
    )
    mac = hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()
    hs256_with_public_key = f"{signing_input}.{_b64(mac)}"
    for forged in [unsigned, hs256_with_public_key, tokens["id_token"]]:
        response = client.get(PATH, headers=_bearer(forged))
        assert response.status_code == 401, forged


def test_legacy_organization_token_has_no_user_info(
    client: TestClient, services: Services, world: World
) -> None:
    key = world.api_keys[world.pro_org]
    body = client.post(
        "/dineroapi/oauth/token",
        data={"grant_type": "password", "username": key, "password": key},
        headers=basic(world.client_id, world.client_secret),
    ).json()
    assert client.get(PATH, headers=_bearer(body["access_token"])).status_code == 403
