"""Fixtures of the page tests: a live server with the test world, and logged-in browsers.

Page tests run on SQLite: the queries behind the pages are tested on both databases in
tests/storage and tests/api, and test_pages_on_postgres.py renders every page on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from bilag.storage.db import Database
from tests.factories import World, make_world
from tests.web.browser import Browser

PEPPER = "bilag-dev-pepper"


@dataclass
class Site:
    base_url: str
    world: World
    browser: Browser
    database: Database
    opened: list[Browser] = field(default_factory=list)

    def logged_in_as(self, email: str) -> Browser:
        """A new cookie jar, logged in through the real login form."""
        browser = Browser(self.base_url)
        self.opened.append(browser)
        login_page = browser.client.get("/connect/login")
        logged_in = browser.log_in(login_page, email, self.world.password)
        assert logged_in.status_code == 303, logged_in.text
        return browser


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url


@pytest.fixture
def site(live_server: str, database_url: str) -> Iterator[Site]:
    database = Database(database_url)
    world = make_world(database, pepper=PEPPER)
    browser = Browser(live_server)
    here = Site(live_server, world, browser, database)
    yield here
    for opened in [browser, *here.opened]:
        opened.close()
    database.dispose()
