"""Payments of credit purchases and purchase credit notes: their postings and the status they
give the voucher (reference §2.9, §3.7).

A purchase payment debits creditors and credits the account that paid. A refund of a purchase
credit note is the mirror. With `remainder_is_fee` the payment settles the voucher in full and
the difference between what was owed and what was paid goes to the fee account.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bilag.ledger.chart import CREDITORS_ACCOUNT
from bilag.ledger.entries import Posting, without_zeros
from bilag.ledger.money import ZERO

FEE_ACCOUNT = 6400

BOOKED = "Booked"
PAID = "Paid"
OVERDUE = "Overdue"
OVERPAID = "Overpaid"


@dataclass(frozen=True)
class Payment:
    amount: Decimal  # what left (or, for a refund, came into) the deposit account
    deposit_account: int
    description: str = ""
    remainder_is_fee: bool = False
    refund: bool = False  # a purchase credit note paid back by the supplier


def remaining(total: Decimal, paid: Decimal) -> Decimal:
    return total - paid


def payment_postings(payment: Payment, owed: Decimal) -> tuple[Posting, ...]:
    """Creditors against the deposit account; with `remainder_is_fee`, `owed` is settled in full
    and the difference between `owed` and the amount is posted to the fee account."""
    settled = owed if payment.remainder_is_fee else payment.amount
    fee = settled - payment.amount
    sign = Decimal(-1) if payment.refund else Decimal(1)
    text = payment.description
    return without_zeros(
        (
            Posting(CREDITORS_ACCOUNT, sign * settled, None, text),
            Posting(payment.deposit_account, -sign * payment.amount, None, text),
            Posting(FEE_ACCOUNT, -sign * fee, None, text),
        )
    )


def payment_status(total: Decimal, paid: Decimal, due_date: date | None, today: date) -> str:
    """A booked credit voucher's status: Paid, Overpaid, Overdue (unpaid after its due date) or
    Booked. `total` and `paid` are both positive for purchases and for credit notes."""
    if paid > ZERO and paid == total:
        return PAID
    if paid > total:
        return OVERPAID
    if total == ZERO:
        return PAID
    if due_date is not None and today > due_date:
        return OVERDUE
    return BOOKED
