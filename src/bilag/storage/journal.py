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
from datetime import date
from typing import Any, ClassVar

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from bilag.ledger.entries import Posting, reversal_of
from bilag.ledger.errors import LedgerError, VersionConflict, VoucherNumberTaken
from bilag.ledger.numbering import choose_after_highest
from bilag.ledger.years import AccountingYear, year_for_booking
from bilag.storage.chart import add_year, list_years
from bilag.storage.journal_entries import EntrySource, SessionJournal, entries_of
from bilag.storage.models import Organization, SalesDocument, Voucher, utcnow

DRAFT = "draft"
BOOKED = "booked"
DELETED = "deleted"
PENDING = "pending"  # ledger items between `book` and the booking itself

Versioned = Voucher | SalesDocument


class VoucherNotDraft(LedgerError):
    """The voucher is booked, so it can no longer be edited or booked again."""

    code: ClassVar[int] = 45


@dataclass(frozen=True)
class BookedBy:
    """Who booked a voucher: Dinero's `BookedByType` ("API", "Kassekladde", ...) and the client."""

    type: str = "API"
    client_id: str | None = None
    username: str | None = None


def new_timestamp() -> str:
    return secrets.token_hex(8).upper()


def get_voucher(session: Session, organization_id: int, guid: str, kind: str) -> Voucher | None:
    """The organization's voucher of this kind; None when missing, elsewhere or deleted."""
    found = session.get(Voucher, guid.lower())
    if found is None or found.organization_id != organization_id or found.kind != kind:
        return None
    return None if found.status == DELETED else found


def check_timestamp(voucher: Versioned, timestamp: str | None) -> None:
    if timestamp is None or not timestamp.strip():
        raise VersionConflict(
            "Timestamp is required; read the voucher for its latest.", "Timestamp"
        )
    if timestamp.strip().upper() != voucher.timestamp:
        raise VersionConflict(
            "Timestamp is out of date; read the voucher again and use its Timestamp.", "Timestamp"
        )


def claim_version(session: Session, voucher: Versioned, timestamp: str, **values: Any) -> None:
    """Change the voucher (or sales document) only if it is still as it was at `timestamp`;
    VersionConflict if not."""
    changes = {"timestamp": new_timestamp(), "updated_at": utcnow(), **values}
    model = type(voucher)
    changed = session.execute(
        update(model)
        .where(
            model.guid == voucher.guid,
            model.timestamp == timestamp.strip().upper(),
            model.status == voucher.status,
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


def lock_organization(session: Session, organization_id: int) -> None:
    session.execute(
        select(Organization.id).where(Organization.id == organization_id).with_for_update()
    )


def year_to_book_in(session: Session, organization_id: int, day: date) -> AccountingYear:
    """The accounting year a booking dated `day` goes into, created if it is the next one
    (AccountingYearNotFound, code 47, otherwise)."""
    booking = year_for_booking(list_years(session, organization_id), day)
    if booking.created:
        add_year(session, organization_id, booking.year)
    return booking.year


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
    lock_organization(session, organization_id)
    session.refresh(voucher)
    if voucher.status not in (DRAFT, PENDING):
        raise VoucherNotDraft("The voucher is already booked.", "Timestamp")
    check_timestamp(voucher, timestamp)
    if voucher.voucher_date is None:
        raise LedgerError("VoucherDate is required to book the voucher.", "VoucherDate")
    postings = post(voucher)
    year = year_to_book_in(session, organization_id, voucher.voucher_date)
    source = EntrySource(voucher.guid, voucher.kind, voucher.file_guid, voucher.contact_guid)
    journal = SessionJournal(session, source)
    booker = booked_by or BookedBy()
    taken = requested_number is not None and journal.number_taken(
        organization_id, year, requested_number
    )
    number = choose_after_highest(
        journal.highest_number(organization_id, year), requested_number, taken
    )
    try:  # no savepoint: a clash fails the whole transaction, which the caller rolls back
        claim_version(
            session,
            voucher,
            timestamp or "",
            status=BOOKED,
            number=number,
            year_from=year.from_date,
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
    lock_organization(session, voucher.organization_id)
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
