"""Organization API keys: listed without the key, revoked with every token the key fetched."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from bilag.identity.access import RevokedAccess, authenticate_bearer
from bilag.identity.api_keys import (
    ApiKeyNotFound,
    api_key_name_problem,
    api_keys_of,
    get_live_api_key,
    revoke_api_key,
)
from bilag.identity.context import Services
from bilag.identity.organizations import create_api_key
from bilag.storage.models import Grant, IdentityEvent, Organization
from tests.factories import World
from tests.identity.conftest import basic

LEGACY = "/dineroapi/oauth/token"


def _legacy_token(client: TestClient, world: World, key: str) -> dict:
    form = {"grant_type": "password", "username": key, "password": key}
    response = client.post(LEGACY, data=form, headers=basic(world.client_id, world.client_secret))
    body: dict = response.json()
    assert response.status_code in (200, 400), response.text
    return body


def _second_key(services: Services, world: World, name: str) -> str:
    with services.database.write() as session:
        organization = session.get(Organization, world.pro_org)
        assert organization is not None
        return create_api_key(
            session, organization=organization, pepper=services.settings.secret_pepper, name=name
        )


def test_keys_are_listed_by_name_and_hint_only(services: Services, world: World) -> None:
    key = _second_key(services, world, "Webshop")
    with services.database.read() as session:
        listed = api_keys_of(session, world.pro_org)
    assert [k.name for k in listed] == ["Webshop", "API key"]
    assert listed[0].hint == key[-4:] and listed[0].revoked_at is None
    assert all(key not in repr(view) for view in listed)
    with services.database.read() as session:
        assert [k.name for k in api_keys_of(session, world.other_org)] == ["API key"]


def test_revoking_a_key_kills_its_tokens_and_no_other_keys(
    client: TestClient, services: Services, world: World
) -> None:
    other_key = _second_key(services, world, "Lønsystem")
    doomed = world.api_keys[world.pro_org]
    first = _legacy_token(client, world, doomed)["access_token"]
    second = _legacy_token(client, world, doomed)["access_token"]
    kept = _legacy_token(client, world, other_key)["access_token"]
    pepper = services.settings.secret_pepper
    with services.database.write() as session:
        row = get_live_api_key(session, doomed, pepper)
        assert row is not None
        assert revoke_api_key(session, world.pro_org, row.id) == 2
    for token in (first, second):
        with pytest.raises(RevokedAccess):
            authenticate_bearer(services.database, services.keys, services.settings, token)
    survivor = authenticate_bearer(services.database, services.keys, services.settings, kept)
    assert survivor.organization_id == world.pro_org
    refused = _legacy_token(client, world, doomed)
    assert refused["error"] == "invalid_grant" and "revoked" in refused["error_description"]
    assert "access_token" in _legacy_token(client, world, other_key)
    with services.database.read() as session:
        assert get_live_api_key(session, doomed, pepper) is None
        listed = {k.name: k for k in api_keys_of(session, world.pro_org)}
        assert listed["API key"].revoked_at is not None
        reasons = session.scalars(select(Grant.revoke_reason).where(Grant.revoked_at.is_not(None)))
        assert all("API key" in (reason or "") for reason in reasons)
        kinds = session.scalars(select(IdentityEvent.kind)).all()
        assert "api_key_revoked" in kinds


def test_a_key_of_another_organization_or_a_revoked_key_is_not_found(
    services: Services, world: World
) -> None:
    pepper = services.settings.secret_pepper
    with services.database.write() as session:
        bobs = get_live_api_key(session, world.api_keys[world.other_org], pepper)
        assert bobs is not None
        with pytest.raises(ApiKeyNotFound):
            revoke_api_key(session, world.pro_org, bobs.id)
        revoke_api_key(session, world.other_org, bobs.id)
        with pytest.raises(ApiKeyNotFound):
            revoke_api_key(session, world.other_org, bobs.id)


@pytest.mark.parametrize(
    ("name", "problem"), [("Webshop", None), ("  ", "missing"), ("x" * 201, "too_long")]
)
def test_key_names(name: str, problem: str | None) -> None:
    assert api_key_name_problem(name) == problem
