"""A failed authorization opened in the Debugger, in Chromium: the error page's link, logging
in, and the failure's cause, request and fix inside the developer portal."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from tests.browser.conftest import WebServer
from tests.browser.helpers import assert_accessible, screenshot


def test_open_a_failed_authorization_in_the_debugger(web_server: WebServer, page: Any) -> None:
    world = web_server.world
    query = urlencode(
        {
            "client_id": world.client_id,
            "redirect_uri": "https://app.example.com/wrong-callback",
            "response_type": "code",
            "scope": "dineropublicapi:read",
            "state": "s1",
        }
    )
    page.goto(f"{web_server.base_url}/connect/authorize?{query}")
    error_id = page.locator("#error-id").inner_text()
    assert re.fullmatch(r"[0-9a-f]{20}", error_id)

    page.get_by_role("link", name="open the Debugger").click()
    page.get_by_label(re.compile("E-mail", re.I)).fill(world.alice_email)
    page.get_by_label(re.compile("Adgangskode|Password", re.I)).fill(world.password)
    page.get_by_role("button", name=re.compile("Log ind|Log in", re.I)).click()
    page.wait_for_url(f"**/connect/debugger?errorId={error_id}")

    failure = page.locator(f"#failure-{error_id}")
    assert failure.get_by_role("heading", name="Hvad fejlede og hvorfor").is_visible()
    assert "redirect_uri_mismatch" in failure.inner_text()
    assert "https://app.example.com/wrong-callback" in failure.inner_text()
    assert "Register the exact URI" in failure.locator(".fix").inner_text()
    assert_accessible(page)
    screenshot(page, "debugger-failure")

    page.get_by_role("link", name="Alle fejl").click()
    page.wait_for_url("**/connect/debugger")
    page.get_by_role("link", name=error_id).click()
    page.wait_for_url(f"**/connect/debugger?errorId={error_id}")
    page.goto(f"{web_server.base_url}/connect/debugger")
    assert page.get_by_label("Applikation").is_visible()
    assert_accessible(page)
    screenshot(page, "debugger-list")
