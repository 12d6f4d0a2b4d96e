"""The test's own model of invoices and sales credit notes, against which the state machine in
`sales_machine` checks the API: what the lines come to, what booking posts, what has been paid
and the PaymentStatus that follows. It is written from the reference, not from bilag's code.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

INVOICES = "invoices"
CREDIT_NOTES = "sales/creditnotes"
DRAFT, BOOKED, DELETED = "Draft", "Booked", "Deleted"
DEBTORS, SALES_VAT = 57000, 64000
VAT_RATES = {1000: Decimal("0.25"), 1100: Decimal(0), 1200: Decimal(0)}  # U25, none, UEUV
DKK_PER_100 = {"DKK": Decimal(100), "EUR": Decimal("746.00")}
PAYMENT_DAYS = 8
ORE = Decimal("0.01")


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(ORE, rounding=ROUND_HALF_UP)


def in_dkk(amount: Decimal, currency: str) -> Decimal:
    return cents(amount * DKK_PER_100[currency] / 100)


def ore(amount: Decimal) -> int:
    return int(cents(amount) * 100)


def line_parts(lines: list[dict[str, Any]], incl_vat: bool) -> dict[int, Decimal]:
    """Each sales account's net and the VAT (under the VAT account), in the document's currency.
    A line's total is rounded to øre first and its VAT is computed on that total."""
    parts: dict[int, Decimal] = defaultdict(Decimal)
    for line in lines:
        if line["LineType"] != "Product":
            continue
        rate = VAT_RATES[line["AccountNumber"]]
        share = Decimal(str(line["Quantity"])) * (100 - Decimal(str(line["Discount"]))) / 100
        gross = cents(Decimal(str(line["BaseAmountValue"])) * share)
        if incl_vat:
            net = gross - cents(gross * rate / (1 + rate))
        else:
            net, gross = gross, gross + cents(gross * rate)
        parts[line["AccountNumber"]] += net
        parts[SALES_VAT] += gross - net
    return dict(parts)


@dataclass
class SalesDoc:
    path: str  # INVOICES or CREDIT_NOTES
    organization: int
    guid: str
    timestamp: str
    lines: list[dict[str, Any]]
    currency: str
    incl_vat: bool
    contact: str | None
    issued: date
    status: str = DRAFT
    number: int | None = None
    payments: dict[str, Decimal] = field(default_factory=dict)  # in the document's currency

    @property
    def total(self) -> Decimal:
        return sum(line_parts(self.lines, self.incl_vat).values(), Decimal(0))

    @property
    def paid(self) -> Decimal:
        return sum(self.payments.values(), Decimal(0))

    @property
    def bookable(self) -> bool:
        has_product = any(line["LineType"] == "Product" for line in self.lines)
        return self.contact is not None and has_product

    def payment_status(self, today: date) -> str:
        if self.status != BOOKED:
            return DRAFT
        if self.paid > self.total:
            return "OverPaid"
        if self.paid == self.total:
            return "Paid"
        overdue = self.path == INVOICES and today > self.issued + timedelta(days=PAYMENT_DAYS)
        return "Overdue" if overdue else "Booked"

    def entries(self) -> dict[int, int]:
        """What booking posts, per account in øre: each part credited in DKK, debtors debited
        the sum of the converted parts; a credit note posts the mirror."""
        sign = -1 if self.path == INVOICES else 1
        posted = {
            account: sign * ore(in_dkk(amount, self.currency))
            for account, amount in line_parts(self.lines, self.incl_vat).items()
        }
        posted[DEBTORS] = -sum(posted.values())
        return {account: amount for account, amount in posted.items() if amount}

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ContactGuid": self.contact,
            "Date": self.issued.isoformat(),
            "Currency": self.currency,
            "ShowLinesInclVat": self.incl_vat,
            "ProductLines": self.lines,
        }
        if self.path == INVOICES:
            body.update(PaymentConditionType="Netto", PaymentConditionNumberOfDays=PAYMENT_DAYS)
        return body
