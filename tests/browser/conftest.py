"""Browser tests: a live bilag on SQLite, and Playwright driving Debian's Chromium.

With CI=true a missing Chromium fails the run; without it, these tests are skipped with the
reason. Each test gets a fresh browser context (no cookies) at desktop width.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bilag.storage.db import Database
from tests.conftest import CI
from tests.factories import World, make_world

CHROMIUM = Path("/usr/bin/chromium")
PEPPER = "bilag-dev-pepper"
DESKTOP = {"width": 1280, "height": 860}


@dataclass(frozen=True)
class WebServer:
    base_url: str
    database_url: str
    world: World


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    """Browser tests run on SQLite only: the storage and API tests cover PostgreSQL."""
    return sqlite_url


@pytest.fixture
def web_server(live_server: str, database_url: str) -> Iterator[WebServer]:
    database = Database(database_url)
    try:
        world = make_world(database, pepper=PEPPER)
    finally:
        database.dispose()
    yield WebServer(base_url=live_server, database_url=database_url, world=world)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Chromium for one test module: Playwright's sync API keeps an event loop in this thread
    while it runs, and later modules of this worker may need asyncio.run."""
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if CI:
            pytest.fail(f"{message}; CI=true requires it", pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport=DESKTOP, locale="da-DK")
    context.set_default_timeout(15_000)
    browser_page = context.new_page()
    yield browser_page
    context.close()
