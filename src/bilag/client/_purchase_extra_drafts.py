"""Purchase credit notes and payments on purchases, checked before they are sent (dinero-api.md
§3.7). Amounts are in DKK: bilag keeps no exchange rates."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from bilag.client._drafts import (
    MAX_REFERENCE,
    Number,
    PurchaseLine,
    _amount_problem,
    _clean,
    _date_problem,
    _guid_problem,
    _int_problem,
    _text_problems,
    money,
    wire_date,
)

MAX_PAYMENT_DESCRIPTION = 500


@dataclass
class PurchaseCreditNoteDraft:
    """Money a supplier owes back; `credit_note_for` names the purchase voucher it credits."""

    lines: Sequence[PurchaseLine] = field(default_factory=list)
    date: datetime.date | str | None = None  # today when left out
    credit_note_for: str | None = None
    contact_guid: str | None = None
    file_guid: str | None = None
    guid: str | None = None  # chosen by the client on create, else by the server

    def problems(self) -> list[str]:
        found = _date_problem("Date", self.date, required=False)
        found += _guid_problem("CreditNoteFor", self.credit_note_for)
        found += _guid_problem("ContactGuid", self.contact_guid)
        found += _guid_problem("Guid", self.guid)
        if not self.lines:
            found.append("Lines needs at least one line")
        for index, line in enumerate(self.lines):
            found += line.problems(f"Lines[{index}]")
        return found

    def to_wire(self) -> dict[str, Any]:
        return _clean(
            {
                "Guid": self.guid,
                "Date": wire_date(self.date),
                "CreditNoteFor": self.credit_note_for,
                "ContactGuid": self.contact_guid,
                "FileGuid": self.file_guid,
                "Currency": "DKK",
                "Lines": [line.to_wire() for line in self.lines],
            }
        )


@dataclass
class PurchasePaymentDraft:
    """A payment of a booked credit purchase, or a refund of a purchase credit note."""

    amount: Number
    deposit_account_number: int
    description: str = "Betaling"
    payment_date: datetime.date | str | None = None  # today when left out
    external_reference: str | None = None
    remainder_is_fee: bool = False  # what the payment leaves unpaid is booked as a fee

    def problems(self) -> list[str]:
        found = _amount_problem("Amount", self.amount)
        if not found and Decimal(self.amount) == 0:
            found.append("Amount must differ from 0")
        elif not found and Decimal(self.amount) != Decimal(self.amount).quantize(Decimal("0.01")):
            found.append("Amount has at most 2 decimals")
        found += _int_problem("DepositAccountNumber", self.deposit_account_number)
        if self.deposit_account_number is None:
            found.append("DepositAccountNumber is required")
        if not isinstance(self.description, str) or not self.description.strip():
            found.append("Description is required")
        found += _text_problems("Description", self.description, limit=MAX_PAYMENT_DESCRIPTION)
        found += _date_problem("PaymentDate", self.payment_date, required=False)
        found += _text_problems("ExternalReference", self.external_reference, limit=MAX_REFERENCE)
        if not isinstance(self.remainder_is_fee, bool):
            found.append("RemainderIsFee must be true or false")
        return found

    def to_wire(self) -> dict[str, Any]:
        return _clean(
            {
                "Amount": money(self.amount),
                "DepositAccountNumber": self.deposit_account_number,
                "Description": self.description,
                "PaymentDate": wire_date(self.payment_date),
                "ExternalReference": self.external_reference,
                "RemainderIsFee": self.remainder_is_fee,
            }
        )
