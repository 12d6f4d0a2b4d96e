"""Trade offers (tilbud) as read back: `TradeOfferReadModel`, a list row (the same without lines),
or a `fetch` preview; and the guid and version a write answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from bilag.client._models import Wire
from bilag.client._sales_models import DocumentRef


@dataclass(frozen=True)
class OfferLine:
    """A line as priced: amounts excluding VAT unless named `_incl_vat`."""

    line_type: str  # Product or Text
    description: str | None
    quantity: Decimal
    unit: str | None
    account_number: int | None
    base_amount: Decimal
    discount: Decimal
    total: Decimal
    total_incl_vat: Decimal
    product_guid: str | None

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> OfferLine:
        w = Wire(data)
        return cls(
            line_type=w.text("LineType") or "Product",
            description=w.text("Description"),
            quantity=w.amount("Quantity"),
            unit=w.text("Unit"),
            account_number=w.int("AccountNumber"),
            base_amount=w.amount("BaseAmountValue"),
            discount=w.amount("Discount"),
            total=w.amount("TotalAmount"),
            total_incl_vat=w.amount("TotalAmountInclVat"),
            product_guid=w.text("ProductGuid"),
        )


@dataclass(frozen=True)
class TradeOffer:
    """Its version is `timestamp`; `status` is Draft, Invoiced, CustomerAccepted, ... A list
    row has no `lines`, and a preview no `guid`."""

    guid: str
    timestamp: str
    number: int | None
    contact_guid: str | None
    contact_name: str | None
    date: str | None
    description: str | None
    external_reference: str | None
    currency: str | None
    status: str | None
    total_excl_vat: Decimal
    total_vat: Decimal
    total_incl_vat: Decimal
    has_generated_any_vouchers: bool
    deleted_at: str | None
    lines: tuple[OfferLine, ...] = ()
    raw: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> TradeOffer:
        w = Wire(data)
        return cls(
            guid=w.text("Guid") or "",
            timestamp=w.text("TimeStamp") or "",
            number=w.int("Number"),
            contact_guid=w.text("ContactGuid"),
            contact_name=w.text("ContactName"),
            date=w.text("Date"),
            description=w.text("Description"),
            external_reference=w.text("ExternalReference"),
            currency=w.text("Currency"),
            status=w.text("Status"),
            total_excl_vat=w.amount("TotalExclVat"),
            total_vat=w.amount("TotalVat"),
            total_incl_vat=w.amount("TotalInclVat"),
            has_generated_any_vouchers=w.bool("HasGeneratedAnyVouchers"),
            deleted_at=w.text("DeletedAt"),
            lines=tuple(OfferLine.from_wire(line) for line in w.get("ProductLines") or ()),
            raw=data,
        )

    @property
    def ref(self) -> DocumentRef:
        return DocumentRef(self.guid, self.timestamp)
