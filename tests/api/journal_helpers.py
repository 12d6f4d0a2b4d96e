"""Booking vouchers for the entries and reports tests: manual vouchers over the API, and other
kinds straight through `storage.journal.book_voucher`."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from starlette.testclient import TestClient

from bilag.ledger.entries import Posting
from bilag.ledger.posting import BalancedLine
from bilag.storage.journal import book_voucher
from bilag.storage.voucher_drafts import DraftContent, add_draft
from tests.factories import World

THIS_YEAR = date.today().year


def sale(day: date, amount: float = 800.0, account: int = 55000) -> dict[str, Any]:
    """A cash sale with 25 % sales VAT: debit `account` amount × 1.25, credit sales and VAT."""
    return {
        "VoucherDate": day.isoformat(),
        "Lines": [
            {
                "Description": "Kortbetalinger",
                "AccountNumber": account,
                "BalancingAccountNumber": 1000,
                "Amount": amount,
                "BalancingAccountVatCode": "U25",
            }
        ],
    }


def book_manual(
    api: TestClient, world: World, headers: dict[str, str], body: dict[str, Any]
) -> dict[str, Any]:
    base = f"/v1/{world.pro_org}/vouchers/manuel"
    draft = api.post(base, json=body, headers=headers)
    assert draft.status_code == 200, draft.text
    booked = api.post(
        f"{base}/{draft.json()['Guid']}/book",
        json={"Timestamp": draft.json()["Timestamp"]},
        headers=headers,
    )
    assert booked.status_code == 200, booked.text
    result: dict[str, Any] = booked.json()
    return result


def delete_manual(
    api: TestClient, world: World, headers: dict[str, str], voucher: dict[str, Any]
) -> None:
    deleted = api.request(
        "DELETE",
        f"/v1/{world.pro_org}/vouchers/manuel/{voucher['Guid']}",
        json={"Timestamp": voucher["Timestamp"]},
        headers=headers,
    )
    assert deleted.status_code == 200, deleted.text


def book_in_storage(
    app: Any,
    organization_id: int,
    kind: str,
    day: date,
    postings: list[Posting],
    contact_guid: str | None = None,
) -> str:
    """A voucher of any kind booked with exactly these postings; answers its guid."""
    with app.state.services.database.write() as session:
        content = DraftContent(day, [BalancedLine(Decimal(0), 0)])
        voucher = add_draft(session, organization_id, kind, content)
        voucher.contact_guid = contact_guid
        session.flush()
        book_voucher(session, voucher, voucher.timestamp, None, lambda _voucher: postings)
        return voucher.guid


def purchase_postings(amount: str = "125.00") -> list[Posting]:
    """A cash purchase of office supplies with 25 % purchase VAT."""
    gross = Decimal(amount)
    vat = gross / 5
    return [
        Posting(6000, gross - vat, "I25", "Kontorartikler"),
        Posting(64010, vat, "I25", "Kontorartikler"),
        Posting(55000, -gross, None, "Kontorartikler"),
    ]


def new_contact_guid() -> str:
    return str(uuid.uuid4())
