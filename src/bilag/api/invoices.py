"""Invoices, "Salg" (reference §2.5, §3.5): drafts, the `fetch` preview, reading, the three
update versions, deleting a draft and booking. Payments, lists, sending and reminders live in
their own modules; the shared life cycle is in `sales_handlers`.
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
    generate_credit_note,
    get_document,
    update_document,
)
from bilag.api.schemas import ERROR_RESPONSES
from bilag.storage.sales_documents import INVOICE

router = APIRouter(route_class=DineroRoute, tags=["Invoices"])
OrganizationId = Annotated[str, Path(alias="organizationId")]
Body = Annotated[JsonBody, Depends(read_json_body)]
PATH = "/{organizationId}/invoices"
ONE = PATH + "/{guid}"
DOCS: dict[str, Any] = {"responses": {200: {"description": "OK"}, **ERROR_RESPONSES}}


@router.post("/v1" + PATH, summary="Create an invoice draft", **DOCS)
def create_invoice(request: Request, organization_id: OrganizationId, body: Body) -> Response:
    return create_document(request, organization_id, body, INVOICE)


@router.post("/v1" + PATH + "/fetch", summary="Preview an invoice without saving it", **DOCS)
def fetch_invoice(request: Request, organization_id: OrganizationId, body: Body) -> Response:
    return fetch_document(request, organization_id, body, INVOICE)


@router.get("/v1" + ONE, summary="Get an invoice", **DOCS)
def get_invoice(request: Request, organization_id: OrganizationId, guid: str) -> Response:
    return get_document(request, organization_id, guid, INVOICE)


@router.put("/v1.2" + ONE, summary="Update an invoice draft", **DOCS)
def update_invoice(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    return update_document(request, organization_id, guid, body, INVOICE)


@router.put("/v1.1" + ONE, summary="Update an invoice draft (v1.1, deprecated)", **DOCS)
def update_invoice_v1_1(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    return update_document(request, organization_id, guid, body, INVOICE)


@router.put("/v1" + ONE, summary="Update an invoice draft (v1, deprecated)", **DOCS)
def update_invoice_v1(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    return update_document(request, organization_id, guid, body, INVOICE)


@router.delete("/v1" + ONE, summary="Delete an invoice draft", **DOCS)
def delete_invoice(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    return delete_document(request, organization_id, guid, body, INVOICE)


@router.post("/v1" + ONE + "/book", summary="Book an invoice", **DOCS)
def book_invoice(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    return book_document(request, organization_id, guid, body, INVOICE)


@router.post("/v1" + ONE + "/generate-creditnote", summary="Credit a booked invoice", **DOCS)
def generate_invoice_credit_note(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    return generate_credit_note(request, organization_id, guid, body)
