"""The reports' pure logic: which side of the books an account is on, primo and the lines."""

from __future__ import annotations

from decimal import Decimal

from bilag.ledger.accounts import Account, Category
from bilag.ledger.chart import STANDARD_CHART
from bilag.ledger.reports import (
    ReportKind,
    ReportOptions,
    is_result_account,
    opening_balances,
    report_lines,
    report_totals,
)

CHART = {account.number: account for account in STANDARD_CHART}
D = Decimal


def test_accounts_split_by_category_and_uncategorized_ones_by_number() -> None:
    assert is_result_account(1000, CHART) and is_result_account(9200, CHART)
    assert not is_result_account(55000, CHART) and not is_result_account(61200, CHART)
    odd = {**CHART, 49000: Account(49000, "Analyse", None, Category.ANALYSIS)}
    assert is_result_account(49000, odd) and not is_result_account(70000, odd)


def test_primo_closes_the_result_into_retained_earnings() -> None:
    before = {1000: D("-800"), 6000: D("100"), 55000: D("875"), 64000: D("-175"), 56000: D(0)}
    assert opening_balances(before, CHART) == {55000: D("875"), 61200: D("-700"), 64000: D("-175")}
    assert sum(opening_balances(before, CHART).values()) == 0


def test_each_report_takes_its_side_and_saldo_both() -> None:
    opening = {55000: D("100"), 61200: D("-100")}
    movements = {1000: D("-40"), 55000: D("40")}
    assert report_totals(ReportKind.RESULT, opening, movements, CHART) == {1000: D("-40")}
    assert report_totals(ReportKind.PRIMO, opening, movements, CHART) == opening
    balance = report_totals(ReportKind.BALANCE, opening, movements, CHART)
    assert balance == {55000: D("140"), 61200: D("-100")}
    saldo = report_totals(ReportKind.SALDO, opening, movements, CHART)
    assert sum(saldo.values()) == 0 and len(saldo) == 3


def test_options_change_names_zero_lines_and_sums() -> None:
    totals = {1000: D("-40"), 1100: D("0")}
    plain = ReportOptions(include_summary_accounts=False)
    lines = report_lines(ReportKind.RESULT, totals, CHART, plain)
    assert [(line.account_number, line.amount) for line in lines] == [(1000, D("-40"))]
    named = ReportOptions(
        include_summary_accounts=False, show_account_numbers=True, show_vat_types=True
    )
    [line] = report_lines(ReportKind.RESULT, totals, CHART, named)
    assert line.account_name == "1000 Salg af varer og ydelser m/moms (U25)"
    zeros = report_lines(ReportKind.RESULT, totals, CHART, ReportOptions(show_zero_accounts=True))
    assert {line.account_number for line in zeros} >= {1100, 2000, 101000, 200001}
    summed = report_lines(ReportKind.RESULT, totals, CHART, ReportOptions())
    assert [(line.account_number, line.amount) for line in summed] == [
        (1000, D("-40")),
        (101000, D("-40")),
        (200001, D("-40")),
    ]
