"""The shell in Chromium: log in, the front page with the organization badge, switch
organization and language, at desktop and phone width, with no serious accessibility issue."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import WebServer
from tests.browser.helpers import assert_accessible, login, screenshot


def test_log_in_switch_organization_and_language(web_server: WebServer, page: Any) -> None:
    world = web_server.world
    login(page, web_server.base_url, world.alice_email, world.password)
    assert page.url.endswith(f"/app/{world.pro_org}/overview")
    badge = page.locator(".organization-badge")
    assert "Alice ApS" in badge.inner_text() and f"ID {world.pro_org}" in badge.inner_text()
    assert_accessible(page)
    screenshot(page, "shell-overview")

    page.get_by_label("Skift virksomhed").select_option(str(world.free_org))
    page.wait_for_url(f"**/app/{world.free_org}/overview")
    assert "Uden Pro" in page.locator(".organization-badge").inner_text()

    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"**/app/{world.free_org}/overview")
    assert page.get_by_role("heading", name="Front page").is_visible()

    page.goto(f"{web_server.base_url}/app/{world.other_org}/overview")
    assert page.get_by_role("heading", name="No access").is_visible()
    assert "Bob A/S" not in page.content()
    screenshot(page, "shell-refusal")
