"""Steps the Salg, Kontakter and Udbakke page tests share: an integration's API token (the legacy
API-key grant over HTTP), contacts and invoices made through the API, and the pages' forms."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx

from tests.web.browser import Browser, forms
from tests.web.conftest import Site

TODAY = date.today().isoformat()


class Integration:
    """An integration of the organization, calling the API with an API-key token."""

    def __init__(self, site: Site, organization_id: int) -> None:
        world = site.world
        self.organization_id = organization_id
        self.client = httpx.Client(base_url=site.base_url, timeout=30)
        site_key = world.api_keys[organization_id]
        token = self.client.post(
            "/dineroapi/oauth/token",
            data={"grant_type": "password", "username": site_key, "password": site_key},
            auth=(world.client_id, world.client_secret),
        )
        assert token.status_code == 200, token.text
        self.client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"

    def close(self) -> None:
        self.client.close()

    def post(self, path: str, body: dict[str, Any]) -> Any:
        answer = self.client.post(f"/v1/{self.organization_id}/{path}", json=body)
        assert answer.status_code == 200, answer.text
        return answer.json()

    def contact(self, name: str = "Kunde ApS", **extra: Any) -> str:
        body = {
            "Name": name,
            "CountryKey": "DK",
            "Email": "kunde@example.dk",
            "VatNumber": "12345678",
            "IsPerson": False,
            "IsMember": False,
            "UseCvr": False,
            **extra,
        }
        guid: str = self.post("contacts", body)["ContactGuid"]
        return guid

    def draft(self, contact_guid: str, path: str = "invoices", amount: float = 1000.0) -> Any:
        line = {
            "Description": "Rådgivning",
            "Quantity": 2,
            "Unit": "hours",
            "AccountNumber": 1000,
            "BaseAmountValue": amount,
            "LineType": "Product",
        }
        body = {"ContactGuid": contact_guid, "Date": TODAY, "ProductLines": [line]}
        return self.post(path, body)

    def booked_invoice(self, contact_guid: str, amount: float = 1000.0) -> Any:
        created = self.draft(contact_guid, amount=amount)
        return self.post(f"invoices/{created['Guid']}/book", {"Timestamp": created["TimeStamp"]})

    def email(self, invoice_guid: str) -> Any:
        return self.post(
            f"invoices/{invoice_guid}/email",
            {"Sender": "salg@firma.dk", "ShouldAddTrustPilotEmailAsBcc": False},
        )


def form_on(page: httpx.Response, action: str) -> dict[str, str]:
    """The fields (hidden ones included) of the form posting to `action` on the page."""
    found = forms(page.text)
    assert action in found, (action, list(found))
    return found[action]


def submit(browser: Browser, page: httpx.Response, action: str, **values: str) -> httpx.Response:
    """Post the page's form to `action`, with `values` filled in."""
    fields = form_on(page, action)
    fields.update(values)
    return browser.client.post(action, data=fields)
