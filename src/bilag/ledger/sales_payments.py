"""Payments of invoices and sales credit notes: their postings and the status they give the
document (reference §3.5).

An invoice payment debits the deposit account and credits debtors. A credit note is paid back:
debtors debited, the deposit account credited. With `remainder_is_fee` the payment settles the
document in full and the difference goes to the fee account (the bank's or the card's cut). A
payment in a foreign currency settles debtors at the rate the document was booked at; the
difference to what the bank received is an exchange gain or loss.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bilag.ledger.chart import DEBTORS_ACCOUNT
from bilag.ledger.entries import Posting, without_zeros
from bilag.ledger.money import ZERO
from bilag.ledger.payments import FEE_ACCOUNT

DRAFT = "Draft"
BOOKED = "Booked"
PAID = "Paid"
OVERPAID = "OverPaid"
OVERDUE = "Overdue"
EXCHANGE_GAIN_ACCOUNT = 9000  # Renteindtægter
EXCHANGE_LOSS_ACCOUNT = 9200  # Renteudgifter


def sales_payment_postings(
    received: Decimal,
    deposit_account: int,
    settled: Decimal,
    remainder_is_fee: bool,
    description: str,
    refund: bool = False,
) -> tuple[Posting, ...]:
    """The deposit account gets what was `received` (DKK) and debtors lose what it `settled`
    (DKK, at the document's rate). The difference is the fee with `remainder_is_fee`, and
    otherwise an exchange difference: a gain (interest income) or a loss (interest expenses)."""
    difference = settled - received
    if remainder_is_fee:
        other = FEE_ACCOUNT
    else:
        other = EXCHANGE_LOSS_ACCOUNT if difference > 0 else EXCHANGE_GAIN_ACCOUNT
    sign = Decimal(-1) if refund else Decimal(1)
    return without_zeros(
        (
            Posting(deposit_account, sign * received, None, description),
            Posting(other, sign * difference, None, description),
            Posting(DEBTORS_ACCOUNT, -sign * settled, None, description),
        )
    )


def sales_payment_status(total: Decimal, paid: Decimal, due: date | None, today: date) -> str:
    """A booked document's PaymentStatus: Paid, OverPaid, Overdue or Booked. `total` and `paid`
    are positive for invoices and credit notes alike."""
    if paid > total:
        return OVERPAID
    if paid == total:
        return PAID
    if due is not None and today > due:
        return OVERDUE
    return BOOKED


def remainder_as_fee_available(total: Decimal, paid: Decimal) -> bool:
    """Whether what is left could be written off as a fee: something, but not everything, paid."""
    return ZERO < paid < total
