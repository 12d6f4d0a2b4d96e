"""Reminders: when an invoice may get one, what it charges, and the postings of booking it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal as D

from bilag.ledger.chart import STANDARD_CHART
from bilag.ledger.entries import balance_of
from bilag.ledger.errors import LedgerError
from bilag.ledger.reminders import (
    EarlierReminder,
    RemindedInvoice,
    ReminderChoice,
    check_reminder,
    earliest_date,
    interest,
    next_number,
    reminder_amounts,
    reminder_postings,
)

DUE = date(2026, 3, 10)
INVOICE = RemindedInvoice(
    total=D("2000.00"),
    paid=D("0.00"),
    due_date=DUE,
    fee=D("100"),
    interest_rate=D("2"),
    business_customer=True,
)


def _choice(day: date, fee: bool = True, rate: bool = True, comp: bool = False) -> ReminderChoice:
    return ReminderChoice(day, with_fee=fee, with_interest=rate, with_compensation=comp)


def _earlier(number: int, day: date, booked: bool = True, comp: bool = False) -> EarlierReminder:
    fees = D("100.00") + (D("310.00") if comp else D(0))
    return EarlierReminder(number, day, booked, True, fees, has_compensation=comp)


def _fields(problems: Sequence[LedgerError]) -> list[str]:
    return [problem.field for problem in problems]


def test_a_reminder_is_dated_after_the_due_date_of_an_unpaid_invoice() -> None:
    assert check_reminder(INVOICE, [], _choice(date(2026, 3, 11))) == []
    on_due = check_reminder(INVOICE, [], _choice(DUE))
    assert _fields(on_due) == ["Date"] and "not overdue" in on_due[0].message
    assert on_due[0].code == 45
    paid = RemindedInvoice(D("2000"), D("2000"), DUE, D("100"), D(0), True)
    assert "paid" in check_reminder(paid, [], _choice(date(2026, 4, 1)))[0].message


def test_three_at_most_each_ten_days_after_a_booked_previous() -> None:
    first = _earlier(1, date(2026, 3, 20))
    assert check_reminder(INVOICE, [first], _choice(date(2026, 3, 30))) == []
    too_soon = check_reminder(INVOICE, [first], _choice(date(2026, 3, 29)))
    assert _fields(too_soon) == ["Date"] and "2026-03-30 or later" in too_soon[0].message
    draft = check_reminder(
        INVOICE, [_earlier(1, date(2026, 3, 20), False)], _choice(date(2026, 4, 9))
    )
    assert _fields(draft) == ["Number"] and "Book or delete reminder 1" in draft[0].message
    three = [first, _earlier(2, date(2026, 3, 30)), _earlier(3, date(2026, 4, 9))]
    assert next_number(three) == 4
    assert "at most 3" in check_reminder(INVOICE, three, _choice(date(2026, 5, 1)))[0].message


def test_the_earliest_date_follows_the_due_date_and_the_previous_reminder() -> None:
    assert earliest_date(INVOICE, []) == date(2026, 3, 11)
    assert earliest_date(INVOICE, [_earlier(1, date(2026, 3, 25))]) == date(2026, 4, 4)


def test_the_compensation_fee_is_for_business_customers_once() -> None:
    day = date(2026, 4, 1)
    assert reminder_amounts(INVOICE, [], _choice(day, comp=True)).compensation_fee == D("310.00")
    earlier = [_earlier(1, date(2026, 3, 20), comp=True)]
    assert _fields(check_reminder(INVOICE, earlier, _choice(day, comp=True))) == [
        "WithCompensationFee"
    ]
    second = reminder_amounts(INVOICE, earlier, _choice(day, comp=True))
    assert not second.compensation_available and second.compensation_fee == 0
    person = RemindedInvoice(D("2000"), D(0), DUE, D("100"), D(0), business_customer=False)
    assert "private persons" in check_reminder(person, [], _choice(day, comp=True))[0].message


def test_interest_is_the_monthly_rate_pro_rata_by_days() -> None:
    assert interest(D("2000"), D("2"), DUE, date(2026, 4, 9)) == D("40.00")  # 30 days
    assert interest(D("1000"), D("0.7"), DUE, date(2026, 3, 25)) == D("3.50")  # 15 days
    assert interest(D("1000"), D("2"), DUE, DUE) == D("0.00")


def test_amounts_of_a_second_reminder() -> None:
    earlier = [_earlier(1, date(2026, 3, 25), comp=True)]
    part_paid = RemindedInvoice(D("2000.00"), D("500.00"), DUE, D("100"), D("2"), True)
    amounts = reminder_amounts(part_paid, earlier, _choice(date(2026, 4, 24)))
    assert amounts.fee == D("100")
    assert amounts.interest == D("30.00")  # 2 % of 1500 for the 30 days since reminder 1
    assert (amounts.interest_from, amounts.interest_to) == (date(2026, 3, 26), date(2026, 4, 24))
    assert amounts.accumulated == D("410.00") and amounts.compensation_fee == 0
    assert amounts.total == D("2000.00") + D("130.00") + D("410.00") - D("500.00")


def test_without_fee_or_interest_the_reminder_charges_nothing() -> None:
    amounts = reminder_amounts(INVOICE, [], _choice(date(2026, 4, 9), fee=False, rate=False))
    assert amounts.fees == 0
    assert reminder_postings(amounts.fee, amounts.interest, amounts.compensation_fee, "R") == ()


def test_booking_posts_debtors_against_income_without_vat() -> None:
    postings = reminder_postings(D("100"), D("40"), D("310"), "Rykker 1 til faktura 5")
    assert balance_of(postings) == 0
    assert {p.account: p.amount for p in postings} == {
        57000: D("450"),
        1100: D("-410"),
        9000: D("-40"),
    }
    assert all(posting.vat_code is None for posting in postings)
    chart = {account.number: account for account in STANDARD_CHART}
    assert chart[1100].vat_code is None and chart[9000].name == "Renteindtægter"
