"""In Chromium: a purchase voucher booked with a receipt through the API is found in
Bilagsoversigt with the filter, and its page shows the receipt; the purchase template then
computes the VAT as the user types."""

from __future__ import annotations

import re
from typing import Any

from tests.browser.conftest import WebServer
from tests.browser.helpers import assert_accessible, login, screenshot
from tests.web.test_vouchers import Api, png


def test_find_an_api_purchase_with_its_receipt_in_bilagsoversigt(
    web_server: WebServer, page: Any
) -> None:
    world = web_server.world
    org = world.pro_org
    api = Api(web_server.base_url, world, org)
    try:
        receipt = api.upload(png(64, 48, (30, 120, 200)), "kvittering.png")
        guid = api.purchase(437.5, description="Blækpatroner fra Kontorland", file_guid=receipt)
        api.purchase(60, description="Kaffe")
    finally:
        api.close()

    login(page, web_server.base_url, world.alice_email, world.password, then=f"/app/{org}/vouchers")
    page.get_by_label("Type").select_option(label="Købsbilag")
    page.get_by_label("Søg").fill("kontorland")
    page.get_by_role("button", name="Filtrér").click()
    page.wait_for_url(re.compile(r".*q=kontorland.*"))
    rows = page.locator("table.voucher-table tbody tr")
    assert rows.count() == 1
    row_text = rows.first.inner_text()
    assert "Blækpatroner fra Kontorland" in row_text and "437,50" in row_text
    assert f"API ({world.client_id})" in row_text and "Betalt" in row_text
    assert_accessible(page)
    screenshot(page, "bilagsoversigt")

    rows.first.get_by_role("link").click()
    page.wait_for_url(f"**/vouchers/purchase/{guid}")
    image = page.get_by_role("img", name=re.compile("kvittering.png"))
    image.wait_for()
    assert image.evaluate("img => img.complete && img.naturalWidth") == 64
    assert page.get_by_role("cell", name=re.compile("64010 Købsmoms")).is_visible()
    assert_accessible(page)
    screenshot(page, "bilag-med-kvittering")

    page.goto(f"{web_server.base_url}/app/{org}/vouchers/purchase/new")
    page.get_by_label("Beløb inkl. moms (DKK)").fill("1.250,00")
    page.get_by_label("Udgiftskonto").select_option("6000")
    vat = page.locator("[data-vat-out=vat]")
    page.wait_for_function(
        "() => document.querySelector('[data-vat-out=vat]').textContent === '250,00'"
    )
    assert vat.inner_text() == "250,00"
    assert page.locator("[data-vat-out=excl]").inner_text() == "1.000,00"
    assert_accessible(page)
    screenshot(page, "kobsbilag-skabelon")
