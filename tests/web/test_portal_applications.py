"""My Applications over the in-process app: only the owner sees an application, a secret is
shown once on a page never cached, a new secret kills the old one, and forms need CSRF."""

from __future__ import annotations

import re
from typing import Any

import pytest
from starlette.testclient import TestClient

from bilag.identity.context import Services
from tests.factories import World, make_world
from tests.identity.conftest import basic
from tests.web.pages import csrf_token, log_in, readonly_value

APPS = "/developer/applications"
NEW_APP = {
    "name": "Webshop Sync",
    "app_type": "web",
    "redirect_uris": "https://shop.example/cb",
    "scopes": ["dineropublicapi:read", "dineropublicapi:write"],
    "offline_access": "on",
    "refresh_token_usage": "one_time",
    "refresh_token_lifetime_days": "365",
    "refresh_grace_seconds": "",
}


def _legacy(client: TestClient, world: World, client_id: str, secret: str) -> str:
    """The error of the legacy grant for these client credentials ('' when it works)."""
    key = world.api_keys[world.pro_org]
    form = {"grant_type": "password", "username": key, "password": key}
    answer = client.post("/dineroapi/oauth/token", data=form, headers=basic(client_id, secret))
    error: str = "" if answer.status_code == 200 else answer.json()["error"]
    return error


def _create(client: TestClient, **changes: object):  # type: ignore[no-untyped-def]
    page = client.get(f"{APPS}/new")
    assert page.status_code == 200
    return client.post(
        f"{APPS}/new", data={**NEW_APP, **changes, "csrf_token": csrf_token(page.text)}
    )


@pytest.fixture
def services(app: Any) -> Services:
    found: Services = app.state.services
    return found


@pytest.fixture
def world(services: Services) -> World:
    return make_world(services.database, pepper=services.settings.secret_pepper)


@pytest.fixture
def alice(client: TestClient, world: World) -> TestClient:
    log_in(client, world.alice_email)
    return client


def test_creating_shows_the_secret_once_and_it_works(alice: TestClient, world: World) -> None:
    created = _create(alice)
    assert created.status_code == 200
    assert created.headers["cache-control"] == "no-store"
    assert "isv_webshop_sync" in created.text
    secret = readonly_value(created.text, "client-secret")
    assert 'data-copy="client-secret"' in created.text
    assert _legacy(alice, world, "isv_webshop_sync", secret) == ""
    listing = alice.get(APPS)
    assert "isv_webshop_sync" in listing.text and world.client_id in listing.text
    details = alice.get(f"{APPS}/isv_webshop_sync")
    assert details.status_code == 200
    assert secret not in details.text and secret not in listing.text
    assert f"…{secret[-4:]}" in details.text
    assert "https://shop.example/cb" in details.text and "offline_access" in details.text


def test_a_new_secret_is_shown_once_and_the_old_one_dies(alice: TestClient, world: World) -> None:
    details = alice.get(f"{APPS}/{world.client_id}")
    answer = alice.post(
        f"{APPS}/{world.client_id}/secret", data={"csrf_token": csrf_token(details.text)}
    )
    assert answer.status_code == 200
    assert answer.headers["cache-control"] == "no-store"
    new_secret = readonly_value(answer.text, "client-secret")
    assert new_secret != world.client_secret
    assert _legacy(alice, world, world.client_id, world.client_secret) == "invalid_client"
    assert _legacy(alice, world, world.client_id, new_secret) == ""
    assert new_secret not in alice.get(f"{APPS}/{world.client_id}").text


def test_only_the_owner_sees_or_changes_an_application(
    client: TestClient, services: Services, world: World
) -> None:
    log_in(client, world.bob_email)
    assert world.client_id not in client.get(APPS).text
    details = client.get(f"{APPS}/{world.client_id}")
    assert details.status_code == 404
    unknown = client.get(f"{APPS}/isv_nobody")
    assert unknown.status_code == 404
    assert details.text.replace(world.client_id, "X") == unknown.text.replace("isv_nobody", "X")
    token = csrf_token(client.get(f"{APPS}/new").text)
    for path in ("secret", "redirect-uris"):
        refused = client.post(
            f"{APPS}/{world.client_id}/{path}",
            data={"csrf_token": token, "redirect_uris": "https://evil.example/cb"},
        )
        assert refused.status_code == 404
    assert _legacy(client, world, world.client_id, world.client_secret) == ""


@pytest.mark.parametrize("path", ["new", "{client_id}/secret", "{client_id}/redirect-uris"])
def test_forms_without_the_csrf_token_are_refused(
    alice: TestClient, world: World, path: str
) -> None:
    target = f"{APPS}/" + path.format(client_id=world.client_id)
    answer = alice.post(target, data={**NEW_APP, "redirect_uris": "https://evil.example/cb"})
    assert answer.status_code == 403
    assert _legacy(alice, world, world.client_id, world.client_secret) == ""
    assert "Webshop Sync" not in alice.get(APPS).text
    assert "evil.example" not in alice.get(f"{APPS}/{world.client_id}").text


def test_form_errors_are_named_and_the_form_comes_back_filled(alice: TestClient) -> None:
    answer = _create(alice, redirect_uris="http://shop.example/cb", refresh_grace_seconds="3")
    assert answer.status_code == 422
    assert "http://shop.example/cb" in answer.text
    assert 'id="redirect_uris-error"' in answer.text
    assert 'id="refresh_grace_seconds-error"' in answer.text
    assert 'value="Webshop Sync"' in answer.text
    assert "Webshop Sync" not in alice.get(APPS).text


def test_a_taken_name_is_a_conflict(alice: TestClient) -> None:
    assert _create(alice).status_code == 200
    again = _create(alice)
    assert again.status_code == 409 and 'id="name-error"' in again.text


def test_native_applications_have_no_secret(alice: TestClient) -> None:
    created = _create(alice, name="Phone", app_type="native", redirect_uris="com.example.phone:/cb")
    assert created.status_code == 200  # followed to the details page
    assert "isv_phone" in created.text and "PKCE" in created.text
    assert 'id="client-secret"' not in created.text
    refused = alice.post(f"{APPS}/isv_phone/secret", data={"csrf_token": csrf_token(created.text)})
    assert refused.status_code == 409


def test_redirect_uris_can_be_edited(alice: TestClient, world: World) -> None:
    page = alice.get(f"{APPS}/{world.client_id}")
    token = csrf_token(page.text)
    target = f"{APPS}/{world.client_id}/redirect-uris"
    saved = alice.post(
        target,
        data={"csrf_token": token, "redirect_uris": "https://a.example/cb\nhttps://b.example/cb"},
    )
    assert saved.status_code == 200
    assert "https://b.example/cb" in saved.text
    bad = alice.post(target, data={"csrf_token": token, "redirect_uris": "javascript:alert(1)"})
    assert bad.status_code == 422 and "javascript" in bad.text
    assert re.search(r"https://a\.example/cb\s+https://b\.example/cb", alice.get(target[:-14]).text)


def test_an_application_links_to_its_usage_and_its_debugger(
    alice: TestClient, world: World
) -> None:
    page = alice.get(f"{APPS}/{world.client_id}")
    assert page.status_code == 200
    usage = f'href="{APPS}/{world.client_id}/usage"'
    assert usage in page.text
    assert f'href="/connect/debugger?client={world.client_id}"' in page.text
    assert alice.get(f"{APPS}/{world.client_id}/usage").status_code == 200
