"""Indstillinger over the in-process app: API keys shown once and revoked with their tokens,
Pro and its 403 (code 90), users, and authorized apps revoked at once. Every form needs the
session's CSRF token, and only members reach an organization's settings."""

from __future__ import annotations

import re
from typing import Any

import pytest
from starlette.testclient import TestClient

from bilag.identity.context import Services
from tests.factories import World, make_world
from tests.identity.conftest import basic, tokens_for
from tests.web.pages import csrf_token, log_in, readonly_value

LEGACY = "/dineroapi/oauth/token"


def settings(world: World, section: str = "", org: int | None = None) -> str:
    return f"/app/{org or world.pro_org}/settings" + (f"/{section}" if section else "")


def _legacy(client: TestClient, world: World, key: str):  # type: ignore[no-untyped-def]
    form = {"grant_type": "password", "username": key, "password": key}
    return client.post(LEGACY, data=form, headers=basic(world.client_id, world.client_secret))


def _contacts(client: TestClient, token: str, org: int):  # type: ignore[no-untyped-def]
    return client.get(f"/v1/{org}/contacts", headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def services(app: Any) -> Services:
    found: Services = app.state.services
    return found


@pytest.fixture
def world(services: Services) -> World:
    return make_world(services.database, pepper=services.settings.secret_pepper)


@pytest.fixture
def alice(client: TestClient, world: World) -> TestClient:
    log_in(client, world.alice_email, settings(world))
    return client


def test_the_index_links_every_section(alice: TestClient, world: World) -> None:
    page = alice.get(settings(world))
    assert page.status_code == 200
    for section in ("api-keys", "subscription", "users", "applications", "invoices"):
        assert f'href="{settings(world, section)}"' in page.text


def test_only_members_reach_the_settings(
    client: TestClient, alice: TestClient, world: World
) -> None:
    assert alice.get(settings(world, "api-keys", world.other_org)).status_code == 403
    client.cookies.clear()
    anonymous = client.get(settings(world, "api-keys"), follow_redirects=False)
    assert anonymous.status_code in (302, 303)
    assert "/connect/login" in anonymous.headers["location"]


def test_an_api_key_is_shown_once_and_its_revocation_kills_its_tokens(
    alice: TestClient, world: World
) -> None:
    page = alice.get(settings(world, "api-keys"))
    created = alice.post(
        settings(world, "api-keys"), data={"csrf_token": csrf_token(page.text), "name": "Webshop"}
    )
    assert created.status_code == 200
    assert created.headers["cache-control"] == "no-store"
    key = readonly_value(created.text, "api-key")
    token = _legacy(alice, world, key).json()["access_token"]
    assert _contacts(alice, token, world.pro_org).status_code == 200
    listing = alice.get(settings(world, "api-keys"))
    assert key not in listing.text and f"…{key[-4:]}" in listing.text
    revoke_link = re.search(r'href="([^"]+/revoke)"', listing.text)
    assert revoke_link is not None
    confirm = alice.get(revoke_link.group(1))
    assert confirm.status_code == 200 and "Webshop" in confirm.text
    done = alice.post(
        revoke_link.group(1), data={"csrf_token": csrf_token(confirm.text)}, follow_redirects=False
    )
    assert done.status_code == 303
    assert _contacts(alice, token, world.pro_org).status_code == 401
    refused = _legacy(alice, world, key)
    assert refused.status_code == 400 and refused.json()["error"] == "invalid_grant"
    assert key not in alice.get(settings(world, "api-keys")).text
    again = alice.post(revoke_link.group(1), data={"csrf_token": csrf_token(confirm.text)})
    assert again.status_code == 404


def test_a_key_needs_a_name(alice: TestClient, world: World) -> None:
    page = alice.get(settings(world, "api-keys"))
    answer = alice.post(
        settings(world, "api-keys"), data={"csrf_token": csrf_token(page.text), "name": " "}
    )
    assert answer.status_code == 422
    assert "Giv nøglen et navn" in answer.text or "Give the key a name" in answer.text


@pytest.mark.parametrize(
    "path",
    ["api-keys", "subscription", "users", "applications/no-grant/revoke", "api-keys/1/revoke"],
)
def test_forms_without_the_csrf_token_are_refused(
    alice: TestClient, services: Services, world: World, path: str
) -> None:
    answer = alice.post(settings(world, path), data={"name": "Sneaky", "pro": "off"})
    assert answer.status_code == 403
    with services.database.read() as session:
        from bilag.identity.api_keys import api_keys_of
        from bilag.storage.models import Organization

        assert [k.name for k in api_keys_of(session, world.pro_org)] == ["API key"]
        assert all(k.revoked_at is None for k in api_keys_of(session, world.pro_org))
        organization = session.get(Organization, world.pro_org)
        assert organization is not None and organization.is_pro


def test_pro_off_makes_the_api_answer_403_code_90(
    alice: TestClient, services: Services, world: World
) -> None:
    token = tokens_for(alice, services, world)["access_token"]
    assert _contacts(alice, token, world.pro_org).status_code == 200
    page = alice.get(settings(world, "subscription"))
    assert "90" in page.text
    off = alice.post(
        settings(world, "subscription"),
        data={"csrf_token": csrf_token(page.text), "pro": "off"},
    )
    assert off.status_code == 200
    refused = _contacts(alice, token, world.pro_org)
    assert refused.status_code == 403 and refused.json()["code"] == 90
    on = alice.post(
        settings(world, "subscription"), data={"csrf_token": csrf_token(off.text), "pro": "on"}
    )
    assert on.status_code == 200
    assert _contacts(alice, token, world.pro_org).status_code == 200
    bad = alice.post(
        settings(world, "subscription"), data={"csrf_token": csrf_token(on.text), "pro": "maybe"}
    )
    assert bad.status_code == 400


def test_users_are_added_by_email_and_the_last_one_stays(alice: TestClient, world: World) -> None:
    page = alice.get(settings(world, "users"))
    token = csrf_token(page.text)
    add = settings(world, "users")
    unknown = alice.post(add, data={"csrf_token": token, "email": "nobody@example.com"})
    assert unknown.status_code == 404 and "nobody@example.com" in unknown.text
    added = alice.post(add, data={"csrf_token": token, "email": "BOB@example.com"})
    assert added.status_code == 200 and world.bob_email in added.text
    twice = alice.post(add, data={"csrf_token": token, "email": world.bob_email})
    assert twice.status_code == 409
    alice_remove, bob_remove = re.findall(r'action="([^"]+/remove)"', added.text)
    removed = alice.post(bob_remove, data={"csrf_token": token})
    assert removed.status_code == 200 and world.bob_email not in removed.text
    last = alice.post(alice_remove, data={"csrf_token": token})
    assert last.status_code == 409
    assert world.alice_email in alice.get(settings(world, "users")).text


def test_revoking_an_authorized_app_makes_its_token_answer_401(
    alice: TestClient, services: Services, world: World
) -> None:
    token = tokens_for(alice, services, world)["access_token"]
    page = alice.get(settings(world, "applications"))
    assert page.status_code == 200
    assert "Test Integration" in page.text and world.client_id in page.text
    action = re.search(r'action="([^"]+/revoke)"', page.text)
    assert action is not None
    done = alice.post(action.group(1), data={"csrf_token": csrf_token(page.text)})
    assert done.status_code == 200 and "Test Integration" not in done.text
    assert _contacts(alice, token, world.pro_org).status_code == 401
    again = alice.post(action.group(1), data={"csrf_token": csrf_token(page.text)})
    assert again.status_code == 404


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/app/abc/settings", 403),
        ("/app/{org}/settings/api-keys/abc/revoke", 404),
        ("/app/{org}/settings/api-keys/99999/revoke", 404),
    ],
)
def test_odd_paths_get_pages_not_errors(
    alice: TestClient, world: World, path: str, status: int
) -> None:
    answer = alice.get(path.format(org=world.pro_org))
    assert answer.status_code == status
    assert answer.headers["content-type"].startswith("text/html")
