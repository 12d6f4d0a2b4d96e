"""Reading and writing an organization's chart of accounts and accounting years.

Rows convert to and from the ledger's values; every query is scoped to one organization.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bilag.ledger.accounts import Account, Category, get_category
from bilag.ledger.errors import AccountingYearExists, AccountNumberTaken
from bilag.ledger.years import AccountingYear
from bilag.storage.models import ledger as rows


@dataclass(frozen=True)
class BankDetails:
    registration_number: str | None = None
    account_number: str | None = None
    swift_number: str | None = None
    iban_number: str | None = None


def account_row(
    organization_id: int, account: Account, bank: BankDetails | None = None
) -> rows.Account:
    bank = bank or BankDetails()
    return rows.Account(
        organization_id=organization_id,
        number=account.number,
        name=account.name,
        vat_code=account.vat_code,
        category=account.category.wire_name,
        public_standard_number=account.public_standard_number,
        is_hidden=account.is_hidden,
        is_default_sales=account.is_default_sales,
        is_deposit=account.is_deposit,
        is_default_deposit=account.is_default_deposit,
        bank_registration_number=bank.registration_number,
        bank_account_number=bank.account_number,
        bank_swift_number=bank.swift_number,
        bank_iban_number=bank.iban_number,
    )


def account_of(row: rows.Account | Row[Any]) -> Account:
    """An account from its row, or from a row of `_CHART_COLUMNS`."""
    return Account(
        number=row.number,
        name=row.name,
        vat_code=row.vat_code,
        category=get_category(row.category) or Category.NOT_SET,
        is_deposit=row.is_deposit,
        is_default_deposit=row.is_default_deposit,
        is_default_sales=row.is_default_sales,
        is_hidden=row.is_hidden,
        public_standard_number=row.public_standard_number,
    )


def year_row(organization_id: int, year: AccountingYear) -> rows.AccountingYear:
    return rows.AccountingYear(
        organization_id=organization_id,
        name=year.name,
        from_date=year.from_date,
        to_date=year.to_date,
        salary_sum_tax_state="None",
    )


def year_of(row: rows.AccountingYear) -> AccountingYear:
    return AccountingYear(row.name, row.from_date, row.to_date)


def list_account_rows(session: Session, organization_id: int) -> list[rows.Account]:
    return list(
        session.scalars(
            select(rows.Account)
            .where(rows.Account.organization_id == organization_id)
            .order_by(rows.Account.number)
        )
    )


def account_numbers(session: Session, organization_id: int) -> set[int]:
    return set(
        session.scalars(
            select(rows.Account.number).where(rows.Account.organization_id == organization_id)
        )
    )


def add_account(
    session: Session, organization_id: int, account: Account, bank: BankDetails | None = None
) -> None:
    """Store a new account; AccountNumberTaken when the number is used, even by a racing call."""
    taken = exists().where(
        rows.Account.organization_id == organization_id, rows.Account.number == account.number
    )
    if session.scalar(select(taken)):
        raise AccountNumberTaken(f"Account number {account.number} is already in use.", "Number")
    try:
        with session.begin_nested():
            session.add(account_row(organization_id, account, bank))
    except IntegrityError:
        raise AccountNumberTaken(
            f"Account number {account.number} is already in use.", "Number"
        ) from None


def list_year_rows(session: Session, organization_id: int) -> list[rows.AccountingYear]:
    return list(
        session.scalars(
            select(rows.AccountingYear)
            .where(rows.AccountingYear.organization_id == organization_id)
            .order_by(rows.AccountingYear.from_date)
        )
    )


def list_years(session: Session, organization_id: int) -> Sequence[AccountingYear]:
    return [year_of(row) for row in list_year_rows(session, organization_id)]


def add_year(session: Session, organization_id: int, year: AccountingYear) -> None:
    try:
        with session.begin_nested():
            session.add(year_row(organization_id, year))
    except IntegrityError:
        raise AccountingYearExists(f"The accounting year {year.name} exists.") from None


_CHART_COLUMNS = (
    rows.Account.number,
    rows.Account.name,
    rows.Account.vat_code,
    rows.Account.category,
    rows.Account.is_deposit,
    rows.Account.is_default_deposit,
    rows.Account.is_default_sales,
    rows.Account.is_hidden,
    rows.Account.public_standard_number,
)
_MAX_CACHED_CHARTS = 2000
# (database URL, organization id) -> (fingerprint, accounts). Accounts are only ever added, so
# their count and the sum of their numbers tell whether a cached chart is still the chart.
_charts: dict[tuple[str, int], tuple[tuple[int, int], tuple[Account, ...]]] = {}


def chart_accounts(session: Session, organization_id: int) -> tuple[Account, ...]:
    """The organization's accounts by number, from a per-process cache checked by one small
    aggregate query, so that booking does not load every account row each time."""
    fingerprint_row = session.execute(
        select(func.count(), func.coalesce(func.sum(rows.Account.number), 0)).where(
            rows.Account.organization_id == organization_id
        )
    ).one()
    fingerprint = (int(fingerprint_row[0]), int(fingerprint_row[1]))
    key = (str(session.get_bind().engine.url), organization_id)
    cached = _charts.get(key)
    if cached is not None and cached[0] == fingerprint:
        return cached[1]
    found = session.execute(
        select(*_CHART_COLUMNS)
        .where(rows.Account.organization_id == organization_id)
        .order_by(rows.Account.number)
    )
    accounts = tuple(account_of(row) for row in found)
    if len(_charts) >= _MAX_CACHED_CHARTS:
        _charts.clear()
    _charts[key] = (fingerprint, accounts)
    return accounts


class SessionLedger:
    """`ledger.ports.ChartOfAccounts` and `AccountingYears` over one open session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def list_accounts(self, organization_id: int) -> Sequence[Account]:
        return chart_accounts(self.session, organization_id)

    def add_account(self, organization_id: int, account: Account) -> None:
        add_account(self.session, organization_id, account)

    def list_years(self, organization_id: int) -> Sequence[AccountingYear]:
        return list_years(self.session, organization_id)

    def add_year(self, organization_id: int, year: AccountingYear) -> None:
        add_year(self.session, organization_id, year)
