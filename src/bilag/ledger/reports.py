"""The year's reports over account totals: which accounts belong to the income statement and which
to the balance sheet, the opening balance (primo) a year starts with, and the report lines.

Amounts keep the journal's sign: debits positive, credits negative, so income is negative.
- The primo of a year carries every balance-sheet account's balance from the years before it;
  the result of those years is closed into retained earnings (61200 "Overført resultat").
- `saldo` is both parts at the year's end: result accounts with the year's movements, balance
  accounts with primo plus movements, so its accounts sum to zero.
- Summary lines (`include_summary_accounts`): bilag's chart has no sum accounts, so the report
  adds one line per category ("Omsætning i alt", numbered 100000 + the category's lowest
  account) and the totals below. Their numbers lie above every real account (1-99999).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from bilag.ledger.accounts import Account, Category
from bilag.ledger.money import ZERO

C = Category
RESULT_CATEGORIES = frozenset(
    {
        C.TURNOVER,
        C.VARIABLE_EXPENSES,
        C.SALARY,
        C.SALES_EXPENSES,
        C.PROPERTY_EXPENSES,
        C.ADMINISTRATION_EXPENSES,
        C.TRAVEL_EXPENSES,
        C.DEPRECIATION,
        C.INTEREST_INCOME,
        C.INTEREST_EXPENSES,
        C.TAX,
        C.CHARGE,
    }
)
ASSET_CATEGORIES = frozenset(
    {
        C.INTANGIBLE_PROPERTY,
        C.PROPERTY,
        C.FINANCIAL_ASSETS,
        C.TURNOVER_ASSETS,
        C.RECEIVABLES,
        C.LIQUID_ASSETS,
    }
)
FIRST_BALANCE_ACCOUNT = 50000  # uncategorized accounts below it are result accounts
RETAINED_EARNINGS_ACCOUNT = 61200
SUMMARY_BASE = 100000
YEAR_RESULT_LINE = (200001, "Årets resultat")
ASSETS_LINE = (200002, "Aktiver i alt")
LIABILITIES_LINE = (200003, "Passiver i alt")

Chart = Mapping[int, Account]


class ReportKind(Enum):
    SALDO = "saldo"
    RESULT = "result"
    BALANCE = "balance"
    PRIMO = "primo"


@dataclass(frozen=True)
class ReportOptions:
    show_zero_accounts: bool = False
    show_account_numbers: bool = False
    include_summary_accounts: bool = True
    show_vat_types: bool = False


@dataclass(frozen=True)
class ReportLine:
    account_number: int
    account_name: str | None
    amount: Decimal


def is_result_account(number: int, chart: Chart) -> bool:
    account = chart.get(number)
    if account is not None and account.category in RESULT_CATEGORIES:
        return True
    if account is not None and account.category not in (C.NOT_SET, C.ANALYSIS):
        return False
    return number < FIRST_BALANCE_ACCOUNT


def opening_balances(before: Mapping[int, Decimal], chart: Chart) -> dict[int, Decimal]:
    """The primo from the totals of every entry dated before the year: balance-sheet accounts
    keep theirs, result accounts are closed into retained earnings. Zero balances are left out."""
    opening: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for number, amount in before.items():
        target = RETAINED_EARNINGS_ACCOUNT if is_result_account(number, chart) else number
        opening[target] += amount
    return {number: amount for number, amount in sorted(opening.items()) if amount != 0}


def report_totals(
    kind: ReportKind,
    opening: Mapping[int, Decimal],
    movements: Mapping[int, Decimal],
    chart: Chart,
) -> dict[int, Decimal]:
    """Each account's amount in the report, before options are applied."""
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    if kind is not ReportKind.RESULT:
        for number, amount in opening.items():
            totals[number] += amount
    if kind is not ReportKind.PRIMO:
        for number, amount in movements.items():
            totals[number] += amount
    return {
        number: amount
        for number, amount in totals.items()
        if _in_report(kind, is_result_account(number, chart))
    }


def _in_report(kind: ReportKind, is_result: bool) -> bool:
    if kind is ReportKind.RESULT:
        return is_result
    if kind in (ReportKind.BALANCE, ReportKind.PRIMO):
        return not is_result
    return True


def report_lines(
    kind: ReportKind, totals: Mapping[int, Decimal], chart: Chart, options: ReportOptions
) -> list[ReportLine]:
    """The report's lines: accounts grouped by category, each group followed by its sum."""
    amounts = dict(totals)
    if options.show_zero_accounts:
        for number in chart:
            if _in_report(kind, is_result_account(number, chart)):
                amounts.setdefault(number, ZERO)
    else:
        amounts = {number: amount for number, amount in amounts.items() if amount != 0}
    lines: list[ReportLine] = []
    for category, numbers in _groups(amounts, chart):
        lines.extend(ReportLine(n, _name(chart.get(n), n, options), amounts[n]) for n in numbers)
        if options.include_summary_accounts:
            name = f"{category.danish_name} i alt" if category else "Øvrige konti i alt"
            total = sum((amounts[n] for n in numbers), ZERO)
            lines.append(ReportLine(SUMMARY_BASE + numbers[0], name, total))
    if options.include_summary_accounts and amounts:
        lines.extend(_section_totals(kind, amounts, chart))
    return lines


def _groups(
    amounts: Mapping[int, Decimal], chart: Chart
) -> list[tuple[Category | None, list[int]]]:
    """Accounts by category, the groups in the order of their lowest account number."""
    grouped: dict[Category | None, list[int]] = defaultdict(list)
    for number in sorted(amounts):
        account = chart.get(number)
        grouped[None if account is None else account.category].append(number)
    return sorted(grouped.items(), key=lambda group: group[1][0])


def _name(account: Account | None, number: int, options: ReportOptions) -> str | None:
    if account is None:
        return str(number) if options.show_account_numbers else None
    name = account.name
    if options.show_account_numbers:
        name = f"{number} {name}"
    if options.show_vat_types and account.vat_code:
        name = f"{name} ({account.vat_code})"
    return name


def _section_totals(
    kind: ReportKind, amounts: Mapping[int, Decimal], chart: Chart
) -> Iterable[ReportLine]:
    def total(numbers: Iterable[int]) -> Decimal:
        return sum((amounts[n] for n in numbers), ZERO)

    results = [n for n in amounts if is_result_account(n, chart)]
    balances = [n for n in amounts if n not in results]
    assets = [n for n in balances if n in chart and chart[n].category in ASSET_CATEGORIES]
    liabilities = [n for n in balances if n not in assets]
    if kind in (ReportKind.SALDO, ReportKind.RESULT):
        yield ReportLine(*YEAR_RESULT_LINE, total(results))
    if kind is not ReportKind.RESULT:
        yield ReportLine(*ASSETS_LINE, total(assets))
        yield ReportLine(*LIABILITIES_LINE, total(liabilities))
