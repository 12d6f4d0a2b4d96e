from __future__ import annotations

from decimal import Decimal

from bilag.ledger.chart import STANDARD_CHART
from bilag.ledger.errors import (
    InvalidAccount,
    InvalidAmount,
    UnknownAccount,
    UnknownVatCode,
    VatOnBothSides,
)
from bilag.ledger.posting import (
    BalancedLine,
    PurchaseLine,
    PurchaseVoucher,
    post_balanced_lines,
    post_purchase_voucher,
)
from tests.ledger.tables import as_rows, postings

CHART = {account.number: account for account in STANDARD_CHART}


def test_a_cash_purchase_posts_expense_excl_vat_input_vat_and_the_bank() -> None:
    voucher = PurchaseVoucher(
        [PurchaseLine(6000, Decimal("125.00"), "I25", "Kontorartikler")], "cash", 55000
    )
    posted = post_purchase_voucher(voucher, CHART)
    assert posted.problems == ()
    assert as_rows(posted.postings) == postings("""
        6000    100.00  I25
        64010    25.00  I25
        55000  -125.00
    """)


def test_a_credit_purchase_credits_the_creditors_and_uses_the_accounts_default_vat() -> None:
    voucher = PurchaseVoucher([PurchaseLine(6100, Decimal("99.99"))], "credit")
    posted = post_purchase_voucher(voucher, CHART)
    assert as_rows(posted.postings) == postings("""
        6100    79.99  I25
        64010   20.00  I25
        63000  -99.99
    """)


def test_an_eu_service_purchase_posts_the_vat_on_both_sides() -> None:
    voucher = PurchaseVoucher([PurchaseLine(2150, Decimal("400.00"), "IEUY")], "cash", 55010)
    assert as_rows(post_purchase_voucher(voucher, CHART).postings) == postings("""
        2150    400.00  IEUY
        64010   100.00  IEUY
        64030  -100.00  IEUY
        55010  -400.00
    """)


def test_five_bad_purchase_lines_report_five_problems() -> None:
    voucher = PurchaseVoucher(
        [
            PurchaseLine(4711, Decimal("10")),
            PurchaseLine(6000, Decimal("10.001")),
            PurchaseLine(6000, Decimal("10"), "X99"),
            PurchaseLine(6000, Decimal("10"), "U25"),
            PurchaseLine(55000, Decimal("10"), "none"),
        ],
        "cash",
        1000,
    )
    posted = post_purchase_voucher(voucher, CHART)
    assert posted.postings == ()
    assert [(type(p), p.field) for p in posted.problems] == [
        (InvalidAccount, "DepositAccountNumber"),
        (UnknownAccount, "Lines[0].AccountNumber"),
        (InvalidAmount, "Lines[1].Amount"),
        (UnknownVatCode, "Lines[2].VatCode"),
        (UnknownVatCode, "Lines[3].VatCode"),
        (InvalidAccount, "Lines[4].AccountNumber"),
    ]


def test_daily_sales_excl_vat_against_card_and_mobilepay() -> None:
    lines = [
        BalancedLine(Decimal("-800.00"), 1000, None, "U25", None, "Kortsalg"),
        BalancedLine(Decimal("1000.00"), 55010, None, None, None, "Kortsalg"),
        BalancedLine(Decimal("-200.00"), 1000, 55020, "U25", None, "MobilePay"),
    ]
    posted = post_balanced_lines(lines, CHART)
    assert posted.problems == ()
    assert as_rows(posted.postings) == postings("""
        1000   -800.00  U25
        64000  -200.00  U25
        55010  1000.00
        1000   -200.00  U25
        64000   -50.00  U25
        55020   250.00
    """)


def test_a_purchase_code_on_the_balancing_side_takes_the_amount_incl_vat() -> None:
    posted = post_balanced_lines([BalancedLine(Decimal("-500.00"), 55000, 2000)], CHART)
    assert as_rows(posted.postings) == postings("""
        55000  -500.00
        2000    400.00  I25
        64010   100.00  I25
    """)


def test_vat_on_both_sides_and_an_unbalanced_voucher_are_refused() -> None:
    both = post_balanced_lines([BalancedLine(Decimal("10"), 2000, 1000)], CHART)
    assert [type(problem) for problem in both.problems] == [VatOnBothSides]
    lopsided = post_balanced_lines([BalancedLine(Decimal("10"), 55000)], CHART)
    assert [problem.message for problem in lopsided.problems] == [
        "Debits and credits differ by 10.00."
    ]
