"""The purchase voucher endpoints around the voucher itself (reference §2.9): a preview of its
totals (`fetch`), the duplicate check (`similar`), the drafts using a file, and crediting a
booked purchase (`generate-creditnote`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.binding import JsonBody, Prop, bind_object, read_json_body
from bilag.api.contact_records import parse_path_guid
from bilag.api.errors import DineroError, DineroRoute, ErrorCode
from bilag.api.ledger_errors import ledger_failure
from bilag.api.manual_voucher_models import TIMESTAMP_PROPS
from bilag.api.purchase_booking import attach, chart_of, check_draft, require_voucher
from bilag.api.purchase_models import V1_2, by_lower_name, parse_purchase, parse_wire_date
from bilag.api.purchase_read_models import fetch_read_model
from bilag.api.schemas import ERROR_RESPONSES, json_response
from bilag.api.state import api_state
from bilag.ledger.errors import LedgerError
from bilag.ledger.money import ZERO
from bilag.ledger.posting import BalancedLine
from bilag.storage.file_records import AttachmentKind
from bilag.storage.journal import BOOKED, check_timestamp, claim_version
from bilag.storage.models import Voucher
from bilag.storage.purchases import (
    PURCHASE,
    PURCHASE_CREDIT_NOTE,
    PurchaseContent,
    add_purchase_draft,
    drafts_using_file,
    purchase_lines_of,
    similar_candidates,
)
from bilag.storage.voucher_drafts import DraftContent, add_draft

router = APIRouter(route_class=DineroRoute, tags=["PurchaseVouchers"])
OrganizationId = Annotated[str, Path(alias="organizationId")]
Body = Annotated[JsonBody, Depends(read_json_body)]
BASE = "/v1/{organizationId}/vouchers/purchase"
FILE_PROPS = (Prop("FileGuid", max_length=64),)
DOCS: dict[str, Any] = {"responses": {200: {"description": "OK"}, **ERROR_RESPONSES}}


@router.post(BASE + "/fetch", summary="Preview a purchase voucher's totals", **DOCS)
def fetch_purchase_voucher(
    request: Request, organization_id: OrganizationId, body: Body
) -> Response:
    access = require_organization(request, organization_id)
    content = parse_purchase(body.object(), V1_2)
    with api_state(request).services.database.read() as session:
        chart = chart_of(session, access.organization_id)
        content = check_draft(session, access.organization_id, content, chart)
        return json_response(fetch_read_model(content, chart))


def _total(lines: Any) -> Decimal:
    return sum((line.amount for line in lines), ZERO)


@router.post(BASE + "/similar", summary="Find a similar purchase voucher", **DOCS)
def similar_purchase_voucher(
    request: Request, organization_id: OrganizationId, body: Body
) -> Response:
    """Similar: a live purchase voucher with the same ExternalReference, or with the same
    VoucherDate, contact and total; a booked one is named before a draft."""
    access = require_organization(request, organization_id)
    content = parse_purchase(body.object(), V1_2)
    total = _total(content.lines)
    with api_state(request).services.database.read() as session:
        candidates = similar_candidates(
            session,
            access.organization_id,
            voucher_date=content.voucher_date,
            contact_guid=content.contact_guid,
            external_reference=content.external_reference,
        )
        found = next((c for c in candidates if _is_similar(c, content, total)), None)
    return json_response(
        {
            "VoucherNumber": None if found is None else found.number,
            "SimilarGuid": None if found is None else found.guid,
            "SimilarFound": found is not None,
        }
    )


def _is_similar(candidate: Voucher, content: PurchaseContent, total: Decimal) -> bool:
    if content.external_reference and candidate.external_reference == content.external_reference:
        return True
    return (
        candidate.voucher_date == content.voucher_date
        and candidate.contact_guid == content.contact_guid
        and _total(purchase_lines_of(candidate)) == total
    )


@router.get(BASE + "/fileguid/{fileGuid}", summary="Purchase drafts using a file", **DOCS)
def purchase_drafts_of_file(
    request: Request,
    organization_id: OrganizationId,
    file_guid: Annotated[str, Path(alias="fileGuid")],
) -> Response:
    access = require_organization(request, organization_id)
    with api_state(request).services.database.read() as session:
        return json_response(drafts_using_file(session, access.organization_id, file_guid))


@router.post(BASE + "/{guid}/generate-creditnote", summary="Credit a booked purchase", **DOCS)
def generate_purchase_credit_note(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    """A credit purchase gets a purchase credit note draft; a cash purchase, whose money came
    back to the deposit account, a manual voucher draft with `CreditNoteFor`."""
    access = require_organization(request, organization_id)
    wanted = parse_path_guid("guid", guid)
    fields = by_lower_name(body.object())
    timestamp = _nested_timestamp(fields.get("timestamp"))
    day = parse_wire_date(fields.get("voucherdate"), "VoucherDate") or date.today()
    file_guid = bind_object({"FileGuid": fields.get("fileguid")}, FILE_PROPS)["FileGuid"]
    with api_state(request).services.database.write() as session:
        voucher = require_voucher(session, access.organization_id, wanted, PURCHASE)
        if voucher.status != BOOKED:
            message = "Only a booked purchase voucher can be credited."
            raise DineroError(ErrorCode.INVALID_REQUEST, message, 400, {"guid": message})
        try:
            check_timestamp(voucher, timestamp)
            claim_version(session, voucher, timestamp or "")
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
        file = (file_guid or "").strip().lower() or voucher.file_guid
        credit = _credit_note(session, voucher, day, file)
        return json_response({"Guid": credit.guid, "TimeStamp": credit.timestamp})


def _nested_timestamp(raw: Any) -> str | None:
    """`{"Timestamp": {"Timestamp": "..."}}` as the document says; a bare string is taken too."""
    wrapper = raw if isinstance(raw, dict) else {"Timestamp": raw}
    value: str | None = bind_object(wrapper, TIMESTAMP_PROPS)["Timestamp"]
    return value


def _credit_note(session: Session, voucher: Voucher, day: date, file_guid: str | None) -> Voucher:
    lines = purchase_lines_of(voucher)
    if voucher.purchase_type == "credit":
        content = PurchaseContent(
            voucher_date=day,
            lines=lines,
            file_guid=file_guid,
            contact_guid=voucher.contact_guid,
            currency_key=voucher.currency_key or "DKK",
            credit_note_for=voucher.guid,
        )
        chart = chart_of(session, voucher.organization_id)
        check_draft(session, voucher.organization_id, content, chart)
        credit = add_purchase_draft(session, voucher.organization_id, PURCHASE_CREDIT_NOTE, content)
        attach(session, credit, AttachmentKind.PURCHASE_CREDIT_NOTE)
        return credit
    refunds = [
        BalancedLine(
            amount=line.amount,
            account=voucher.deposit_account_number or 0,
            balancing_account=line.account,
            account_vat_code="none",
            balancing_vat_code=line.vat_code,
            description=line.description,
        )
        for line in lines
    ]
    manual = add_draft(
        session, voucher.organization_id, "manual", DraftContent(day, refunds, file_guid)
    )
    manual.credit_note_for = voucher.guid
    session.flush()
    attach(session, manual, AttachmentKind.MANUAL_VOUCHER)
    return manual
