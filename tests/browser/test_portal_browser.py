"""My Applications in Chromium: create an application and get its secret; authorize it through
the consent page with a switch of account in the middle; regenerate the secret and watch the old
one fail at the token endpoint."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

from bilag.identity.users import get_user_by_email
from bilag.storage.db import Database
from tests.browser.conftest import WebServer
from tests.browser.helpers import assert_accessible, login, screenshot
from tests.identity.conftest import basic, decode_with_jwks

APPS = "/developer/applications"


def create_application(page: Any, server: WebServer, name: str) -> tuple[str, str, str]:
    """Fill in the new-application form; returns (client id, secret, redirect URI)."""
    redirect_uri = f"{server.base_url}/demo/callback"
    page.goto(f"{server.base_url}{APPS}")
    page.get_by_role("link", name="Ny applikation").click()
    page.get_by_label("Navn", exact=True).fill(name)
    page.get_by_label("Web", exact=True).check()
    page.get_by_label(re.compile("Omdirigerings-URI")).fill(redirect_uri)
    page.get_by_label("dineropublicapi:write").check()
    page.get_by_role("button", name="Opret").click()
    page.wait_for_load_state()
    client_id = page.locator("#client-id").inner_text()
    secret = page.locator("#client-secret").input_value()
    return client_id, secret, redirect_uri


def authorize_url(server: WebServer, client_id: str, redirect_uri: str) -> str:
    query = {
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "response_type": "code",
        "scope": "dineropublicapi:read dineropublicapi:write offline_access",
        "state": "browser-1",
        "ui_locales": "da-DK",
    }
    return f"{server.base_url}/connect/authorize?{urlencode(query)}"


def code_from(page: Any) -> str:
    page.wait_for_url(re.compile(r".*/demo/callback\?.*code=.*"))
    query = parse_qs(urlsplit(page.url).query)
    assert query["state"] == ["browser-1"]
    return query["code"][0]


def exchange(
    server: WebServer, client_id: str, secret: str, code: str, redirect_uri: str
) -> httpx.Response:
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
    with httpx.Client(base_url=server.base_url, timeout=30) as http:
        return http.post("/connect/token", data=form, headers=basic(client_id, secret))


def test_create_an_application_and_get_its_secret(web_server: WebServer, page: Any) -> None:
    world = web_server.world
    login(page, web_server.base_url, world.alice_email, world.password, then=APPS)
    assert_accessible(page)
    page.get_by_role("link", name="Ny applikation").click()
    assert_accessible(page)
    screenshot(page, "portal-new-application")
    client_id, secret, _ = create_application(page, web_server, "Kassesystem")
    assert client_id == "isv_kassesystem" and len(secret) >= 43
    assert page.get_by_role("button", name="Kopiér").is_visible()  # copy.js ran
    assert_accessible(page)
    screenshot(page, "portal-secret-once")
    key = world.api_keys[world.pro_org]
    form = {"grant_type": "password", "username": key, "password": key}
    with httpx.Client(base_url=web_server.base_url, timeout=30) as http:
        answer = http.post("/dineroapi/oauth/token", data=form, headers=basic(client_id, secret))
    assert answer.status_code == 200, answer.text
    page.get_by_role("link", name="Tilbage til applikationen").click()
    assert secret not in page.content() and f"…{secret[-4:]}" in page.content()
    assert_accessible(page)
    screenshot(page, "portal-application")


def test_authorize_through_consent_switching_account_gives_the_second_users_tokens(
    web_server: WebServer, page: Any
) -> None:
    world = web_server.world
    login(page, web_server.base_url, world.alice_email, world.password, then=APPS)
    client_id, secret, redirect_uri = create_application(page, web_server, "Skiftesystem")
    page.goto(authorize_url(web_server, client_id, redirect_uri))
    assert "alice@example.com" in page.locator(".user-email").inner_text()
    page.get_by_role("button", name="Log ud / skift konto").click()
    page.get_by_label(re.compile("E-mail", re.I)).fill(world.bob_email)
    page.get_by_label(re.compile("Adgangskode", re.I)).fill(world.password)
    page.get_by_role("button", name=re.compile("Log ind", re.I)).click()
    page.wait_for_load_state()
    assert "bob@example.com" in page.locator(".user-email").inner_text()
    assert "Skiftesystem" in page.locator(".app-name").inner_text()
    assert_accessible(page)
    screenshot(page, "portal-consent-switched")
    page.get_by_role("button", name="Tillad").click()
    answer = exchange(web_server, client_id, secret, code_from(page), redirect_uri)
    assert answer.status_code == 200, answer.text
    with httpx.Client(base_url=web_server.base_url, timeout=30) as http:
        claims = decode_with_jwks(
            http, answer.json()["access_token"], audience="https://api.dinero.dk", typ="at+jwt"
        )
    database = Database(web_server.database_url)
    try:
        with database.read() as session:
            bob = get_user_by_email(session, world.bob_email)
            alice = get_user_by_email(session, world.alice_email)
            assert bob is not None and alice is not None
            subjects = bob.sub, alice.sub
    finally:
        database.dispose()
    assert claims["sub"] == subjects[0] != subjects[1]
    assert claims["client_id"] == client_id


def test_regenerating_the_secret_makes_the_old_one_fail(web_server: WebServer, page: Any) -> None:
    world = web_server.world
    login(page, web_server.base_url, world.alice_email, world.password, then=APPS)
    client_id, old_secret, redirect_uri = create_application(page, web_server, "Fornyelse")
    page.get_by_role("link", name="Tilbage til applikationen").click()
    page.get_by_role("button", name="Generér ny hemmelighed").click()
    page.wait_for_load_state()
    new_secret = page.locator("#client-secret").input_value()
    assert new_secret != old_secret
    assert_accessible(page)
    screenshot(page, "portal-new-secret")
    page.goto(authorize_url(web_server, client_id, redirect_uri))
    page.get_by_role("button", name="Tillad").click()
    code = code_from(page)
    refused = exchange(web_server, client_id, old_secret, code, redirect_uri)
    assert refused.status_code == 401 and refused.json()["error"] == "invalid_client"
    accepted = exchange(web_server, client_id, new_secret, code, redirect_uri)
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["token_type"] == "Bearer"
