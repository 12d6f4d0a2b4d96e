"""Trade offers (tilbud) as read back: `TradeOfferReadModel`, a list row (the same without lines),
or a `fetch` preview; and the guid and version a write answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from bilag.client._models import Wire
from bilag.client._sales_models import DocumentLine, DocumentRef


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
    lines: tuple[DocumentLine, ...] = ()
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
            lines=tuple(DocumentLine.from_wire(line) for line in w.get("ProductLines") or ()),
            raw=data,
        )

    @property
    def ref(self) -> DocumentRef:
        return DocumentRef(self.guid, self.timestamp)
