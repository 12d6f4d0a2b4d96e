"""In Chromium: add three kassekladde lines in the grid (Enter saves, the new row takes the
focus) and book them all; the status page shows them booked with their voucher numbers."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from tests.browser.conftest import WebServer
from tests.browser.helpers import assert_accessible, login, screenshot


def _fill_new_line(page: Any, **values: str) -> None:
    for label, value in values.items():
        page.get_by_label(f"{label}, ny linje", exact=True).fill(value)


def test_add_three_kassekladde_lines_in_the_grid_and_book_them(
    web_server: WebServer, page: Any
) -> None:
    world = web_server.world
    grid = f"/app/{world.pro_org}/kassekladde"
    login(page, web_server.base_url, world.alice_email, world.password, then=grid)
    page.get_by_role("heading", name="Kassekladde").wait_for()

    _fill_new_line(page, Tekst="Husleje", Konto="5000", Beløb="8.000,00", Modkonto="55000")
    page.get_by_label("Beløb, ny linje", exact=True).press("Enter")
    page.get_by_text("Linjen er tilføjet.").wait_for()
    expect(page.locator("#add-line-date")).to_be_focused()

    _fill_new_line(page, **{"Bilagsnr.": "12", "Tekst": "Salg", "Konto": "1100"})
    _fill_new_line(page, Beløb="-500,00")
    page.keyboard.press("Enter")
    page.get_by_label("Tekst, linje 2", exact=True).wait_for()
    _fill_new_line(page, **{"Bilagsnr.": "12", "Tekst": "Salg", "Konto": "55000"})
    _fill_new_line(page, Beløb="500,00")
    page.get_by_role("button", name="Tilføj linje").click()
    page.get_by_label("Tekst, linje 3", exact=True).wait_for()

    assert page.get_by_label("Beløb, linje 1", exact=True).input_value() == "8000,00"
    balances = page.locator("section.balances")
    assert balances.get_by_text("Stemmer", exact=True).count() == 2
    assert page.locator("#total-difference").inner_text() == "0,00"
    screenshot(page, "kassekladde-grid")
    assert_accessible(page)

    page.get_by_role("button", name="Bogfør alle").click()
    page.wait_for_url(re.compile(r"/kassekladde/status$"))
    page.locator('#booking-status[data-waiting="false"]').wait_for()
    rows = page.locator("#booking-status tbody tr")
    assert rows.count() == 2
    assert page.locator('#booking-status [data-status="Booked"]').count() == 2
    numbers = [n.strip() for n in page.locator("#booking-status .voucher-number").all_inner_texts()]
    assert "12" in numbers and all(n.isdigit() for n in numbers) and len(set(numbers)) == 2
    screenshot(page, "kassekladde-booked")
    assert_accessible(page)

    page.get_by_role("link", name="Tilbage til kassekladden").click()
    page.get_by_text("Kassekladden er tom.", exact=False).wait_for()
