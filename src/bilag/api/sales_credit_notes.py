"""Sales credit notes (reference §2.7, §3.6): the life cycle of an invoice, crediting one
(`CreditNoteFor`) or standing alone. Booking posts the invoice's mirror: sales and output VAT
debited, debtors credited.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from starlette.responses import Response

from bilag.api.binding import JsonBody, read_json_body
from bilag.api.errors import DineroRoute
from bilag.api.sales_handlers import (
    book_document,
    create_document,
    delete_document,
    fetch_document,
    get_document,
    update_document,
)
from bilag.api.schemas import ERROR_RESPONSES
from bilag.storage.sales_documents import CREDIT_NOTE

router = APIRouter(route_class=DineroRoute, tags=["SalesCreditNotes"])
OrganizationId = Annotated[str, Path(alias="organizationId")]
Body = Annotated[JsonBody, Depends(read_json_body)]
PATH = "/{organizationId}/sales/creditnotes"
ONE = PATH + "/{guid}"
DOCS: dict[str, Any] = {"responses": {200: {"description": "OK"}, **ERROR_RESPONSES}}


@router.post("/v1" + PATH, summary="Create a sales credit note draft", **DOCS)
def create_credit_note(request: Request, organization_id: OrganizationId, body: Body) -> Response:
    return create_document(request, organization_id, body, CREDIT_NOTE)


@router.post("/v1" + PATH + "/fetch", summary="Preview a credit note without saving it", **DOCS)
def fetch_credit_note(request: Request, organization_id: OrganizationId, body: Body) -> Response:
    return fetch_document(request, organization_id, body, CREDIT_NOTE)


@router.get("/v1" + ONE, summary="Get a sales credit note", **DOCS)
def get_credit_note(request: Request, organization_id: OrganizationId, guid: str) -> Response:
    return get_document(request, organization_id, guid, CREDIT_NOTE)


@router.get("/v1" + ONE + "/pdf", summary="Get a booked credit note as PDF", **DOCS)
def get_credit_note_pdf(request: Request, organization_id: OrganizationId, guid: str) -> Response:
    return get_document(request, organization_id, guid, CREDIT_NOTE, pdf=True)


@router.put("/v1.2" + ONE, summary="Update a sales credit note draft", **DOCS)
def update_credit_note(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    return update_document(request, organization_id, guid, body, CREDIT_NOTE)


@router.delete("/v1" + ONE, summary="Delete a sales credit note draft", **DOCS)
def delete_credit_note(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    return delete_document(request, organization_id, guid, body, CREDIT_NOTE)


@router.post("/v1" + ONE + "/book", summary="Book a sales credit note", **DOCS)
def book_credit_note(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    return book_document(request, organization_id, guid, body, CREDIT_NOTE)
