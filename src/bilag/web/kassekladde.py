"""Bogføring > Kassekladde: the unbooked ledger items as an editable grid.

One grid row is one line of a ledger item; a new line whose voucher number names a draft in the
ledger joins that item, otherwise it becomes a new item. Every write goes through the Dinero API
(`call_api`): add (`POST /v1.2/.../ledgeritems`), update with the item's Version
(`PUT /v1/.../ledgeritems`) and delete (`DELETE /v1/.../ledgeritems/delete`); the API's refusal
is shown on the page with its 4xx. Booking and attaching files are in `kassekladde_booking`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.ledger.accounts import Account
from bilag.ledger.vat import VAT_TYPES
from bilag.storage.chart import chart_accounts
from bilag.storage.models import Voucher
from bilag.web.api_client import ApiReply, call_api
from bilag.web.forms import read_query, single
from bilag.web.kassekladde_forms import (
    RowInput,
    has_line,
    item_json,
    line_json,
    lines_with,
    new_item_json,
    read_row,
)
from bilag.web.kassekladde_grid import Ledger, get_draft_with_number, get_item, read_ledger
from bilag.web.kassekladde_texts import TEXTS, format_amount, input_amount
from bilag.web.security import redirect, services_of
from bilag.web.shell import OrgContext, app_page, org_context, read_app_form

router = APIRouter(include_in_schema=False)
GRID = "/app/{organization_id}/kassekladde"
NOTICES = ("saved", "added", "deleted", "file_attached")


def grid_url(ctx: OrgContext, notice: str = "", anchor: str = "") -> str:
    url = f"/app/{ctx.organization_id}/kassekladde"
    if notice:
        url += "?" + urlencode({"done": notice})
    return url + (f"#{anchor}" if anchor else "")


def _read(request: Request, organization_id: int) -> tuple[Ledger, tuple[Account, ...]]:
    with services_of(request).database.read() as session:
        return read_ledger(session, organization_id), chart_accounts(session, organization_id)


async def grid_page(
    request: Request,
    ctx: OrgContext,
    *,
    problem: str = "",
    status_code: int = 200,
    typed: RowInput | None = None,
    failed_line: str = "",
    notice: str = "",
) -> Response:
    """The grid; after a refusal, the row as typed (`failed_line` "" is the add row)."""
    ledger, accounts = await run_in_threadpool(_read, request, ctx.organization_id)
    texts = TEXTS[ctx.language]
    last_date = next((r.voucher_date for r in reversed(ledger.rows) if r.voucher_date), None)
    return app_page(
        request,
        ctx,
        "kassekladde/grid.html",
        texts=TEXTS,
        active="kassekladde",
        title=texts["title"],
        status_code=status_code,
        ledger=ledger,
        accounts=[account for account in accounts if not account.is_hidden],
        vat_types=VAT_TYPES,
        problem=problem,
        typed=typed,
        failed_line=failed_line if typed is not None else None,
        notice=texts.get(notice, "") if notice in NOTICES else "",
        focus_new=notice == "added",
        new_date=(last_date or datetime.now(UTC).date()).isoformat(),
        money=lambda amount: format_amount(amount, ctx.language),
        field_amount=lambda amount: input_amount(amount, ctx.language),
    )


def refused_status(reply: ApiReply) -> int:
    """The API's 4xx as the page's status; a 5xx of the API is a 502 here."""
    return reply.status if 400 <= reply.status < 500 else 502


async def refusal_page(
    request: Request,
    ctx: OrgContext,
    reply: ApiReply,
    *,
    typed: RowInput | None = None,
    failed_line: str = "",
) -> Response:
    problem = f"{TEXTS[ctx.language]['api_error']} {reply.problem}"
    return await grid_page(
        request,
        ctx,
        problem=problem,
        status_code=refused_status(reply),
        typed=typed,
        failed_line=failed_line,
    )


@router.get(GRID)
async def show_grid(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    notice = single(read_query(request), "done", max_length=20) or ""
    return await grid_page(request, ctx, notice=notice)


def find_item(request: Request, organization_id: int, item_id: str) -> Voucher | None:
    with services_of(request).database.read() as session:
        item = get_item(session, organization_id, item_id)
        if item is not None:
            _ = list(item.lines)  # loaded before the session closes
        return item


def _find_numbered(request: Request, organization_id: int, number: str) -> Voucher | None:
    if not (number.isascii() and number.isdigit() and len(number) <= 9):
        return None
    with services_of(request).database.read() as session:
        item = get_draft_with_number(session, organization_id, int(number))
        if item is not None:
            _ = list(item.lines)
        return item


@router.post(GRID + "/lines")
async def add_line(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    row = read_row(await read_app_form(request, ctx))
    org = ctx.organization_id
    joined = await run_in_threadpool(_find_numbered, request, org, row.number)
    if joined is None:
        reply = await call_api(
            request, ctx, "POST", f"/v1.2/{org}/ledgeritems", json=[new_item_json(row)]
        )
    else:
        lines = [*lines_with(joined, "", None), line_json(row)]
        body = [item_json(joined, joined.timestamp, lines, row=row)]
        reply = await call_api(request, ctx, "PUT", f"/v1/{org}/ledgeritems", json=body)
    if not reply.ok:
        return await refusal_page(request, ctx, reply, typed=row)
    return redirect(grid_url(ctx, "added"))  # the script focuses the new row


@router.post(GRID + "/lines/{item_id}/{line_id}")
async def change_line(
    request: Request, organization_id: str, item_id: str, line_id: str
) -> Response:
    ctx = await org_context(request, organization_id)
    fields = await read_app_form(request, ctx)
    version = single(fields, "version", max_length=100) or ""
    deleting = single(fields, "action", max_length=10) == "delete"
    row = read_row(fields)
    org = ctx.organization_id
    item = await run_in_threadpool(find_item, request, org, item_id)
    if item is None or not has_line(item, line_id):
        texts = TEXTS[ctx.language]
        return await grid_page(request, ctx, problem=texts["line_gone"], status_code=404)
    reply: ApiReply
    if deleting and len(item.lines) == 1:
        body: list[dict[str, Any]] = [{"Id": item.guid, "Version": version}]
        reply = await call_api(request, ctx, "DELETE", f"/v1/{org}/ledgeritems/delete", json=body)
    else:
        new = None if deleting else line_json(row, line_id)
        edited = item_json(
            item, version, lines_with(item, line_id, new), row=None if deleting else row
        )
        reply = await call_api(request, ctx, "PUT", f"/v1/{org}/ledgeritems", json=[edited])
    if not reply.ok:
        typed = None if deleting else row
        return await refusal_page(request, ctx, reply, typed=typed, failed_line=line_id)
    if deleting:
        return redirect(grid_url(ctx, "deleted"))
    return redirect(grid_url(ctx, "saved", f"line-{line_id}"))
