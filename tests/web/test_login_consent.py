"""The authorization front channel over real HTTP: login, consent, the code in both response
modes, Deny, switching account, CSRF, prompt and the pages that must never redirect."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import func, select

from bilag.config import Settings
from bilag.identity.applications import get_application
from bilag.identity.grants import create_grant
from bilag.identity.hashing import digest
from bilag.identity.login_throttle import login_blocked
from bilag.identity.users import get_user_by_email
from bilag.storage.db import Database
from bilag.storage.models import (
    AuthorizationCode,
    AuthorizationFailure,
    BrowserSession,
    utcnow,
)
from tests.factories import REDIRECT_URI, World, make_world
from tests.web.browser import CHALLENGE, Browser, forms, query_of

PEPPER = "bilag-dev-pepper"  # the live server's default
TRICKY_STATE = "a b+c/d?e=f&g=%20ø\"'<>#"


@dataclass
class Site:
    base_url: str
    database: Database
    world: World
    browser: Browser

    def user_id(self, email: str) -> int:
        with self.database.read() as session:
            user = get_user_by_email(session, email)
            assert user is not None
            return user.id

    def failures(self) -> list[AuthorizationFailure]:
        with self.database.read() as session:
            return list(session.scalars(select(AuthorizationFailure)))

    def codes(self) -> int:
        with self.database.read() as session:
            return session.scalar(select(func.count()).select_from(AuthorizationCode)) or 0


@pytest.fixture
def site(live_server: str, database_url: str) -> Iterator[Site]:
    database = Database(database_url)
    world = make_world(database, pepper=PEPPER)
    browser = Browser(live_server)
    yield Site(live_server, database, world, browser)
    browser.close()
    database.dispose()


def consent_page_for(site: Site, **overrides: str) -> httpx.Response:
    started = site.browser.authorize(site.world, **overrides)
    assert started.status_code == 302
    assert started.headers["location"].startswith("/connect/login?return_to=")
    page = site.browser.log_in_through(started, site.world)
    assert page.status_code == 200, page.text
    return page


def assert_secured(response: httpx.Response) -> None:
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["cache-control"] == "no-store"


def test_login_then_consent_then_code_by_query(site: Site) -> None:
    page = consent_page_for(
        site,
        state=TRICKY_STATE,
        nonce="n-42",
        code_challenge=CHALLENGE,
        code_challenge_method="S256",
        ui_locales="da-DK",
    )
    assert_secured(page)
    assert "Alice Andersen" in page.text and "alice@example.com" in page.text
    assert "Test Integration" in page.text
    assert "Læse dit regnskab i Dinero" in page.text  # ui_locales=da-DK: the scopes in Danish
    assert 'data-scope="offline_access"' in page.text
    assert "Log ud / skift konto" in page.text
    answer = site.browser.decide(page, "accept")
    assert answer.status_code == 303
    assert_secured(answer)
    location = answer.headers["location"]
    assert location.startswith(REDIRECT_URI + "?")
    query = query_of(location)
    assert query["state"] == [TRICKY_STATE]
    assert query["iss"] == [site.base_url]
    assert query["scope"] == ["dineropublicapi:read dineropublicapi:write offline_access"]
    code = query["code"][0]
    with site.database.read() as session:
        row = session.get(AuthorizationCode, digest(code))
        application = get_application(session, site.world.client_id)
        browser_session = session.scalars(select(BrowserSession)).one()
    assert row is not None and application is not None
    assert row.application_id == application.id
    assert row.redirect_uri == REDIRECT_URI
    assert row.user_id == site.user_id(site.world.alice_email)
    assert row.scopes == "dineropublicapi:read dineropublicapi:write offline_access"
    assert row.nonce == "n-42"
    assert (row.code_challenge, row.code_challenge_method) == (CHALLENGE, "S256")
    assert row.session_id == browser_session.sid
    assert row.consumed_at is None


def test_session_cookie_is_http_only_and_same_site_lax(site: Site) -> None:
    started = site.browser.authorize(site.world)
    login_page = site.browser.follow(started)
    logged_in = site.browser.log_in(login_page, site.world.alice_email, site.world.password)
    cookie = next(
        value
        for value in logged_in.headers.get_list("set-cookie")
        if value.startswith("bilag_session=")
    )
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie  # served over http://127.0.0.1, so not Secure
    assert logged_in.headers["location"].startswith("/connect/authorize?")


def test_form_post_renders_an_auto_submitting_form(site: Site) -> None:
    page = consent_page_for(site, response_mode="form_post", state=TRICKY_STATE)
    answer = site.browser.decide(page, "accept")
    assert answer.status_code == 200
    assert_secured(answer)
    posted = forms(answer.text)[REDIRECT_URI]
    assert posted["state"] == TRICKY_STATE
    assert posted["iss"] == site.base_url
    assert posted["scope"] == "dineropublicapi:read dineropublicapi:write offline_access"
    assert set(posted) == {"code", "state", "scope", "iss"}
    assert '<script src="/static/autosubmit.js"></script>' in answer.text
    assert re.search(r"<noscript>.*<button type=\"submit\"", answer.text, re.S)
    with site.database.read() as session:
        assert session.get(AuthorizationCode, digest(posted["code"])) is not None
    script = site.browser.client.get("/static/autosubmit.js")
    assert script.status_code == 200 and "submit()" in script.text


def test_deny_sends_access_denied_and_records_it(site: Site) -> None:
    page = consent_page_for(site, state="deny-me")
    answer = site.browser.decide(page, "deny")
    assert answer.status_code == 303
    query = query_of(answer.headers["location"])
    assert query["error"] == ["access_denied"]
    assert query["state"] == ["deny-me"]
    assert query["iss"] == [site.base_url]
    assert [f.reason for f in site.failures()] == ["access_denied"]
    assert query["error_id"] == [site.failures()[0].error_id]
    assert site.codes() == 0


def test_deny_with_form_post_posts_the_error(site: Site) -> None:
    page = consent_page_for(site, response_mode="form_post")
    answer = site.browser.decide(page, "deny")
    posted = forms(answer.text)[REDIRECT_URI]
    assert posted["error"] == "access_denied" and posted["state"] == "st-1"


def test_switch_account_returns_to_the_same_request(site: Site) -> None:
    page = consent_page_for(site, state="same-one", nonce="n-1")
    alice_cookie = site.browser.client.cookies["bilag_session"]
    switched = site.browser.switch_account(page)
    assert switched.status_code == 303
    login_page = site.browser.follow(switched)
    assert "Alice" not in login_page.text  # logged out
    back = site.browser.log_in(login_page, site.world.bob_email, site.world.password)
    assert back.status_code == 303
    consent = site.browser.follow(back)
    assert "Bob Bertelsen" in consent.text and "Alice" not in consent.text
    answer = site.browser.decide(consent, "accept")
    query = query_of(answer.headers["location"])
    assert query["state"] == ["same-one"]
    with site.database.read() as session:
        row = session.get(AuthorizationCode, digest(query["code"][0]))
    assert row is not None and row.user_id == site.user_id(site.world.bob_email)
    assert row.nonce == "n-1"
    # Alice's old session is over: her cookie no longer reaches the consent page.
    stale = httpx.get(f"{site.base_url}/connect/debugger", cookies={"bilag_session": alice_cookie})
    assert stale.status_code == 302 and "/connect/login" in stale.headers["location"]


@pytest.mark.parametrize("token", [None, "", "0" * 64])
def test_consent_without_a_valid_csrf_token_is_forbidden(site: Site, token: str | None) -> None:
    page = consent_page_for(site)
    fields = forms(page.text)["/connect/consent"]
    if token is None:
        del fields["csrf_token"]
    else:
        fields["csrf_token"] = token
    answer = site.browser.client.post("/connect/consent", data={**fields, "decision": "accept"})
    assert answer.status_code == 403
    assert "location" not in answer.headers
    assert site.codes() == 0


def test_switch_account_without_csrf_is_forbidden(site: Site) -> None:
    page = consent_page_for(site)
    fields = forms(page.text)["/connect/logout"]
    del fields["csrf_token"]
    assert site.browser.client.post("/connect/logout", data=fields).status_code == 403
    assert "Alice Andersen" in site.browser.client.get(page.url).text  # still logged in


def test_login_without_csrf_is_forbidden(site: Site) -> None:
    login_page = site.browser.client.get("/connect/login")
    fields = forms(login_page.text)["/connect/login"]
    fields.update(email=site.world.alice_email, password=site.world.password, csrf_token="x")
    answer = site.browser.client.post("/connect/login", data=fields)
    assert answer.status_code == 403
    assert "bilag_session" not in answer.headers.get("set-cookie", "")
    fresh = httpx.post(
        f"{site.base_url}/connect/login",
        data={"email": site.world.alice_email, "password": site.world.password},
    )
    assert fresh.status_code == 403


@pytest.mark.parametrize(
    ("email", "password"),
    [
        ("alice@example.com", "wrong password"),
        ("nobody@example.com", "x" * 20),
        ("", ""),
        ("alice@example.com", "p" * 1001),
    ],
)
def test_failed_login_shows_a_message(site: Site, email: str, password: str) -> None:
    started = site.browser.authorize(site.world)
    login_page = site.browser.follow(started)
    answer = site.browser.log_in(login_page, email, password)
    assert answer.status_code == 400
    assert "bilag_session" not in answer.headers.get("set-cookie", "")
    if len(password) <= 1000:
        assert "Wrong e-mail or password." in answer.text
        retry = site.browser.log_in(answer, site.world.alice_email, site.world.password)
        assert retry.headers["location"].startswith("/connect/authorize?")


def test_prompt_none_without_a_session_is_login_required(site: Site) -> None:
    answer = site.browser.authorize(site.world, prompt="none", state="quiet")
    assert answer.status_code == 302
    query = query_of(answer.headers["location"])
    assert answer.headers["location"].startswith(REDIRECT_URI)
    assert query["error"] == ["login_required"] and query["state"] == ["quiet"]
    assert [f.reason for f in site.failures()] == ["login_required"]


def test_prompt_none_with_a_session_needs_an_earlier_consent(site: Site) -> None:
    consent_page_for(site)
    answer = site.browser.authorize(site.world, prompt="none")
    assert query_of(answer.headers["location"])["error"] == ["consent_required"]
    with site.database.write() as session:
        application = get_application(session, site.world.client_id)
        assert application is not None
        create_grant(
            session,
            settings=Settings.from_env(env={}),
            application=application,
            scopes=["dineropublicapi:read", "dineropublicapi:write", "offline_access"],
            user_id=site.user_id(site.world.alice_email),
        )
    answer = site.browser.authorize(site.world, prompt="none", scope="dineropublicapi:read")
    query = query_of(answer.headers["location"])
    assert "error" not in query and query["state"] == ["st-1"]
    assert site.codes() == 1


def test_prompt_login_ends_the_session_and_asks_again(site: Site) -> None:
    consent_page_for(site)
    old_cookie = site.browser.client.cookies["bilag_session"]
    again = site.browser.authorize(site.world, prompt="login consent", state="fresh")
    assert again.status_code == 302
    return_to = query_of(again.headers["location"])["return_to"][0]
    assert "prompt=consent" in return_to and "login" not in return_to
    with site.database.read() as session:
        assert session.scalars(select(BrowserSession.ended_at)).one() is not None
    # The continuation alone does not skip the login: there is no session any more.
    skipped = httpx.get(f"{site.base_url}{return_to}", cookies={"bilag_session": old_cookie})
    assert skipped.status_code == 302 and skipped.headers["location"].startswith("/connect/login")
    consent = site.browser.log_in_through(again, site.world)
    assert "Alice Andersen" in consent.text


def test_redirect_mismatch_shows_the_error_page_and_never_redirects(site: Site) -> None:
    answer = site.browser.authorize(site.world, redirect_uri="https://evil.example.com/cb")
    assert answer.status_code == 400
    assert "location" not in answer.headers
    assert_secured(answer)
    (failure,) = site.failures()
    assert failure.reason == "redirect_uri_mismatch"
    assert failure.error_id in answer.text and "Debugger" in answer.text


def test_unknown_client_shows_the_error_page(site: Site) -> None:
    answer = site.browser.client.get(
        "/connect/authorize", params={"client_id": "isv_nope", "redirect_uri": REDIRECT_URI}
    )
    assert answer.status_code == 400 and "location" not in answer.headers
    assert [f.reason for f in site.failures()] == ["unknown_client"]


def test_scope_not_applied_for_redirects_with_the_error(site: Site) -> None:
    answer = site.browser.authorize(site.world, scope="dineropublicapi:read admin")
    query = query_of(answer.headers["location"])
    assert query["error"] == ["invalid_scope"] and query["state"] == ["st-1"]
    assert query["iss"] == [site.base_url]
    assert query["error_id"] == [site.failures()[0].error_id]
    assert site.failures()[0].reason == "scope_not_applied_for"


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("client_id=isv_test_integration&client_id=isv_test_integration", 400),
        ("client_id=%FF%FE", 400),
        ("client_id=a%00b", 400),
        ("client_id=" + "x" * 20000, 414),
        ("&".join(f"p{i}=1" for i in range(150)), 400),
    ],
)
def test_malformed_authorize_requests_get_a_4xx_page(site: Site, query: str, status: int) -> None:
    answer = site.browser.client.get(f"/connect/authorize?{query}")
    assert answer.status_code == status
    assert "location" not in answer.headers
    assert "text/html" in answer.headers["content-type"]
    assert len(site.failures()) == 1


def test_duplicated_state_redirects_with_invalid_request(site: Site) -> None:
    url = (
        f"/connect/authorize?client_id={site.world.client_id}&redirect_uri={REDIRECT_URI}"
        "&response_type=code&scope=dineropublicapi:read&state=one&state=two"
    )
    answer = site.browser.client.get(url)
    query = query_of(answer.headers["location"])
    assert query["error"] == ["invalid_request"] and query["state"] == ["one"]


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("PUT", "/connect/authorize", 405),
        ("DELETE", "/connect/login", 405),
        ("GET", "/connect/consent", 405),
        ("GET", "/connect/logout", 405),
        ("POST", "/connect/debugger", 405),
    ],
)
def test_wrong_methods_get_a_405_page(site: Site, method: str, path: str, status: int) -> None:
    answer = site.browser.client.request(method, path)
    assert answer.status_code == status
    assert "text/html" in answer.headers["content-type"] and "allow" in answer.headers
    assert method not in answer.headers["allow"].split(", ")
    assert answer.headers["allow"] in answer.text


def test_a_405_page_names_every_method_the_path_takes(site: Site) -> None:
    answer = site.browser.client.put("/connect/authorize")
    assert answer.headers["allow"] == "GET, POST"


def test_forms_must_be_url_encoded_and_small(site: Site) -> None:
    client = site.browser.client
    assert client.post("/connect/login", json={"email": "a"}).status_code == 415
    assert client.post("/connect/consent", files={"f": b"x"}).status_code == 415
    big = {"email": "a" * 70_000}
    assert client.post("/connect/login", data=big).status_code == 413
    posted = client.post(
        "/connect/authorize",
        content=b"client_id=%FF",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert posted.status_code == 400 and "location" not in posted.headers


def test_post_authorize_with_a_form_works_like_get(site: Site) -> None:
    answer = site.browser.client.post(
        "/connect/authorize",
        data={
            "client_id": site.world.client_id,
            "redirect_uri": REDIRECT_URI,
            "response_type": "code",
            "scope": "dineropublicapi:read",
            "state": "posted",
        },
    )
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/connect/login?return_to=%2Fconnect%2Fauthorize")
    consent = site.browser.log_in_through(answer, site.world)
    result = site.browser.decide(consent, "accept")
    assert query_of(result.headers["location"])["state"] == ["posted"]


def test_login_never_returns_to_another_origin(site: Site) -> None:
    for target in ("https://evil.example.com/", "//evil.example.com/", "/\\evil.example.com"):
        login_page = site.browser.client.get("/connect/login", params={"return_to": target})
        answer = site.browser.log_in(login_page, site.world.alice_email, site.world.password)
        assert answer.headers["location"] == "/connect/login"


def test_consent_with_the_csrf_token_twice_is_forbidden(site: Site) -> None:
    page = consent_page_for(site)
    fields: dict[str, str | list[str]] = dict(forms(page.text)["/connect/consent"])
    fields["csrf_token"] = [str(fields["csrf_token"])] * 2
    answer = site.browser.client.post("/connect/consent", data={**fields, "decision": "accept"})
    assert answer.status_code == 403 and site.codes() == 0


def test_repeated_wrong_passwords_are_throttled_for_that_address(site: Site) -> None:
    started = site.browser.authorize(site.world)
    page = site.browser.follow(started)
    for _ in range(5):
        page = site.browser.log_in(page, site.world.alice_email, "not the password")
        assert page.status_code == 400
    blocked = site.browser.log_in(page, site.world.alice_email, site.world.password)
    assert blocked.status_code == 429
    assert "Too many failed logins" in blocked.text
    assert "bilag_session" not in blocked.headers.get("set-cookie", "")
    other = site.browser.log_in(blocked, site.world.bob_email, site.world.password)
    assert other.headers["location"].startswith("/connect/authorize?")
    with site.database.read() as session:
        assert login_blocked(session, site.world.alice_email, "127.0.0.1")
        assert not login_blocked(session, site.world.alice_email, "192.0.2.7")
        later = utcnow() + timedelta(minutes=16)
        assert not login_blocked(session, site.world.alice_email, "127.0.0.1", now=later)
