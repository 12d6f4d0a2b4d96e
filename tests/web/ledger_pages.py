"""What the kassekladde and report page tests share: reading a page's forms and CSRF token,
posting a grid row, and an API client (legacy API key token) to book and compare with."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import httpx

from tests.factories import World
from tests.web.browser import Browser, forms

TODAY = date.today().isoformat()


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None, "the page has no CSRF token"
    return found.group(1)


def grid(browser: Browser, org: int) -> httpx.Response:
    page = browser.client.get(f"/app/{org}/kassekladde")
    assert page.status_code == 200, page.text
    return page


def row(**values: str) -> dict[str, str]:
    fields = dict.fromkeys(("date", "number", "text", "account", "vat", "amount", "balancing"), "")
    fields["date"] = TODAY
    fields.update(values)
    return fields


def add_line(browser: Browser, org: int, **values: str) -> httpx.Response:
    token = csrf_of(grid(browser, org).text)
    return browser.client.post(
        f"/app/{org}/kassekladde/lines", data={"csrf_token": token, **row(**values)}
    )


def row_forms(html: str) -> dict[str, dict[str, str]]:
    """{action: hidden fields} of the grid's row forms (Save/Delete), in page order."""
    return {action: f for action, f in forms(html).items() if "/kassekladde/lines/" in action}


@contextmanager
def api_client(base_url: str, world: World, org: int) -> Iterator[httpx.Client]:
    """An API client with a token from the organization's legacy API key."""
    with httpx.Client(base_url=base_url, timeout=30) as client:
        key = world.api_keys[org]
        token = client.post(
            "/dineroapi/oauth/token",
            data={
                "grant_type": "password",
                "username": key,
                "password": key,
                "scope": "read write",
            },
            auth=(world.client_id, world.client_secret),
        )
        assert token.status_code == 200, token.text
        client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
        yield client


def book_through_api(api: httpx.Client, org: int, items: list[dict[str, Any]]) -> list[Any]:
    """Add the items, book them, and wait until the status shows each one booked."""
    added = api.post(f"/v1/{org}/ledgeritems", json=items)
    assert added.status_code == 200, added.text
    ids = [{"Id": item["Id"], "Version": item["Version"]} for item in added.json()]
    booked = api.post(f"/v1/{org}/ledgeritems/book", json=ids)
    assert booked.status_code == 200, booked.text
    return wait_booked(api, org, [item["Id"] for item in ids])


def wait_booked(api: httpx.Client, org: int, ids: list[str]) -> list[Any]:
    deadline = time.monotonic() + 30
    while True:
        status = api.post(f"/v1/{org}/ledgeritems/status", json=[{"Id": i} for i in ids])
        assert status.status_code == 200, status.text
        found: list[Any] = status.json()
        if all(item["Status"] == "Booked" for item in found):
            return found
        assert time.monotonic() < deadline, f"not booked: {found}"
        time.sleep(0.1)
