"""Every page not covered by a flow of its own, with books in it: a screenshot at desktop and
phone width under test-artifacts/, and no serious accessibility issue on any of them."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tests.browser.conftest import WebServer
from tests.browser.helpers import assert_accessible, login, screenshot
from tests.web.sample_books import book_samples


def _visit(page: Any, url: str, name: str) -> None:
    answer = page.goto(url)
    assert answer is not None and answer.status == 200, (url, answer and answer.status)
    assert_accessible(page)
    screenshot(page, name)


def test_every_page_with_books_in_it(web_server: WebServer, page: Any) -> None:
    with ThreadPoolExecutor(1) as pool:  # Playwright's own loop runs in this thread
        pool.submit(asyncio.run, book_samples(web_server.base_url, web_server.world)).result()
    world, base = web_server.world, web_server.base_url
    page.goto(f"{base}/connect/login")
    assert_accessible(page)
    screenshot(page, "login")
    login(page, base, world.alice_email, world.password)
    app = f"{base}/app/{world.pro_org}"
    pages = {
        "reports-accounts": "/reports/accounts",
        "reports-entries": "/reports/entries",
        "reports-trial-balance": "/reports/trial-balance",
        "reports-income-statement": "/reports/income-statement",
        "reports-balance-sheet": "/reports/balance-sheet",
        "contacts": "/contacts",
        "sales-credit-notes": "/sales/credit-notes",
        "sales-offers": "/sales/offers",
        "sales-new-invoice": "/sales/invoices/new",
        "settings-subscription": "/settings/subscription",
        "settings-users": "/settings/users",
        "settings-applications": "/settings/applications",
        "settings-invoices": "/settings/invoices",
    }
    for name, path in pages.items():
        _visit(page, app + path, name)

    page.goto(f"{app}/contacts")
    page.get_by_role("link", name="Kunde A/S").first.click()
    page.wait_for_load_state()
    assert_accessible(page)
    screenshot(page, "contact")

    page.goto(f"{app}/sales/invoices")
    page.locator("table a").first.click()
    page.wait_for_load_state()
    assert page.locator("iframe").count() == 1  # the invoice's PDF, inline
    assert_accessible(page)
    screenshot(page, "sales-invoice")

    _visit(page, f"{base}/developer/applications", "portal-applications")
