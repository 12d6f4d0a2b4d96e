"""Purchase voucher and purchase credit note drafts: their fields beyond a manual voucher's,
their lines, and the look-ups the purchase endpoints need (similar vouchers, drafts by file)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from bilag.ledger.money import from_ore, to_ore
from bilag.storage.file_records import looks_like_file_guid
from bilag.storage.journal import (
    BOOKED,
    DELETED,
    DRAFT,
    VoucherNotDraft,
    check_timestamp,
    claim_version,
    new_timestamp,
)
from bilag.storage.models import Contact, Voucher, VoucherLine, utcnow

PURCHASE = "purchase"
PURCHASE_CREDIT_NOTE = "purchase_credit_note"


@dataclass(frozen=True)
class PurchaseDraftLine:
    amount: Decimal  # incl. VAT
    account: int | None
    vat_code: str | None = None
    description: str = ""
    account_tag_name: str | None = None


@dataclass(frozen=True)
class PurchaseContent:
    voucher_date: date | None
    lines: Sequence[PurchaseDraftLine]
    purchase_type: str | None = None  # "cash" or "credit"; None on credit notes
    file_guid: str | None = None
    external_reference: str | None = None
    deposit_account_number: int | None = None
    region_key: str | None = None
    contact_guid: str | None = None
    payment_date: date | None = None
    currency_key: str | None = None
    credit_note_for: str | None = None
    notes: str | None = None


def _line_rows(lines: Sequence[PurchaseDraftLine]) -> list[VoucherLine]:
    return [
        VoucherLine(
            position=position,
            description=line.description,
            amount_ore=to_ore(line.amount),
            account_number=line.account,
            account_vat_code=line.vat_code,
            account_tag_name=line.account_tag_name,
        )
        for position, line in enumerate(lines)
    ]


def purchase_lines_of(voucher: Voucher) -> list[PurchaseDraftLine]:
    return [
        PurchaseDraftLine(
            amount=from_ore(row.amount_ore),
            account=row.account_number,
            vat_code=row.account_vat_code,
            description=row.description,
            account_tag_name=row.account_tag_name,
        )
        for row in voucher.lines
    ]


def _columns(content: PurchaseContent) -> dict[str, object]:
    return {
        "voucher_date": content.voucher_date,
        "purchase_type": content.purchase_type,
        "file_guid": content.file_guid,
        "external_reference": content.external_reference,
        "deposit_account_number": content.deposit_account_number,
        "region_key": content.region_key,
        "contact_guid": content.contact_guid,
        "payment_date": content.payment_date,
        "currency_key": content.currency_key,
        "credit_note_for": content.credit_note_for,
        "notes": content.notes,
    }


def guid_is_taken(session: Session, guid: str) -> bool:
    return session.get(Voucher, guid.lower()) is not None


def add_purchase_draft(
    session: Session,
    organization_id: int,
    kind: str,
    content: PurchaseContent,
    guid: str | None = None,
) -> Voucher:
    now = utcnow()
    voucher = Voucher(
        guid=(guid or str(uuid.uuid4())).lower(),
        organization_id=organization_id,
        kind=kind,
        status=DRAFT,
        timestamp=new_timestamp(),
        created_at=now,
        updated_at=now,
        lines=_line_rows(content.lines),
        **_columns(content),
    )
    session.add(voucher)
    session.flush()
    return voucher


def update_purchase_draft(
    session: Session, voucher: Voucher, timestamp: str | None, content: PurchaseContent
) -> None:
    """Replace the draft's content if `timestamp` is its latest; VersionConflict otherwise."""
    if voucher.status != DRAFT:
        raise VoucherNotDraft("A booked voucher cannot be changed; delete it instead.", "Timestamp")
    check_timestamp(voucher, timestamp)
    claim_version(session, voucher, timestamp or "", **_columns(content))
    voucher.lines = _line_rows(content.lines)
    session.flush()


def is_live_contact(session: Session, organization_id: int, guid: str) -> bool:
    found = session.get(Contact, guid.lower())
    return found is not None and found.organization_id == organization_id and not found.deleted_at


def drafts_using_file(session: Session, organization_id: int, file_guid: str) -> list[str]:
    """The organization's purchase voucher drafts that carry the file, oldest first."""
    wanted = file_guid.strip().lower()
    if not looks_like_file_guid(wanted):
        return []  # never issued; also keeps NUL and the like out of SQL
    found = session.scalars(
        select(Voucher.guid)
        .where(
            Voucher.organization_id == organization_id,
            Voucher.kind == PURCHASE,
            Voucher.status == DRAFT,
            Voucher.file_guid == wanted,
        )
        .order_by(Voucher.created_at, Voucher.guid)
    )
    return list(found)


def similar_candidates(
    session: Session,
    organization_id: int,
    *,
    voucher_date: date | None,
    contact_guid: str | None,
    external_reference: str | None,
) -> list[Voucher]:
    """Live purchase vouchers sharing the ExternalReference, or the date and contact; booked
    ones first, then the oldest."""
    matches = []
    if external_reference:
        matches.append(Voucher.external_reference == external_reference)
    if voucher_date is not None:
        same_contact = (
            Voucher.contact_guid.is_(None)
            if contact_guid is None
            else Voucher.contact_guid == contact_guid.lower()
        )
        matches.append((Voucher.voucher_date == voucher_date) & same_contact)
    if not matches:
        return []
    condition = matches[0] if len(matches) == 1 else matches[0] | matches[1]
    rows = session.scalars(
        select(Voucher)
        .where(
            Voucher.organization_id == organization_id,
            Voucher.kind == PURCHASE,
            Voucher.status != DELETED,
            condition,
        )
        .order_by(Voucher.created_at, Voucher.guid)
    )
    return sorted(rows, key=lambda voucher: voucher.status != BOOKED)
