"""The journal's entries: the row each posting becomes, appending them, reading them back.

Entries are never updated or deleted; an ORM guard refuses it, so a correction must be booked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import event, func, insert, select
from sqlalchemy.orm import Session

from bilag.ledger.entries import Posting
from bilag.ledger.money import from_ore, to_ore
from bilag.ledger.years import AccountingYear
from bilag.storage.models import JournalEntry, Voucher, utcnow


@dataclass(frozen=True)
class EntrySource:
    """What every entry of one voucher carries besides its posting."""

    voucher_guid: str
    voucher_type: str
    file_guid: str | None = None
    contact_guid: str | None = None


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


@event.listens_for(JournalEntry, "before_update")
@event.listens_for(JournalEntry, "before_delete")
def _refuse_changing_entries(_mapper: object, _connection: object, entry: JournalEntry) -> None:
    raise PermissionError(f"Journal entry {entry.id} is immutable; book a correction instead.")
