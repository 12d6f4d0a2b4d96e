"""Booking one batch of pending ledger items in the caller's write transaction.

Under the organization's lock only items still PENDING at the batch's Version are taken, so a
batch that another worker booked first is found empty. Items are booked in ledger order.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from bilag.ledger.entries import Posting
from bilag.ledger.errors import InvalidAccount, LedgerError
from bilag.storage.file_records import AttachmentKind, FileGuidRefused, attach_file
from bilag.storage.journal import DRAFT, PENDING, BookedBy, new_timestamp
from bilag.storage.journal_batches import book_batch_of_vouchers
from bilag.storage.ledger_item_batches import chart_of, payment_target_problem
from bilag.storage.ledger_items import (
    KIND,
    ItemLine,
    item_lines,
    lock_organization,
    post_item,
)
from bilag.storage.models import Voucher, utcnow
from bilag.storage.purchase_payments import record_payment


def pending_batches(session: Session) -> list[tuple[int, str]]:
    """(organization id, Version) of every batch waiting to be booked, oldest first."""
    rows = session.execute(
        select(Voucher.organization_id, Voucher.timestamp)
        .where(Voucher.kind == KIND, Voucher.status == PENDING)
        .group_by(Voucher.organization_id, Voucher.timestamp)
        .order_by(func.min(Voucher.updated_at))
    )
    return [(organization_id, version) for organization_id, version in rows]


def _batch(session: Session, organization_id: int, version: str) -> list[Voucher]:
    return list(
        session.scalars(
            select(Voucher)
            .where(
                Voucher.organization_id == organization_id,
                Voucher.kind == KIND,
                Voucher.status == PENDING,
                Voucher.timestamp == version,
            )
            .order_by(Voucher.created_at, Voucher.guid)
            .options(selectinload(Voucher.lines))
            .with_for_update()
        )
    )


def book_batch(session: Session, organization_id: int, version: str) -> list[Voucher]:
    """Book the batch in ledger order; [] when it is no longer pending. Raises LedgerError."""
    lock_organization(session, organization_id)
    items = _batch(session, organization_id, version)
    if not items:
        return []
    chart = chart_of(session, organization_id)
    lines = {item.guid: item_lines(item) for item in items}

    def post(item: Voucher) -> Sequence[Posting]:
        posted = post_item(lines[item.guid], chart)
        if posted.problems:
            raise posted.problems[0]
        return posted.postings

    first = items[0]  # `mark_pending` gave every item of the batch the same booker
    booked_by = BookedBy(
        first.booked_by_type or "Kassekladde", first.booked_by_client, first.booked_by_user
    )
    book_batch_of_vouchers(session, items, version, post, booked_by)
    for item in items:
        _settle_payments(session, item, lines[item.guid])
        _attach(session, item)
    return items


def _settle_payments(session: Session, item: Voucher, lines: Sequence[ItemLine]) -> None:
    for line in lines:
        if line.payment_for is None or item.voucher_date is None:
            continue
        problem = payment_target_problem(session, item.organization_id, line.payment_for)
        if problem:
            raise InvalidAccount(problem, "IsPaymentForVoucherId")
        record_payment(
            session,
            organization_id=item.organization_id,
            voucher_guid=line.payment_for,
            entry_voucher_guid=item.guid,
            amount=line.amount,
            payment_date=item.voucher_date,
            deposit_account_number=line.balancing_account,
            description=line.description,
        )


def _attach(session: Session, item: Voucher) -> None:
    if item.file_guid is None:
        return
    try:
        kind = AttachmentKind.LEDGER_ITEM
        attach_file(session, item.organization_id, item.file_guid, kind, item.guid, item.number)
    except FileGuidRefused as refused:
        raise LedgerError(refused.message, "FileGuid") from None


def return_to_draft(session: Session, organization_id: int, version: str) -> list[str]:
    """A batch that could not be booked goes back to the ledger, each item with a new Version."""
    lock_organization(session, organization_id)
    items = _batch(session, organization_id, version)
    for item in items:
        item.status = DRAFT
        item.timestamp = new_timestamp()
        item.updated_at = utcnow()
        item.booked_by_type = item.booked_by_client = item.booked_by_user = None
    session.flush()
    return [item.guid for item in items]
