"""A voucher's page: its facts, lines, journal entries and attached file (an image inline, a PDF
in a frame), and the Book button of a draft, which books it through the API."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.storage.journal import DRAFT
from bilag.storage.models import Voucher
from bilag.storage.voucher_details import (
    EntryView,
    FileView,
    LineView,
    voucher_entries,
    voucher_files,
    voucher_lines,
)
from bilag.storage.voucher_figures import SALES_KINDS
from bilag.storage.voucher_overview import OverviewRow, get_overview_row
from bilag.web.api_client import call_api
from bilag.web.forms import read_query, single
from bilag.web.security import PageError, redirect, services_of
from bilag.web.shell import OrgContext, app_page, org_context, read_app_form
from bilag.web.voucher_list import shown, voucher_href
from bilag.web.voucher_texts import KIND_OF_SLUG, TEXTS, day, money

router = APIRouter(include_in_schema=False)
# The API path that books a draft of each kind the page can book.
BOOK_PATHS = {
    "purchase": "/v1/{org}/vouchers/purchase/{guid}/book",
    "purchase_credit_note": "/v1/{org}/vouchers/purchase/creditnotes/{guid}/book",
    "manual": "/v1/{org}/vouchers/manuel/{guid}/book",
}
# The page may frame its own file route (a PDF); nothing may frame the page.
PAGE_CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
    "frame-src 'self'; frame-ancestors 'none'; base-uri 'none'"
)
NOTICES = ("saved", "booked")
LINE_AMOUNT_LABELS = {
    "purchase": "col_amount",
    "purchase_credit_note": "col_amount",
    "invoice": "col_amount_excl_vat",
    "credit_note": "col_amount_excl_vat",
}


@dataclass(frozen=True)
class VoucherPage:
    row: OverviewRow
    lines: list[LineView]
    entries: list[EntryView]
    files: list[FileView]
    timestamp: str | None  # a bookable draft's version, for the Book form


def _identify(slug: str, guid: str, language: str) -> tuple[str, str]:
    """The kind and the normalized guid; a 404 page for anything that cannot be a voucher."""
    kind = KIND_OF_SLUG.get(slug)
    try:
        wanted = str(uuid.UUID(guid))
    except ValueError:
        wanted = ""
    if kind is None or not wanted:
        raise PageError(404, TEXTS[language]["voucher_missing"], title="Not found")
    return kind, wanted


def _load(request: Request, organization_id: int, kind: str, guid: str) -> VoucherPage | None:
    with services_of(request).database.read() as session:
        row = get_overview_row(session, organization_id, kind, guid)
        if row is None:
            return None
        voucher = None if kind in SALES_KINDS else session.get(Voucher, guid)
        bookable = voucher is not None and voucher.status == DRAFT and kind in BOOK_PATHS
        return VoucherPage(
            row=row,
            lines=voucher_lines(session, organization_id, kind, guid),
            entries=voucher_entries(session, organization_id, guid),
            files=voucher_files(session, organization_id, kind, guid),
            timestamp=voucher.timestamp if bookable and voucher is not None else None,
        )


async def _require(request: Request, ctx: OrgContext, slug: str, guid: str) -> VoucherPage:
    kind, wanted = _identify(slug, guid, ctx.language)
    found = await run_in_threadpool(_load, request, ctx.organization_id, kind, wanted)
    if found is None:
        raise PageError(404, TEXTS[ctx.language]["voucher_missing"], title="Not found")
    return found


def _render(
    request: Request,
    ctx: OrgContext,
    found: VoucherPage,
    *,
    notice: str = "",
    error: str = "",
    status_code: int = 200,
) -> Response:
    texts = TEXTS[ctx.language]
    row = shown(found.row, ctx.organization_id, ctx.language)
    response = app_page(
        request,
        ctx,
        "vouchers/detail.html",
        texts=TEXTS,
        active="vouchers",
        title=texts["voucher_heading"].format(kind=row.kind, number=row.number),
        status_code=status_code,
        row=row,
        voucher=found,
        lines=found.lines,
        entries=found.entries,
        files=found.files,
        money=lambda amount: money(amount, ctx.language),
        day=lambda value: day(value, ctx.language),
        sales_href=_sales_href(ctx.organization_id, found.row),
        line_amount_label=texts[LINE_AMOUNT_LABELS.get(found.row.kind, "col_line_amount")],
        notice=texts[f"{notice}_notice"] if notice in NOTICES else "",
        error=error,
    )
    response.headers["Content-Security-Policy"] = PAGE_CSP
    return response


def _sales_href(organization_id: int, row: OverviewRow) -> str | None:
    """The invoice's or credit note's own page in Salg."""
    pages = {"invoice": "invoices", "credit_note": "credit-notes"}
    found = pages.get(row.kind)
    return None if found is None else f"/app/{organization_id}/sales/{found}/{row.guid}"


@router.get("/app/{organization_id}/vouchers/{kind}/{guid}")
async def voucher_page(request: Request, organization_id: str, kind: str, guid: str) -> Response:
    ctx = await org_context(request, organization_id)
    found = await _require(request, ctx, kind, guid)
    notice = single(read_query(request), "done", max_length=10) or ""
    return _render(request, ctx, found, notice=notice)


@router.post("/app/{organization_id}/vouchers/{kind}/{guid}/book")
async def book_from_page(request: Request, organization_id: str, kind: str, guid: str) -> Response:
    ctx = await org_context(request, organization_id)
    fields = await read_app_form(request, ctx)
    found = await _require(request, ctx, kind, guid)
    path = BOOK_PATHS.get(found.row.kind)
    if path is None or found.row.status != "draft":
        raise PageError(409, TEXTS[ctx.language]["book_intro"], title="Conflict")
    timestamp = single(fields, "timestamp", max_length=16) or ""
    api_path = path.format(org=ctx.organization_id, guid=found.row.guid)
    reply = await call_api(request, ctx, "POST", api_path, json={"Timestamp": timestamp})
    if not reply.ok:
        fresh = await _require(request, ctx, kind, guid)
        status = reply.status if 400 <= reply.status < 500 else 502
        return _render(request, ctx, fresh, error=reply.problem, status_code=status)
    href = voucher_href(ctx.organization_id, found.row.kind, found.row.guid)
    return redirect(f"{href}?done=booked")
