"""The state of account's pure part: order, running balance, open and closed, the period."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from bilag.ledger.statements import (
    CLOSED,
    OPEN,
    Period,
    Settlement,
    StatementItem,
    build_statement,
)


def _item(guid: str, number: int, kind: str, day: int, amount: str, **extra: Any) -> StatementItem:
    return StatementItem(guid, number, kind, date(2026, 3, day), Decimal(amount), **extra)


INVOICE = _item("inv", 1, "invoice", 2, "2000.00", decay_date=date(2026, 3, 10))
PAYMENT = _item("pay", 5, "sales_payment", 12, "-500.00", belongs_to="inv")
NOTE = _item("cn", 2, "credit_note", 14, "-250.00", belongs_to="inv")
PURCHASE = _item("buy", 3, "purchase", 6, "-1000.00")
MANUAL = _item("man", 9, "manual", 20, "100.00")


def test_lines_run_oldest_first_with_the_balance_after_each() -> None:
    settlements = {"inv": Settlement(Decimal(2000), Decimal(750))}
    statement = build_statement([MANUAL, PAYMENT, INVOICE, PURCHASE, NOTE], settlements, Period())
    assert [line.item.voucher_guid for line in statement.lines] == [
        "inv", "buy", "pay", "cn", "man"
    ]  # fmt: skip
    assert [line.balance for line in statement.lines] == [
        Decimal(2000), Decimal(1000), Decimal(500), Decimal(250), Decimal(350)
    ]  # fmt: skip
    assert statement.income == Decimal(1750) and statement.expenses == Decimal(1000)


def test_the_same_day_is_ordered_by_booking_then_number() -> None:
    late = _item("b", 7, "manual", 2, "1.00")
    early = _item("a", 8, "manual", 2, "2.00")
    first = _item("c", 6, "manual", 2, "3.00")
    statement = build_statement([early, late, first], {}, Period())
    assert [line.item.voucher_guid for line in statement.lines] == ["c", "b", "a"]
    booked_first = _item("d", 9, "invoice", 2, "4.00", sequence=1)
    booked_last = _item("e", 1, "purchase", 2, "-4.00", sequence=2)
    statement = build_statement([booked_last, booked_first], {}, Period())
    assert [line.item.voucher_guid for line in statement.lines] == ["d", "e"]


def test_a_payment_and_a_credit_note_follow_the_document_they_settle() -> None:
    partly = build_statement(
        [INVOICE, PAYMENT, NOTE], {"inv": Settlement(Decimal(2000), Decimal(750))}, Period()
    )
    assert {line.status for line in partly.lines} == {OPEN}
    fully = build_statement(
        [INVOICE, PAYMENT, NOTE], {"inv": Settlement(Decimal(2000), Decimal(2000))}, Period()
    )
    assert {line.status for line in fully.lines} == {CLOSED}


def test_settlement_compares_sizes_whatever_the_sign() -> None:
    assert Settlement(Decimal(-100), Decimal(100)).closed
    assert Settlement(Decimal(100), Decimal(120)).closed  # overpaid
    assert not Settlement(Decimal(100), Decimal("99.99")).closed
    assert Settlement(Decimal(0), Decimal(0)).closed


def test_a_line_without_a_document_stays_open() -> None:
    statement = build_statement([MANUAL, PURCHASE], {}, Period())
    assert [line.status for line in statement.lines] == [OPEN, OPEN]


def test_hide_closed_leaves_the_open_lines_and_their_own_balance() -> None:
    other = _item("inv2", 4, "invoice", 8, "300.00")
    paid = _item("pay2", 6, "sales_payment", 9, "-300.00", belongs_to="inv2")
    settlements = {
        "inv": Settlement(Decimal(2000), Decimal(500)),
        "inv2": Settlement(Decimal(300), Decimal(300)),
    }
    statement = build_statement([INVOICE, other, paid, PAYMENT], settlements, Period(), True)
    assert [line.item.voucher_guid for line in statement.lines] == ["inv", "pay"]
    assert statement.lines[-1].balance == Decimal(1500)
    assert statement.income == Decimal(2300)  # the period's sales, open or not


def test_the_period_keeps_what_was_owed_before_it_in_the_balance() -> None:
    period = Period(date(2026, 3, 10), date(2026, 3, 14))
    statement = build_statement([INVOICE, PURCHASE, PAYMENT, NOTE, MANUAL], {}, period)
    assert [line.item.voucher_guid for line in statement.lines] == ["pay", "cn"]
    assert [line.balance for line in statement.lines] == [Decimal(500), Decimal(250)]
    assert statement.income == Decimal(-250) and statement.expenses == Decimal(0)


def test_a_period_of_one_day_includes_that_day() -> None:
    statement = build_statement([INVOICE], {}, Period(date(2026, 3, 2), date(2026, 3, 2)))
    assert len(statement.lines) == 1 and statement.income == Decimal(2000)


def test_a_period_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="before"):
        Period(date(2026, 3, 2), date(2026, 3, 1))


@pytest.mark.parametrize(
    ("kind", "pays", "category", "voucher_class"),
    [
        ("invoice", False, "sales", "invoice"),
        ("credit_note", False, "sales", "creditnote"),
        ("sales_payment", False, "sales", "cash"),
        ("reminder", False, "sales", "voucher"),
        ("purchase", False, "purchases", "invoice"),
        ("purchase_credit_note", False, "purchases", "creditnote"),
        ("purchase_payment", False, "purchases", "cash"),
        ("ledger_item", True, "purchases", "cash"),
        ("ledger_item", False, "manual", "voucher"),
        ("manual", False, "manual", "voucher"),
    ],
)
def test_categories_and_classes(kind: str, pays: bool, category: str, voucher_class: str) -> None:
    item = _item("x", 1, kind, 1, "1.00", pays=pays)
    assert (item.category, item.voucher_class) == (category, voucher_class)
