"""Booking many vouchers in one go: `book_voucher`'s rules with a fixed number of queries.

One organization lock, the batch's rows locked (PostgreSQL; SQLite's BEGIN IMMEDIATE already
serializes writers), the years read once (the next one created at most once), the highest number
of each year and the requested numbers asked once, the numbers assigned in memory in batch order,
then one executemany UPDATE of the vouchers and one bulk INSERT of their entries. Any problem
raises before anything is written, and the caller's transaction rolls back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import cast

from sqlalchemy import Table, bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from bilag.ledger.entries import Posting
from bilag.ledger.errors import LedgerError, VersionConflict, VoucherNumberTaken
from bilag.ledger.numbering import choose_after_highest
from bilag.ledger.years import AccountingYear, year_for_booking
from bilag.storage.chart import add_year, list_years
from bilag.storage.journal import (
    BOOKED,
    DRAFT,
    PENDING,
    BookedBy,
    VoucherNotDraft,
    check_timestamp,
    new_timestamp,
)
from bilag.storage.journal_entries import EntrySource, entry_row
from bilag.storage.models import JournalEntry, Voucher, utcnow

_VOUCHERS = cast(Table, Voucher.__table__)


@dataclass(frozen=True)
class _Booking:
    voucher: Voucher
    day: date
    year: AccountingYear
    postings: Sequence[Posting]


def book_batch_of_vouchers(
    session: Session,
    vouchers: Sequence[Voucher],
    version: str,
    post: Callable[[Voucher], Sequence[Posting]],
    booked_by: BookedBy,
) -> None:
    """Book every voucher, in order, each still a draft or pending at `version`.

    The vouchers must belong to one organization and be read in this transaction under its
    row lock, their own rows locked too (`SELECT ... FOR UPDATE`). They get their number,
    status and new timestamp in memory as well.
    """
    if not vouchers:
        return
    organization_id = vouchers[0].organization_id
    bookings = _bookings(session, organization_id, vouchers, version, post)
    numbers = _numbers(session, organization_id, bookings)
    _write(session, bookings, numbers, booked_by)


def _bookings(
    session: Session,
    organization_id: int,
    vouchers: Sequence[Voucher],
    version: str,
    post: Callable[[Voucher], Sequence[Posting]],
) -> list[_Booking]:
    years = list(list_years(session, organization_id))
    bookings: list[_Booking] = []
    for voucher in vouchers:
        if voucher.organization_id != organization_id:
            raise ValueError("A batch is booked for one organization.")
        if voucher.status not in (DRAFT, PENDING):
            raise VoucherNotDraft("The voucher is already booked.", "Timestamp")
        check_timestamp(voucher, version)
        if voucher.voucher_date is None:
            raise LedgerError("VoucherDate is required to book the voucher.", "VoucherDate")
        postings = post(voucher)
        booking = year_for_booking(years, voucher.voucher_date)
        if booking.created:
            add_year(session, organization_id, booking.year)
            years.append(booking.year)
        bookings.append(_Booking(voucher, voucher.voucher_date, booking.year, postings))
    return bookings


def _numbers(session: Session, organization_id: int, bookings: Sequence[_Booking]) -> list[int]:
    """Each booking's number: the one it asked for if free, else the next after the highest."""
    year_starts = {booking.year.from_date for booking in bookings}
    highest: dict[date, int] = {
        year_from: int(top or 0)
        for year_from, top in session.execute(
            select(Voucher.year_from, func.max(Voucher.number))
            .where(Voucher.organization_id == organization_id, Voucher.year_from.in_(year_starts))
            .group_by(Voucher.year_from)
        )
        if year_from is not None
    }
    requested = {b.voucher.requested_number for b in bookings} - {None}
    taken: set[tuple[date, int]] = set()
    if requested:
        rows = session.execute(
            select(Voucher.year_from, Voucher.number).where(
                Voucher.organization_id == organization_id,
                Voucher.year_from.in_(year_starts),
                Voucher.number.in_(requested),
            )
        )
        taken = {(year_from, number) for year_from, number in rows if year_from and number}
    numbers: list[int] = []
    for booking in bookings:
        year_from = booking.year.from_date
        wanted = booking.voucher.requested_number
        is_taken = wanted is not None and (year_from, wanted) in taken
        number = choose_after_highest(highest.get(year_from, 0), wanted, is_taken)
        taken.add((year_from, number))
        highest[year_from] = max(highest.get(year_from, 0), number)
        numbers.append(number)
    return numbers


def _write(
    session: Session, bookings: Sequence[_Booking], numbers: Sequence[int], booked_by: BookedBy
) -> None:
    now = utcnow()
    changes = [
        {
            "b_guid": booking.voucher.guid,
            "b_timestamp": booking.voucher.timestamp,
            "b_status": booking.voucher.status,
            "status": BOOKED,
            "number": number,
            "year_from": booking.year.from_date,
            "timestamp": new_timestamp(),
            "updated_at": now,
            "booked_at": now,
            "booked_by_type": booked_by.type,
            "booked_by_client": booked_by.client_id,
            "booked_by_user": booked_by.username,
        }
        for booking, number in zip(bookings, numbers, strict=True)
    ]
    table = _VOUCHERS
    statement = (
        update(table)
        .where(
            table.c.guid == bindparam("b_guid"),
            table.c.timestamp == bindparam("b_timestamp"),
            table.c.status == bindparam("b_status"),
        )
        .values({key: bindparam(key) for key in changes[0] if not key.startswith("b_")})
    )
    try:
        changed = session.connection().execute(statement, changes)
    except IntegrityError:
        raise VoucherNumberTaken(
            "A voucher number of the batch is already used in its accounting year.", "Number"
        ) from None
    if changed.rowcount != len(changes):
        raise VersionConflict("A voucher of the batch changed meanwhile.", "Timestamp")
    entries = [
        _entry_row(booking, number, posting, now)
        for booking, number in zip(bookings, numbers, strict=True)
        for posting in booking.postings
    ]
    if entries:
        session.execute(insert(JournalEntry), entries)
    for booking, change in zip(bookings, changes, strict=True):
        for key, value in change.items():
            if not key.startswith("b_"):
                set_committed_value(booking.voucher, key, value)


def _entry_row(
    booking: _Booking, number: int, posting: Posting, now: datetime
) -> dict[str, object]:
    voucher = booking.voucher
    source = EntrySource(voucher.guid, voucher.kind, voucher.file_guid, voucher.contact_guid)
    return entry_row(source, voucher.organization_id, number, booking.day, posting, now)
