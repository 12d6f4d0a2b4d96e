"""Which vouchers Bilagsoversigt lists, and the SQL that finds them.

Listed: purchase vouchers, purchase credit notes, manual vouchers and booked ledger items (the
`vouchers` table), and invoices and sales credit notes (`sales_documents`; trade offers are not
vouchers). Deleted ones and ledger items still in the kassekladde are left out. `matching` joins
the two tables' keys with UNION ALL, so filters, order and paging apply to both at once;
`voucher_rows` and `sales_rows` compute a page's amounts, statuses and contacts in SQL
(`voucher_figures`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    Subquery,
    cast,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import QueryableAttribute

from bilag.storage.journal import BOOKED, DELETED, DRAFT
from bilag.storage.models import (
    Contact,
    SalesDocument,
    Voucher,
    VoucherLine,
)
from bilag.storage.voucher_figures import (
    KINDS,
    LEDGER_ITEM,
    SALES_KINDS,
    VOUCHER_KINDS,
    first_line_text,
    sales_status,
    voucher_status,
    voucher_total,
)

Column = ColumnElement[Any] | QueryableAttribute[Any]

PAGE_SIZE = 50
MAX_TEXT = 100


@dataclass(frozen=True)
class OverviewQuery:
    kinds: tuple[str, ...] = ()  # empty: every kind
    statuses: tuple[str, ...] = ()  # empty: every status
    date_from: date | None = None
    date_to: date | None = None
    text: str | None = None  # number, description or contact name
    guid: str | None = None  # one voucher, for its page
    page: int = 0
    page_size: int = PAGE_SIZE
    today: date = field(default_factory=date.today)


COLUMNS = (
    "kind", "guid", "number", "voucher_date", "contact_name", "description", "amount_ore",
    "exchange_rate", "status", "booked_by_type", "booked_by_client", "booked_by_user",
    "file_guid", "created_at",
)  # fmt: skip


KEYS = ("kind", "guid", "number", "voucher_date", "created_at")


def _labelled(*columns: Column, names: tuple[str, ...] = COLUMNS) -> list[ColumnElement[Any]]:
    """A part's columns, in the same order and under the same names in both parts."""
    return [column.label(name) for column, name in zip(columns, names, strict=True)]


def _contains(column: Column, text: str) -> ColumnElement[bool]:
    return func.lower(func.coalesce(column, "")).contains(text.lower(), autoescape=True)


def _narrowing(
    query: OverviewQuery,
    guid: Column,
    day: Column,
    status: ColumnElement[str],
) -> list[ColumnElement[bool]]:
    """The filters both parts share: one guid, statuses and the date range."""
    conditions = []
    if query.guid is not None:
        conditions.append(guid == query.guid)
    if query.statuses:
        conditions.append(status.in_(query.statuses))
    if query.date_from is not None:
        conditions.append(day >= query.date_from)
    if query.date_to is not None:
        conditions.append(day <= query.date_to)
    return conditions


def _voucher_filter(
    organization_id: int, query: OverviewQuery, kinds: tuple[str, ...]
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        Voucher.organization_id == organization_id,
        Voucher.kind.in_(kinds),
        Voucher.status != DELETED,
        or_(Voucher.kind != LEDGER_ITEM, Voucher.status == BOOKED),
    ]
    status = voucher_status(query.today)
    conditions += _narrowing(query, Voucher.guid, Voucher.voucher_date, status)
    if query.text:
        line_text = exists().where(
            VoucherLine.voucher_guid == Voucher.guid, _contains(VoucherLine.description, query.text)
        )
        conditions.append(or_(line_text, *_common_text(Voucher.number, query.text)))
    return conditions


def voucher_rows(organization_id: int, guids: list[str], today: date) -> Select[Any]:
    """The full rows of these vouchers (of the four voucher kinds)."""
    columns = _labelled(
        Voucher.kind, Voucher.guid, Voucher.number, Voucher.voucher_date, Contact.name,
        first_line_text(), voucher_total(), cast(literal("100"), String),
        voucher_status(today), Voucher.booked_by_type, Voucher.booked_by_client,
        Voucher.booked_by_user, Voucher.file_guid, Voucher.created_at,
    )  # fmt: skip
    return (
        select(*columns)
        .outerjoin(Contact, Contact.guid == Voucher.contact_guid)
        .where(Voucher.organization_id == organization_id, Voucher.guid.in_(guids))
    )


def _common_text(number: Column, text: str) -> list[ColumnElement[bool]]:
    return [_contains(Contact.name, text), cast(number, String).contains(text, autoescape=True)]


def _sales_filter(
    organization_id: int, query: OverviewQuery, kinds: tuple[str, ...]
) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        SalesDocument.organization_id == organization_id,
        SalesDocument.kind.in_(kinds),
        SalesDocument.status.in_((DRAFT, BOOKED)),
    ]
    status = sales_status(query.today)
    conditions += _narrowing(query, SalesDocument.guid, SalesDocument.document_date, status)
    if query.text:
        description = _contains(SalesDocument.description, query.text)
        conditions.append(or_(description, *_common_text(SalesDocument.number, query.text)))
    return conditions


def sales_rows(organization_id: int, guids: list[str], today: date) -> Select[Any]:
    """The full rows of these invoices and credit notes."""
    columns = _labelled(
        SalesDocument.kind, SalesDocument.guid, SalesDocument.number, SalesDocument.document_date,
        Contact.name, SalesDocument.description, SalesDocument.total_incl_vat_ore,
        SalesDocument.exchange_rate, sales_status(today), SalesDocument.booked_by_type,
        SalesDocument.booked_by_client, SalesDocument.booked_by_user, cast(null(), String),
        SalesDocument.created_at,
    )  # fmt: skip
    return (
        select(*columns)
        .outerjoin(Contact, Contact.guid == SalesDocument.contact_guid)
        .where(SalesDocument.organization_id == organization_id, SalesDocument.guid.in_(guids))
    )


def matching(organization_id: int, query: OverviewQuery) -> Subquery | None:
    """The keys (kind, guid, number, date, created) of every voucher the query matches, as one
    subquery to order and page; None when the query's kinds match nothing. The amounts and
    statuses of a page's rows come from `voucher_rows` and `sales_rows`, so they are computed
    for 50 rows, not for every match."""
    kinds = query.kinds or KINDS
    parts = []
    if voucher_kinds := tuple(kind for kind in kinds if kind in VOUCHER_KINDS):
        keys = _labelled(
            Voucher.kind, Voucher.guid, Voucher.number, Voucher.voucher_date, Voucher.created_at,
            names=KEYS,
        )  # fmt: skip
        parts.append(
            select(*keys)
            .outerjoin(Contact, Contact.guid == Voucher.contact_guid)
            .where(*_voucher_filter(organization_id, query, voucher_kinds))
        )
    if sales_kinds := tuple(kind for kind in kinds if kind in SALES_KINDS):
        keys = _labelled(
            SalesDocument.kind, SalesDocument.guid, SalesDocument.number,
            SalesDocument.document_date, SalesDocument.created_at,
            names=KEYS,
        )  # fmt: skip
        parts.append(
            select(*keys)
            .outerjoin(Contact, Contact.guid == SalesDocument.contact_guid)
            .where(*_sales_filter(organization_id, query, sales_kinds))
        )
    if not parts:
        return None
    return (union_all(*parts) if len(parts) > 1 else parts[0]).subquery()
