"""Purchase credit notes, "købskreditnotaer" (reference §2.9, §3.7): drafts changed with their
latest `Timestamp` and booked as the mirror of a credit purchase, creditors debited and the
expense and input VAT credited. Deleting a booked one books its reversal.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.binding import JsonBody, bind_object, read_json_body
from bilag.api.booking import api_booker
from bilag.api.contact_records import parse_path_guid
from bilag.api.errors import DineroRoute, validation_failure
from bilag.api.ledger_errors import ledger_failure
from bilag.api.manual_voucher_models import BOOK_PROPS, TIMESTAMP_PROPS
from bilag.api.purchase_booking import (
    attach,
    chart_of,
    check_draft,
    paid_on,
    purchase_postings,
    refuse_deleting_paid,
    require_voucher,
    voucher_booked,
)
from bilag.api.purchase_credit_note_models import parse_credit_note, with_credited_purchase
from bilag.api.purchase_read_models import credit_note_read_model
from bilag.api.schemas import ERROR_RESPONSES, json_response
from bilag.api.state import api_state
from bilag.ledger.entries import Posting
from bilag.ledger.errors import LedgerError
from bilag.storage.file_records import AttachmentKind
from bilag.storage.journal import book_voucher, delete_voucher
from bilag.storage.models import Voucher
from bilag.storage.purchases import (
    PURCHASE_CREDIT_NOTE,
    add_purchase_draft,
    guid_is_taken,
    update_purchase_draft,
)

router = APIRouter(route_class=DineroRoute, tags=["PurchaseCreditNotes"])
OrganizationId = Annotated[str, Path(alias="organizationId")]
Body = Annotated[JsonBody, Depends(read_json_body)]
BASE = "/v1/{organizationId}/vouchers/purchase/creditnotes"
KIND = PURCHASE_CREDIT_NOTE
DOCS: dict[str, Any] = {"responses": {200: {"description": "OK"}, **ERROR_RESPONSES}}


def _created(voucher: Voucher) -> Response:
    return json_response({"Guid": voucher.guid, "TimeStamp": voucher.timestamp})


@router.post(BASE, summary="Create purchase credit note", **DOCS)
def create_purchase_credit_note(
    request: Request, organization_id: OrganizationId, body: Body
) -> Response:
    access = require_organization(request, organization_id)
    parsed = parse_credit_note(body.object(), creating=True)
    with api_state(request).services.database.write() as session:
        if parsed.guid is not None and guid_is_taken(session, parsed.guid):
            raise validation_failure({"Guid": f"The guid {parsed.guid} is already in use."})
        content = with_credited_purchase(session, access.organization_id, parsed.content)
        content = check_draft(session, access.organization_id, content, _chart(session, access))
        voucher = add_purchase_draft(session, access.organization_id, KIND, content, parsed.guid)
        attach(session, voucher, AttachmentKind.PURCHASE_CREDIT_NOTE)
        return _created(voucher)


def _chart(session: Session, access: Any) -> Any:
    return chart_of(session, access.organization_id)


@router.get(BASE + "/{guid}", summary="Get purchase credit note", **DOCS)
def get_purchase_credit_note(
    request: Request, organization_id: OrganizationId, guid: str
) -> Response:
    access = require_organization(request, organization_id)
    wanted = parse_path_guid("guid", guid)
    with api_state(request).services.database.read() as session:
        return _answer(session, require_voucher(session, access.organization_id, wanted, KIND))


def _answer(session: Session, voucher: Voucher) -> Response:
    chart = chart_of(session, voucher.organization_id)
    paid = paid_on(session, voucher)
    return json_response(credit_note_read_model(voucher, chart, paid, date.today()))


@router.put(BASE + "/{guid}", summary="Update purchase credit note", **DOCS)
def update_purchase_credit_note(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    access = require_organization(request, organization_id)
    wanted = parse_path_guid("guid", guid)
    fields = body.object()
    timestamp = bind_object(fields, TIMESTAMP_PROPS)["Timestamp"]
    parsed = parse_credit_note(fields, creating=False)
    with api_state(request).services.database.write() as session:
        voucher = require_voucher(session, access.organization_id, wanted, KIND)
        content = with_credited_purchase(session, access.organization_id, parsed.content)
        content = check_draft(session, access.organization_id, content, _chart(session, access))
        try:
            update_purchase_draft(session, voucher, timestamp, content)
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
        attach(session, voucher, AttachmentKind.PURCHASE_CREDIT_NOTE)
        return _created(voucher)


@router.delete(BASE + "/{guid}", summary="Delete purchase credit note", **DOCS)
def delete_purchase_credit_note(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    access = require_organization(request, organization_id)
    wanted = parse_path_guid("guid", guid)
    timestamp = bind_object(body.object(), TIMESTAMP_PROPS)["Timestamp"]
    with api_state(request).services.database.write() as session:
        voucher = require_voucher(session, access.organization_id, wanted, KIND)
        refuse_deleting_paid(session, voucher)
        try:
            delete_voucher(session, voucher, timestamp)
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
    return Response(status_code=200)


@router.post(BASE + "/{guid}/book", summary="Book purchase credit note", **DOCS)
def book_purchase_credit_note(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    access = require_organization(request, organization_id)
    wanted = parse_path_guid("guid", guid)
    values = bind_object(body.object(), BOOK_PROPS)
    with api_state(request).services.database.write() as session:
        voucher = require_voucher(session, access.organization_id, wanted, KIND)
        chart = chart_of(session, access.organization_id)

        def post(draft: Voucher) -> Sequence[Posting]:
            return purchase_postings(session, draft, chart)

        try:
            booked_by = api_booker(session, access)
            book_voucher(session, voucher, values["Timestamp"], values["Number"], post, booked_by)
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
        attach(session, voucher, AttachmentKind.PURCHASE_CREDIT_NOTE)
        voucher_booked(session, voucher)
        return _answer(session, voucher)
