"""Shared steps of the sales tests: a customer, an invoice draft, booking, the ledger's view."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from starlette.testclient import TestClient

from bilag.storage.models import JournalEntry
from tests.factories import World

TODAY = date.today()


def customer(api: TestClient, world: World, headers: dict[str, str], **extra: Any) -> str:
    body = {
        "Name": "Kunde ApS",
        "Street": "Vestergade 1",
        "ZipCode": "8000",
        "City": "Aarhus C",
        "CountryKey": "DK",
        "Email": "kunde@example.dk",
        "IsPerson": False,
        "IsMember": False,
        "UseCvr": False,
        **extra,
    }
    created = api.post(f"/v1/{world.pro_org}/contacts", json=body, headers=headers)
    assert created.status_code == 200, created.text
    guid: str = created.json()["ContactGuid"]
    return guid


def product_line(amount: float = 800.0, quantity: float = 2, **extra: Any) -> dict[str, Any]:
    return {
        "Description": "Rådgivning",
        "Quantity": quantity,
        "Unit": "hours",
        "AccountNumber": 1000,
        "BaseAmountValue": amount,
        "Discount": 0,
        "LineType": "Product",
        **extra,
    }


def invoice_body(contact_guid: str | None, **extra: Any) -> dict[str, Any]:
    return {
        "ContactGuid": contact_guid,
        "Date": TODAY.isoformat(),
        "ProductLines": [{"LineType": "Text", "Description": "Ydelser"}, product_line()],
        **extra,
    }


def create(
    api: TestClient, world: World, headers: dict[str, str], body: dict[str, Any], path: str
) -> dict[str, Any]:
    response = api.post(f"/v1/{world.pro_org}/{path}", json=body, headers=headers)
    assert response.status_code == 200, response.text
    created: dict[str, Any] = response.json()
    return created


def book(
    api: TestClient, world: World, headers: dict[str, str], created: dict[str, Any], path: str
) -> dict[str, Any]:
    response = api.post(
        f"/v1/{world.pro_org}/{path}/{created['Guid']}/book",
        json={"Timestamp": created["TimeStamp"]},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    booked: dict[str, Any] = response.json()
    return booked


def booked_invoice(
    api: TestClient, world: World, headers: dict[str, str], **extra: Any
) -> dict[str, Any]:
    body = invoice_body(customer(api, world, headers), **extra)
    return book(api, world, headers, create(api, world, headers, body, "invoices"), "invoices")


def entries_of(app: Any, voucher_guid: str) -> dict[int, int]:
    """The voucher's entries summed per account, in øre."""
    query = (
        select(JournalEntry.account_number, func.sum(JournalEntry.amount_ore))
        .where(JournalEntry.voucher_guid == voucher_guid)
        .group_by(JournalEntry.account_number)
    )
    with app.state.services.database.read() as session:
        return {account: int(total) for account, total in session.execute(query) if total}


def trial_balance(app: Any, organization_id: int) -> int:
    query = select(func.coalesce(func.sum(JournalEntry.amount_ore), 0)).where(
        JournalEntry.organization_id == organization_id
    )
    with app.state.services.database.read() as session:
        return int(session.scalar(query) or 0)
