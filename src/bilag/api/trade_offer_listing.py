"""The trade offer list's query (reference §2.8, §4.4–4.6): `queryFilter` on Dinero's nine
properties, `freeTextSearch`, `changesSince`, `deletedOnly`, `sort` and `sortOrder`, and one page
of the matches with how many match in all.

The contact's name is read alongside each offer (a correlated subquery on the live contact), so
it can be filtered, searched and sorted on like the offer's own columns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import ColumnElement, String, cast, func, or_, select

from bilag.api.errors import DineroError, ErrorCode
from bilag.api.filters import FilterKind, FilterTerm, filter_clauses
from bilag.api.listing import Lifecycle, lifecycle_conditions
from bilag.api.paging import Paging
from bilag.ledger.money import to_ore
from bilag.storage.db import Database
from bilag.storage.models import Contact, SalesDocument
from bilag.storage.sales_documents import TRADE_OFFER

# An offer's `deleted_at` is set exactly when it is deleted (`delete_sales_draft`).
LIFECYCLE = Lifecycle(SalesDocument.created_at, SalesDocument.updated_at, SalesDocument.deleted_at)

FILTERABLE: dict[str, FilterKind] = {
    "ExternalReference": "text",
    "ContactName": "text",
    "Address": "text",
    "Comment": "text",
    "Description": "text",
    "HasGeneratedAnyVouchers": "bool",
    "Currency": "text",
    "Date": "text",
    "Number": "int",
}
SORTS = ("TradeOfferNumber", "TradeOfferDate", "Status", "ContactName")
DEFAULT_SORT = "TradeOfferNumber"
SORT_ORDERS = ("ascending", "descending")

CONTACT_NAME = (
    select(Contact.name)
    .where(
        Contact.guid == SalesDocument.contact_guid,
        Contact.organization_id == SalesDocument.organization_id,
        Contact.deleted_at.is_(None),
    )
    .correlate(SalesDocument)
    .scalar_subquery()
)
_FILTER_COLUMNS: dict[str, ColumnElement[Any]] = {
    "ExternalReference": SalesDocument.external_reference,
    "ContactName": CONTACT_NAME,
    "Address": SalesDocument.address,
    "Comment": SalesDocument.comment,
    "Description": SalesDocument.description,
    "HasGeneratedAnyVouchers": SalesDocument.generated_vouchers.is_not(None),
    "Currency": SalesDocument.currency,
    "Date": cast(SalesDocument.document_date, String),
    "Number": SalesDocument.number,
}
_SORT_COLUMNS: dict[str, ColumnElement[Any]] = {
    "TradeOfferNumber": SalesDocument.number,
    "TradeOfferDate": SalesDocument.document_date,
    "Status": SalesDocument.status,
    "ContactName": func.lower(func.coalesce(CONTACT_NAME, "")),
}


@dataclass(frozen=True)
class OfferQuery:
    terms: tuple[FilterTerm, ...] = ()
    search: str | None = None
    changes_since: datetime | None = None
    deleted_only: bool = False
    sort: tuple[str, ...] = (DEFAULT_SORT,)
    descending: bool = True
    paging: Paging = Paging()


def parse_sort(raw: str | None) -> tuple[str, ...]:
    canonical = {name.lower(): name for name in SORTS}
    requested = [part.strip() for part in (raw or "").split(",") if part.strip()]
    unknown = [name for name in requested if name.lower() not in canonical]
    if unknown:
        names = ", ".join(f"'{name}'" for name in unknown)
        message = f"Unknown sort field(s) {names}. Allowed: {', '.join(SORTS)}."
        raise DineroError(ErrorCode.INVALID_REQUEST, message, 400, {"sort": message})
    chosen = tuple(dict.fromkeys(canonical[name.lower()] for name in requested))
    return chosen or (DEFAULT_SORT,)


def parse_descending(raw: str | None) -> bool:
    if raw is None:
        return True
    if raw.lower() not in SORT_ORDERS:
        message = f"sortOrder must be ascending or descending, not '{raw}'."
        raise DineroError(ErrorCode.INVALID_REQUEST, message, 400, {"sortOrder": message})
    return raw.lower() == "descending"


def list_offers(
    database: Database, organization_id: int, query: OfferQuery
) -> tuple[list[tuple[SalesDocument, str | None]], int]:
    """One page of matching offers with their contact's name, and how many match in all."""
    conditions = _conditions(organization_id, query)
    columns = [_SORT_COLUMNS[name] for name in query.sort]
    order = [column.desc() if query.descending else column.asc() for column in columns]
    order.append(SalesDocument.guid.asc())
    page = (
        select(SalesDocument, CONTACT_NAME)
        .where(*conditions)
        .order_by(*order)
        .offset(query.paging.offset)
        .limit(query.paging.limit)
    )
    counting = select(func.count()).select_from(SalesDocument).where(*conditions)
    with database.read() as session:
        rows = [(offer, name) for offer, name in session.execute(page)]
        if query.paging.offset == 0 and len(rows) < query.paging.limit:
            return rows, len(rows)
        return rows, int(session.scalar(counting) or 0)


def _conditions(organization_id: int, query: OfferQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        SalesDocument.organization_id == organization_id,
        SalesDocument.kind == TRADE_OFFER,
    ]
    conditions += lifecycle_conditions(LIFECYCLE, query.deleted_only, query.changes_since)
    conditions += filter_clauses(query.terms, _FILTER_COLUMNS)
    if query.search:
        conditions.append(_search(query.search))
    return conditions


def _search(text: str) -> ColumnElement[bool]:
    """Number, contact name and description contain the text, or the total incl. VAT is it."""
    folded = text.lower()
    matches = [
        cast(SalesDocument.number, String).contains(folded, autoescape=True),
        func.lower(CONTACT_NAME).contains(folded, autoescape=True),
        func.lower(SalesDocument.description).contains(folded, autoescape=True),
    ]
    try:
        amount = Decimal(text.replace(",", "."))
    except InvalidOperation:
        amount = None
    if amount is not None and amount.is_finite() and abs(amount) < 10**15:
        matches.append(SalesDocument.total_incl_vat_ore == to_ore(amount))
    return or_(*matches)
