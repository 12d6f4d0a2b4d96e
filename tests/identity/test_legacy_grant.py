"""POST /dineroapi/oauth/token: the organization API-key password grant (dinero-api.md §6.1)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from bilag.identity.access import authenticate_bearer
from bilag.identity.context import Services
from bilag.storage.models import Grant, IdentityEvent
from tests.factories import World
from tests.identity.conftest import add_application, basic, decode_with_jwks

PATH = "/dineroapi/oauth/token"


def _legacy(client: TestClient, world: World, key: str, **extra: str):  # type: ignore[no-untyped-def]
    form = {"grant_type": "password", "username": key, "password": key, **extra}
    return client.post(PATH, data=form, headers=basic(world.client_id, world.client_secret))


@pytest.mark.parametrize("scope", [None, "read write", "write read"])
def test_api_key_gets_a_token_bound_to_its_organization(
    client: TestClient, services: Services, world: World, scope: str | None
) -> None:
    extra = {"scope": scope} if scope else {}
    response = _legacy(client, world, world.api_keys[world.pro_org], **extra)
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600
    assert "refresh_token" not in body
    claims = decode_with_jwks(
        client, body["access_token"], audience="https://api.dinero.dk", typ="at+jwt"
    )
    assert claims["org"] == world.pro_org
    assert claims["scope"] == ["read", "write"]
    assert "sub" not in claims
    with services.database.read() as session:
        grant = session.scalars(select(Grant)).one()
    assert grant.organization_id == world.pro_org and grant.user_id is None
    principal = authenticate_bearer(
        services.database, services.keys, services.settings, body["access_token"]
    )
    assert principal.organization_id == world.pro_org and principal.can_write


def test_read_scope_alone_gives_a_read_only_token(
    client: TestClient, services: Services, world: World
) -> None:
    body = _legacy(client, world, world.api_keys[world.free_org], scope="read").json()
    principal = authenticate_bearer(
        services.database, services.keys, services.settings, body["access_token"]
    )
    assert principal.can_read and not principal.can_write
    assert principal.organization_id == world.free_org


@pytest.mark.parametrize(
    ("form", "status", "error"),
    [
        ({"grant_type": "password", "username": "nope", "password": "nope"}, 400, "invalid_grant"),
        ({"grant_type": "password", "username": "KEY", "password": "other"}, 400, "invalid_grant"),
        ({"grant_type": "password", "password": "KEY"}, 400, "invalid_request"),
        ({"grant_type": "client_credentials"}, 400, "unsupported_grant_type"),
        ({"username": "KEY", "password": "KEY"}, 400, "invalid_request"),
        ({"grant_type": "password", "username": "KEY", "password": "KEY", "scope": "admin"},
         400, "invalid_scope"),
    ],
)  # fmt: skip
def test_bad_legacy_requests(
    client: TestClient, services: Services, world: World, form: dict, status: int, error: str
) -> None:
    key = world.api_keys[world.pro_org]
    filled = {name: value.replace("KEY", key) for name, value in form.items()}
    response = client.post(PATH, data=filled, headers=basic(world.client_id, world.client_secret))
    assert response.status_code == status
    assert response.json()["error"] == error
    with services.database.read() as session:
        assert session.scalars(select(Grant)).all() == []


def test_client_must_authenticate(client: TestClient, world: World) -> None:
    key = world.api_keys[world.pro_org]
    form = {"grant_type": "password", "username": key, "password": key}
    anonymous = client.post(PATH, data=form)
    assert anonymous.status_code == 401 and anonymous.json()["error"] == "invalid_client"
    wrong = client.post(PATH, data=form, headers=basic(world.client_id, "wrong"))
    assert wrong.status_code == 401
    assert wrong.headers["www-authenticate"].startswith("Basic")


def test_service_application_is_refused_and_recorded(
    client: TestClient, services: Services, world: World
) -> None:
    client_id, secret = add_application(services, "Batch", app_type="service")
    key = world.api_keys[world.pro_org]
    form = {"grant_type": "password", "username": key, "password": key}
    response = client.post(PATH, data=form, headers=basic(client_id, secret))
    assert response.json()["error"] == "unauthorized_client"
    with services.database.read() as session:
        kinds = session.scalars(select(IdentityEvent.kind)).all()
    assert "app_type_refused" in kinds
