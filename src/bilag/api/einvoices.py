"""E-invoices (reference §2.5, §2.7): a booked invoice or credit note sent as an OIOUBL document
to the receiver's NemHandel address, their EAN (GLN) number or their CVR number (v3; v2 and the
deprecated v1 take the same body).

Validated as Dinero validates it: the document booked, a valid receiver and sender address, the
payment means possible (FIK needs the organization's FIK number, Domestic its bank account,
International its IBAN and BIC). The XML is made at once and put in the outbox as a mailout of
type Einvoice; bilag has no NemHandel access, so it stays there (Pending) for the web app and
`bilag outbox --show` to show.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.binding import JsonBody, Prop, bind_object, read_json_body
from bilag.api.errors import DineroError, DineroRoute, ErrorCode, validation_failure
from bilag.api.sales_content import get_live_contact
from bilag.api.sales_handlers import optional_object, require_document
from bilag.api.sales_pdf import sales_document, with_order
from bilag.api.schemas import ERROR_RESPONSES
from bilag.api.sending import check_version, require_booked
from bilag.api.state import api_state
from bilag.documents import DocumentError, EndpointId, oioubl_invoice, validate_cvr, validate_gln
from bilag.storage.mailouts import EINVOICE, NewMailout, record_mailout
from bilag.storage.models import SalesDocument
from bilag.storage.sales_documents import CREDIT_NOTE, INVOICE

router = APIRouter(route_class=DineroRoute, tags=["EInvoices"])
OrganizationId = Annotated[str, Path(alias="organizationId")]
Body = Annotated[JsonBody, Depends(read_json_body)]
DOCS: dict[str, Any] = {"responses": {200: {"description": "OK"}, **ERROR_RESPONSES}}
MEANS = ("Domestic", "International", "FIK")
_PROPS = (
    Prop("OrderReference", max_length=200),
    Prop("AttPerson", max_length=200),
    Prop("Timestamp", max_length=16),
    Prop("PaymentMeanEnum", choices=MEANS),
    Prop("ReceiverEanNumber", max_length=40),
)


def receiver_endpoint(session: Session, document: SalesDocument, ean: str | None) -> EndpointId:
    """The EAN given, else the contact's EAN or, by its choice or failing an EAN, its CVR."""
    if ean is not None and ean.strip():
        if not validate_gln(ean.strip()):
            raise validation_failure({"ReceiverEanNumber": f"'{ean}' is not a valid EAN (GLN)."})
        return EndpointId("GLN", ean.strip())
    contact = get_live_contact(session, document.organization_id, document.contact_guid)
    if contact is None:
        raise validation_failure({"ContactGuid": "The document's contact no longer exists."})
    prefers_cvr = contact.invoice_mail_out_option_key == "VAT"
    if contact.ean_number and not prefers_cvr:
        if not validate_gln(contact.ean_number):
            message = f"The contact's EAN number '{contact.ean_number}' is not a valid GLN."
            raise validation_failure({"EanNumber": message})
        return EndpointId("GLN", contact.ean_number)
    cvr = (contact.vat_number or "").strip().upper().removeprefix("DK")
    if contact.country_key == "DK" and cvr:
        if not validate_cvr(cvr):
            message = f"The contact's CVR number '{contact.vat_number}' is not valid."
            raise validation_failure({"VatNumber": message})
        return EndpointId("DK:CVR", cvr)
    message = "The contact needs an EAN (GLN) number or a Danish CVR number for e-invoices."
    raise validation_failure({"EanNumber": message})


def send_einvoice(
    request: Request, organization_id: str, guid: str, body: JsonBody, kind: str
) -> Response:
    access = require_organization(request, organization_id)
    values = bind_object(optional_object(body), _PROPS)
    means = values["PaymentMeanEnum"] or "Domestic"
    with api_state(request).services.database.write() as session:
        record = require_document(session, access.organization_id, guid, kind)
        require_booked(record)
        check_version(record, values["Timestamp"])
        endpoint = receiver_endpoint(session, record, values["ReceiverEanNumber"])
        document = with_order(
            sales_document(session, record), values["OrderReference"], values["AttPerson"]
        )
        try:
            xml = oioubl_invoice(document, means, endpoint)
        except DocumentError as problem:
            message = f"The e-invoice can't be made: {problem}."
            raise DineroError(
                ErrorCode.INVALID_REQUEST, message, 400, {"e-invoice": message}
            ) from None
        sending = NewMailout(
            document_guid=record.guid,
            type="Einvoice",
            channel=EINVOICE,
            receiver=f"{endpoint.scheme} {endpoint.value}",
            subject=document.description,
            payload=xml,
            payload_type="application/xml",
        )
        record_mailout(session, record.organization_id, sending)
    return Response(status_code=200)


@router.post("/v3/{organizationId}/invoices/{guid}/e-invoice", summary="Send an e-invoice", **DOCS)
def send_invoice_v3(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    return send_einvoice(request, organization_id, guid, body, INVOICE)


@router.post(
    "/v2/{organizationId}/invoices/{guid}/e-invoice", summary="Send an e-invoice (v2, EAN)", **DOCS
)
def send_invoice_v2(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    return send_einvoice(request, organization_id, guid, body, INVOICE)


@router.post(
    "/v1/{organizationId}/invoices/{guid}/e-invoice",
    summary="Send an e-invoice (v1, EAN; deprecated)",
    deprecated=True,
    **DOCS,
)
def send_invoice_v1(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    """Dinero's first EAN send; its path is uncertain in the reference. The v2 body."""
    return send_einvoice(request, organization_id, guid, body, INVOICE)


@router.post(
    "/v3/{organizationId}/sales/creditnotes/{guid}/e-creditNote",
    summary="Send a credit note as an e-invoice",
    **DOCS,
)
def send_credit_note(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    return send_einvoice(request, organization_id, guid, body, CREDIT_NOTE)
