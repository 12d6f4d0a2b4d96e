"""Bogføring > Bilagsoversigt: every voucher of the organization, filtered by a GET form and
paged 50 at a time."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.storage.voucher_figures import KINDS, STATUSES
from bilag.storage.voucher_overview import OverviewPage, OverviewRow, list_overview
from bilag.storage.voucher_query import MAX_TEXT, OverviewQuery
from bilag.web.forms import Fields, read_query, single
from bilag.web.security import services_of
from bilag.web.shell import OrgContext, app_page, org_context
from bilag.web.voucher_texts import KIND_OF_SLUG, KIND_SLUGS, TEXTS, day, money

router = APIRouter(include_in_schema=False)
MAX_PAGE = 1_000_000
FILTERS = ("type", "status", "from", "to", "q")


@dataclass(frozen=True)
class ShownRow:
    """A row as the table shows it, in the page's language."""

    href: str
    number: str
    date: str
    kind: str
    contact: str
    description: str
    amount: str
    status: str
    status_label: str
    booked_by: str
    has_file: bool


class FilterRefused(ValueError):
    """A filter value the list cannot use; the page shows the message with a 400."""


def _date(raw: str, label: str, texts: dict[str, str]) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        raise FilterRefused(f"{label}: {texts['bad_date']}") from None


def _choice(raw: str, allowed: Collection[str], label: str, texts: dict[str, str]) -> str:
    if raw and raw not in allowed:
        raise FilterRefused(f"{texts['bad_filter']} ({label}): {raw}")
    return raw


def read_filters(fields: Fields, texts: dict[str, str]) -> tuple[dict[str, str], OverviewQuery]:
    """The filter form's values as given, and the query they make (FilterRefused if bad)."""
    given = {name: (single(fields, name, max_length=MAX_TEXT) or "").strip() for name in FILTERS}
    page_text = (single(fields, "page", max_length=8) or "1").strip()
    if not page_text.isdigit() or not 1 <= int(page_text) <= MAX_PAGE:
        raise FilterRefused(texts["bad_page"])
    slug = _choice(given["type"], KIND_OF_SLUG, texts["filter_type"], texts)
    status = _choice(given["status"], STATUSES, texts["filter_status"], texts)
    query = OverviewQuery(
        kinds=(KIND_OF_SLUG[slug],) if slug else (),
        statuses=(status,) if status else (),
        date_from=_date(given["from"], texts["filter_from"], texts),
        date_to=_date(given["to"], texts["filter_to"], texts),
        text=given["q"] or None,
        page=int(page_text) - 1,
    )
    return given, query


def voucher_href(organization_id: int, kind: str, guid: str) -> str:
    return f"/app/{organization_id}/vouchers/{KIND_SLUGS[kind]}/{guid}"


def shown(row: OverviewRow, organization_id: int, language: str) -> ShownRow:
    texts = TEXTS[language]
    return ShownRow(
        href=voucher_href(organization_id, row.kind, row.guid),
        number=texts["draft_number"] if row.number is None else str(row.number),
        date=day(row.voucher_date, language),
        kind=texts[f"kind_{row.kind}"],
        contact=row.contact_name or "",
        description=row.description or "",
        amount=money(row.amount, language),
        status=row.status,
        status_label=texts[f"status_{row.status}"],
        booked_by=row.booked_by or "",
        has_file=row.file_guid is not None,
    )


def _page_link(organization_id: int, given: dict[str, str], page: int) -> str:
    kept = {name: value for name, value in given.items() if value}
    return f"/app/{organization_id}/vouchers?" + urlencode({**kept, "page": page})


@router.get("/app/{organization_id}/vouchers")
async def voucher_list(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    texts = TEXTS[ctx.language]
    fields = read_query(request)
    try:
        given, query = read_filters(fields, texts)
    except FilterRefused as refused:
        given = {name: (single(fields, name, max_length=MAX_TEXT) or "") for name in FILTERS}
        return _render(request, ctx, given, OverviewPage([], 0, 0, 1), str(refused), 400)
    found = await run_in_threadpool(_list, request, ctx.organization_id, query)
    return _render(request, ctx, given, found, "", 200)


def _render(
    request: Request,
    ctx: OrgContext,
    given: dict[str, str],
    found: OverviewPage,
    error: str,
    status_code: int,
) -> Response:
    texts = TEXTS[ctx.language]
    org = ctx.organization_id
    paging: dict[str, Any] = {
        "text": texts["page_of"].format(
            page=found.page + 1, pages=found.page_count, total=found.total
        ),
        "previous": _page_link(org, given, found.page) if found.page > 0 else None,
        "next": _page_link(org, given, found.page + 2)
        if found.page + 1 < found.page_count
        else None,
    }
    return app_page(
        request,
        ctx,
        "vouchers/list.html",
        texts=TEXTS,
        active="vouchers",
        title=texts["vouchers_title"],
        rows=[shown(row, org, ctx.language) for row in found.rows],
        filters=given,
        kinds=[(KIND_SLUGS[kind], texts[f"kind_{kind}"]) for kind in KINDS],
        statuses=[(status, texts[f"status_{status}"]) for status in STATUSES],
        paging=paging,
        error=error,
        status_code=status_code,
    )


def _list(request: Request, organization_id: int, query: OverviewQuery) -> OverviewPage:
    with services_of(request).database.read() as session:
        return list_overview(session, organization_id, query)
