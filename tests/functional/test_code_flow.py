"""The whole authorization code flow over real HTTP, driven by independent OAuth clients:
Authlib's httpx client and requests-oauthlib. A user logs in and consents through the real
forms; the client exchanges the code, calls the API, refreshes, and revokes."""

from __future__ import annotations

from urllib.parse import urlencode

import httpx
import pytest
import requests
from authlib.common.security import generate_token
from authlib.integrations.httpx_client import OAuth2Client
from requests_oauthlib import OAuth2Session

from bilag.storage.db import Database
from tests.factories import World, make_world
from tests.functional.browser import Callback, authorize

SCOPES = "dineropublicapi:read dineropublicapi:write offline_access"
PEPPER = "bilag-dev-pepper"


@pytest.fixture
def world(live_server: str, database_url: str) -> World:
    database = Database(database_url)
    try:
        return make_world(database, pepper=PEPPER)
    finally:
        database.dispose()


def alice_authorizes(authorize_url: str, world: World) -> Callback:
    """Alice, in a fresh browser, logs in and accepts; where she is sent back."""
    with httpx.Client(timeout=30) as browser:
        return authorize(
            browser,
            authorize_url,
            redirect_uri=world.redirect_uri,
            email=world.alice_email,
            password=world.password,
        )


@pytest.mark.parametrize("auth_method", ["client_secret_basic", "client_secret_post"])
@pytest.mark.parametrize("response_mode", ["query", "form_post"])
def test_authlib_client_completes_the_flow(
    live_server: str, world: World, auth_method: str, response_mode: str
) -> None:
    oauth = OAuth2Client(
        client_id=world.client_id,
        client_secret=world.client_secret,
        scope=SCOPES,
        redirect_uri=world.redirect_uri,
        code_challenge_method="S256",
        token_endpoint_auth_method=auth_method,
        timeout=30,
    )
    verifier = generate_token(64)
    url, state = oauth.create_authorization_url(
        f"{live_server}/connect/authorize",
        code_verifier=verifier,
        response_mode=response_mode,
        nonce=generate_token(16),
    )
    callback = alice_authorizes(url, world)
    if response_mode == "form_post":
        assert callback.form is not None and callback.form["state"] == state
        response_url = f"{callback.url}?{urlencode(callback.form)}"
    else:
        assert callback.form is None
        response_url = callback.url
    token = oauth.fetch_token(
        f"{live_server}/connect/token", authorization_response=response_url, code_verifier=verifier
    )
    assert token["token_type"].lower() == "bearer" and token["expires_in"] == 3600
    assert set(token["scope"].split()) == set(SCOPES.split())

    organizations = httpx.get(
        f"{live_server}/v1/organizations",
        headers={"Authorization": f"Bearer {token['access_token']}"},
    )
    assert organizations.status_code == 200
    assert {o["id"] for o in organizations.json()} == {world.pro_org, world.free_org}

    refreshed = oauth.refresh_token(
        f"{live_server}/connect/token", refresh_token=token["refresh_token"]
    )
    assert refreshed["refresh_token"] != token["refresh_token"]
    contacts = httpx.get(
        f"{live_server}/v1/{world.pro_org}/contacts",
        headers={"Authorization": f"Bearer {refreshed['access_token']}"},
    )
    assert contacts.status_code == 200

    oauth.revoke_token(
        f"{live_server}/connect/revocation",
        refreshed["refresh_token"],
        token_type_hint="refresh_token",
    )
    after = httpx.get(
        f"{live_server}/v1/organizations",
        headers={"Authorization": f"Bearer {refreshed['access_token']}"},
    )
    assert after.status_code == 401


def test_requests_oauthlib_completes_the_flow(
    live_server: str, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OAUTHLIB_INSECURE_TRANSPORT", "1")  # the test server speaks plain HTTP
    session = OAuth2Session(
        world.client_id, redirect_uri=world.redirect_uri, scope=SCOPES.split(), pkce="S256"
    )
    url, _state = session.authorization_url(f"{live_server}/connect/authorize")
    callback = alice_authorizes(url, world)
    token = session.fetch_token(
        f"{live_server}/connect/token",
        authorization_response=callback.url,
        client_secret=world.client_secret,
        include_client_id=True,
    )
    api = session.get(f"{live_server}/v1/organizations")
    assert api.status_code == 200
    assert world.other_org not in {o["id"] for o in api.json()}

    refreshed = session.refresh_token(
        f"{live_server}/connect/token",
        refresh_token=token["refresh_token"],
        auth=requests.auth.HTTPBasicAuth(world.client_id, world.client_secret),
    )
    assert refreshed["access_token"] != token["access_token"]
    assert session.get(f"{live_server}/v1/{world.pro_org}/contacts").status_code == 200
    assert session.get(f"{live_server}/v1/{world.free_org}/contacts").status_code == 403
    assert session.get(f"{live_server}/v1/{world.other_org}/contacts").status_code == 401


def test_replayed_refresh_token_revokes_the_whole_authorization(
    live_server: str, world: World
) -> None:
    """The FAQ's replay detection: swapping a used refresh token kills the grant."""
    oauth = OAuth2Client(
        client_id=world.client_id,
        client_secret=world.client_secret,
        scope=SCOPES,
        redirect_uri=world.redirect_uri,
        code_challenge_method="S256",
        timeout=30,
    )
    verifier = generate_token(64)
    url, _ = oauth.create_authorization_url(
        f"{live_server}/connect/authorize", code_verifier=verifier
    )
    callback = alice_authorizes(url, world)
    first = oauth.fetch_token(
        f"{live_server}/connect/token", authorization_response=callback.url, code_verifier=verifier
    )
    second = oauth.refresh_token(
        f"{live_server}/connect/token", refresh_token=first["refresh_token"]
    )
    third = oauth.refresh_token(
        f"{live_server}/connect/token", refresh_token=second["refresh_token"]
    )

    replay = httpx.post(
        f"{live_server}/connect/token",
        data={"grant_type": "refresh_token", "refresh_token": first["refresh_token"]},
        auth=(world.client_id, world.client_secret),
    )
    assert replay.status_code == 400 and replay.json()["error"] == "invalid_grant"
    newest = httpx.post(
        f"{live_server}/connect/token",
        data={"grant_type": "refresh_token", "refresh_token": third["refresh_token"]},
        auth=(world.client_id, world.client_secret),
    )
    assert newest.status_code == 400 and newest.json()["error"] == "invalid_grant"
    api = httpx.get(
        f"{live_server}/v1/organizations",
        headers={"Authorization": f"Bearer {third['access_token']}"},
    )
    assert api.status_code == 401
