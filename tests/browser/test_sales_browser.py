"""Screenshots of the invoice list and the outbox in Chromium, with an invoice booked, paid and
e-mailed through the API, and axe-core's check of both pages."""

from __future__ import annotations

from typing import Any

import httpx

from tests.browser.conftest import WebServer
from tests.browser.helpers import assert_accessible, login, screenshot


def _books(server: WebServer) -> None:
    """Two invoices, one paid, and one e-mailed, made by an integration through the API."""
    world = server.world
    key = world.api_keys[world.pro_org]
    with httpx.Client(base_url=server.base_url, timeout=30) as api:
        token = api.post(
            "/dineroapi/oauth/token",
            data={"grant_type": "password", "username": key, "password": key},
            auth=(world.client_id, world.client_secret),
        ).json()["access_token"]
        api.headers["Authorization"] = f"Bearer {token}"
        base = f"/v1/{world.pro_org}"
        for name, amount in (("Hansen Tømrer ApS", 1200), ("Jensen VVS", 450)):
            contact = api.post(
                f"{base}/contacts",
                json={
                    "Name": name,
                    "CountryKey": "DK",
                    "Email": "bogholderi@example.dk",
                    "IsPerson": False,
                    "IsMember": False,
                    "UseCvr": False,
                },
            ).json()["ContactGuid"]
            line = {
                "Description": "Arbejde",
                "Quantity": 3,
                "Unit": "hours",
                "AccountNumber": 1000,
                "BaseAmountValue": amount,
            }
            draft = api.post(
                f"{base}/invoices", json={"ContactGuid": contact, "ProductLines": [line]}
            ).json()
            booked = api.post(
                f"{base}/invoices/{draft['Guid']}/book", json={"Timestamp": draft["TimeStamp"]}
            ).json()
            assert "Number" in booked, booked
            sent = api.post(
                f"{base}/invoices/{draft['Guid']}/email",
                json={"Sender": "salg@alice.dk", "ShouldAddTrustPilotEmailAsBcc": False},
            )
            assert sent.status_code == 200, sent.text
        paid = api.post(
            f"{base}/invoices/{draft['Guid']}/payments",
            json={
                "Timestamp": booked["TimeStamp"],
                "DepositAccountNumber": 55000,
                "Description": "Bank",
                "Amount": 1687.5,
            },
        )
        assert paid.status_code == 200, paid.text


def test_the_invoice_list_and_the_outbox(web_server: WebServer, page: Any) -> None:
    _books(web_server)
    org = web_server.world.pro_org
    login(
        page,
        web_server.base_url,
        web_server.world.alice_email,
        web_server.world.password,
        then=f"/app/{org}/sales/invoices",
    )
    assert page.get_by_role("cell", name="Hansen Tømrer ApS").is_visible()
    assert page.locator("table.sales-list").get_by_text("Betalt").is_visible()
    screenshot(page, "sales-invoices")
    assert_accessible(page)
    page.goto(f"{web_server.base_url}/app/{org}/outbox")
    assert page.get_by_role("heading", name="Udbakke").is_visible()
    screenshot(page, "sales-outbox")
    assert_accessible(page)
