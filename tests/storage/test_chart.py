"""The seeded chart and years, and the storage side of the ledger's ports."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bilag.identity.organizations import create_organization
from bilag.ledger.accounts import Account, Category
from bilag.ledger.chart import STANDARD_CHART
from bilag.ledger.errors import AccountingYearExists, AccountNumberTaken
from bilag.ledger.ports import AccountingYears, ChartOfAccounts
from bilag.ledger.years import calendar_year
from bilag.storage.chart import SessionLedger
from bilag.storage.db import Database
from bilag.storage.migrate import upgrade


def test_a_new_organization_gets_the_chart_and_only_its_own(database_url: str) -> None:
    database = Database(database_url)
    try:
        with database.write() as session:
            first = create_organization(session, name="Første ApS").id
            second = create_organization(session, name="Anden ApS").id
            ledger = SessionLedger(session)
            ledger.add_account(first, Account(1020, "Kurser", "U25", Category.TURNOVER))
        with database.read() as session:
            ledger = SessionLedger(session)
            assert list(ledger.list_accounts(second)) == list(STANDARD_CHART)
            assert len(ledger.list_accounts(first)) == len(STANDARD_CHART) + 1
            assert len(ledger.list_years(first)) == 1
    finally:
        database.dispose()


def test_a_taken_number_or_year_is_refused_and_the_rest_of_the_work_stays(
    database_url: str,
) -> None:
    database = Database(database_url)
    try:
        with database.write() as session:
            organization_id = create_organization(session, name="Tredje ApS").id
            chart: ChartOfAccounts = SessionLedger(session)
            years: AccountingYears = SessionLedger(session)
            with pytest.raises(AccountNumberTaken):
                chart.add_account(organization_id, Account(55000, "Bank", None, Category.NOT_SET))
            year = years.list_years(organization_id)[0]
            with pytest.raises(AccountingYearExists):
                years.add_year(organization_id, year)
            years.add_year(organization_id, calendar_year(1999))
        with database.read() as session:
            found = SessionLedger(session).list_years(organization_id)
        assert [y.from_date for y in found][0] == date(1999, 1, 1)
    finally:
        database.dispose()


def test_the_cached_chart_follows_added_and_rolled_back_accounts(
    database_url: str, tmp_path: Path
) -> None:
    other_url = f"sqlite:///{tmp_path / 'other.db'}"
    upgrade(other_url)
    databases = [Database(database_url), Database(other_url)]
    try:
        with databases[0].write() as session:
            organization = create_organization(session, name="Cache ApS").id
        with databases[1].write() as session:
            assert create_organization(session, name="Anden base ApS").id == organization
        with databases[0].read() as session:
            assert len(SessionLedger(session).list_accounts(organization)) == len(STANDARD_CHART)
        with pytest.raises(RuntimeError), databases[0].write() as session:
            gone = Account(1021, "Væk", None, Category.TURNOVER)
            SessionLedger(session).add_account(organization, gone)
            assert 1021 in {a.number for a in SessionLedger(session).list_accounts(organization)}
            raise RuntimeError("roll back")
        with databases[0].write() as session:
            kept = Account(1022, "Kurser", "U25", Category.TURNOVER)
            SessionLedger(session).add_account(organization, kept)
        with databases[0].read() as session:
            numbers = {a.number for a in SessionLedger(session).list_accounts(organization)}
        assert 1022 in numbers and 1021 not in numbers
        with databases[1].read() as session:
            other = {a.number for a in SessionLedger(session).list_accounts(organization)}
        assert other == {account.number for account in STANDARD_CHART}
    finally:
        for database in databases:
            database.dispose()
