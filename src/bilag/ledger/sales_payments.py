"""Payments of invoices and sales credit notes: their postings and the status they give the
document (reference §3.5).

An invoice payment debits the deposit account and credits debtors. A credit note is paid back:
debtors debited, the deposit account credited. With `remainder_is_fee` the payment settles the
document in full and the difference goes to the fee account (the bank's or the card's cut).
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


def sales_payment_postings(
    amount: Decimal,
    deposit_account: int,
    owed: Decimal,
    remainder_is_fee: bool,
    description: str,
    refund: bool = False,
) -> tuple[Posting, ...]:
    """`amount` in DKK received (or, for a credit note, paid back); `owed` what was left."""
    settled = owed if remainder_is_fee else amount
    fee = settled - amount
    sign = Decimal(-1) if refund else Decimal(1)
    return without_zeros(
        (
            Posting(deposit_account, sign * amount, None, description),
            Posting(FEE_ACCOUNT, sign * fee, None, description),
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
