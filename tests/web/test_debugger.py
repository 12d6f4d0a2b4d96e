"""The Debugger over real HTTP: the owner sees a failed request's cause and fix, nobody else
does, and the public error page gives out only the error id and the cause."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from bilag.storage.db import Database
from tests.factories import World, make_world
from tests.web.browser import Browser, query_of

PEPPER = "bilag-dev-pepper"


@dataclass
class Site:
    base_url: str
    world: World
    browser: Browser

    def logged_in_as(self, email: str) -> Browser:
        browser = Browser(self.base_url)
        login_page = browser.client.get("/connect/login")
        logged_in = browser.log_in(login_page, email, self.world.password)
        assert logged_in.status_code == 303
        return browser


@pytest.fixture
def site(live_server: str, database_url: str) -> Iterator[Site]:
    database = Database(database_url)
    world = make_world(database, pepper=PEPPER)
    browser = Browser(live_server)
    yield Site(live_server, world, browser)
    browser.close()
    database.dispose()


def failed_redirect(site: Site) -> str:
    """Send a request with an unregistered redirect URI; return the error id on the page."""
    answer = site.browser.authorize(site.world, redirect_uri="https://app.example.com/callbak")
    assert answer.status_code == 400 and "location" not in answer.headers
    marker = 'id="error-id">'
    start = answer.text.index(marker) + len(marker)
    return answer.text[start : answer.text.index("<", start)]


def test_the_owner_sees_the_failure_with_cause_and_fix(site: Site) -> None:
    error_id = failed_redirect(site)
    alice = site.logged_in_as(site.world.alice_email)
    listing = alice.client.get("/connect/debugger")
    assert listing.status_code == 200
    assert listing.headers["x-frame-options"] == "DENY"
    assert error_id in listing.text
    assert "redirect_uri_mismatch" in listing.text
    assert "not one of the application&#39;s registered redirect URIs" in listing.text
    assert "Register the exact URI" in listing.text
    assert "https://app.example.com/callbak" in listing.text  # the parameters as sent
    lookup = alice.client.get("/connect/debugger", params={"errorId": error_id})
    assert lookup.status_code == 200 and f"failure-{error_id}" in lookup.text
    alice.close()


def test_another_user_does_not_see_it(site: Site) -> None:
    error_id = failed_redirect(site)
    bob = site.logged_in_as(site.world.bob_email)
    listing = bob.client.get("/connect/debugger")
    assert listing.status_code == 200
    assert error_id not in listing.text and "redirect_uri_mismatch" not in listing.text
    lookup = bob.client.get("/connect/debugger", params={"errorId": error_id})
    assert lookup.status_code == 404
    assert "callbak" not in lookup.text and "redirect_uri_mismatch" not in lookup.text
    bob.close()


def test_the_debugger_asks_an_anonymous_visitor_to_log_in_and_comes_back(site: Site) -> None:
    error_id = failed_redirect(site)
    answer = site.browser.client.get("/connect/debugger", params={"errorId": error_id})
    assert answer.status_code == 302
    location = answer.headers["location"]
    assert query_of(location)["return_to"] == [f"/connect/debugger?errorId={error_id}"]
    login_page = site.browser.follow(answer)
    logged_in = site.browser.log_in(login_page, site.world.alice_email, site.world.password)
    assert logged_in.headers["location"] == f"/connect/debugger?errorId={error_id}"
    assert f"failure-{error_id}" in site.browser.follow(logged_in).text


def test_a_redirected_failure_carries_an_error_id_the_owner_can_look_up(site: Site) -> None:
    answer = site.browser.authorize(site.world, response_type="token")
    query = query_of(answer.headers["location"])
    assert query["error"] == ["unsupported_response_type"]
    error_id = query["error_id"][0]
    assert error_id in query["error_description"][0]
    alice = site.logged_in_as(site.world.alice_email)
    lookup = alice.client.get("/connect/debugger", params={"errorId": error_id})
    assert "unsupported_response_type" in lookup.text and "Send response_type=code." in lookup.text
    alice.close()


def test_the_public_error_page_shows_the_id_and_points_to_the_debugger(site: Site) -> None:
    error_id = failed_redirect(site)
    page = httpx.get(f"{site.base_url}/connect/error", params={"errorId": error_id})
    assert page.status_code == 200
    assert error_id in page.text and "Debugger" in page.text
    assert "My Applications &gt; More &gt; Debugger" in page.text
    assert "callbak" not in page.text  # the parameters are for the owner only
    missing = httpx.get(f"{site.base_url}/connect/error", params={"errorId": "nope"})
    assert missing.status_code == 404
    assert httpx.get(f"{site.base_url}/connect/error").status_code == 400
