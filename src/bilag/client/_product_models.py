"""What invoices are made from, as read back: products, invoice templates and the sales settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from bilag.client._models import Wire


@dataclass(frozen=True)
class Product:
    guid: str
    name: str | None
    product_number: str | None
    base_amount: Decimal  # excl. VAT
    base_amount_incl_vat: Decimal
    quantity: Decimal
    account_number: int | None
    unit: str | None
    total_excl_vat: Decimal
    total_incl_vat: Decimal
    external_reference: str | None = None
    comment: str | None = None
    deleted_at: str | None = None
    raw: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Product:
        w = Wire(data)
        return cls(
            guid=w.text("ProductGuid") or "",
            name=w.text("Name"),
            product_number=w.text("ProductNumber"),
            base_amount=w.amount("BaseAmountValue"),
            base_amount_incl_vat=w.amount("BaseAmountValueInclVat"),
            quantity=w.amount("Quantity"),
            account_number=w.int("AccountNumber"),
            unit=w.text("Unit"),
            total_excl_vat=w.amount("TotalAmount"),
            total_incl_vat=w.amount("TotalAmountInclVat"),
            external_reference=w.text("ExternalReference"),
            comment=w.text("Comment"),
            deleted_at=w.text("DeletedAt"),
            raw=data,
        )


@dataclass(frozen=True)
class InvoiceTemplate:
    id: str
    name: str
    is_default: bool
    raw: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> InvoiceTemplate:
        w = Wire(data)
        return cls(
            id=w.text("Id") or "",
            name=w.text("Name") or "",
            is_default=w.bool("IsDefault"),
            raw=data,
        )


@dataclass(frozen=True)
class SalesSettings:
    """The organization's invoice defaults (`SalesVoucherSetttingsModel`)."""

    lines_incl_vat: bool
    default_account_number: int | None
    payment_condition_type: str | None
    payment_condition_days: int | None
    reminder_fee: Decimal
    reminder_interest_rate: Decimal
    raw: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> SalesSettings:
        w = Wire(data)
        return cls(
            lines_incl_vat=w.bool("LinesInclVat"),
            default_account_number=w.int("DefaultAccountNumber"),
            payment_condition_type=w.text("PaymentConditionType"),
            payment_condition_days=w.int("PaymentConditionNumberOfDays"),
            reminder_fee=w.amount("ReminderFee"),
            reminder_interest_rate=w.amount("ReminderInterestRate"),
            raw=data,
        )
