"""Invoices, sales credit notes and trade offers in the database: drafts, changes with their
`Timestamp`, deletion and booking.

Invoices and credit notes share one number series per organization, gap-free and never reused;
trade offers have their own. Booking an invoice or credit note appends its entries to the
journal under its number, in the same transaction that numbers it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bilag.ledger.entries import Posting
from bilag.ledger.errors import LedgerError, VoucherNumberTaken
from bilag.ledger.money import from_ore, to_ore
from bilag.ledger.numbering import choose_after_highest
from bilag.ledger.sales import PricedLine, SalesLine, SalesTotals
from bilag.storage.journal import (
    BOOKED,
    DELETED,
    DRAFT,
    BookedBy,
    VoucherNotDraft,
    check_timestamp,
    claim_version,
    lock_organization,
    new_timestamp,
    year_to_book_in,
)
from bilag.storage.journal_entries import EntrySource, SessionJournal
from bilag.storage.models import SalesDocument, utcnow

INVOICE = "invoice"
CREDIT_NOTE = "credit_note"
TRADE_OFFER = "trade_offer"
SERIES = {INVOICE: "sales", CREDIT_NOTE: "sales", TRADE_OFFER: "offer"}
_DECIMAL_FIELDS = ("base_amount", "quantity", "discount")
_PRICE_FIELDS = (
    "vat_rate",
    "base_excl_vat",
    "base_incl_vat",
    "total_excl_vat",
    "total_incl_vat",
)


@dataclass(frozen=True)
class SalesContent:
    """Everything a client sets on a sales document, validated, with its computed totals."""

    totals: SalesTotals
    document_date: date
    contact_guid: str | None = None
    currency: str = "DKK"
    exchange_rate: Decimal = Decimal(100)
    language: str = "da-DK"
    show_lines_incl_vat: bool = False
    external_reference: str | None = None
    description: str | None = None
    comment: str | None = None
    address: str | None = None
    invoice_template_id: str | None = None
    payment_condition_type: str | None = None
    payment_condition_days: int | None = None
    payment_date: date | None = None
    reminder_fee: Decimal | None = None
    reminder_interest_rate: Decimal | None = None
    is_mobilepay_enabled: bool = False
    is_pensopay_enabled: bool = False
    credit_note_for: str | None = None


def lines_to_json(lines: Sequence[PricedLine]) -> str:
    """Priced lines as stored: a booked document reads back exactly as it was priced."""

    def encode(priced: PricedLine) -> dict[str, Any]:
        values = asdict(priced.line)
        for name in _DECIMAL_FIELDS:
            values[name] = str(values[name])
        values["vat_code"] = priced.vat_code
        values["account_name"] = priced.account_name
        for name in _PRICE_FIELDS:
            values[name] = str(getattr(priced, name))
        return values

    return json.dumps([encode(priced) for priced in lines], separators=(",", ":"))


def lines_from_json(text: str) -> tuple[PricedLine, ...]:
    known = {field.name for field in fields(SalesLine)}

    def decode(values: dict[str, Any]) -> PricedLine:
        kept = {name: value for name, value in values.items() if name in known}
        for name in _DECIMAL_FIELDS:
            kept[name] = Decimal(kept[name])
        prices = {name: Decimal(values[name]) for name in _PRICE_FIELDS}
        return PricedLine(
            SalesLine(**kept),
            vat_code=values.get("vat_code"),
            account_name=values.get("account_name"),
            **prices,
        )

    return tuple(decode(values) for values in json.loads(text or "[]"))


def totals_of(document: SalesDocument) -> SalesTotals:
    return SalesTotals(
        lines=lines_from_json(document.lines),
        excl_vat=from_ore(document.total_excl_vat_ore),
        vat=from_ore(document.total_vat_ore),
        incl_vat=from_ore(document.total_incl_vat_ore),
        vatable=from_ore(document.total_vatable_ore),
        non_vatable=from_ore(document.total_non_vatable_ore),
    )


def _columns(content: SalesContent) -> dict[str, Any]:
    totals = content.totals
    return {
        "contact_guid": content.contact_guid,
        "document_date": content.document_date,
        "currency": content.currency,
        "exchange_rate": str(content.exchange_rate),
        "language": content.language,
        "show_lines_incl_vat": content.show_lines_incl_vat,
        "external_reference": content.external_reference,
        "description": content.description,
        "comment": content.comment,
        "address": content.address,
        "invoice_template_id": content.invoice_template_id,
        "payment_condition_type": content.payment_condition_type,
        "payment_condition_days": content.payment_condition_days,
        "payment_date": content.payment_date,
        "reminder_fee": _text(content.reminder_fee),
        "reminder_interest_rate": _text(content.reminder_interest_rate),
        "is_mobilepay_enabled": content.is_mobilepay_enabled,
        "is_pensopay_enabled": content.is_pensopay_enabled,
        "credit_note_for": content.credit_note_for,
        "lines": lines_to_json(content.totals.lines),
        "total_excl_vat_ore": to_ore(totals.excl_vat),
        "total_vat_ore": to_ore(totals.vat),
        "total_incl_vat_ore": to_ore(totals.incl_vat),
        "total_vatable_ore": to_ore(totals.vatable),
        "total_non_vatable_ore": to_ore(totals.non_vatable),
    }


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


class SalesGuidTaken(LedgerError):
    """A client-chosen Guid that another document (or voucher) already has."""


def add_sales_draft(
    session: Session,
    organization_id: int,
    kind: str,
    content: SalesContent,
    guid: str | None = None,
) -> SalesDocument:
    chosen = (guid or str(uuid.uuid4())).lower()
    if guid is not None and session.get(SalesDocument, chosen) is not None:
        raise SalesGuidTaken(f"Guid {chosen} is already used.", "Guid")
    now = utcnow()
    document = SalesDocument(
        guid=chosen,
        organization_id=organization_id,
        kind=kind,
        status=DRAFT,
        number_series=SERIES[kind],
        timestamp=new_timestamp(),
        created_at=now,
        updated_at=now,
        **_columns(content),
    )
    session.add(document)
    session.flush()
    return document


def update_sales_draft(
    session: Session, document: SalesDocument, timestamp: str | None, content: SalesContent
) -> None:
    """Replace the draft's content; VoucherNotDraft once booked, VersionConflict when stale."""
    if document.status != DRAFT:
        raise VoucherNotDraft("A booked document can't be changed; credit it instead.", "Guid")
    check_timestamp(document, timestamp)
    claim_version(session, document, timestamp or "", **_columns(content))


def get_sales_document(
    session: Session, organization_id: int, guid: str, kinds: Sequence[str]
) -> SalesDocument | None:
    """The organization's document of one of `kinds`; None when missing, elsewhere or deleted."""
    found = session.get(SalesDocument, guid.strip().lower())
    if found is None or found.organization_id != organization_id or found.kind not in kinds:
        return None
    return None if found.status == DELETED else found


def delete_sales_draft(session: Session, document: SalesDocument, timestamp: str | None) -> None:
    if document.status == BOOKED:
        raise VoucherNotDraft(
            "A booked document can't be deleted; credit it with a credit note.", "Timestamp"
        )
    check_timestamp(document, timestamp)
    claim_version(session, document, timestamp or "", status=DELETED, deleted_at=utcnow())


def highest_sales_number(session: Session, organization_id: int, series: str) -> int:
    highest = session.scalar(
        select(func.max(SalesDocument.number)).where(
            SalesDocument.organization_id == organization_id,
            SalesDocument.number_series == series,
        )
    )
    return int(highest or 0)


def _number_taken(session: Session, organization_id: int, series: str, number: int) -> bool:
    found = session.scalar(
        select(SalesDocument.guid).where(
            SalesDocument.organization_id == organization_id,
            SalesDocument.number_series == series,
            SalesDocument.number == number,
        )
    )
    return found is not None


def book_sales_document(
    session: Session,
    document: SalesDocument,
    timestamp: str | None,
    requested_number: int | None,
    post: Callable[[int], Sequence[Posting]],
    booked_by: BookedBy,
) -> None:
    """Number the draft in its series, mark it booked and append `post(number)` under it."""
    organization_id = document.organization_id
    lock_organization(session, organization_id)
    session.refresh(document)
    if document.status != DRAFT:
        raise VoucherNotDraft("The document is already booked.", "Timestamp")
    check_timestamp(document, timestamp)
    year_to_book_in(session, organization_id, document.document_date)
    series = document.number_series
    if requested_number is not None and _number_taken(
        session, organization_id, series, requested_number
    ):
        raise VoucherNumberTaken(f"Number {requested_number} is already used.", "Number")
    number = choose_after_highest(
        highest_sales_number(session, organization_id, series), requested_number, False
    )
    try:
        claim_version(
            session,
            document,
            timestamp or "",
            status=BOOKED,
            number=number,
            booked_at=utcnow(),
            booked_by_type=booked_by.type,
            booked_by_client=booked_by.client_id,
            booked_by_user=booked_by.username,
        )
    except IntegrityError:
        raise VoucherNumberTaken(f"Number {number} is already used.", "Number") from None
    source = EntrySource(document.guid, document.kind, None, document.contact_guid)
    SessionJournal(session, source).append(
        organization_id, number, document.document_date, post(number)
    )
