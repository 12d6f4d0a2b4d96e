"""Vouchers and the journal: drafts, booking, deletion and the immutable entries.

- Every change gives the voucher a new `timestamp`, checked and changed by one conditional UPDATE;
  a stale one is `VersionConflict` (code 58) with nothing written.
- Booking is one write transaction: it takes the organization's row lock (PostgreSQL; SQLite's
  BEGIN IMMEDIATE already serializes writers), picks the number, marks the voucher booked and
  appends its entries.
- Numbers are unique per organization and accounting year, the next after the highest.
- Entries are never updated or deleted; deleting a booked voucher appends the reversal.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import event, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from bilag.ledger.entries import Posting, reversal_of
from bilag.ledger.errors import LedgerError, VersionConflict, VoucherNumberTaken
from bilag.ledger.money import from_ore, to_ore
from bilag.ledger.numbering import choose_after_highest
from bilag.ledger.years import AccountingYear, year_for_booking
from bilag.storage.chart import add_year, list_years
from bilag.storage.models import JournalEntry, Organization, Voucher, utcnow

DRAFT = "draft"
BOOKED = "booked"
DELETED = "deleted"
PENDING = "pending"  # ledger items between `book` and the booking itself


class VoucherNotDraft(LedgerError):
    """The voucher is booked, so it can no longer be edited or booked again."""

    code: ClassVar[int] = 45


@dataclass(frozen=True)
class EntrySource:
    """What every entry of one voucher carries besides its posting."""

    voucher_guid: str
    voucher_type: str
    file_guid: str | None = None
    contact_guid: str | None = None


@dataclass(frozen=True)
class BookedBy:
    """Who booked a voucher: Dinero's `BookedByType` ("API", "Kassekladde", ...) and the client."""

    type: str = "API"
    client_id: str | None = None
    username: str | None = None


def entry_row(
    source: EntrySource,
    organization_id: int,
    voucher_number: int,
    day: date,
    posting: Posting,
    now: datetime,
) -> dict[str, object]:
    """One `journal_entries` row, for a bulk INSERT."""
    return {
        "organization_id": organization_id,
        "account_number": posting.account,
        "amount_ore": to_ore(posting.amount),
        "vat_code": posting.vat_code,
        "description": posting.description,
        "voucher_guid": source.voucher_guid,
        "voucher_number": voucher_number,
        "voucher_type": source.voucher_type,
        "file_guid": source.file_guid,
        "contact_guid": source.contact_guid,
        "entry_date": day,
        "created_at": now,
    }


def new_timestamp() -> str:
    return secrets.token_hex(8).upper()


class SessionJournal:
    """`ledger.ports.Journal` and `VoucherNumbers` over one open write session."""

    def __init__(self, session: Session, source: EntrySource | None = None) -> None:
        self.session = session
        self.source = source or EntrySource("", "")

    def append(
        self, organization_id: int, voucher_number: int, day: date, postings: Sequence[Posting]
    ) -> None:
        now = utcnow()
        rows = [
            entry_row(self.source, organization_id, voucher_number, day, posting, now)
            for posting in postings
        ]
        if rows:
            self.session.execute(insert(JournalEntry), rows)

    def highest_number(self, organization_id: int, year: AccountingYear) -> int:
        highest = self.session.scalar(
            select(func.max(Voucher.number)).where(
                Voucher.organization_id == organization_id, Voucher.year_from == year.from_date
            )
        )
        return int(highest or 0)

    def number_taken(self, organization_id: int, year: AccountingYear, number: int) -> bool:
        found = self.session.scalar(
            select(Voucher.guid)
            .where(
                Voucher.organization_id == organization_id,
                Voucher.year_from == year.from_date,
                Voucher.number == number,
            )
            .limit(1)
        )
        return found is not None


def entries_of(session: Session, organization_id: int, voucher_guid: str) -> list[Posting]:
    rows = session.scalars(
        select(JournalEntry)
        .where(
            JournalEntry.organization_id == organization_id,
            JournalEntry.voucher_guid == voucher_guid,
        )
        .order_by(JournalEntry.id)
    )
    return [
        Posting(row.account_number, from_ore(row.amount_ore), row.vat_code, row.description)
        for row in rows
    ]


def get_voucher(session: Session, organization_id: int, guid: str, kind: str) -> Voucher | None:
    """The organization's voucher of this kind; None when missing, elsewhere or deleted."""
    found = session.get(Voucher, guid.lower())
    if found is None or found.organization_id != organization_id or found.kind != kind:
        return None
    return None if found.status == DELETED else found


def check_timestamp(voucher: Voucher, timestamp: str | None) -> None:
    if timestamp is None or not timestamp.strip():
        raise VersionConflict(
            "Timestamp is required; read the voucher for its latest.", "Timestamp"
        )
    if timestamp.strip().upper() != voucher.timestamp:
        raise VersionConflict(
            "Timestamp is out of date; read the voucher again and use its Timestamp.", "Timestamp"
        )


def claim_version(session: Session, voucher: Voucher, timestamp: str, **values: Any) -> None:
    """Change the voucher only if it is still the draft at `timestamp`; VersionConflict if not."""
    changes = {"timestamp": new_timestamp(), "updated_at": utcnow(), **values}
    changed = session.execute(
        update(Voucher)
        .where(
            Voucher.guid == voucher.guid,
            Voucher.timestamp == timestamp.strip().upper(),
            Voucher.status == voucher.status,
        )
        .values(**changes)
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount != 1:  # type: ignore[attr-defined]
        raise VersionConflict(
            "Timestamp is out of date; read the voucher again and use its Timestamp.", "Timestamp"
        )
    for name, value in changes.items():  # what the UPDATE wrote, without reading it back
        set_committed_value(voucher, name, value)


def _lock_organization(session: Session, organization_id: int) -> None:
    session.execute(
        select(Organization.id).where(Organization.id == organization_id).with_for_update()
    )


def book_voucher(
    session: Session,
    voucher: Voucher,
    timestamp: str | None,
    requested_number: int | None,
    post: Callable[[Voucher], Sequence[Posting]],
    booked_by: BookedBy | None = None,
) -> None:
    """Book the draft: number it, mark it booked and append `post(voucher)` to the journal.

    The voucher may be a draft or, for ledger items, pending booking.
    """
    organization_id = voucher.organization_id
    _lock_organization(session, organization_id)
    session.refresh(voucher)
    if voucher.status not in (DRAFT, PENDING):
        raise VoucherNotDraft("The voucher is already booked.", "Timestamp")
    check_timestamp(voucher, timestamp)
    if voucher.voucher_date is None:
        raise LedgerError("VoucherDate is required to book the voucher.", "VoucherDate")
    postings = post(voucher)
    booking = year_for_booking(list_years(session, organization_id), voucher.voucher_date)
    if booking.created:
        add_year(session, organization_id, booking.year)
    source = EntrySource(voucher.guid, voucher.kind, voucher.file_guid, voucher.contact_guid)
    journal = SessionJournal(session, source)
    booker = booked_by or BookedBy()
    taken = requested_number is not None and journal.number_taken(
        organization_id, booking.year, requested_number
    )
    number = choose_after_highest(
        journal.highest_number(organization_id, booking.year), requested_number, taken
    )
    try:
        with session.begin_nested():
            claim_version(
                session,
                voucher,
                timestamp or "",
                status=BOOKED,
                number=number,
                year_from=booking.year.from_date,
                booked_at=utcnow(),
                booked_by_type=booker.type,
                booked_by_client=booker.client_id,
                booked_by_user=booker.username,
            )
    except IntegrityError:
        raise VoucherNumberTaken(
            f"Voucher number {number} is already used in this accounting year.", "Number"
        ) from None
    journal.append(organization_id, number, voucher.voucher_date, postings)


def delete_voucher(session: Session, voucher: Voucher, timestamp: str | None) -> None:
    """A draft is marked deleted; a booked voucher also gets its entries reversed."""
    _lock_organization(session, voucher.organization_id)
    session.refresh(voucher)
    check_timestamp(voucher, timestamp)
    was_booked = voucher.status == BOOKED
    claim_version(session, voucher, timestamp or "", status=DELETED)
    if not was_booked or voucher.number is None or voucher.voucher_date is None:
        return
    reversal = reversal_of(entries_of(session, voucher.organization_id, voucher.guid))
    source = EntrySource(voucher.guid, voucher.kind, voucher.file_guid, voucher.contact_guid)
    SessionJournal(session, source).append(
        voucher.organization_id, voucher.number, voucher.voucher_date, reversal
    )


@event.listens_for(JournalEntry, "before_update")
@event.listens_for(JournalEntry, "before_delete")
def _refuse_changing_entries(_mapper: object, _connection: object, entry: JournalEntry) -> None:
    raise PermissionError(f"Journal entry {entry.id} is immutable; book a correction instead.")
