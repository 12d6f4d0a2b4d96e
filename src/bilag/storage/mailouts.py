"""Mailouts: every send of a sales document, recorded in the transaction that asks for it.

A mailout is also the outbox entry: e-mails wait as Pending until the delivery worker hands them
to SMTP (then Sent, or Failed with the error); SMS and e-invoices stay Pending, because bilag has
no SMS gateway or NemHandel access and does not pretend to deliver them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bilag.storage.models import Mailout, SalesDocument, utcnow

PENDING = "Pending"
SENDING = "Sending"  # claimed by a delivery worker; shown as Pending
SENT = "Sent"
FAILED = "Failed"
EMAIL = "email"
SMS = "sms"
EINVOICE = "einvoice"


@dataclass(frozen=True)
class NewMailout:
    document_guid: str
    type: str  # Mailout, Einvoice, PreReminder, Reminder, TradeOffer, ...
    channel: str
    receiver: str
    sender: str | None = None
    cc_to_sender: bool = False
    subject: str | None = None
    message: str | None = None
    payload: bytes | None = None
    payload_type: str | None = None
    reminder_id: int | None = None


def record_mailout(session: Session, organization_id: int, new: NewMailout) -> Mailout:
    """Record the send and make it the document's latest mailout."""
    mailout = Mailout(
        organization_id=organization_id,
        document_guid=new.document_guid,
        reminder_id=new.reminder_id,
        type=new.type,
        channel=new.channel,
        status=PENDING,
        sender=new.sender,
        receiver=new.receiver,
        cc_to_sender=new.cc_to_sender,
        subject=new.subject,
        message=new.message,
        payload=new.payload,
        payload_type=new.payload_type,
        created_at=utcnow(),
    )
    session.add(mailout)
    session.execute(
        update(SalesDocument)
        .where(SalesDocument.guid == new.document_guid)
        .values(latest_mailout_type=new.type)
        .execution_options(synchronize_session=False)
    )
    session.flush()
    return mailout


def mailouts_of(
    session: Session,
    organization_id: int,
    document_guid: str,
    changes_since: datetime | None = None,
    include_sms: bool = True,
) -> list[Mailout]:
    query = select(Mailout).where(
        Mailout.organization_id == organization_id, Mailout.document_guid == document_guid
    )
    if changes_since is not None:
        query = query.where(Mailout.created_at >= changes_since)
    if not include_sms:
        query = query.where(Mailout.channel != SMS)
    return list(session.scalars(query.order_by(Mailout.id)))


def record_download(
    session: Session, organization_id: int, document_guid: str, reminder_id: int | None
) -> None:
    """The document's link was opened and its PDF fetched: counted on the newest e-mail or SMS
    that carried that link (the document's, or its reminder's), seen from the first time on."""
    carried = select(Mailout.id).where(
        Mailout.organization_id == organization_id,
        Mailout.document_guid == document_guid,
        Mailout.channel.in_((EMAIL, SMS)),
        Mailout.reminder_id.is_(None)
        if reminder_id is None
        else Mailout.reminder_id == reminder_id,
    )
    newest = session.scalar(carried.order_by(Mailout.id.desc()).limit(1))
    if newest is None:
        return  # opened from the web app or the API, not from a send
    session.execute(
        update(Mailout)
        .where(Mailout.id == newest)
        .values(
            download_count=Mailout.download_count + 1,
            seen_at=func.coalesce(Mailout.seen_at, utcnow()),
        )
        .execution_options(synchronize_session=False)
    )


def outbox(session: Session, organization_id: int, limit: int = 100) -> list[Mailout]:
    """The organization's latest sends, newest first: what the web app and the CLI show."""
    query = (
        select(Mailout)
        .where(Mailout.organization_id == organization_id)
        .order_by(Mailout.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


def pending_emails(session: Session, limit: int) -> Sequence[Mailout]:
    query = (
        select(Mailout)
        .where(Mailout.channel == EMAIL, Mailout.status == PENDING)
        .order_by(Mailout.id)
        .limit(limit)
    )
    return list(session.scalars(query))


def claim_for_delivery(session: Session, mailout_id: int) -> Mailout | None:
    """Take the pending e-mail for this worker, so that no other worker sends it too."""
    claimed = session.execute(
        update(Mailout)
        .where(Mailout.id == mailout_id, Mailout.status == PENDING)
        .values(status=SENDING)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return None
    mailout = session.get(Mailout, mailout_id)
    if mailout is not None:
        session.refresh(mailout)
        session.expunge(mailout)
    return mailout


def mark_delivered(session: Session, mailout: Mailout, error: str | None = None) -> None:
    """Sent, or Failed with the error; the document's MailOutStatus follows."""
    status = FAILED if error else SENT
    session.execute(
        update(Mailout)
        .where(Mailout.id == mailout.id)
        .values(status=status, delivery_error=error, delivered_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    session.execute(
        update(SalesDocument)
        .where(SalesDocument.guid == mailout.document_guid)
        .values(mailout_status=status)
        .execution_options(synchronize_session=False)
    )
