"""Reminders (rykkere) of invoices in the database: adding, changing with their `Timestamp`,
booking and deleting, and what the booked ones charge.

Every change is one conditional UPDATE on the reminder's id, timestamp and status, so a stale
`Timestamp` changes nothing (code 58). A booked reminder's fees are the entries of its voucher
(kind "reminder"), booked by the caller in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from bilag.ledger.errors import VersionConflict
from bilag.ledger.money import from_ore
from bilag.storage.journal import BOOKED, DELETED, DRAFT, new_timestamp
from bilag.storage.models import Reminder, utcnow

REMINDER_KIND = "reminder"


@dataclass(frozen=True)
class ReminderContent:
    """What a client sets on a reminder."""

    reminder_date: date
    title: str | None
    description: str | None
    with_debt_collection_warning: bool
    with_fee: bool
    with_interest_fee: bool
    with_compensation_fee: bool

    def columns(self) -> dict[str, Any]:
        return {
            "reminder_date": self.reminder_date,
            "title": self.title,
            "description": self.description,
            "with_debt_collection_warning": self.with_debt_collection_warning,
            "with_fee": self.with_fee,
            "with_interest_fee": self.with_interest_fee,
            "with_compensation_fee": self.with_compensation_fee,
        }


def reminders_of(
    session: Session,
    organization_id: int,
    invoice_guid: str,
    changed_since: datetime | None = None,
) -> list[Reminder]:
    """The invoice's live reminders by number; with `changed_since`, every one changed after it,
    deleted ones included."""
    query = select(Reminder).where(
        Reminder.organization_id == organization_id, Reminder.invoice_guid == invoice_guid
    )
    if changed_since is None:
        query = query.where(Reminder.status != DELETED)
    else:
        query = query.where(Reminder.updated_at > changed_since)
    return list(session.scalars(query.order_by(Reminder.number, Reminder.id)))


def get_reminder(
    session: Session, organization_id: int, invoice_guid: str, reminder_id: int
) -> Reminder | None:
    """The invoice's reminder, deleted or not; None when it belongs elsewhere."""
    found = session.get(Reminder, reminder_id)
    if found is None or found.organization_id != organization_id:
        return None
    return found if found.invoice_guid == invoice_guid else None


def add_reminder(
    session: Session,
    organization_id: int,
    invoice_guid: str,
    number: int,
    content: ReminderContent,
    charges: tuple[int, int, int],
) -> Reminder:
    """A draft reminder; `charges` are its fee, interest and compensation fee in øre."""
    now = utcnow()
    reminder = Reminder(
        organization_id=organization_id,
        invoice_guid=invoice_guid,
        number=number,
        status=DRAFT,
        timestamp=new_timestamp(),
        created_at=now,
        updated_at=now,
        **content.columns(),
        **_charge_columns(charges),
    )
    session.add(reminder)
    session.flush()
    return reminder


def _charge_columns(charges: tuple[int, int, int]) -> dict[str, int]:
    fee, interest, compensation = charges
    return {"fee_ore": fee, "interest_ore": interest, "compensation_fee_ore": compensation}


def check_reminder_timestamp(reminder: Reminder, timestamp: str | None) -> None:
    if timestamp is None or timestamp.strip().upper() != reminder.timestamp:
        raise VersionConflict(
            "Timestamp is out of date; read the reminder again and use its Timestamp.",
            "Timestamp",
        )


def claim_reminder(session: Session, reminder: Reminder, timestamp: str, **values: Any) -> None:
    """Change the reminder only if it is still as it was at `timestamp`; VersionConflict if not."""
    check_reminder_timestamp(reminder, timestamp)
    changes = {"timestamp": new_timestamp(), "updated_at": utcnow(), **values}
    changed = session.execute(
        update(Reminder)
        .where(
            Reminder.id == reminder.id,
            Reminder.timestamp == timestamp.strip().upper(),
            Reminder.status == reminder.status,
        )
        .values(**changes)
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount != 1:  # type: ignore[attr-defined]
        raise VersionConflict(
            "Timestamp is out of date; read the reminder again and use its Timestamp.",
            "Timestamp",
        )
    for name, value in changes.items():
        set_committed_value(reminder, name, value)


def update_reminder_draft(
    session: Session,
    reminder: Reminder,
    timestamp: str,
    content: ReminderContent,
    charges: tuple[int, int, int],
) -> None:
    claim_reminder(session, reminder, timestamp, **content.columns(), **_charge_columns(charges))


def mark_reminder_booked(
    session: Session,
    reminder: Reminder,
    timestamp: str,
    charges: tuple[int, int, int],
    entry_voucher_guid: str | None,
) -> None:
    claim_reminder(
        session,
        reminder,
        timestamp,
        status=BOOKED,
        entry_voucher_guid=entry_voucher_guid,
        **_charge_columns(charges),
    )


def mark_reminder_deleted(session: Session, reminder: Reminder, timestamp: str) -> None:
    claim_reminder(session, reminder, timestamp, status=DELETED, deleted_at=utcnow())


def booked_reminder_fees(session: Session, organization_id: int, invoice_guid: str) -> Decimal:
    """What the invoice's booked, not deleted, reminders charge: fees, interest, compensation."""
    total = session.scalar(
        select(
            func.coalesce(
                func.sum(Reminder.fee_ore + Reminder.interest_ore + Reminder.compensation_fee_ore),
                0,
            )
        ).where(
            Reminder.organization_id == organization_id,
            Reminder.invoice_guid == invoice_guid,
            Reminder.status == BOOKED,
        )
    )
    return from_ore(int(total or 0))
