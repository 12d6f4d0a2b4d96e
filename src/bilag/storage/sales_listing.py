"""The sales lists' query (invoices, credit notes, or both): filters, the payment status computed
in SQL so it can be filtered and sorted on, and one page of rows with the contact's name.

A document's status is Draft until booked; then OverPaid or Paid by its payments against its
total plus what its booked reminders charge, Overdue when an invoice is unpaid past its due date,
and Booked otherwise (reference §2.5).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    String,
    and_,
    case,
    cast,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session

from bilag.ledger.money import to_ore
from bilag.storage.journal import BOOKED, DELETED, DRAFT
from bilag.storage.models import Contact, Reminder, SalesDocument, SalesPayment

STATUS_ORDER = ("Draft", "Overdue", "Booked", "OverPaid", "Paid")
DRAFT_NUMBER = 9223372036854775807


@dataclass(frozen=True)
class SalesQuery:
    kinds: tuple[str, ...]
    conditions: Sequence[ColumnElement[bool]] = ()
    statuses: tuple[str, ...] = ()
    period: tuple[date, date] | None = None
    free_text: str | None = None
    changes_since: datetime | None = None
    deleted_only: bool = False
    sort: tuple[str, ...] = ("VoucherNumber", "VoucherDate")
    descending: bool = True
    offset: int = 0
    limit: int = 100
    today: date = field(default_factory=date.today)


@dataclass(frozen=True)
class SalesRow:
    document: SalesDocument
    contact_name: str | None
    paid: Decimal
    status: str


def _paid() -> ColumnElement[int]:
    amount = func.coalesce(SalesPayment.amount_foreign_ore, SalesPayment.amount_ore)
    return (
        select(func.coalesce(func.sum(amount), 0))
        .where(
            SalesPayment.document_guid == SalesDocument.guid,
            SalesPayment.deleted_at.is_(None),
        )
        .correlate(SalesDocument)
        .scalar_subquery()
    )


def _charged() -> ColumnElement[int]:
    """What the invoice's booked reminders add to it: fees, interest, compensation."""
    charges = Reminder.fee_ore + Reminder.interest_ore + Reminder.compensation_fee_ore
    return (
        select(func.coalesce(func.sum(charges), 0))
        .where(Reminder.invoice_guid == SalesDocument.guid, Reminder.status == BOOKED)
        .correlate(SalesDocument)
        .scalar_subquery()
    )


def status_column(paid: ColumnElement[int], today: date) -> ColumnElement[str]:
    total = SalesDocument.total_incl_vat_ore + _charged()
    overdue = and_(SalesDocument.kind == "invoice", SalesDocument.payment_date < today)
    return case(
        (SalesDocument.status != BOOKED, literal("Draft")),
        (paid > total, literal("OverPaid")),
        (paid == total, literal("Paid")),
        (overdue, literal("Overdue")),
        else_=literal("Booked"),
    )


def _status_rank(status: ColumnElement[str]) -> ColumnElement[int]:
    return case(
        *((status == name, literal(rank)) for rank, name in enumerate(STATUS_ORDER)),
        else_=literal(len(STATUS_ORDER)),
    )


def list_sales(
    session: Session, organization_id: int, query: SalesQuery
) -> tuple[list[SalesRow], int]:
    """One page of matching documents and how many match in all."""
    paid = _paid().label("paid")
    status = status_column(_paid(), query.today).label("status")
    conditions = _conditions(organization_id, query)
    if query.statuses:
        conditions.append(status_column(_paid(), query.today).in_(query.statuses))
    base = (
        select(SalesDocument, Contact.name, paid, status)
        .outerjoin(Contact, Contact.guid == SalesDocument.contact_guid)
        .where(*conditions)
    )
    ordered = base.order_by(*_ordering(query), SalesDocument.guid)
    rows = session.execute(ordered.offset(query.offset).limit(query.limit)).all()
    found = [
        SalesRow(document, name, Decimal(int(paid_ore)) / 100, str(state))
        for document, name, paid_ore, state in rows
    ]
    if query.offset == 0 and len(found) < query.limit:
        return found, len(found)
    counted = select(func.count()).select_from(
        select(SalesDocument.guid)
        .outerjoin(Contact, Contact.guid == SalesDocument.contact_guid)
        .where(*conditions)
        .subquery()
    )
    return found, int(session.scalar(counted) or 0)


def _ordering(query: SalesQuery) -> list[ColumnElement[object]]:
    columns: dict[str, ColumnElement[object]] = {
        "VoucherNumber": func.coalesce(SalesDocument.number, DRAFT_NUMBER),
        "VoucherDate": SalesDocument.document_date,  # type: ignore[dict-item]
        "Status": _status_rank(status_column(_paid(), query.today)),
        "Contact": func.lower(func.coalesce(Contact.name, "")),
    }
    chosen = [columns[name] for name in query.sort]
    return [column.desc() if query.descending else column.asc() for column in chosen]


def _conditions(organization_id: int, query: SalesQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        SalesDocument.organization_id == organization_id,
        SalesDocument.kind.in_(query.kinds),
        *query.conditions,
    ]
    deleted = SalesDocument.status == DELETED
    conditions.append(deleted if query.deleted_only else ~deleted)
    if query.period is not None:
        start, end = query.period
        within = SalesDocument.document_date.between(start, end)
        conditions.append(or_(SalesDocument.status == DRAFT, within))
    if query.changes_since is not None:
        since = query.changes_since
        conditions.append(
            or_(
                SalesDocument.created_at >= since,
                SalesDocument.updated_at >= since,
                SalesDocument.deleted_at >= since,
            )
        )
    if query.free_text:
        conditions.append(_free_text(query.free_text))
    return conditions


def _free_text(text: str) -> ColumnElement[bool]:
    """Number, contact name, description, or the total incl. VAT."""
    folded = text.lower()
    matches = [
        func.lower(func.coalesce(SalesDocument.description, "")).contains(folded, autoescape=True),
        func.lower(func.coalesce(Contact.name, "")).contains(folded, autoescape=True),
        cast(SalesDocument.number, String).contains(text, autoescape=True),
    ]
    try:
        amount = Decimal(text.replace(",", "."))
    except InvalidOperation:
        return or_(*matches)
    if amount.is_finite() and abs(amount) < Decimal(10) ** 12:
        matches.append(SalesDocument.total_incl_vat_ore == cast(to_ore(amount), BigInteger))
    return or_(*matches)
