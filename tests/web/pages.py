"""Helpers for fast page tests: log in through the real login form with the in-process client,
and read a page's forms (hidden fields included) to post them back."""

from __future__ import annotations

import re
from html import unescape

from starlette.testclient import TestClient

from tests.factories import PASSWORD
from tests.web.browser import forms


def log_in(client: TestClient, email: str, return_to: str = "/developer/applications") -> None:
    login_page = client.get("/connect/login", params={"return_to": return_to})
    fields = forms(login_page.text)["/connect/login"]
    fields.update(email=email, password=PASSWORD)
    answer = client.post("/connect/login", data=fields, follow_redirects=False)
    assert answer.status_code == 303, answer.text


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match is not None, "the page has no CSRF token"
    return unescape(match.group(1))


def readonly_value(html: str, element_id: str) -> str:
    """The value of the read-only field that shows a key or secret once."""
    match = re.search(rf'id="{element_id}"[^>]*value="([^"]+)"', html)
    assert match is not None, f"no field {element_id}"
    return unescape(match.group(1))
