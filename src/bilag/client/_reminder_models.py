"""A reminder (rykker) as read back: `ReminderViewModel`, its amounts as `Decimal`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from bilag.client._models import Wire


@dataclass(frozen=True)
class Reminder:
    """A saved reminder, or a preview (`next`, `fetch`) whose `id` is None. A saved one's version
    is `timestamp`; a preview's is the invoice's, the one adding it needs."""

    id: int | None
    number: int
    timestamp: str
    is_draft: bool
    is_deleted: bool
    date: str | None
    title: str | None
    description: str | None
    with_fee: bool
    with_interest_fee: bool
    with_compensation_fee: bool
    with_debt_collection_warning: bool
    invoice_total: Decimal
    fee: Decimal
    interest: Decimal
    compensation_fee: Decimal
    accumulated_fees_and_interest: Decimal
    paid: Decimal
    total: Decimal
    raw: Mapping[str, Any] = field(repr=False, compare=False, default_factory=dict)

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Reminder:
        w = Wire(data)
        return cls(
            id=w.int("Id"),
            number=w.int("Number") or 0,
            timestamp=w.text("Timestamp") or "",
            is_draft=w.bool("IsDraft"),
            is_deleted=w.bool("IsDeleted"),
            date=w.text("Date"),
            title=w.text("Title"),
            description=w.text("Description"),
            with_fee=w.bool("WithFee"),
            with_interest_fee=w.bool("WithInterestFee"),
            with_compensation_fee=w.bool("WithCompensationFee"),
            with_debt_collection_warning=w.bool("WithDebtCollectionWarning"),
            invoice_total=w.amount("InvoiceTotalInclVatAmount"),
            fee=w.amount("FeeAmount"),
            interest=w.amount("InterestAmount"),
            compensation_fee=w.amount("CompensationFeeAmount"),
            accumulated_fees_and_interest=w.amount("AccumulatedFeesAndInterestAmount"),
            paid=w.amount("PaidAmount"),
            total=w.amount("ReminderTotalInclVatAmount"),
            raw=data,
        )
