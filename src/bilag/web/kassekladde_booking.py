"""Kassekladde: "Bogfør alle", the booking's status, and attaching a file to an item.

Booking is asynchronous in the API: `POST /v1/.../ledgeritems/book` only sends the drafts to
booking. The status page then asks `POST /v1/.../ledgeritems/status` about the items waiting
and those of the latest batch booked, and shows each one's status and voucher number; it
reloads itself (kassekladde.js) while any item is still waiting, and a plain reload works too.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from bilag.storage.ledger_items import MAX_UNBOOKED
from bilag.web.api_client import call_api
from bilag.web.forms import single
from bilag.web.kassekladde import (
    GRID,
    find_item,
    grid_page,
    grid_url,
    refusal_page,
    refused_status,
)
from bilag.web.kassekladde_forms import item_json, lines_with, multipart_file
from bilag.web.kassekladde_grid import BookingItem, Ledger, last_booking, read_ledger
from bilag.web.kassekladde_texts import TEXTS
from bilag.web.security import redirect, services_of
from bilag.web.shell import app_page, org_context, read_app_form, read_app_upload

router = APIRouter(include_in_schema=False)
MAX_FILE_BYTES = 6 * 1024 * 1024  # the API's own limit for a file
UPLOAD_ALLOWANCE = 64 * 1024


def _ledger(request: Request, organization_id: int) -> Ledger:
    with services_of(request).database.read() as session:
        return read_ledger(session, organization_id)


@router.post(GRID + "/book")
async def book_all(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    fields = await read_app_form(request, ctx)
    seen = single(fields, "ledger", max_length=64) or ""
    texts = TEXTS[ctx.language]
    ledger = await run_in_threadpool(_ledger, request, ctx.organization_id)
    if not ledger.drafts:
        return await grid_page(request, ctx, problem=texts["nothing_to_book"], status_code=409)
    if seen != ledger.fingerprint:
        return await grid_page(request, ctx, problem=texts["ledger_changed"], status_code=409)
    body = [{"Id": item_id, "Version": version} for item_id, version in ledger.drafts]
    path = f"/v1/{ctx.organization_id}/ledgeritems/book"
    reply = await call_api(request, ctx, "POST", path, json=body)
    if not reply.ok:
        return await refusal_page(request, ctx, reply)
    return redirect(f"/app/{ctx.organization_id}/kassekladde/status")


def _booking(request: Request, organization_id: int) -> list[BookingItem]:
    with services_of(request).database.read() as session:
        return last_booking(session, organization_id)[:MAX_UNBOOKED]


@router.get(GRID + "/status")
async def booking_status(request: Request, organization_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    texts = TEXTS[ctx.language]
    items = await run_in_threadpool(_booking, request, ctx.organization_id)
    statuses: list[tuple[BookingItem, dict[str, Any]]] = []
    problem = ""
    status_code = 200
    if items:
        path = f"/v1/{ctx.organization_id}/ledgeritems/status"
        body = [{"Id": item.item_id} for item in items]
        reply = await call_api(request, ctx, "POST", path, json=body)
        answers = reply.json if reply.ok and isinstance(reply.json, list) else None
        if answers is None:
            problem, status_code = reply.problem, refused_status(reply)
        else:
            statuses = [
                (item, answer)
                for item, answer in zip(items, answers, strict=False)
                if isinstance(answer, dict)
            ]
    waiting = any(answer.get("Status") != "Booked" for _item, answer in statuses)
    return app_page(
        request,
        ctx,
        "kassekladde/status.html",
        texts=TEXTS,
        active="kassekladde",
        title=texts["status_title"],
        status_code=status_code,
        statuses=statuses,
        waiting=waiting,
        problem=problem,
    )


@router.post(GRID + "/items/{item_id}/file")
async def attach_file(request: Request, organization_id: str, item_id: str) -> Response:
    ctx = await org_context(request, organization_id)
    fields, files = await read_app_upload(request, ctx, max_bytes=MAX_FILE_BYTES + UPLOAD_ALLOWANCE)
    version = single(fields, "version", max_length=100) or ""
    texts = TEXTS[ctx.language]
    upload = files.get("file")
    if upload is None:
        return await grid_page(request, ctx, problem=texts["no_file_chosen"], status_code=400)
    data = await upload.read()
    org = ctx.organization_id
    item = await run_in_threadpool(find_item, request, org, item_id)
    if item is None:
        return await grid_page(request, ctx, problem=texts["line_gone"], status_code=404)
    content, content_type = multipart_file(
        upload.filename or "file", upload.content_type or "", data
    )
    params = {"fileName": upload.filename or "file"}
    saved = await call_api(
        request,
        ctx,
        "POST",
        f"/v1/{org}/files",
        content=content,
        content_type=content_type,
        params=params,
    )
    answer = saved.json if saved.ok else None
    file_guid = answer.get("FileGuid") if isinstance(answer, dict) else None
    if not isinstance(file_guid, str):
        return await refusal_page(request, ctx, saved)
    body = [item_json(item, version, lines_with(item, "", None), file_guid=file_guid)]
    reply = await call_api(request, ctx, "PUT", f"/v1/{org}/ledgeritems", json=body)
    if not reply.ok:
        return await refusal_page(request, ctx, reply)
    return redirect(grid_url(ctx, "file_attached", f"item-{item.guid}"))
