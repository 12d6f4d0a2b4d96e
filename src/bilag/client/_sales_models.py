"""Invoices and sales credit notes as read back (`InvoiceReadModel`, `SalesCreditNoteReadModel`,
the list rows and the payments), typed. An unbooked draft has no `number` (Dinero answers the
largest 64-bit integer for it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from bilag.client._models import Wire

DRAFT_NUMBER = 9223372036854775807


def _number(w: Wire) -> int | None:
    number = w.int("Number")
    return None if number == DRAFT_NUMBER else number


@dataclass(frozen=True)
class DocumentRef:
    """What a write answers: the document's guid and its new version."""

    guid: str
    timestamp: str

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> DocumentRef:
        w = Wire(data)
        return cls(guid=w.text("Guid") or "", timestamp=w.text("TimeStamp") or "")


@dataclass(frozen=True)
class DocumentLine:
    line_type: str  # Product or Text
    description: str | None
    quantity: Decimal
    base_amount: Decimal
    account_number: int | None
    unit: str | None
    discount: Decimal
    total_excl_vat: Decimal
    total_incl_vat: Decimal
    product_guid: str | None

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> DocumentLine:
        w = Wire(data)
        return cls(
            line_type=w.text("LineType") or "Product",
            description=w.text("Description"),
            quantity=w.amount("Quantity"),
            base_amount=w.amount("BaseAmountValue"),
            account_number=w.int("AccountNumber") or None,
            unit=w.text("Unit"),
            discount=w.amount("Discount"),
            total_excl_vat=w.amount("TotalAmount"),
            total_incl_vat=w.amount("TotalAmountInclVat"),
            product_guid=w.text("ProductGuid"),
        )


def _common(data: Mapping[str, Any]) -> dict[str, Any]:
    w = Wire(data)
    lines = w.get("ProductLines") or []
    return {
        "guid": w.text("Guid") or "",
        "timestamp": w.text("TimeStamp") or "",
        "status": w.text("Status") or "Draft",
        "number": _number(w),
        "date": w.text("Date"),
        "contact_guid": w.text("ContactGuid"),
        "contact_name": w.text("ContactName"),
        "currency": w.text("Currency") or "DKK",
        "description": w.text("Description"),
        "external_reference": w.text("ExternalReference"),
        "payment_status": w.text("PaymentStatus"),
        "total_excl_vat": w.amount("TotalExclVat"),
        "total_vat": w.amount("TotalVat"),
        "total_incl_vat": w.amount("TotalInclVat"),
        "lines": tuple(DocumentLine.from_wire(line) for line in lines),
        "raw": data,
    }


@dataclass(frozen=True)
class _SalesDocument:
    guid: str  # empty on a `fetch` preview
    timestamp: str
    status: str  # Draft or Booked
    number: int | None
    date: str | None
    contact_guid: str | None
    contact_name: str | None
    currency: str
    description: str | None
    external_reference: str | None
    payment_status: str | None  # Draft, Booked, Paid, OverPaid or Overdue
    total_excl_vat: Decimal
    total_vat: Decimal
    total_incl_vat: Decimal
    lines: tuple[DocumentLine, ...]


@dataclass(frozen=True)
class Invoice(_SalesDocument):
    payment_date: str | None = None  # the due date
    payment_condition_type: str | None = None
    payment_condition_days: int | None = None
    raw: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Invoice:
        w = Wire(data)
        return cls(
            **_common(data),
            payment_date=w.text("PaymentDate"),
            payment_condition_type=w.text("PaymentConditionType"),
            payment_condition_days=w.int("PaymentConditionNumberOfDays"),
        )


@dataclass(frozen=True)
class SalesCreditNote(_SalesDocument):
    credit_note_for: str | None = None  # the invoice it credits
    raw: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> SalesCreditNote:
        return cls(**_common(data), credit_note_for=Wire(data).text("CreditNoteFor"))


@dataclass(frozen=True)
class SalesListItem:
    """One row of `/invoices`, `/sales/creditnotes` or `/sales`."""

    guid: str
    type: str  # Invoice or CreditNote
    number: int | None
    date: str | None
    status: str  # Draft, Booked, Paid, OverPaid or Overdue
    contact_guid: str | None
    contact_name: str | None
    description: str | None
    external_reference: str | None
    currency: str
    total_excl_vat: Decimal
    total_incl_vat: Decimal
    payment_date: str | None
    deleted_at: str | None
    raw: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> SalesListItem:
        w = Wire(data)
        return cls(
            guid=w.text("Guid") or "",
            type=w.text("Type") or "",
            number=_number(w),
            date=w.text("Date"),
            status=w.text("Status") or "",
            contact_guid=w.text("ContactGuid"),
            contact_name=w.text("ContactName"),
            description=w.text("Description"),
            external_reference=w.text("ExternalReference"),
            currency=w.text("Currency") or "DKK",
            total_excl_vat=w.amount("TotalExclVat"),
            total_incl_vat=w.amount("TotalInclVat"),
            payment_date=w.text("PaymentDate"),
            deleted_at=w.text("DeletedAt"),
            raw=data,
        )


@dataclass(frozen=True)
class PaymentRef:
    """An added payment, the document's new version and the voucher that booked the payment."""

    guid: str
    timestamp: str
    voucher_guid: str | None

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> PaymentRef:
        w = Wire(data)
        return cls(
            guid=w.text("Guid") or "",
            timestamp=w.text("TimeStamp") or "",
            voucher_guid=w.text("RelatedVoucherGuid"),
        )


@dataclass(frozen=True)
class Payment:
    guid: str
    amount: Decimal  # in the document's currency
    payment_date: str | None
    deposit_account_number: int | None
    description: str | None
    external_reference: str | None
    currency: str
    voucher_guid: str | None

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Payment:
        w = Wire(data)
        return cls(
            guid=w.text("Guid") or "",
            amount=w.amount("Amount"),
            payment_date=w.text("PaymentDate"),
            deposit_account_number=w.int("DepositAccountNumber"),
            description=w.text("Description"),
            external_reference=w.text("ExternalReference"),
            currency=w.text("Currency") or "DKK",
            voucher_guid=w.text("RelatedVoucherId"),
        )


@dataclass(frozen=True)
class Payments:
    """A document's payments (`InvoicePaymentsModel`) and what remains to be paid."""

    payments: tuple[Payment, ...]
    paid: Decimal
    remaining: Decimal
    total_incl_reminder_expenses: Decimal
    remainder_as_fee_available: bool

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Payments:
        w = Wire(data)
        return cls(
            payments=tuple(Payment.from_wire(p) for p in w.get("Payments") or []),
            paid=w.amount("PaidAmount"),
            remaining=w.amount("RemainingAmount"),
            total_incl_reminder_expenses=w.amount("InvoiceTotalIncludingReminderExpenses"),
            remainder_as_fee_available=w.bool("RemainderAsFeeAvailable"),
        )
