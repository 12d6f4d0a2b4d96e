"""Payments of credit purchases: their postings and the status they leave the voucher in."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from bilag.ledger.entries import balance_of
from bilag.ledger.payments import Payment, payment_postings, payment_status

DUE = date(2026, 3, 31)


def _by_account(payment: Payment, owed: D) -> dict[int, D]:
    postings = payment_postings(payment, owed)
    assert balance_of(postings) == 0
    return {posting.account: posting.amount for posting in postings}


def test_paying_a_purchase_debits_creditors_and_credits_the_bank() -> None:
    assert _by_account(Payment(D("1250.00"), 55000), D("1250.00")) == {
        63000: D("1250.00"),
        55000: D("-1250.00"),
    }


def test_a_part_payment_settles_only_what_was_paid() -> None:
    assert _by_account(Payment(D("500.00"), 55000), D("1250.00")) == {
        63000: D("500.00"),
        55000: D("-500.00"),
    }


def test_remainder_is_fee_settles_in_full_and_books_the_difference_as_a_fee() -> None:
    short = _by_account(Payment(D("1240.00"), 55000, remainder_is_fee=True), D("1250.00"))
    assert short == {63000: D("1250.00"), 55000: D("-1240.00"), 6400: D("-10.00")}
    extra = _by_account(Payment(D("1265.00"), 55000, remainder_is_fee=True), D("1250.00"))
    assert extra == {63000: D("1250.00"), 55000: D("-1265.00"), 6400: D("15.00")}


def test_a_refund_of_a_credit_note_is_the_mirror() -> None:
    assert _by_account(Payment(D("200.00"), 55000, refund=True), D("200.00")) == {
        63000: D("-200.00"),
        55000: D("200.00"),
    }


def test_status_follows_what_was_paid_and_the_due_date() -> None:
    before, after = date(2026, 3, 1), date(2026, 4, 1)
    assert payment_status(D("100"), D("0"), DUE, before) == "Booked"
    assert payment_status(D("100"), D("40"), DUE, before) == "Booked"
    assert payment_status(D("100"), D("40"), DUE, after) == "Overdue"
    assert payment_status(D("100"), D("0"), None, after) == "Booked"
    assert payment_status(D("100"), D("100"), DUE, after) == "Paid"
    assert payment_status(D("100"), D("120"), DUE, before) == "Overpaid"
    assert payment_status(D("0"), D("0"), DUE, after) == "Paid"
