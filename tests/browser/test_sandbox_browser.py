"""The Sandbox page in Chromium: in the portal's menu, a fault armed with the form,
at desktop and phone width, with no serious accessibility issue."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.conftest import WebServer
from tests.browser.helpers import assert_accessible, login, screenshot


@pytest.fixture
def live_overrides() -> dict[str, object]:
    return {"sandbox": True}


def test_arm_a_fault_from_the_sandbox_page(web_server: WebServer, page: Any) -> None:
    world = web_server.world
    login(page, web_server.base_url, world.alice_email, world.password, then="/developer/sandbox")
    page.wait_for_url("**/developer/sandbox")
    assert page.get_by_role("heading", name="Sandkasse", level=1).is_visible()
    assert page.get_by_role("link", name="Sandkasse").get_attribute("aria-current") == "page"
    assert_accessible(page)

    page.get_by_label("Applikation (client id)").select_option(world.client_id)
    page.get_by_label("Fejltype").select_option("500")
    page.get_by_label("Antal kald").fill("3")
    page.get_by_role("button", name="Sæt fejl op").click()
    page.wait_for_url("**/developer/sandbox?done=fault*")
    assert page.get_by_role("status").inner_text() == "Fejlen er sat op."
    row = page.locator("table tbody tr").first.inner_text()
    assert world.client_id in row and "500: serverfejl" in row
    assert_accessible(page)
    screenshot(page, "sandbox")
