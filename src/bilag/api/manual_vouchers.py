"""Manual vouchers, "finansbilag" (reference §2.10, §3.8, §7.2, §7.3; path spelled `manuel`).

A voucher is created as a draft, changed with its latest `Timestamp`, and booked into the
journal. Deleting a draft removes it; deleting a booked voucher books its reversal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.binding import JsonBody, bind_object, read_json_body
from bilag.api.booking import api_booker
from bilag.api.errors import DineroError, DineroRoute, ErrorCode, validation_failure
from bilag.api.files import file_guid_failure
from bilag.api.ledger_errors import ledger_failure
from bilag.api.manual_voucher_models import (
    BOOK_PROPS,
    TIMESTAMP_PROPS,
    parse_content,
    read_model,
)
from bilag.api.purchase_booking import voucher_booked
from bilag.api.schemas import ERROR_RESPONSES, json_response
from bilag.api.state import api_state
from bilag.ledger.accounts import Account
from bilag.ledger.entries import Posting
from bilag.ledger.errors import LedgerError, Unbalanced
from bilag.ledger.posting import post_balanced_lines
from bilag.storage.chart import SessionLedger
from bilag.storage.file_records import AttachmentKind, FileGuidRefused, attach_file
from bilag.storage.journal import book_voucher, delete_voucher, get_voucher
from bilag.storage.models import Voucher
from bilag.storage.voucher_drafts import DraftContent, add_draft, lines_of, update_draft

router = APIRouter(route_class=DineroRoute, tags=["ManuelVouchers"])
OrganizationId = Annotated[str, Path(alias="organizationId")]
Body = Annotated[JsonBody, Depends(read_json_body)]
KIND = "manual"
BASE = "/v1/{organizationId}/vouchers/manuel"
DOCS: dict[str, Any] = {"responses": {200: {"description": "OK"}, **ERROR_RESPONSES}}


def _chart(session: Session, organization_id: int) -> dict[int, Account]:
    accounts = SessionLedger(session).list_accounts(organization_id)
    return {account.number: account for account in accounts}


def _require(session: Session, organization_id: int, guid: str) -> Voucher:
    found = get_voucher(session, organization_id, guid, KIND)
    if found is None:
        message = f"No manual voucher with guid '{guid}' was found."
        raise DineroError(ErrorCode.NOT_FOUND, message, 404)
    return found


def _check_lines(content: DraftContent, chart: Mapping[int, Account], *, booking: bool) -> None:
    """Every problem of the lines in one 400; a draft need not balance yet."""
    problems = post_balanced_lines(content.lines, chart).problems
    if not booking:
        problems = tuple(p for p in problems if not isinstance(p, Unbalanced))
    if problems:
        raise ledger_failure(problems)


def _attach(session: Session, voucher: Voucher) -> None:
    if voucher.file_guid is None:
        return
    try:
        attach_file(
            session,
            voucher.organization_id,
            voucher.file_guid,
            AttachmentKind.MANUAL_VOUCHER,
            voucher.guid,
            voucher.number,
        )
    except FileGuidRefused as refused:
        raise file_guid_failure(refused) from None


def _answer(session: Session, voucher: Voucher) -> Response:
    return json_response(read_model(voucher, _chart(session, voucher.organization_id)))


@router.post(BASE, summary="Create manual voucher", **DOCS)
def create_manual_voucher(
    request: Request, organization_id: OrganizationId, body: Body
) -> Response:
    access = require_organization(request, organization_id)
    content = parse_content(body.object())
    with api_state(request).services.database.write() as session:
        _check_lines(content, _chart(session, access.organization_id), booking=False)
        voucher = add_draft(session, access.organization_id, KIND, content)
        _attach(session, voucher)
        return _answer(session, voucher)


@router.get(BASE + "/{guid}", summary="Get manual voucher", **DOCS)
def get_manual_voucher(request: Request, organization_id: OrganizationId, guid: str) -> Response:
    access = require_organization(request, organization_id)
    with api_state(request).services.database.read() as session:
        return _answer(session, _require(session, access.organization_id, guid))


@router.put(BASE + "/{guid}", summary="Update manual voucher", **DOCS)
def update_manual_voucher(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    access = require_organization(request, organization_id)
    fields = body.object()
    timestamp = bind_object(fields, TIMESTAMP_PROPS)["Timestamp"]
    content = parse_content(fields)
    with api_state(request).services.database.write() as session:
        voucher = _require(session, access.organization_id, guid)
        _check_lines(content, _chart(session, access.organization_id), booking=False)
        try:
            update_draft(session, voucher, timestamp, content)
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
        _attach(session, voucher)
        return _answer(session, voucher)


@router.delete(BASE + "/{guid}", summary="Delete manual voucher", **DOCS)
def delete_manual_voucher(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    access = require_organization(request, organization_id)
    timestamp = bind_object(body.object(), TIMESTAMP_PROPS)["Timestamp"]
    with api_state(request).services.database.write() as session:
        voucher = _require(session, access.organization_id, guid)
        try:
            delete_voucher(session, voucher, timestamp)
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
    return Response(status_code=200)


@router.post(BASE + "/{guid}/book", summary="Book manual voucher", **DOCS)
def book_manual_voucher(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    access = require_organization(request, organization_id)
    values = bind_object(body.object(), BOOK_PROPS)
    with api_state(request).services.database.write() as session:
        voucher = _require(session, access.organization_id, guid)
        chart = _chart(session, access.organization_id)

        def post(draft: Voucher) -> Sequence[Posting]:
            lines = lines_of(draft)
            if not lines:
                raise validation_failure(
                    {"Lines": "A voucher needs at least one line to be booked."}
                )
            posted = post_balanced_lines(lines, chart)
            if posted.problems:
                raise ledger_failure(posted.problems)
            return posted.postings

        try:
            booked_by = api_booker(session, access)
            book_voucher(session, voucher, values["Timestamp"], values["Number"], post, booked_by)
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
        _attach(session, voucher)
        voucher_booked(session, voucher)
        return _answer(session, voucher)
