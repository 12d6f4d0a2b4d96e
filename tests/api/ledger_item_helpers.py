"""Shared helpers of the ledger item tests: bodies, calls, and reading the journal."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from sqlalchemy import select
from starlette.testclient import TestClient

from bilag.api.ledger_item_booker import book_pending  # noqa: F401 - shared with other tests
from bilag.storage.db import Database
from bilag.storage.models import JournalEntry
from tests.api import purchase_samples as purchases
from tests.factories import World

TODAY = date.today().isoformat()


def rent(amount: float = 10000.0, **extra: Any) -> dict[str, Any]:
    """An item with one line: rent paid from the bank, no VAT."""
    line = {
        "Description": "Husleje",
        "AccountNumber": 5000,
        "BalancingAccountNumber": 55000,
        "Amount": amount,
    }
    return {"VoucherDate": TODAY, "Lines": [line], **extra}


def url(world: World, suffix: str = "", version: str = "v1") -> str:
    return f"/{version}/{world.pro_org}/ledgeritems{suffix}"


def add(api: TestClient, world: World, headers: dict[str, str], items: list[Any]) -> list[Any]:
    response = api.post(url(world), json=items, headers=headers)
    assert response.status_code == 200, response.text
    added: list[Any] = response.json()
    return added


def status(api: TestClient, world: World, headers: dict[str, str], ids: list[str]) -> list[Any]:
    response = api.post(url(world, "/status"), json=[{"Id": i} for i in ids], headers=headers)
    assert response.status_code == 200, response.text
    found: list[Any] = response.json()
    return found


def book(api: TestClient, world: World, headers: dict[str, str], items: list[Any]) -> Any:
    return api.post(
        url(world, "/book"),
        json=[{"Id": i["Id"], "Version": i["Version"]} for i in items],
        headers=headers,
    )


def wait_booked(
    api: TestClient, world: World, headers: dict[str, str], ids: list[str]
) -> list[Any]:
    deadline = time.monotonic() + 10
    while True:
        found = status(api, world, headers, ids)
        if all(item["Status"] == "Booked" for item in found) or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


def entries(database: Database, guid: str | None = None) -> list[tuple[int, int, int]]:
    """(voucher number, account, øre) of the journal, or of one voucher."""
    query = select(
        JournalEntry.voucher_number, JournalEntry.account_number, JournalEntry.amount_ore
    )
    if guid is not None:
        query = query.where(JournalEntry.voucher_guid == guid)
    with database.read() as session:
        return [tuple(row) for row in session.execute(query.order_by(JournalEntry.id))]  # type: ignore[misc]


def credit_purchase(api: TestClient, world: World, headers: dict[str, str]) -> str:
    """A booked credit purchase of 125 kr. incl. VAT, made through the purchase voucher API."""
    draft = purchases.create(
        api, world, headers, purchases.credit(purchases.contact(api, world, headers))
    )
    return str(purchases.ok(purchases.book(api, world, headers, draft))["Guid"])
