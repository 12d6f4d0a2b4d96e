"""Purchase vouchers, "købsbilag" (reference §2.9, §3.7, §7.3): drafts created in three versions,
changed with their latest `Timestamp`, booked against the deposit account (cash) or creditors
(credit). Deleting a draft removes it; deleting a booked voucher books its reversal.
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
from bilag.api.errors import DineroRoute
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
from bilag.api.purchase_models import LEGACY, V1_1, V1_2, Dialect, parse_purchase
from bilag.api.purchase_read_models import Chart, purchase_read_model
from bilag.api.schemas import ERROR_RESPONSES, json_response
from bilag.api.state import api_state
from bilag.ledger.entries import Posting
from bilag.ledger.errors import LedgerError
from bilag.storage.file_records import AttachmentKind
from bilag.storage.journal import book_voucher, delete_voucher
from bilag.storage.models import Voucher
from bilag.storage.purchases import PURCHASE, add_purchase_draft, update_purchase_draft

router = APIRouter(route_class=DineroRoute, tags=["PurchaseVouchers"])
OrganizationId = Annotated[str, Path(alias="organizationId")]
Body = Annotated[JsonBody, Depends(read_json_body)]
PATH = "/{organizationId}/vouchers/purchase"
ONE = "/v1" + PATH + "/{guid}"
DOCS: dict[str, Any] = {"responses": {200: {"description": "OK"}, **ERROR_RESPONSES}}


def answer(session: Session, voucher: Voucher, chart: Chart | None = None) -> Response:
    if chart is None:
        chart = chart_of(session, voucher.organization_id)
    paid = paid_on(session, voucher)
    return json_response(purchase_read_model(voucher, chart, paid, date.today()))


def _create(request: Request, organization_id: str, body: JsonBody, dialect: Dialect) -> Response:
    access = require_organization(request, organization_id)
    content = parse_purchase(body.object(), dialect)
    with api_state(request).services.database.write() as session:
        chart = chart_of(session, access.organization_id)
        content = check_draft(session, access.organization_id, content, chart)
        voucher = add_purchase_draft(session, access.organization_id, PURCHASE, content)
        attach(session, voucher, AttachmentKind.PURCHASE_VOUCHER)
        return answer(session, voucher, chart)


@router.post("/v1.2" + PATH, summary="Create purchase voucher (v1.2, with AccountTagName)", **DOCS)
def create_purchase_voucher_v1_2(
    request: Request, organization_id: OrganizationId, body: Body
) -> Response:
    return _create(request, organization_id, body, V1_2)


@router.post("/v1.1" + PATH, summary="Create purchase voucher (v1.1)", **DOCS)
def create_purchase_voucher_v1_1(
    request: Request, organization_id: OrganizationId, body: Body
) -> Response:
    return _create(request, organization_id, body, V1_1)


@router.post("/v1" + PATH, summary="Create purchase voucher (v1, deprecated, with Notes)", **DOCS)
def create_purchase_voucher_v1(
    request: Request, organization_id: OrganizationId, body: Body
) -> Response:
    return _create(request, organization_id, body, LEGACY)


@router.get(ONE, summary="Get purchase voucher", **DOCS)
def get_purchase_voucher(request: Request, organization_id: OrganizationId, guid: str) -> Response:
    access = require_organization(request, organization_id)
    wanted = parse_path_guid("guid", guid)
    with api_state(request).services.database.read() as session:
        return answer(session, require_voucher(session, access.organization_id, wanted, PURCHASE))


def _update(
    request: Request, organization_id: str, guid: str, body: JsonBody, dialect: Dialect
) -> Response:
    access = require_organization(request, organization_id)
    wanted = parse_path_guid("guid", guid)
    fields = body.object()
    timestamp = bind_object(fields, TIMESTAMP_PROPS)["Timestamp"]
    content = parse_purchase(fields, dialect)
    with api_state(request).services.database.write() as session:
        voucher = require_voucher(session, access.organization_id, wanted, PURCHASE)
        chart = chart_of(session, access.organization_id)
        content = check_draft(session, access.organization_id, content, chart)
        try:
            update_purchase_draft(session, voucher, timestamp, content)
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
        attach(session, voucher, AttachmentKind.PURCHASE_VOUCHER)
        return answer(session, voucher, chart)


@router.put(ONE, summary="Update purchase voucher", **DOCS)
def update_purchase_voucher(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    return _update(request, organization_id, guid, body, V1_1)


@router.put("/v1.1" + PATH + "/{guid}", summary="Update purchase voucher (v1.1)", **DOCS)
def update_purchase_voucher_v1_1(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    return _update(request, organization_id, guid, body, V1_2)


@router.delete(ONE, summary="Delete purchase voucher", **DOCS)
def delete_purchase_voucher(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    access = require_organization(request, organization_id)
    wanted = parse_path_guid("guid", guid)
    timestamp = bind_object(body.object(), TIMESTAMP_PROPS)["Timestamp"]
    with api_state(request).services.database.write() as session:
        voucher = require_voucher(session, access.organization_id, wanted, PURCHASE)
        refuse_deleting_paid(session, voucher)
        try:
            delete_voucher(session, voucher, timestamp)
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
    return Response(status_code=200)


@router.post(ONE + "/book", summary="Book purchase voucher", **DOCS)
def book_purchase_voucher(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    access = require_organization(request, organization_id)
    wanted = parse_path_guid("guid", guid)
    values = bind_object(body.object(), BOOK_PROPS)
    with api_state(request).services.database.write() as session:
        voucher = require_voucher(session, access.organization_id, wanted, PURCHASE)
        chart = chart_of(session, access.organization_id)

        def post(draft: Voucher) -> Sequence[Posting]:
            return purchase_postings(session, draft, chart)

        try:
            booked_by = api_booker(session, access)
            book_voucher(session, voucher, values["Timestamp"], values["Number"], post, booked_by)
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
        attach(session, voucher, AttachmentKind.PURCHASE_VOUCHER)
        voucher_booked(session, voucher)
        return answer(session, voucher, chart)
