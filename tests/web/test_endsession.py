"""RP-initiated logout over real HTTP: the session always ends; the browser goes back to the
application only to a registered post_logout_redirect_uri proven by a valid id_token_hint."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from joserfc import jwt
from joserfc.jwk import RSAKey
from sqlalchemy import select

from bilag.config import Settings
from bilag.identity.applications import get_application, revoke_client
from bilag.identity.id_tokens import issue_id_token
from bilag.identity.keys import KeyStore
from bilag.identity.tokens import issue_access_token
from bilag.storage.db import Database
from bilag.storage.models import BrowserSession
from tests.factories import World, make_world
from tests.web.browser import Browser

PEPPER = "bilag-dev-pepper"
AFTER_LOGOUT = "https://app.example.com/signed-out"


@dataclass
class Site:
    base_url: str
    database: Database
    keys: KeyStore
    settings: Settings
    world: World
    browser: Browser

    def hint(self, *, client_id: str | None = None, expired: bool = False) -> str:
        now = 1_000_000 if expired else None
        return issue_id_token(
            self.keys,
            self.settings,
            client_id=client_id or self.world.client_id,
            subject="someone",
            auth_time=None,
            session_id=None,
            nonce=None,
            access_token=None,
            now=now,
        )

    def log_in(self) -> None:
        login_page = self.browser.client.get("/connect/login")
        answer = self.browser.log_in(login_page, self.world.alice_email, self.world.password)
        assert answer.status_code == 303

    def session_ended(self) -> bool:
        with self.database.read() as session:
            return session.scalars(select(BrowserSession.ended_at)).one() is not None


@pytest.fixture
def site(live_server: str, database_url: str) -> Iterator[Site]:
    database = Database(database_url)
    settings = Settings.from_env(env={}, database_url=database_url, base_url=live_server)
    keys = KeyStore(database, rotation_days=90, token_lifetime=3600)
    world = make_world(database, pepper=PEPPER, post_logout_redirect_uris=[AFTER_LOGOUT])
    browser = Browser(live_server)
    site = Site(live_server, database, keys, settings, world, browser)
    site.log_in()
    yield site
    browser.close()
    database.dispose()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_valid_hint_sends_the_browser_back_with_state(site: Site, method: str) -> None:
    parameters = {
        "id_token_hint": site.hint(expired=True),  # an expired hint still names the client
        "post_logout_redirect_uri": AFTER_LOGOUT,
        "state": "bye & see you",
    }
    if method == "GET":
        answer = site.browser.client.get("/connect/endsession", params=parameters)
    else:
        answer = site.browser.client.post("/connect/endsession", data=parameters)
    assert answer.status_code == (302 if method == "GET" else 303)
    location = answer.headers["location"]
    assert location == AFTER_LOGOUT + "?state=bye+%26+see+you"
    assert site.session_ended()
    assert 'bilag_session=""' in answer.headers["set-cookie"]


def test_without_a_redirect_the_logged_out_page_is_shown(site: Site) -> None:
    answer = site.browser.client.get("/connect/endsession")
    assert answer.status_code == 200 and "location" not in answer.headers
    assert "You are logged out" in answer.text
    assert answer.headers["x-frame-options"] == "DENY"
    assert site.session_ended()


def other_keys_hint(site: Site) -> str:
    key = RSAKey.generate_key(2048, parameters={"kid": "stranger"}, private=True)
    claims = {"iss": site.base_url, "aud": site.world.client_id, "sub": "x"}
    return jwt.encode({"alg": "RS256", "kid": "stranger"}, claims, key, algorithms=["RS256"])


def access_token_hint(site: Site) -> str:
    token, _ = issue_access_token(
        site.keys,
        site.settings,
        grant_id="g",
        client_id=site.world.client_id,
        scopes=["dineropublicapi:read"],
        subject="s",
    )
    return token


@pytest.mark.parametrize(
    ("make_hint", "target", "client_id"),
    [
        (None, AFTER_LOGOUT, None),
        (lambda site: "not a token", AFTER_LOGOUT, None),
        (other_keys_hint, AFTER_LOGOUT, None),
        (access_token_hint, AFTER_LOGOUT, None),
        (lambda site: site.hint(client_id="isv_someone_else"), AFTER_LOGOUT, None),
        (lambda site: site.hint(), "https://evil.example.com/", None),
        (lambda site: site.hint(), AFTER_LOGOUT + "/", None),
        (lambda site: site.hint(), AFTER_LOGOUT, "isv_someone_else"),
    ],
)
def test_anything_unproven_or_unregistered_is_not_followed(
    site: Site, make_hint: object, target: str, client_id: str | None
) -> None:
    parameters = {"post_logout_redirect_uri": target}
    if make_hint is not None:
        parameters["id_token_hint"] = make_hint(site)  # type: ignore[operator]
    if client_id is not None:
        parameters["client_id"] = client_id
    answer = site.browser.client.get("/connect/endsession", params=parameters)
    assert answer.status_code == 200 and "location" not in answer.headers
    assert "You are logged out" in answer.text and "not sent back" in answer.text
    assert site.session_ended()


def test_a_hint_for_a_revoked_client_is_not_followed(site: Site) -> None:
    with site.database.write() as session:
        application = get_application(session, site.world.client_id)
        assert application is not None
        revoke_client(session, application, "gone")
    answer = site.browser.client.get(
        "/connect/endsession",
        params={"id_token_hint": site.hint(), "post_logout_redirect_uri": AFTER_LOGOUT},
    )
    assert answer.status_code == 200 and "location" not in answer.headers


def test_duplicated_or_huge_parameters_get_a_400_page(site: Site) -> None:
    duplicated = site.browser.client.get("/connect/endsession?state=a&state=b")
    assert duplicated.status_code == 400 and "text/html" in duplicated.headers["content-type"]
    huge = httpx.get(f"{site.base_url}/connect/endsession", params={"id_token_hint": "x" * 9000})
    assert huge.status_code == 400
    assert site.browser.client.put("/connect/endsession").status_code == 405
