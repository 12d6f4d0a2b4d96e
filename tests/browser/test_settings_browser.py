"""Indstillinger in Chromium: every settings page passes axe-core, and an API key made in the
browser is shown once with a working copy button; screenshots of each page."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import WebServer
from tests.browser.helpers import assert_accessible, login, screenshot


def test_settings_pages_are_accessible_and_show_a_new_key_once(
    web_server: WebServer, page: Any
) -> None:
    world = web_server.world
    base = f"/app/{world.pro_org}/settings"
    login(page, web_server.base_url, world.alice_email, world.password, then=base)
    assert_accessible(page)
    screenshot(page, "settings-index")
    page.get_by_role("link", name="API-nøgler").click()
    page.get_by_label("Navn på nøglen").fill("Webshop")
    page.get_by_role("button", name="Opret nøgle").click()
    page.wait_for_load_state()
    key = page.locator("#api-key").input_value()
    assert len(key) == 32 and page.get_by_role("button", name="Kopiér").is_visible()
    assert_accessible(page)
    screenshot(page, "settings-api-key-once")
    page.get_by_role("link", name="Tilbage til API-nøgler").click()
    assert key not in page.content() and f"…{key[-4:]}" in page.content()
    assert_accessible(page)
    screenshot(page, "settings-api-keys")
    for section, name in (
        ("subscription", "settings-subscription"),
        ("users", "settings-users"),
        ("applications", "settings-authorized-apps"),
    ):
        page.goto(f"{web_server.base_url}{base}/{section}")
        assert_accessible(page)
        screenshot(page, name)
