"""Booking a batch of vouchers at once: numbers, requested numbers, stale versions, balance."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from bilag.identity.organizations import create_organization
from bilag.ledger.entries import Posting
from bilag.ledger.errors import VersionConflict, VoucherNumberTaken
from bilag.ledger.posting import BalancedLine
from bilag.storage.chart import list_years
from bilag.storage.db import Database
from bilag.storage.journal import BOOKED, PENDING, BookedBy, book_voucher, get_voucher
from bilag.storage.journal_batches import book_batch_of_vouchers
from bilag.storage.ledger_item_batches import chart_of, mark_pending
from bilag.storage.ledger_item_bulk import add_items, find_items
from bilag.storage.ledger_items import ItemContent, ItemLine, item_lines, post_item
from bilag.storage.models import JournalEntry, Voucher
from bilag.storage.voucher_drafts import DraftContent, add_draft

TODAY = date.today()
KASSEKLADDE = BookedBy("Kassekladde", "client-1", "bogholder@example.com")


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    found = Database(database_url)
    yield found
    found.dispose()


@pytest.fixture
def organization_id(database: Database) -> int:
    with database.write() as session:
        return create_organization(session, name="Bogholderi ApS").id


def _rent(amount: str, number: int | None = None) -> ItemContent:
    line = ItemLine(Decimal(amount), 5000, 55000, description="Husleje")
    return ItemContent(TODAY, [line], requested_number=number)


def _book_manual_voucher(database: Database, organization_id: int) -> None:
    transfer = BalancedLine(Decimal("10.00"), 55010, 55000, "none", "none", "Overførsel")
    with database.write() as session:
        draft = add_draft(session, organization_id, "manual", DraftContent(TODAY, [transfer]))

        def post(_voucher: Voucher) -> Sequence[Posting]:
            return [Posting(55010, Decimal("10")), Posting(55000, Decimal("-10"))]

        book_voucher(session, draft, draft.timestamp, None, post)


def _pending_batch(database: Database, organization_id: int, contents: list[ItemContent]) -> str:
    """The items added and sent to booking; their shared Version."""
    with database.write() as session:
        guids = [item.guid for item in add_items(session, organization_id, contents)]
    with database.write() as session:
        found = find_items(session, organization_id, guids)
        return mark_pending(session, [found[guid] for guid in guids], KASSEKLADDE)


def _book(
    database: Database, organization_id: int, version: str, claimed: str | None = None
) -> list[Voucher]:
    """Book the batch pending at `version`, claiming it at `claimed` (the same by default)."""
    with database.write() as session:
        items = list(
            session.scalars(
                select(Voucher)
                .where(Voucher.timestamp == version, Voucher.organization_id == organization_id)
                .order_by(Voucher.created_at)
            )
        )
        chart = chart_of(session, organization_id)

        def post(item: Voucher) -> Sequence[Posting]:
            posted = post_item(item_lines(item), chart)
            assert not posted.problems
            return posted.postings

        book_batch_of_vouchers(session, items, claimed or version, post, KASSEKLADDE)
        return items


def _entries(database: Database) -> list[tuple[str, int, int]]:
    with database.read() as session:
        rows = session.execute(
            select(JournalEntry.voucher_guid, JournalEntry.voucher_number, JournalEntry.amount_ore)
        )
        return [(guid, number, amount) for guid, number, amount in rows]


def test_a_batch_is_numbered_after_the_existing_vouchers_and_balances(
    database: Database, organization_id: int
) -> None:
    _book_manual_voucher(database, organization_id)
    _book_manual_voucher(database, organization_id)
    version = _pending_batch(database, organization_id, [_rent("100"), _rent("2.5"), _rent("7")])
    booked = _book(database, organization_id, version)
    assert [item.number for item in booked] == [3, 4, 5]
    assert len({item.timestamp for item in booked} | {version}) == 4
    with database.read() as session:
        for item in booked:
            stored = get_voucher(session, organization_id, item.guid, "ledger_item")
            assert stored is not None
            assert (stored.status, stored.number, stored.timestamp) == (
                BOOKED,
                item.number,
                item.timestamp,
            )
            assert (stored.booked_by_type, stored.booked_by_user) == (
                "Kassekladde",
                "bogholder@example.com",
            )
            assert stored.year_from is not None and stored.booked_at is not None
    entries = [e for e in _entries(database) if e[0] in {item.guid for item in booked}]
    assert len(entries) == 6
    for item in booked:
        mine = [(number, amount) for guid, number, amount in entries if guid == item.guid]
        assert {number for number, _ in mine} == {item.number}
        assert sum(amount for _, amount in mine) == 0
    assert sorted(amount for _g, _n, amount in entries if amount > 0) == [250, 700, 10000]


def test_a_requested_number_is_honoured_and_the_rest_follow_the_highest(
    database: Database, organization_id: int
) -> None:
    _book_manual_voucher(database, organization_id)
    batch = [_rent("1"), _rent("2", number=10), _rent("3")]
    booked = _book(database, organization_id, _pending_batch(database, organization_id, batch))
    assert [item.number for item in booked] == [2, 10, 11]


def test_a_requested_number_already_taken_books_nothing(
    database: Database, organization_id: int
) -> None:
    _book_manual_voucher(database, organization_id)
    version = _pending_batch(database, organization_id, [_rent("1"), _rent("2", number=1)])
    with pytest.raises(VoucherNumberTaken):
        _book(database, organization_id, version)
    assert len(_entries(database)) == 2
    twice = _pending_batch(database, organization_id, [_rent("1", number=5), _rent("2", 5)])
    with pytest.raises(VoucherNumberTaken):
        _book(database, organization_id, twice)


def test_a_stale_version_is_refused_with_nothing_written(
    database: Database, organization_id: int
) -> None:
    version = _pending_batch(database, organization_id, [_rent("1"), _rent("2")])
    with pytest.raises(VersionConflict):
        _book(database, organization_id, version, claimed="0123456789ABCDEF")
    assert _entries(database) == []
    with database.read() as session:
        statuses = session.execute(
            select(Voucher.status, func.count())
            .where(Voucher.timestamp == version)
            .group_by(Voucher.status)
        ).all()
        assert [tuple(row) for row in statuses] == [(PENDING, 2)]
        assert session.scalar(select(func.count()).where(Voucher.number.is_not(None))) == 0


def test_the_next_year_is_created_once_and_numbered_on_its_own(
    database: Database, organization_id: int
) -> None:
    with database.read() as session:
        latest = max(year.to_date for year in list_years(session, organization_id))
    next_year = latest + timedelta(days=1)
    batch = [_rent("1"), ItemContent(next_year, [ItemLine(Decimal("2"), 5000, 55000)])]
    batch.append(ItemContent(next_year, [ItemLine(Decimal("3"), 5000, 55000)]))
    booked = _book(database, organization_id, _pending_batch(database, organization_id, batch))
    assert [(item.year_from, item.number) for item in booked][1:] == [
        (next_year, 1),
        (next_year, 2),
    ]
    assert booked[0].number == 1 and booked[0].year_from != next_year
    with database.read() as session:
        assert [year.from_date for year in list_years(session, organization_id)][-1] == next_year
