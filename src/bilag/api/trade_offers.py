"""Trade offers, "Tilbud" (reference §2.8, §3.12, §7.3): the list, creating a numbered offer,
the `fetch` preview, reading, updating and deleting one, and generating an invoice draft from it.
The rules that protect an answered offer are in `storage.trade_offers`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.binding import JsonBody, QueryParameters, bind_object, read_json_body
from bilag.api.contact_records import parse_path_guid
from bilag.api.contacts import parse_changes_since
from bilag.api.errors import DineroError, DineroRoute, ErrorCode
from bilag.api.fields import project_all, select_fields
from bilag.api.filters import parse_filter
from bilag.api.ledger_errors import ledger_failure
from bilag.api.manual_voucher_models import TIMESTAMP_PROPS
from bilag.api.paging import envelope, paging_from_query
from bilag.api.sales_content import DESCRIPTIONS, resolve_content
from bilag.api.sales_handlers import contact_name, fetch_document, optional_object
from bilag.api.sales_models import LANGUAGES, SalesBody, parse_sales_body
from bilag.api.sales_pdf import pdf_name, pdf_of, pdf_response, wants_pdf
from bilag.api.schemas import ERROR_RESPONSES, json_response, query_parameter
from bilag.api.state import api_state
from bilag.api.trade_offer_listing import (
    FILTERABLE,
    SORTS,
    OfferQuery,
    list_offers,
    parse_descending,
    parse_sort,
)
from bilag.api.trade_offer_models import LIST_FIELDS, offer_read_model, offer_row
from bilag.ledger.errors import LedgerError
from bilag.storage.models import SalesDocument
from bilag.storage.sales_documents import (
    INVOICE,
    TRADE_OFFER,
    SalesGuidTaken,
    add_sales_draft,
    get_sales_document,
    totals_of,
)
from bilag.storage.trade_offers import (
    add_trade_offer,
    check_changeable,
    check_invoiceable,
    delete_trade_offer,
    record_generated_invoice,
    update_trade_offer,
)

router = APIRouter(route_class=DineroRoute, tags=["Trade offers"])
OrganizationId = Annotated[str, Path(alias="organizationId")]
Body = Annotated[JsonBody, Depends(read_json_body)]
PATH = "/{organizationId}/tradeoffers"
ONE = PATH + "/{guid}"
DOCS: dict[str, Any] = {"responses": {200: {"description": "OK"}, **ERROR_RESPONSES}}
DEFAULT_FIELDS = "guid,contactName,date,description"
_LIST_PARAMETERS = [
    query_parameter(
        "fields",
        {"type": "string", "default": DEFAULT_FIELDS},
        "A comma separated list of fields to include in the response. Possible values are "
        + ", ".join(LIST_FIELDS)
        + ". Not case sensitive; each property is returned the way you spell it.",
    ),
    query_parameter(
        "queryFilter",
        {"type": "string"},
        "Conditions `<Field> <eq|contains> '<value>'` joined by `;` (AND). Filterable fields: "
        + ", ".join(FILTERABLE)
        + ".",
    ),
    query_parameter(
        "changesSince",
        {"type": "string"},
        "Only offers created, updated or deleted at or after this UTC time (YYYY-MM-DDTHH:mm:ssZ).",
    ),
    query_parameter("deletedOnly", {"type": "boolean", "default": False}, "Only deleted offers."),
    query_parameter(
        "freeTextSearch",
        {"type": "string"},
        "Matches Number, ContactName and Description, or TotalInclVat exactly.",
    ),
    query_parameter("page", {"type": "integer", "format": "int32", "default": 0}, "0-based page."),
    query_parameter(
        "pageSize", {"type": "integer", "format": "int32", "default": 100}, "At most 1000."
    ),
    query_parameter(
        "sort",
        {"type": "string", "default": "TradeOfferNumber"},
        "Comma separated: " + ", ".join(SORTS) + ".",
    ),
    query_parameter(
        "sortOrder",
        {"type": "string", "enum": ["ascending", "descending"], "default": "descending"},
        "ascending or descending.",
    ),
]


def require_offer(session: Session, organization_id: int, guid: str) -> SalesDocument:
    found = get_sales_document(
        session, organization_id, parse_path_guid("guid", guid), [TRADE_OFFER]
    )
    if found is None:
        message = f"No trade offer with guid '{guid}' was found."
        raise DineroError(ErrorCode.NOT_FOUND, message, 404)
    return found


@router.get(
    "/v1" + PATH,
    summary="List trade offers",
    openapi_extra={"parameters": _LIST_PARAMETERS},
    **DOCS,
)
def list_trade_offers(request: Request, organization_id: OrganizationId) -> Response:
    access = require_organization(request, organization_id)
    query = QueryParameters(request)
    selection = select_fields(query.text("fields"), default=DEFAULT_FIELDS, allowed=LIST_FIELDS)
    offer_query = OfferQuery(
        terms=parse_filter(query.raw("queryFilter"), FILTERABLE),
        search=query.text("freeTextSearch"),
        changes_since=parse_changes_since(query.text("changesSince")),
        deleted_only=bool(query.boolean("deletedOnly")),
        sort=parse_sort(query.text("sort")),
        descending=parse_descending(query.text("sortOrder")),
        paging=paging_from_query(query),
    )
    database = api_state(request).services.database
    offers, matching = list_offers(database, access.organization_id, offer_query)
    items = project_all([offer_row(offer, name) for offer, name in offers], selection)
    return json_response(envelope(items, offer_query.paging, matching))


@router.post("/v1" + PATH, summary="Create a trade offer", **DOCS)
def create_trade_offer(request: Request, organization_id: OrganizationId, body: Body) -> Response:
    access = require_organization(request, organization_id)
    parsed = parse_sales_body(body.object(), TRADE_OFFER, with_timestamp=False)
    with api_state(request).services.database.write() as session:
        content = resolve_content(session, access.organization_id, TRADE_OFFER, parsed)
        try:
            offer = add_trade_offer(session, access.organization_id, content, parsed.get("Guid"))
        except SalesGuidTaken as problem:
            raise ledger_failure([problem]) from None
        return json_response({"Guid": offer.guid, "TimeStamp": offer.timestamp})


@router.post("/v1" + PATH + "/fetch", summary="Preview a trade offer without saving it", **DOCS)
def fetch_trade_offer(request: Request, organization_id: OrganizationId, body: Body) -> Response:
    return fetch_document(request, organization_id, body, TRADE_OFFER)


@router.get("/v1" + ONE, summary="Get a trade offer", **DOCS)
def get_trade_offer(request: Request, organization_id: OrganizationId, guid: str) -> Response:
    access = require_organization(request, organization_id)
    with api_state(request).services.database.read() as session:
        offer = require_offer(session, access.organization_id, guid)
        if wants_pdf(request.headers.get("accept")):
            return pdf_response(pdf_of(session, offer), pdf_name(offer))
        name = contact_name(session, access.organization_id, offer.contact_guid)
        return json_response(offer_read_model(offer, name))


@router.put("/v1.2" + ONE, summary="Update a trade offer", **DOCS)
def update_offer(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    access = require_organization(request, organization_id)
    parsed = parse_sales_body(body.object(), TRADE_OFFER, with_timestamp=True)
    with api_state(request).services.database.write() as session:
        offer = require_offer(session, access.organization_id, guid)
        try:
            check_changeable(offer)
            content = resolve_content(session, access.organization_id, TRADE_OFFER, parsed)
            update_trade_offer(session, offer, parsed.get("Timestamp"), content)
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
        return json_response({"Guid": offer.guid, "TimeStamp": offer.timestamp})


@router.delete("/v1" + ONE, summary="Delete a trade offer", **DOCS)
def delete_offer(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    access = require_organization(request, organization_id)
    timestamp = bind_object(optional_object(body), TIMESTAMP_PROPS)["Timestamp"]
    with api_state(request).services.database.write() as session:
        offer = require_offer(session, access.organization_id, guid)
        try:
            delete_trade_offer(session, offer, timestamp)
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
    return Response(status_code=200)


@router.post("/v1" + ONE + "/generate-invoice", summary="Generate an invoice from an offer", **DOCS)
def generate_invoice(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    """A new invoice draft with the offer's contact, lines and terms; the offer is invoiced."""
    access = require_organization(request, organization_id)
    timestamp = bind_object(optional_object(body), TIMESTAMP_PROPS)["Timestamp"]
    with api_state(request).services.database.write() as session:
        offer = require_offer(session, access.organization_id, guid)
        try:
            check_invoiceable(offer)
            body_of_invoice = invoice_body_of(offer)
            content = resolve_content(session, access.organization_id, INVOICE, body_of_invoice)
            invoice = add_sales_draft(session, access.organization_id, INVOICE, content)
            record_generated_invoice(session, offer, timestamp, invoice.guid)
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
        return json_response({"Guid": invoice.guid, "TimeStamp": invoice.timestamp})


def invoice_body_of(offer: SalesDocument) -> SalesBody:
    """The offer as an invoice body: its own description unless it is the word for an offer,
    dated today, with the contact's payment terms."""
    offer_words = {DESCRIPTIONS[(TRADE_OFFER, language)] for language in LANGUAGES}
    values = {
        "ContactGuid": offer.contact_guid,
        "ShowLinesInclVat": offer.show_lines_incl_vat,
        "InvoiceTemplateId": offer.invoice_template_id,
        "Currency": offer.currency,
        "Language": offer.language,
        "ExternalReference": offer.external_reference,
        "Description": None if offer.description in offer_words else offer.description,
        "Comment": offer.comment,
        "Address": offer.address,
    }
    lines = tuple(priced.line for priced in totals_of(offer).lines)
    return SalesBody(values, lines, None)
