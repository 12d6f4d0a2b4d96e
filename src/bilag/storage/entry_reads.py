"""Reads over the journal for the entries feed and the reports.

The feed is streamed: `entry_batches` owns its read session for as long as the caller iterates,
fetches through a server-side cursor (PostgreSQL) or SQLite's stepping cursor in batches, and
closes the session when the iteration ends or is abandoned, so memory does not grow with the
number of entries.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import Session

from bilag.ledger.accounts import Account
from bilag.ledger.chart import CREDITORS_ACCOUNT
from bilag.ledger.entries import Posting
from bilag.ledger.money import from_ore
from bilag.ledger.posting import BalancedLine, post_balanced_lines
from bilag.storage.chart import SessionLedger
from bilag.storage.db import Database
from bilag.storage.journal import DRAFT, PENDING
from bilag.storage.models import JournalEntry, Voucher

LEDGER_ITEM = "ledger_item"
E = JournalEntry
ENTRY_COLUMNS = (
    E.id,
    E.account_number,
    E.amount_ore,
    E.vat_code,
    E.description,
    E.voucher_guid,
    E.voucher_number,
    E.voucher_type,
    E.file_guid,
    E.contact_guid,
    E.entry_date,
)


def chart_of(session: Session, organization_id: int) -> dict[int, Account]:
    return {a.number: a for a in SessionLedger(session).list_accounts(organization_id)}


def totals_by_account(
    session: Session,
    organization_id: int,
    *,
    before: date | None = None,
    within: tuple[date, date] | None = None,
) -> dict[int, Decimal]:
    """Each account's sum of entries dated before a day, or within two days (inclusive)."""
    query = select(E.account_number, func.sum(E.amount_ore)).where(
        E.organization_id == organization_id
    )
    if before is not None:
        query = query.where(E.entry_date < before)
    if within is not None:
        query = query.where(E.entry_date >= within[0], E.entry_date <= within[1])
    rows = session.execute(query.group_by(E.account_number))
    return {number: from_ore(int(total)) for number, total in rows if total}


def dated_entries(organization_id: int, first: date, last: date) -> Select[Any]:
    """The entries dated from `first` to `last`, in date order."""
    return (
        select(*ENTRY_COLUMNS)
        .where(E.organization_id == organization_id, E.entry_date >= first, E.entry_date <= last)
        .order_by(E.entry_date, E.id)
    )


def recorded_entries(organization_id: int, start: datetime, end: datetime) -> Select[Any]:
    """The entries recorded from `start` up to (not including) `end`, in the order recorded."""
    return (
        select(*ENTRY_COLUMNS)
        .where(E.organization_id == organization_id, E.created_at >= start, E.created_at < end)
        .order_by(E.created_at, E.id)
    )


def earliest_dates_recorded(
    session: Session, organization_id: int, start: datetime, end: datetime
) -> dict[int, date]:
    """For each account with entries recorded in the window, the earliest date among them."""
    rows = session.execute(
        select(E.account_number, func.min(E.entry_date))
        .where(E.organization_id == organization_id, E.created_at >= start, E.created_at < end)
        .group_by(E.account_number)
    )
    return {number: earliest for number, earliest in rows}


def entry_batches(
    database: Database, statement: Select[Any], size: int = 1000
) -> Iterator[Sequence[Row[Any]]]:
    with database.read() as session:
        result = session.execute(statement.execution_options(yield_per=size))
        try:
            yield from result.partitions()
        finally:
            result.close()


def unbooked_ledger_postings(
    session: Session, organization_id: int, first: date, last: date, chart: Mapping[int, Account]
) -> list[Posting]:
    """The postings the ledger's unbooked items dated in the range would make if booked now.

    An item that could not be booked as it stands (unbalanced, unknown account) adds nothing.
    """
    drafts = session.scalars(
        select(Voucher).where(
            Voucher.organization_id == organization_id,
            Voucher.kind == LEDGER_ITEM,
            Voucher.status.in_((DRAFT, PENDING)),
            Voucher.voucher_date >= first,
            Voucher.voucher_date <= last,
        )
    )
    postings: list[Posting] = []
    for draft in drafts:
        posted = post_balanced_lines([_ledger_line(row) for row in draft.lines], chart)
        if not posted.problems:
            postings.extend(posted.postings)
    return postings


def _ledger_line(row: Any) -> BalancedLine:
    """A ledger line; one paying a purchase has no account and debits creditors."""
    account = row.account_number
    if account is None and row.payment_for_voucher:
        account = CREDITORS_ACCOUNT
    return BalancedLine(
        amount=from_ore(row.amount_ore),
        account=account or 0,
        balancing_account=row.balancing_account_number,
        account_vat_code=row.account_vat_code,
        balancing_vat_code=row.balancing_vat_code,
        description=row.description,
    )
