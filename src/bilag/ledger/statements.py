"""A contact's state of account (kontoudtog): one line per voucher that moved the contact's
debtor or creditor balance, with the running balance and whether each line is still open.

Amounts are DKK, positive when the contact owes us. A document that can be settled (an invoice,
a purchase, a credit note standing alone) is closed once its settlements cover its total. A
payment, a reminder's fees and a credit note of a document follow that document: they are closed
when it is. A line that belongs to no document (a manual posting) stays open.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bilag.ledger.money import ZERO

OPEN = "open"
CLOSED = "closed"
SALES = "sales"
PURCHASES = "purchases"
MANUAL = "manual"

# The journal's voucher types -> (RelatedVoucherCategory, RelatedVoucherClass).
CLASSES = {
    "invoice": (SALES, "invoice"),
    "credit_note": (SALES, "creditnote"),
    "sales_payment": (SALES, "cash"),
    "reminder": (SALES, "voucher"),
    "purchase": (PURCHASES, "invoice"),
    "purchase_credit_note": (PURCHASES, "creditnote"),
    "purchase_payment": (PURCHASES, "cash"),
}
_SALES_TYPES = ("invoice", "credit_note")
_PURCHASE_TYPES = ("purchase", "purchase_credit_note")


@dataclass(frozen=True)
class StatementItem:
    """One voucher's net on the contact's debtor and creditor accounts."""

    voucher_guid: str
    voucher_number: int
    voucher_type: str
    day: date
    amount: Decimal
    description: str = ""
    decay_date: date | None = None
    currency: str = "DKK"
    belongs_to: str | None = None  # the document whose settlement decides the status
    pays: bool = False  # a payment (of a purchase through a ledger item, say)
    sequence: int = 0  # the order of booking, among lines of one day

    @property
    def category(self) -> str:
        return self._classes()[0]

    @property
    def voucher_class(self) -> str:
        return self._classes()[1]

    def _classes(self) -> tuple[str, str]:
        if self.pays and self.voucher_type not in CLASSES:
            return PURCHASES, "cash"
        return CLASSES.get(self.voucher_type, (MANUAL, "voucher"))


@dataclass(frozen=True)
class Settlement:
    """A document's total and what has settled it (payments, credit notes), both in its
    currency."""

    total: Decimal
    settled: Decimal

    @property
    def closed(self) -> bool:
        return abs(self.settled) >= abs(self.total)


@dataclass(frozen=True)
class StatementLine:
    item: StatementItem
    balance: Decimal
    status: str


@dataclass(frozen=True)
class Statement:
    income: Decimal  # sales in the period: invoices less credit notes, VAT included
    expenses: Decimal  # purchases in the period less purchase credit notes, VAT included
    lines: tuple[StatementLine, ...]


@dataclass(frozen=True)
class Period:
    first: date | None = None  # inclusive
    last: date | None = None  # inclusive

    def __post_init__(self) -> None:
        if self.first is not None and self.last is not None and self.last < self.first:
            raise ValueError("The period's last day is before its first.")

    def holds(self, day: date) -> bool:
        after_first = self.first is None or day >= self.first
        return after_first and (self.last is None or day <= self.last)

    def before(self, day: date) -> bool:
        return self.first is not None and day < self.first


def status_of(item: StatementItem, settlements: Mapping[str, Settlement]) -> str:
    settlement = settlements.get(item.belongs_to or item.voucher_guid)
    return CLOSED if settlement is not None and settlement.closed else OPEN


def build_statement(
    items: Iterable[StatementItem],
    settlements: Mapping[str, Settlement],
    period: Period,
    hide_closed: bool = False,
) -> Statement:
    """The lines dated in the period, oldest first (in booking order within a day), each with
    the balance after it.

    The balance runs over every line the statement would show from the first entry on, so the
    first line's balance includes what was owed before the period, and the last one is what is
    owed at the period's end (with `hide_closed`, what the open lines add up to).
    """
    ordered = sorted(
        items, key=lambda item: (item.day, item.sequence, item.voucher_number, item.voucher_guid)
    )
    balance = ZERO
    income = ZERO
    expenses = ZERO
    lines: list[StatementLine] = []
    for item in ordered:
        if period.last is not None and item.day > period.last:
            continue
        if period.holds(item.day):
            if item.voucher_type in _SALES_TYPES:
                income += item.amount
            elif item.voucher_type in _PURCHASE_TYPES:
                expenses -= item.amount
        status = status_of(item, settlements)
        if hide_closed and status == CLOSED:
            continue
        balance += item.amount
        if not period.before(item.day):
            lines.append(StatementLine(item, balance, status))
    return Statement(income, expenses, tuple(lines))
