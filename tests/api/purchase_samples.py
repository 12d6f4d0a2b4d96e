"""What the purchase voucher and purchase credit note tests share: bodies, calls and look-ups."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import orjson
from sqlalchemy import select
from starlette.testclient import TestClient

from bilag.storage.models import JournalEntry, Voucher, WebhookDelivery
from tests.api.file_samples import PDF
from tests.factories import World

TODAY = date.today().isoformat()
NEXT_MONTH = (date.today() + timedelta(days=30)).isoformat()
LAST_MONTH = (date.today() - timedelta(days=30)).isoformat()
OFFICE_LINE = {
    "Description": "Kontorartikler",
    "AccountNumber": 6000,
    "VatCode": "I25",
    "Amount": 125,
}
CASH = {
    "PurchaseType": "cash",
    "VoucherDate": TODAY,
    "DepositAccountNumber": 55000,
    "RegionKey": "DK",
    "Lines": [OFFICE_LINE],
}


def credit(contact: str, payment_date: str = NEXT_MONTH) -> dict[str, Any]:
    return {
        "PurchaseType": "credit",
        "VoucherDate": TODAY,
        "ContactGuid": contact,
        "PaymentDate": payment_date,
        "Lines": [OFFICE_LINE],
    }


def purchase_url(
    world: World, suffix: str = "", version: str = "v1", org: int | None = None
) -> str:
    return f"/{version}/{org or world.pro_org}/vouchers/purchase{suffix}"


def ok(response: Any) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


def create(
    api: TestClient, world: World, headers: dict[str, str], body: Any, version: str = "v1.2"
) -> Any:
    return ok(api.post(purchase_url(world, version=version), json=body, headers=headers))


def book(api: TestClient, world: World, headers: dict[str, str], draft: Any, **extra: Any) -> Any:
    url = purchase_url(world, f"/{draft['Guid']}/book")
    return api.post(url, json={"Timestamp": draft["Timestamp"], **extra}, headers=headers)


def upload(api: TestClient, world: World, headers: dict[str, str], org: int | None = None) -> str:
    url = f"/v1/{org or world.pro_org}/files"
    response = api.post(url, files={"file": ("kvittering.pdf", PDF)}, headers=headers)
    return str(ok(response)["FileGuid"])


def contact(api: TestClient, world: World, headers: dict[str, str], name: str = "Papir A/S") -> str:
    body = {"Name": name, "CountryKey": "DK", "IsPerson": False, "IsMember": False, "UseCvr": False}
    response = api.post(f"/v1/{world.pro_org}/contacts", json=body, headers=headers)
    return str(ok(response)["ContactGuid"])


def subscribe(api: TestClient, world: World, headers: dict[str, str]) -> None:
    body = {"Uri": "http://127.0.0.1:9/hook", "EventId": "VoucherBooked"}
    ok(api.post(f"/v1/{world.pro_org}/webhooks/subscribe", json=body, headers=headers))


def booked_events(app: Any) -> list[dict[str, Any]]:
    with app.state.services.database.read() as session:
        bodies = session.scalars(select(WebhookDelivery.body).order_by(WebhookDelivery.id))
        return [orjson.loads(body)["Data"] for body in bodies]


def entries(app: Any, guid: str | None = None) -> list[JournalEntry]:
    query = select(JournalEntry).order_by(JournalEntry.id)
    if guid is not None:
        query = query.where(JournalEntry.voucher_guid == guid)
    with app.state.services.database.read() as session:
        return list(session.scalars(query))


def totals(app: Any, guid: str) -> dict[int, int]:
    found: dict[int, int] = {}
    for entry in entries(app, guid):
        found[entry.account_number] = found.get(entry.account_number, 0) + entry.amount_ore
    return {account: amount for account, amount in found.items() if amount}


def stored(app: Any, guid: str) -> Voucher | None:
    with app.state.services.database.read() as session:
        return session.get(Voucher, guid)


def voucher_count(app: Any) -> int:
    with app.state.services.database.read() as session:
        return len(session.scalars(select(Voucher.guid)).all())
