"""Ledger items, "kassekladde" (reference §2.11, §3.9): add, update, list, delete, book, status.

Items wait in the organization's ledger (at most 1000 unbooked) as drafts. `book` checks a whole
batch and marks it PendingBooking, all or nothing, and answers 200 at once; the background booker
(`api.ledger_item_booker`) then books it and `status` shows Booked with the voucher number.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.binding import JsonBody, read_json_body
from bilag.api.booking import api_booker
from bilag.api.errors import DineroError, DineroRoute, ErrorCode, validation_failure
from bilag.api.ledger_errors import ledger_failure
from bilag.api.ledger_item_booker import wake_booker
from bilag.api.ledger_item_models import (
    ParsedItem,
    identify,
    json_array,
    ledger_model,
    parse_items,
    read_model,
    status_model,
)
from bilag.api.schemas import ERROR_RESPONSES, json_response
from bilag.api.state import api_state
from bilag.ledger.errors import LedgerError, Unbalanced
from bilag.storage.file_records import AttachmentKind, FileGuidRefused, attach_file, detach_file
from bilag.storage.journal import DELETED, DRAFT, PENDING, new_timestamp
from bilag.storage.ledger_item_batches import (
    BookRequest,
    LedgerItemNotFound,
    booking_problems,
    chart_of,
    claimable_items,
    mark_pending,
)
from bilag.storage.ledger_item_bulk import AddedItem, add_items, find_items, guids_in_use
from bilag.storage.ledger_items import (
    MAX_UNBOOKED,
    lock_organization,
    post_item,
    replace_item,
    unbooked_count,
    unbooked_items,
)
from bilag.storage.models import Voucher, utcnow

router = APIRouter(route_class=DineroRoute, tags=["LedgerItems"])
OrganizationId = Annotated[str, Path(alias="organizationId")]
Body = Annotated[JsonBody, Depends(read_json_body)]
DOCS: dict[str, Any] = {"responses": {200: {"description": "OK"}, **ERROR_RESPONSES}}
ITEMS = "/{organizationId}/ledgeritems"


def _not_found(missing: LedgerItemNotFound) -> DineroError:
    message = str(missing)
    return DineroError(ErrorCode.NOT_FOUND, message, 404, {missing.field: message})


def _claim(session: Session, organization_id: int, wanted: Sequence[BookRequest]) -> list[Voucher]:
    """The drafts at the Versions given, under the organization's lock; 404, 58 or 45 if not."""
    lock_organization(session, organization_id)
    try:
        items, problems = claimable_items(session, organization_id, wanted)
    except LedgerItemNotFound as missing:
        raise _not_found(missing) from None
    if problems:
        raise ledger_failure(problems)
    return items


def _check_content(session: Session, organization_id: int, parsed: Sequence[ParsedItem]) -> None:
    """Accounts, VAT codes and amounts of every item; an item need not balance until booked."""
    chart = chart_of(session, organization_id)
    problems: list[LedgerError] = []
    for index, item in enumerate(parsed):
        for problem in post_item(item.content.lines, chart).problems:
            if not isinstance(problem, Unbalanced):
                field = f"[{index}].{problem.field}" if problem.field else f"[{index}]"
                problems.append(replace(problem, field=field))
    if problems:
        raise ledger_failure(problems)


def _attach(
    session: Session, index: int, item: Voucher | AddedItem, previous: str | None = None
) -> None:
    if previous is not None and previous != item.file_guid:
        detach_file(session, previous, AttachmentKind.LEDGER_ITEM, item.guid)
    if item.file_guid is None:
        return
    try:
        attach_file(
            session, item.organization_id, item.file_guid, AttachmentKind.LEDGER_ITEM, item.guid
        )
    except FileGuidRefused as refused:
        raise validation_failure({f"[{index}].FileGuid": refused.message}) from None


def _add(request: Request, organization_id: str, body: JsonBody) -> list[AddedItem]:
    access = require_organization(request, organization_id)
    parsed = parse_items(json_array(body), updating=False)
    with api_state(request).services.database.write() as session:
        lock_organization(session, access.organization_id)
        held = unbooked_count(session, access.organization_id)
        if held + len(parsed) > MAX_UNBOOKED:
            message = (
                f"The ledger holds at most {MAX_UNBOOKED} unbooked items; it has {held} and "
                f"this would add {len(parsed)}."
            )
            raise DineroError(ErrorCode.LIMIT_EXCEEDED, message, 400, {"LedgerItems": message})
        used = guids_in_use(session, [item.guid for item in parsed if item.guid is not None])
        in_use = {
            f"[{index}].Id": f"[{index}].Id '{item.guid}' is already in use."
            for index, item in enumerate(parsed)
            if item.guid is not None and item.guid in used
        }
        if in_use:
            raise validation_failure(in_use)
        _check_content(session, access.organization_id, parsed)
        added = add_items(session, access.organization_id, [item.content for item in parsed])
        for index, new in enumerate(added):
            _attach(session, index, new)
        return added


@router.post("/v1.2" + ITEMS, summary="Add ledger item", **DOCS)
def add_ledger_items(request: Request, organization_id: OrganizationId, body: Body) -> Response:
    added = _add(request, organization_id, body)
    return json_response(read_model(added[0]))


@router.post("/v1.1" + ITEMS, summary="Add ledger items (v1.1)", deprecated=True, **DOCS)
@router.post("/v1" + ITEMS, summary="Add ledger items (v1)", deprecated=True, **DOCS)
def add_ledger_items_v1(request: Request, organization_id: OrganizationId, body: Body) -> Response:
    added = _add(request, organization_id, body)
    return json_response([read_model(item) for item in added])


@router.put("/v1" + ITEMS, summary="Update ledger items", **DOCS)
def update_ledger_items(request: Request, organization_id: OrganizationId, body: Body) -> Response:
    access = require_organization(request, organization_id)
    parsed = parse_items(json_array(body), updating=True)
    wanted = [BookRequest(item.guid or "", item.version) for item in parsed]
    with api_state(request).services.database.write() as session:
        items = _claim(session, access.organization_id, wanted)
        _check_content(session, access.organization_id, parsed)
        for index, (item, new) in enumerate(zip(items, parsed, strict=True)):
            previous = item.file_guid
            replace_item(session, item, new.content)
            _attach(session, index, item, previous)
        return json_response([read_model(item) for item in items])


@router.post("/v1" + ITEMS + "/ledgers", summary="Get ledger items", **DOCS)
def ledger_items_in_ledger(
    request: Request, organization_id: OrganizationId, body: Body
) -> Response:
    access = require_organization(request, organization_id)
    wanted = identify(json_array(body, required=False), version_required=False)
    with api_state(request).services.database.read() as session:
        if not wanted:
            found = unbooked_items(session, access.organization_id)
        else:
            found = _find_all(session, access.organization_id, wanted, with_lines=True)
        return json_response([ledger_model(i) for i in found if i.status in (DRAFT, PENDING)])


def _find_all(
    session: Session, organization_id: int, wanted: Sequence[BookRequest], *, with_lines: bool
) -> list[Voucher]:
    found = find_items(session, organization_id, [w.guid for w in wanted], with_lines=with_lines)
    for index, request in enumerate(wanted):
        if request.guid.lower() not in found:
            raise _not_found(LedgerItemNotFound(request.guid, f"[{index}].Id"))
    return [found[request.guid.lower()] for request in wanted]


@router.post("/v1" + ITEMS + "/book", summary="Send ledger items to booking", **DOCS)
def book_ledger_items(request: Request, organization_id: OrganizationId, body: Body) -> Response:
    access = require_organization(request, organization_id)
    wanted = identify(json_array(body))
    with api_state(request).services.database.write() as session:
        items = _claim(session, access.organization_id, wanted)
        problems = booking_problems(session, access.organization_id, items)
        if problems:
            raise ledger_failure(problems)
        mark_pending(session, items, api_booker(session, access, "Kassekladde"))
    wake_booker(request.app)
    return Response(status_code=200)


@router.post("/v1" + ITEMS + "/status", summary="Get ledger item status", **DOCS)
def ledger_item_status(request: Request, organization_id: OrganizationId, body: Body) -> Response:
    access = require_organization(request, organization_id)
    wanted = identify(json_array(body, required=False), version_required=False)
    with api_state(request).services.database.read() as session:
        found = _find_all(session, access.organization_id, wanted, with_lines=False)
        return json_response([status_model(item) for item in found])


@router.delete("/v1" + ITEMS + "/delete", summary="Delete multiple ledger items", **DOCS)
def delete_ledger_items(request: Request, organization_id: OrganizationId, body: Body) -> Response:
    access = require_organization(request, organization_id)
    wanted = identify(json_array(body))
    with api_state(request).services.database.write() as session:
        for item in _claim(session, access.organization_id, wanted):
            item.status = DELETED
            item.timestamp = new_timestamp()
            item.updated_at = utcnow()
        session.flush()
    return Response(status_code=200)
