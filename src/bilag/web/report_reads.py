"""What the report pages show, read from the journal with the pure report code in
`bilag.ledger.reports` and the reads in `bilag.storage.entry_reads`, as the API's reports do.

Amounts keep the journal's sign (debit positive, credit negative); the result by month is shown
the way a person reads it: income minus expenses, so a profit is positive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bilag.ledger.accounts import Account
from bilag.ledger.money import ZERO, from_ore
from bilag.ledger.reports import (
    ReportKind,
    ReportLine,
    ReportOptions,
    is_result_account,
    opening_balances,
    report_lines,
    report_totals,
)
from bilag.ledger.years import AccountingYear, get_year_of
from bilag.storage.chart import list_years
from bilag.storage.entry_reads import chart_of, dated_entries, totals_by_account
from bilag.storage.models import JournalEntry


@dataclass(frozen=True)
class Balance:
    number: int
    name: str
    amount: Decimal


@dataclass(frozen=True)
class Entry:
    day: date
    voucher_number: int
    voucher_type: str
    account: int
    account_name: str
    description: str
    vat_code: str | None
    amount: Decimal


@dataclass(frozen=True)
class EntryPage:
    entries: list[Entry]
    total_count: int
    page: int
    page_size: int

    @property
    def last_page(self) -> int:
        return max(0, (self.total_count - 1) // self.page_size)


@dataclass(frozen=True)
class MonthResult:
    month: date
    result: Decimal  # income minus expenses: positive is a profit


def years_of(session: Session, organization_id: int) -> list[AccountingYear]:
    return sorted(list_years(session, organization_id), key=lambda year: year.from_date)


def default_year(years: Sequence[AccountingYear], today: date) -> AccountingYear | None:
    """The year containing today, else the latest."""
    return get_year_of(years, today) or (years[-1] if years else None)


def accounts(session: Session, organization_id: int) -> list[Account]:
    return sorted(chart_of(session, organization_id).values(), key=lambda a: a.number)


def trial_balance(session: Session, organization_id: int, first: date, last: date) -> list[Balance]:
    """Each account's balance at `last`: the primo before `first` (earlier results closed into
    retained earnings) plus the period's movements. The balances sum to zero."""
    chart = chart_of(session, organization_id)
    opening = opening_balances(totals_by_account(session, organization_id, before=first), chart)
    movements = totals_by_account(session, organization_id, within=(first, last))
    amounts: dict[int, Decimal] = dict(opening)
    for number, amount in movements.items():
        amounts[number] = amounts.get(number, ZERO) + amount
    return [
        Balance(number, chart[number].name if number in chart else str(number), amount)
        for number, amount in sorted(amounts.items())
        if amount != ZERO
    ]


def year_report(
    session: Session, organization_id: int, year: AccountingYear, kind: ReportKind
) -> list[ReportLine]:
    """The year's income statement or balance sheet, with the category sums and totals."""
    chart = chart_of(session, organization_id)
    opening = opening_balances(
        totals_by_account(session, organization_id, before=year.from_date), chart
    )
    movements = totals_by_account(session, organization_id, within=(year.from_date, year.to_date))
    totals = report_totals(kind, opening, movements, chart)
    return report_lines(kind, totals, chart, ReportOptions(show_account_numbers=False))


def months_of(year: AccountingYear) -> list[tuple[date, date]]:
    months: list[tuple[date, date]] = []
    start = year.from_date
    while start <= year.to_date:
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        months.append((start, min(following - timedelta(days=1), year.to_date)))
        start = following
    return months


def result_by_month(
    session: Session, organization_id: int, year: AccountingYear
) -> list[MonthResult]:
    chart = chart_of(session, organization_id)
    results: list[MonthResult] = []
    for first, last in months_of(year):
        totals = totals_by_account(session, organization_id, within=(first, last))
        booked = sum(
            (amount for number, amount in totals.items() if is_result_account(number, chart)),
            ZERO,
        )
        results.append(MonthResult(first, -booked))
    return results


def search_entries(
    session: Session,
    organization_id: int,
    *,
    first: date,
    last: date,
    account: int | None,
    text: str,
    page: int,
    page_size: int,
) -> EntryPage:
    """Entries dated in the period, optionally on one account and containing `text`."""
    statement = dated_entries(organization_id, first, last)
    if account is not None:
        statement = statement.where(JournalEntry.account_number == account)
    if text:
        pattern = "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        statement = statement.where(
            func.lower(JournalEntry.description).like(pattern + "%", escape="\\")
        )
    total = session.scalar(select(func.count()).select_from(statement.subquery())) or 0
    names = {number: a.name for number, a in chart_of(session, organization_id).items()}
    rows = session.execute(statement.limit(page_size).offset(page * page_size))
    entries = [
        Entry(
            day=row.entry_date,
            voucher_number=row.voucher_number,
            voucher_type=row.voucher_type,
            account=row.account_number,
            account_name=names.get(row.account_number, ""),
            description=row.description,
            vat_code=row.vat_code,
            amount=from_ore(row.amount_ore),
        )
        for row in rows
    ]
    return EntryPage(entries, int(total), page, page_size)
