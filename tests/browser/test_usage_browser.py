"""See a 429 in the usage chart, in Chromium: a burst of API calls beyond 100 a minute, then the
application's usage page shows the refused calls in the chart and its table."""

from __future__ import annotations

import re
import time
from typing import Any

import httpx

from bilag.config import Settings
from bilag.identity.keys import KeyStore
from bilag.storage.db import Database
from tests.api.conftest import Minter
from tests.browser.conftest import WebServer
from tests.browser.helpers import assert_accessible, login, screenshot


def _token(web_server: WebServer) -> str:
    database = Database(web_server.database_url)
    try:
        settings = Settings.from_env(
            env={}, database_url=web_server.database_url, base_url=web_server.base_url
        )
        keys = KeyStore(
            database,
            rotation_days=settings.key_rotation_days,
            token_lifetime=settings.access_token_lifetime,
        )
        return Minter(database, keys, settings, web_server.world).token()
    finally:
        database.dispose()


def test_see_a_429_in_the_usage_chart(web_server: WebServer, page: Any) -> None:
    world = web_server.world
    headers = {"Authorization": f"Bearer {_token(web_server)}"}
    with httpx.Client(base_url=web_server.base_url, timeout=30, headers=headers) as api:
        statuses = [api.get(f"/v1/{world.pro_org}/contacts").status_code for _ in range(103)]
        assert statuses.count(429) == 3
        login(page, web_server.base_url, world.alice_email, world.password)
        usage = f"{web_server.base_url}/developer/applications/{world.client_id}/usage"
        deadline = time.monotonic() + 30
        page.goto(usage)
        while page.locator(".usage-chart rect.status-429").count() == 0:
            assert time.monotonic() < deadline, "the 429s never reached the chart"
            time.sleep(0.5)
            api.get("/v1/organizations")  # the server stores its counts after a call
            page.reload()

    chart = page.get_by_role("img", name=re.compile(f"{world.pro_org}"))
    assert chart.is_visible()
    bar = chart.locator("rect.status-429")
    assert "429: 3" in (bar.locator("title").text_content() or "")
    table = page.locator(f"#usage-{world.pro_org} table")
    assert table.locator('td[data-status="429"]').first.inner_text() == "3"
    assert "100 af 100" in page.locator(".budgets").inner_text()
    assert_accessible(page)
    screenshot(page, "usage-429")
