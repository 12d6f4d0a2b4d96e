"""Vouchers and the journal in storage: versions, numbering, booking and immutable entries."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from bilag.identity.organizations import create_organization
from bilag.ledger.entries import Posting
from bilag.ledger.errors import AccountingYearNotFound, VersionConflict, VoucherNumberTaken
from bilag.ledger.ports import Journal, VoucherNumbers
from bilag.ledger.posting import BalancedLine, post_balanced_lines
from bilag.storage.chart import SessionLedger
from bilag.storage.db import Database
from bilag.storage.journal import (
    BOOKED,
    VoucherNotDraft,
    book_voucher,
    delete_voucher,
    get_voucher,
)
from bilag.storage.journal_entries import SessionJournal, entries_of
from bilag.storage.models import JournalEntry, Voucher
from bilag.storage.voucher_drafts import DraftContent, add_draft, lines_of, update_draft

TODAY = date.today()
TRANSFER = BalancedLine(Decimal("1000.00"), 55010, 55000, "none", "none", "Til kortkonto")


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    found = Database(database_url)
    yield found
    found.dispose()


@pytest.fixture
def organization_id(database: Database) -> int:
    with database.write() as session:
        return create_organization(session, name="Bogholderi ApS").id


def _post(voucher: Voucher) -> Sequence[Posting]:
    from sqlalchemy.orm import object_session

    session = object_session(voucher)
    assert session is not None
    chart = {a.number: a for a in SessionLedger(session).list_accounts(voucher.organization_id)}
    posted = post_balanced_lines(lines_of(voucher), chart)
    assert not posted.problems
    return posted.postings


def _draft(database: Database, organization_id: int, day: date = TODAY) -> tuple[str, str]:
    with database.write() as session:
        voucher = add_draft(session, organization_id, "manual", DraftContent(day, [TRANSFER]))
        return voucher.guid, voucher.timestamp


def _book(
    database: Database,
    organization_id: int,
    guid: str,
    timestamp: str | None,
    number: int | None = None,
) -> Voucher:
    with database.write() as session:
        voucher = get_voucher(session, organization_id, guid, "manual")
        assert voucher is not None
        book_voucher(session, voucher, timestamp, number, _post)
        return voucher


def _entry_count(database: Database) -> int:
    with database.read() as session:
        return session.scalar(select(func.count()).select_from(JournalEntry)) or 0


def test_booking_numbers_without_gaps_and_balances(
    database: Database, organization_id: int
) -> None:
    first = _book(database, organization_id, *_draft(database, organization_id))
    second = _book(database, organization_id, *_draft(database, organization_id))
    assert (first.status, first.number, second.number) == (BOOKED, 1, 2)
    with database.read() as session:
        postings = entries_of(session, organization_id, first.guid)
        journal: VoucherNumbers = SessionJournal(session)
        year = SessionLedger(session).list_years(organization_id)[0]
        assert journal.highest_number(organization_id, year) == 2
        assert journal.number_taken(organization_id, year, 1)
        assert not journal.number_taken(organization_id, year, 3)
    assert sum(p.amount for p in postings) == 0
    assert {(p.account, p.amount) for p in postings} == {
        (55010, Decimal("1000")),
        (55000, Decimal("-1000")),
    }


def test_a_stale_or_missing_timestamp_changes_nothing(
    database: Database, organization_id: int
) -> None:
    guid, timestamp = _draft(database, organization_id)
    with database.write() as session:
        voucher = get_voucher(session, organization_id, guid, "manual")
        assert voucher is not None
        update_draft(session, voucher, timestamp, DraftContent(TODAY, [TRANSFER, TRANSFER]))
        assert voucher.timestamp != timestamp
    for stale in (timestamp, None, ""):
        with pytest.raises(VersionConflict):
            _book(database, organization_id, guid, stale)
    with database.read() as session:
        voucher = get_voucher(session, organization_id, guid, "manual")
        assert voucher is not None and voucher.status == "draft" and voucher.number is None
        assert len(voucher.lines) == 2
    assert _entry_count(database) == 0


def test_a_taken_number_or_a_date_outside_the_years_is_refused(
    database: Database, organization_id: int
) -> None:
    _book(database, organization_id, *_draft(database, organization_id), number=7)
    guid, timestamp = _draft(database, organization_id)
    with pytest.raises(VoucherNumberTaken):
        _book(database, organization_id, guid, timestamp, number=7)
    assert _book(database, organization_id, guid, timestamp).number == 8
    old_guid, old_timestamp = _draft(database, organization_id, date(1990, 5, 1))
    with pytest.raises(AccountingYearNotFound):
        _book(database, organization_id, old_guid, old_timestamp)
    with database.write() as session:
        voucher = get_voucher(session, organization_id, guid, "manual")
        assert voucher is not None
        with pytest.raises(VoucherNotDraft):
            book_voucher(session, voucher, voucher.timestamp, None, _post)


def test_entries_never_change_and_deleting_a_booked_voucher_reverses_it(
    database: Database, organization_id: int
) -> None:
    booked = _book(database, organization_id, *_draft(database, organization_id))
    with database.write() as session:
        entry = session.scalars(select(JournalEntry)).first()
        assert entry is not None
        entry.amount_ore = 1
        with pytest.raises(PermissionError):
            session.flush()
    with database.write() as session:
        voucher = get_voucher(session, organization_id, booked.guid, "manual")
        assert voucher is not None
        delete_voucher(session, voucher, voucher.timestamp)
    with database.read() as session:
        postings = entries_of(session, organization_id, booked.guid)
        assert get_voucher(session, organization_id, booked.guid, "manual") is None
    assert len(postings) == 4
    assert {
        p.account: sum(q.amount for q in postings if q.account == p.account) for p in postings
    } == {55010: 0, 55000: 0}


def test_the_journal_port_appends_entries(database: Database, organization_id: int) -> None:
    with database.write() as session:
        journal: Journal = SessionJournal(session)
        journal.append(organization_id, 3, TODAY, [Posting(1000, Decimal("-5.25"))])
    with database.read() as session:
        entry = session.scalars(select(JournalEntry)).one()
    assert (entry.voucher_number, entry.amount_ore, entry.entry_date) == (3, -525, TODAY)
