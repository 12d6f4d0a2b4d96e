"""Attachments of invoices, credit notes and trade offers (reference §2.12, §3.10).

A file of the organization (an archive upload or a `files/attachment` one) is bound to a document
under a file name and sent along with it. Binding the same file again answers 200 and renames it.
`bind/default` binds the organization's default attachments for a document type: "Invoice"
(invoices and credit notes) or "TradeOffer". An unknown, deleted or other organization's
document or file answers 404 (code 40).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.contact_records import parse_path_guid
from bilag.api.errors import DineroError, DineroRoute, ErrorCode, validation_failure
from bilag.api.schemas import ERROR_RESPONSES, ErrorBody, WireModel, json_response
from bilag.api.state import api_state
from bilag.storage.document_attachments import (
    DOCUMENT_TYPES,
    attachments_of,
    bind_attachment,
    bind_defaults,
    file_name_problem,
    unbind_attachment,
)
from bilag.storage.file_records import get_file
from bilag.storage.models import SalesDocument
from bilag.storage.sales_documents import CREDIT_NOTE, INVOICE, TRADE_OFFER, get_sales_document

router = APIRouter(route_class=DineroRoute, tags=["Attachments"])
OrganizationId = Annotated[str, Path(alias="organizationId")]
DocumentGuid = Annotated[str, Path(alias="documentGuid")]
FileGuid = Annotated[str, Path(alias="fileGuid")]
BASE = "/v1/{organizationId}/attachments"
# documentType, in any case -> its spelling in the defaults and the kinds of document it covers
DOCUMENT_KINDS = {
    "invoice": ("Invoice", (INVOICE, CREDIT_NOTE)),
    "tradeoffer": ("TradeOffer", (TRADE_OFFER,)),
}
_OK_DOCS: dict[str, Any] = {
    "responses": {200: {"description": "OK"}, 404: {"model": ErrorBody}, **ERROR_RESPONSES}
}


class DocumentAttachmentReadModel(WireModel):
    OrganizationId: int
    DocumentId: str
    FileGuid: str | None = None
    FileName: str | None = None


def _document(session: Session, organization_id: int, raw_guid: str) -> SalesDocument:
    guid = parse_path_guid("documentGuid", raw_guid)
    found = get_sales_document(session, organization_id, guid, (INVOICE, CREDIT_NOTE, TRADE_OFFER))
    if found is None:
        message = f"No invoice, credit note or trade offer with guid '{raw_guid}' was found."
        raise DineroError(ErrorCode.NOT_FOUND, message, 404)
    return found


def _no_file(file_guid: str) -> DineroError:
    message = f"No file with FileGuid '{file_guid}' in this organization."
    return DineroError(ErrorCode.NOT_FOUND, message, 404)


@router.get(
    BASE + "/{documentGuid}",
    summary="Get document attachments",
    responses={
        200: {"model": list[DocumentAttachmentReadModel]},
        404: {"model": ErrorBody},
        **ERROR_RESPONSES,
    },
)
def list_attachments(
    request: Request, organization_id: OrganizationId, document_guid: DocumentGuid
) -> Response:
    access = require_organization(request, organization_id)
    with api_state(request).services.database.read() as session:
        document = _document(session, access.organization_id, document_guid)
        bound = attachments_of(session, access.organization_id, document.guid)
    return json_response(
        [
            {
                "OrganizationId": access.organization_id,
                "DocumentId": document.guid,
                "FileGuid": file_guid,
                "FileName": file_name,
            }
            for file_guid, file_name in bound
        ]
    )


# Registered before the binding route, whose `{documentGuid}` would otherwise take "bind".
@router.post(
    BASE + "/bind/default/{documentGuid}/{documentType}",
    summary="Bind the organization's default attachments for the document type to the document",
    **_OK_DOCS,
)
def bind_default_attachments(
    request: Request,
    organization_id: OrganizationId,
    document_guid: DocumentGuid,
    document_type: Annotated[str, Path(alias="documentType")],
) -> Response:
    access = require_organization(request, organization_id)
    known = DOCUMENT_KINDS.get(document_type.strip().lower())
    if known is None:
        choices = " or ".join(DOCUMENT_TYPES)
        raise validation_failure({"documentType": f"documentType must be {choices}."})
    canonical, kinds = known
    with api_state(request).services.database.write() as session:
        document = _document(session, access.organization_id, document_guid)
        if document.kind not in kinds:
            message = f"The document is not of type {canonical}."
            raise validation_failure({"documentType": message})
        bind_defaults(session, access.organization_id, document.guid, canonical)
    return Response(status_code=200)


@router.post(
    BASE + "/{documentGuid}/{fileGuid}/{fileName:path}",
    summary="Bind attachment with a document",
    **_OK_DOCS,
)
def bind_file(
    request: Request,
    organization_id: OrganizationId,
    document_guid: DocumentGuid,
    file_guid: FileGuid,
    file_name: Annotated[str, Path(alias="fileName")],
) -> Response:
    access = require_organization(request, organization_id)
    parse_path_guid("documentGuid", document_guid)
    problem = file_name_problem(file_name)
    if problem is not None:
        raise validation_failure({"fileName": problem})
    with api_state(request).services.database.write() as session:
        document = _document(session, access.organization_id, document_guid)
        found = get_file(session, access.organization_id, file_guid)
        if found is None:
            raise _no_file(file_guid)
        bind_attachment(session, access.organization_id, document.guid, found.guid, file_name)
    return Response(status_code=200)


@router.delete(
    BASE + "/{documentGuid}/{fileGuid}", summary="Remove attachment from document", **_OK_DOCS
)
def unbind_file(
    request: Request,
    organization_id: OrganizationId,
    document_guid: DocumentGuid,
    file_guid: FileGuid,
) -> Response:
    access = require_organization(request, organization_id)
    with api_state(request).services.database.write() as session:
        document = _document(session, access.organization_id, document_guid)
        if not unbind_attachment(session, access.organization_id, document.guid, file_guid):
            message = f"The file '{file_guid}' is not attached to this document."
            raise DineroError(ErrorCode.NOT_FOUND, message, 404)
    return Response(status_code=200)
