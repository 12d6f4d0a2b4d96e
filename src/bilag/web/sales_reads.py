"""What the Salg pages read straight from storage: the lists of invoices, credit notes and trade
offers with their filters, and one document with its lines, totals, payments and sends.

Reads only; every change goes through the API (`call_api`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import Session

from bilag.ledger.money import from_ore
from bilag.ledger.sales import SalesTotals
from bilag.storage.journal import DELETED
from bilag.storage.mailouts import mailouts_of
from bilag.storage.models import Contact, Mailout, SalesDocument, SalesPayment
from bilag.storage.sales_documents import CREDIT_NOTE, INVOICE, TRADE_OFFER, totals_of
from bilag.storage.sales_listing import SalesQuery, list_sales
from bilag.storage.sales_payments import sales_payments_of
from bilag.storage.trade_offers import STATUSES as OFFER_STATUSES
from bilag.storage.trade_offers import generated_vouchers

PAGE_SIZE = 50
KINDS = {"invoices": INVOICE, "credit-notes": CREDIT_NOTE, "offers": TRADE_OFFER}
SEGMENTS = {kind: segment for segment, kind in KINDS.items()}
PAYMENT_STATUSES = ("Draft", "Booked", "Paid", "OverPaid", "Overdue")


@dataclass(frozen=True)
class ListFilters:
    status: str | None = None
    text: str | None = None
    start: date | None = None
    end: date | None = None
    page: int = 0


@dataclass(frozen=True)
class ListRow:
    guid: str
    kind: str
    number: int | None
    document_date: date
    contact_name: str | None
    total: Decimal
    currency: str
    status: str

    @property
    def segment(self) -> str:
        return SEGMENTS[self.kind]


@dataclass(frozen=True)
class DocumentView:
    document: SalesDocument
    kind: str
    contact_name: str | None
    status: str
    paid: Decimal
    totals: SalesTotals
    payments: list[SalesPayment]
    mailouts: list[Mailout]
    generated_invoices: list[str]

    @property
    def total(self) -> Decimal:
        return from_ore(self.document.total_incl_vat_ore)

    @property
    def remaining(self) -> Decimal:
        return self.total - self.paid


def list_documents(
    session: Session, organization_id: int, kind: str, filters: ListFilters, today: date
) -> tuple[list[ListRow], int]:
    """One page of the organization's documents of `kind` and how many match in all."""
    if kind == TRADE_OFFER:
        return _list_offers(session, organization_id, filters)
    period = None
    if filters.start is not None or filters.end is not None:
        period = (filters.start or date.min, filters.end or date.max)
    query = SalesQuery(
        kinds=(kind,),
        statuses=(filters.status,) if filters.status else (),
        period=period,
        free_text=filters.text,
        offset=filters.page * PAGE_SIZE,
        limit=PAGE_SIZE,
        today=today,
    )
    rows, matching = list_sales(session, organization_id, query)
    return [_row(row.document, row.contact_name, row.status) for row in rows], matching


def contact_documents(
    session: Session, organization_id: int, contact_guid: str, today: date
) -> list[ListRow]:
    """The contact's latest invoices and credit notes, drafts included."""
    query = SalesQuery(
        kinds=(INVOICE, CREDIT_NOTE),
        conditions=(SalesDocument.contact_guid == contact_guid,),
        limit=PAGE_SIZE,
        today=today,
    )
    rows, _matching = list_sales(session, organization_id, query)
    return [_row(row.document, row.contact_name, row.status) for row in rows]


def get_document_view(
    session: Session, organization_id: int, kind: str, guid: str, today: date
) -> DocumentView | None:
    """The organization's live document of `kind`, or None (missing, elsewhere, deleted)."""
    document = session.get(SalesDocument, guid)
    if document is None or document.organization_id != organization_id:
        return None
    if document.kind != kind or document.status == DELETED:
        return None
    if kind == TRADE_OFFER:
        status, paid, name = document.status, Decimal(0), _contact_name(session, document)
    else:
        query = SalesQuery(
            kinds=(kind,), conditions=(SalesDocument.guid == guid,), limit=1, today=today
        )
        (found,), _count = list_sales(session, organization_id, query)
        status, paid, name = found.status, found.paid, found.contact_name
    return DocumentView(
        document=document,
        kind=kind,
        contact_name=name,
        status=status,
        paid=paid,
        totals=totals_of(document),
        payments=sales_payments_of(session, organization_id, guid),
        mailouts=mailouts_of(session, organization_id, guid),
        generated_invoices=generated_vouchers(document) if kind == TRADE_OFFER else [],
    )


def _row(document: SalesDocument, contact_name: str | None, status: str) -> ListRow:
    return ListRow(
        guid=document.guid,
        kind=document.kind,
        number=document.number,
        document_date=document.document_date,
        contact_name=contact_name,
        total=from_ore(document.total_incl_vat_ore),
        currency=document.currency,
        status=status,
    )


def _contact_name(session: Session, document: SalesDocument) -> str | None:
    if document.contact_guid is None:
        return None
    contact = session.get(Contact, document.contact_guid)
    if contact is None or contact.organization_id != document.organization_id:
        return None
    return contact.name


def _list_offers(
    session: Session, organization_id: int, filters: ListFilters
) -> tuple[list[ListRow], int]:
    conditions = [
        SalesDocument.organization_id == organization_id,
        SalesDocument.kind == TRADE_OFFER,
        SalesDocument.status != DELETED,
    ]
    if filters.status in OFFER_STATUSES:
        conditions.append(SalesDocument.status == filters.status)
    if filters.start is not None:
        conditions.append(SalesDocument.document_date >= filters.start)
    if filters.end is not None:
        conditions.append(SalesDocument.document_date <= filters.end)
    if filters.text:
        folded = filters.text.lower()
        conditions.append(
            or_(
                func.lower(func.coalesce(Contact.name, "")).contains(folded, autoescape=True),
                func.lower(func.coalesce(SalesDocument.description, "")).contains(
                    folded, autoescape=True
                ),
                cast(SalesDocument.number, String).contains(filters.text, autoescape=True),
            )
        )
    base = (
        select(SalesDocument, Contact.name)
        .outerjoin(Contact, Contact.guid == SalesDocument.contact_guid)
        .where(*conditions)
    )
    ordered = base.order_by(SalesDocument.number.desc(), SalesDocument.guid)
    found = session.execute(ordered.offset(filters.page * PAGE_SIZE).limit(PAGE_SIZE)).all()
    counted = session.scalar(select(func.count()).select_from(base.subquery()))
    rows = [_row(document, name, document.status) for document, name in found]
    return rows, int(counted or 0)
