"""Bogføring > Bilagsoversigt: one page of the organization's vouchers, newest first.

What is listed, and each row's status, is `voucher_query`'s. A page is four statements at most:
the page's keys, the rows of its vouchers, those of its invoices and credit notes, and the count
when there is more than one page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bilag.ledger.money import from_ore
from bilag.storage.voucher_figures import KINDS, SALES_KINDS, VOUCHER_KINDS
from bilag.storage.voucher_query import OverviewQuery, matching, sales_rows, voucher_rows


@dataclass(frozen=True)
class OverviewRow:
    kind: str
    guid: str
    number: int | None
    voucher_date: date | None
    contact_name: str | None
    description: str | None
    amount: Decimal  # DKK incl. VAT
    status: str
    booked_by: str | None
    file_guid: str | None


@dataclass(frozen=True)
class OverviewPage:
    rows: list[OverviewRow]
    total: int
    page: int
    page_size: int

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.page_size))


def booked_by_label(kind: str | None, client_id: str | None, user: str | None) -> str | None:
    """Who booked: "API (isv_foo)" for an integration, else the user, else Dinero's type."""
    if kind is None:
        return None
    if kind == "API" and client_id:
        return f"API ({client_id})"
    if kind == "API":
        return "API"
    return user or kind


def _row(values: Any) -> OverviewRow:
    rate = Decimal(values.exchange_rate) / 100
    amount = from_ore(int(values.amount_ore))
    return OverviewRow(
        kind=values.kind,
        guid=values.guid,
        number=values.number,
        voucher_date=values.voucher_date,
        contact_name=values.contact_name,
        description=values.description or None,
        amount=round(amount * rate, 2),
        status=values.status,
        booked_by=booked_by_label(
            values.booked_by_type, values.booked_by_client, values.booked_by_user
        ),
        file_guid=values.file_guid,
    )


def list_overview(session: Session, organization_id: int, query: OverviewQuery) -> OverviewPage:
    """One page of the organization's vouchers, newest first, and how many match in all."""
    every = matching(organization_id, query)
    if every is None:
        return OverviewPage([], 0, query.page, query.page_size)
    ordered = select(every.c.kind, every.c.guid).order_by(
        every.c.voucher_date.desc().nulls_first(),
        every.c.number.desc().nulls_first(),
        every.c.created_at.desc(),
        every.c.guid,
    )
    offset = query.page * query.page_size
    keys = session.execute(ordered.offset(offset).limit(query.page_size)).all()
    rows = _rows(session, organization_id, [(kind, guid) for kind, guid in keys], query.today)
    if query.page == 0 and len(rows) < query.page_size:
        return OverviewPage(rows, len(rows), query.page, query.page_size)
    total = session.scalar(select(func.count()).select_from(every))
    return OverviewPage(rows, int(total or 0), query.page, query.page_size)


def _rows(
    session: Session, organization_id: int, keys: list[tuple[str, str]], today: date
) -> list[OverviewRow]:
    """The page's rows in the order of `keys`: one statement per table at most."""
    vouchers = [guid for kind, guid in keys if kind in VOUCHER_KINDS]
    documents = [guid for kind, guid in keys if kind in SALES_KINDS]
    found: dict[str, OverviewRow] = {}
    if vouchers:
        for values in session.execute(voucher_rows(organization_id, vouchers, today)):
            found[values.guid] = _row(values)
    if documents:
        for values in session.execute(sales_rows(organization_id, documents, today)):
            found[values.guid] = _row(values)
    return [found[guid] for _, guid in keys if guid in found]


def get_overview_row(
    session: Session, organization_id: int, kind: str, guid: str, today: date | None = None
) -> OverviewRow | None:
    """One voucher's row (None when missing, deleted, another organization's or another kind)."""
    if kind not in KINDS:
        return None
    query = OverviewQuery(kinds=(kind,), guid=guid.strip().lower(), today=today or date.today())
    page = list_overview(session, organization_id, query)
    return page.rows[0] if page.rows else None
