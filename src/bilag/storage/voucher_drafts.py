"""Draft vouchers: creating them and replacing their content, lines stored as rows in øre."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from bilag.ledger.entries import Posting
from bilag.ledger.money import from_ore, to_ore
from bilag.ledger.posting import BalancedLine
from bilag.storage.journal import (
    DRAFT,
    BookedBy,
    VoucherNotDraft,
    book_voucher,
    check_timestamp,
    claim_version,
    new_timestamp,
)
from bilag.storage.models import Voucher, VoucherLine, utcnow


@dataclass(frozen=True)
class DraftContent:
    voucher_date: date | None
    lines: Sequence[BalancedLine]
    file_guid: str | None = None
    external_reference: str | None = None


def line_rows(lines: Sequence[BalancedLine]) -> list[VoucherLine]:
    return [
        VoucherLine(
            position=position,
            description=line.description,
            amount_ore=to_ore(line.amount),
            account_number=line.account,
            balancing_account_number=line.balancing_account,
            account_vat_code=line.account_vat_code,
            balancing_vat_code=line.balancing_vat_code,
        )
        for position, line in enumerate(lines)
    ]


def lines_of(voucher: Voucher) -> list[BalancedLine]:
    return [
        BalancedLine(
            amount=from_ore(row.amount_ore),
            account=row.account_number or 0,
            balancing_account=row.balancing_account_number,
            account_vat_code=row.account_vat_code,
            balancing_vat_code=row.balancing_vat_code,
            description=row.description,
        )
        for row in voucher.lines
    ]


def add_draft(session: Session, organization_id: int, kind: str, content: DraftContent) -> Voucher:
    now = utcnow()
    voucher = Voucher(
        guid=str(uuid.uuid4()),
        organization_id=organization_id,
        kind=kind,
        status=DRAFT,
        voucher_date=content.voucher_date,
        timestamp=new_timestamp(),
        file_guid=content.file_guid,
        external_reference=content.external_reference,
        created_at=now,
        updated_at=now,
        lines=line_rows(content.lines),
    )
    session.add(voucher)
    session.flush()
    return voucher


def update_draft(
    session: Session, voucher: Voucher, timestamp: str | None, content: DraftContent
) -> None:
    """Replace the draft's content if `timestamp` is its latest; VersionConflict otherwise."""
    if voucher.status != DRAFT:
        raise VoucherNotDraft("A booked voucher cannot be changed; delete it instead.", "Timestamp")
    check_timestamp(voucher, timestamp)
    claim_version(
        session,
        voucher,
        timestamp or "",
        voucher_date=content.voucher_date,
        file_guid=content.file_guid,
        external_reference=content.external_reference,
    )
    voucher.lines = line_rows(content.lines)
    session.flush()


def book_postings(
    session: Session,
    organization_id: int,
    kind: str,
    day: date,
    postings: Sequence[Posting],
    booked_by: BookedBy,
    contact_guid: str | None = None,
    file_guid: str | None = None,
) -> Voucher:
    """Book ready-made postings as a voucher of their own (a payment, a reminder's fees),
    numbered in the year's series like every voucher."""
    voucher = add_draft(session, organization_id, kind, DraftContent(day, (), file_guid=file_guid))
    voucher.contact_guid = contact_guid
    session.flush()
    book_voucher(session, voucher, voucher.timestamp, None, lambda _: postings, booked_by)
    return voucher
