"""Purchase credit notes, purchase payments, and the answers of the purchase voucher tools."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from bilag.client._models import Wire


class Versioned(Protocol):
    """Anything named by its guid and version: a `Voucher`, a credit note, a `VoucherVersion`."""

    @property
    def guid(self) -> str: ...

    @property
    def timestamp(self) -> str: ...


@dataclass(frozen=True)
class VoucherVersion:
    """What a create answers: the new object's guid and version."""

    guid: str
    timestamp: str

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> VoucherVersion:
        w = Wire(data)
        return cls(guid=w.text("Guid") or "", timestamp=w.text("Timestamp") or "")


def _totals(data: Any) -> dict[str, Decimal]:
    rows = data if isinstance(data, list) else []
    return {str(Wire(row).text("Type")): Wire(row).amount("Total") for row in rows}


@dataclass(frozen=True)
class PurchaseCreditNote:
    guid: str
    timestamp: str
    status: str
    date: str | None
    credit_note_for: str | None
    contact_guid: str | None
    file_guid: str | None
    credit_note_number: int | None
    total_incl_vat: Decimal
    raw: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> PurchaseCreditNote:
        w = Wire(data)
        return cls(
            guid=w.text("Guid") or "",
            timestamp=w.text("Timestamp") or "",
            status=w.text("Status") or "",
            date=w.text("Date"),
            credit_note_for=w.text("CreditNoteFor"),
            contact_guid=w.text("ContactGuid"),
            file_guid=w.text("FileGuid"),
            credit_note_number=w.int("CreditNoteNumber"),
            total_incl_vat=_totals(w.get("Totals")).get("Total", Decimal(0)),
            raw=data,
        )


@dataclass(frozen=True)
class PurchasePreview:
    """What a purchase voucher would be (`fetch`): nothing is stored."""

    total_excl_vat: Decimal
    vat: Decimal
    total_incl_vat: Decimal
    should_possibly_be_fixed_asset: bool
    raw: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> PurchasePreview:
        w = Wire(data)
        totals = _totals(w.get("VoucherTotals"))
        return cls(
            total_excl_vat=totals.get("SubTotal", Decimal(0)),
            vat=totals.get("Vat", Decimal(0)),
            total_incl_vat=totals.get("Total", Decimal(0)),
            should_possibly_be_fixed_asset=w.bool("ShouldPossiblyBeFixedAsset"),
            raw=data,
        )


@dataclass(frozen=True)
class SimilarVoucher:
    found: bool
    guid: str | None
    voucher_number: int | None

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> SimilarVoucher:
        w = Wire(data)
        return cls(
            found=w.bool("SimilarFound"),
            guid=w.text("SimilarGuid"),
            voucher_number=w.int("VoucherNumber"),
        )


@dataclass(frozen=True)
class PurchasePayment:
    guid: str
    amount: Decimal
    deposit_account_number: int | None
    payment_date: str | None
    description: str | None
    external_reference: str | None
    related_voucher_guid: str | None
    raw: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> PurchasePayment:
        w = Wire(data)
        return cls(
            guid=w.text("Guid") or "",
            amount=w.amount("Amount"),
            deposit_account_number=w.int("DepositAccountNumber"),
            payment_date=w.text("PaymentDate"),
            description=w.text("Description"),
            external_reference=w.text("ExternalReference"),
            related_voucher_guid=w.text("RelatedVoucherId"),
            raw=data,
        )


@dataclass(frozen=True)
class PaymentAdded:
    """A new payment's guid, the paid voucher's new `timestamp`, and the voucher booking it."""

    guid: str
    timestamp: str
    related_voucher_guid: str | None

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> PaymentAdded:
        w = Wire(data)
        return cls(
            guid=w.text("Guid") or "",
            timestamp=w.text("Timestamp") or "",
            related_voucher_guid=w.text("RelatedVoucherGuid"),
        )
