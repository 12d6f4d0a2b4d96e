"""Salg: the lists of invoices, credit notes and trade offers, filtered by status, text and date,
a page at a time."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.storage.trade_offers import STATUSES as OFFER_STATUSES
from bilag.web.forms import read_query, single
from bilag.web.sales_format import formatters, page_link, query_date, query_page
from bilag.web.sales_reads import KINDS, PAGE_SIZE, ListFilters, ListRow, list_documents
from bilag.web.sales_texts import SALES_TEXTS
from bilag.web.security import PageError, redirect, services_of
from bilag.web.shell import app_page, org_context

router = APIRouter(include_in_schema=False)

STATUS_CHOICES = {
    "invoices": ("Draft", "Booked", "Overdue", "Paid", "OverPaid"),
    "credit-notes": ("Draft", "Booked", "Paid", "OverPaid"),
    "offers": OFFER_STATUSES,
}
ACTIVE = {"invoices": "invoices", "credit-notes": "credit_notes", "offers": "offers"}


def _list(
    request: Request, organization_id: int, kind: str, filters: ListFilters
) -> tuple[list[ListRow], int]:
    with services_of(request).database.read() as session:
        return list_documents(session, organization_id, kind, filters, date.today())


def _filters(request: Request, segment: str) -> tuple[ListFilters, dict[str, str]]:
    query = read_query(request)
    status = (single(query, "status", max_length=40) or "").strip()
    if status and status not in STATUS_CHOICES[segment]:
        choices = ", ".join(STATUS_CHOICES[segment])
        raise PageError(400, f"status must be one of {choices}, not '{status}'.")
    text = (single(query, "q", max_length=200) or "").strip()
    start, end = query_date(query, "from"), query_date(query, "to")
    if start and end and start > end:
        raise PageError(400, "from must not be after to.")
    shown = {
        "status": status,
        "q": text,
        "from": start.isoformat() if start else "",
        "to": end.isoformat() if end else "",
    }
    filters = ListFilters(status or None, text or None, start, end, query_page(query))
    return filters, shown


async def _list_page(request: Request, organization_id: str, segment: str) -> Response:
    ctx = await org_context(request, organization_id)
    filters, shown = _filters(request, segment)
    rows, count = await run_in_threadpool(
        _list, request, ctx.organization_id, KINDS[segment], filters
    )
    base = f"/app/{ctx.organization_id}/sales/{segment}"
    pages = max(1, -(-count // PAGE_SIZE))
    page = filters.page
    return app_page(
        request,
        ctx,
        "sales/list.html",
        texts=SALES_TEXTS,
        active=ACTIVE[segment],
        title=_title(ctx.language, segment),
        segment=segment,
        rows=rows,
        count=count,
        page=page,
        pages=pages,
        shown=shown,
        statuses=STATUS_CHOICES[segment],
        previous_link=page_link(base, shown, page - 1) if page > 0 else None,
        next_link=page_link(base, shown, page + 1) if page + 1 < pages else None,
        **formatters(ctx.language),
    )


def _title(language: str, segment: str) -> str:
    titles = {
        "da": {"invoices": "Fakturaer", "credit-notes": "Kreditnotaer", "offers": "Tilbud"},
        "en": {"invoices": "Invoices", "credit-notes": "Credit notes", "offers": "Offers"},
    }
    return titles[language][segment]


@router.get("/app/{organization_id}/sales")
async def sales_home(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    return redirect(f"/app/{ctx.organization_id}/sales/invoices", status_code=302)


@router.get("/app/{organization_id}/sales/invoices")
async def invoices_page(request: Request, organization_id: str) -> Response:
    return await _list_page(request, organization_id, "invoices")


@router.get("/app/{organization_id}/sales/credit-notes")
async def credit_notes_page(request: Request, organization_id: str) -> Response:
    return await _list_page(request, organization_id, "credit-notes")


@router.get("/app/{organization_id}/sales/offers")
async def offers_page(request: Request, organization_id: str) -> Response:
    return await _list_page(request, organization_id, "offers")
