"""A contact's state of account (`ContactStateOfAccount`), a document's attachments
(`DocumentAttachmentReadModel`), and PDFs."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from bilag.client._models import Wire

PDF = "application/pdf"


def read_pdf(payload: Any) -> bytes:
    """A PDF answer: `decode` gives any answer that is not JSON as bytes."""
    if not isinstance(payload, bytes):
        raise ValueError(f"expected a PDF, got {type(payload).__name__}")
    return payload


@dataclass(frozen=True)
class StatementEntry:
    """A voucher that moved the contact's balance: `amount` in DKK, positive when the contact
    owes more, and the running `balance`."""

    voucher_guid: str
    voucher_number: str | None
    date: str | None
    decay_date: str | None
    description: str | None
    type: str | None
    amount: Decimal
    balance: Decimal
    status: str | None
    currency: str | None

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> StatementEntry:
        w = Wire(data)
        return cls(
            voucher_guid=w.text("RelatedVoucherGuid") or "",
            voucher_number=w.text("RelatedVoucherNumber"),
            date=w.text("Date"),
            decay_date=w.text("DecayDate"),
            description=w.text("Description"),
            type=w.text("Type"),
            amount=w.amount("Amount"),
            balance=w.amount("Balance"),
            status=w.text("Status"),
            currency=w.text("Currency"),
        )


@dataclass(frozen=True)
class StateOfAccount:
    contact_guid: str
    income: Decimal
    expenses: Decimal
    entries: tuple[StatementEntry, ...]
    raw: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> StateOfAccount:
        w = Wire(data)
        return cls(
            contact_guid=w.text("ContactGuid") or "",
            income=w.amount("Income"),
            expenses=w.amount("Expenses"),
            entries=tuple(StatementEntry.from_wire(e) for e in w.get("Entries") or ()),
            raw=data,
        )

    @property
    def balance(self) -> Decimal:
        """What the contact owes at the end of the period (negative: what is owed to it)."""
        return self.entries[-1].balance if self.entries else Decimal(0)


@dataclass(frozen=True)
class Attachment:
    """A file bound to an invoice, credit note or trade offer, sent along with it."""

    document_guid: str
    file_guid: str
    file_name: str | None

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Attachment:
        w = Wire(data)
        return cls(
            document_guid=w.text("DocumentId") or "",
            file_guid=w.text("FileGuid") or "",
            file_name=w.text("FileName"),
        )
