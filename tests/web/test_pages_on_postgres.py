"""Every bookkeeping page on PostgreSQL, with books in it and its filters used: the page tests
run on SQLite, so this is where the pages' own queries meet PostgreSQL."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest

from bilag.storage.db import Database
from tests.factories import World, make_world
from tests.web.browser import Browser
from tests.web.sample_books import book_samples

pytestmark = pytest.mark.postgres
PEPPER = "bilag-dev-pepper"
TODAY = date.today().isoformat()
DETAILS = "(?:vouchers|sales/invoices|contacts)"


@pytest.fixture
def database_url(postgres_url: str) -> str:
    return postgres_url


@pytest.fixture
def world(live_server: str, database_url: str) -> Iterator[World]:
    database = Database(database_url)
    try:
        made = make_world(database, pepper=PEPPER)
    finally:
        database.dispose()
    with ThreadPoolExecutor(1) as pool:  # a browser test may have left its loop in this thread
        pool.submit(asyncio.run, book_samples(live_server, made)).result()
    yield made


def test_every_page_and_filter_answers_on_postgresql(live_server: str, world: World) -> None:
    browser = Browser(live_server)
    try:
        login_page = browser.client.get("/connect/login")
        assert browser.log_in(login_page, world.alice_email, world.password).status_code == 303
        app = f"/app/{world.pro_org}"
        dated = f"from={TODAY}&to={TODAY}"
        paths = [
            "/overview",
            "/vouchers",
            f"/vouchers?q=Kontor&type=purchase&status=booked&{dated}",
            "/vouchers/purchase/new",
            "/kassekladde",
            "/reports/accounts",
            f"/reports/entries?text=Kontor&{dated}",
            f"/reports/trial-balance?{dated}",
            "/reports/income-statement",
            "/reports/balance-sheet",
            "/contacts?q=kunde",
            f"/sales/invoices?q=Kunde&status=Booked&{dated}",
            "/sales/credit-notes",
            "/sales/offers",
            "/outbox",
            "/settings",
            "/settings/api-keys",
            "/settings/users",
            "/settings/applications",
            "/settings/invoices",
        ]
        details: set[str] = set()
        for path in paths:
            page = browser.client.get(app + path)
            assert page.status_code == 200, (path, page.text[:500])
            links = re.findall(
                rf'href="({app}/(?:vouchers|sales/invoices|contacts)/[^"?/]+/?[^"?]*)"', page.text
            )
            details.update(link for link in links if not link.endswith("/new"))
        assert len(details) >= 4  # vouchers, the invoice and the customer have pages
        for path in sorted(details):
            page = browser.client.get(path)
            assert page.status_code == 200, (path, page.text[:500])
    finally:
        browser.close()
