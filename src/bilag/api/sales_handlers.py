"""The life cycle that invoices and sales credit notes share (reference §2.5, §2.7, §7.3):
create a draft, preview it (`fetch`), read it, replace it with its `Timestamp`, delete it while
it is a draft, and book it. The route modules (`invoices`, `sales_credit_notes`) are thin.

Booking needs a contact and at least one product line, takes the next number of the
organization's sales series and posts debtors, sales and output VAT in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.binding import JsonBody, bind_object
from bilag.api.booking import api_booker
from bilag.api.contact_records import parse_path_guid
from bilag.api.errors import DineroError, ErrorCode
from bilag.api.ledger_errors import ledger_failure
from bilag.api.manual_voucher_models import BOOK_PROPS, TIMESTAMP_PROPS
from bilag.api.sales_content import DESCRIPTIONS, get_live_contact, resolve_content
from bilag.api.sales_models import parse_sales_body
from bilag.api.sales_pdf import fik_of, pdf_name, pdf_of, pdf_response, wants_pdf
from bilag.api.sales_read_models import document_read_model, line_read_model, totals_read_model
from bilag.api.schemas import json_response
from bilag.api.state import api_state
from bilag.identity.webhooks.events import record_event
from bilag.ledger.entries import Posting
from bilag.ledger.errors import LedgerError
from bilag.ledger.sales import PRODUCT, credit_note_postings, invoice_postings
from bilag.storage.invoice_settings import get_invoice_settings
from bilag.storage.journal import BOOKED, VoucherNotDraft, check_timestamp
from bilag.storage.models import SalesDocument
from bilag.storage.reminders import booked_reminder_fees
from bilag.storage.sales_documents import (
    CREDIT_NOTE,
    INVOICE,
    SERIES,
    TRADE_OFFER,
    SalesContent,
    SalesGuidTaken,
    add_sales_draft,
    book_sales_document,
    delete_sales_draft,
    get_sales_document,
    highest_sales_number,
    totals_of,
    update_sales_draft,
)
from bilag.storage.sales_payments import paid_total

NAMES = {INVOICE: "invoice", CREDIT_NOTE: "credit note", TRADE_OFFER: "trade offer"}
ENTRY_TEXT = {INVOICE: "Faktura", CREDIT_NOTE: "Kreditnota"}


def require_document(session: Session, organization_id: int, guid: str, kind: str) -> SalesDocument:
    found = get_sales_document(session, organization_id, parse_path_guid("guid", guid), [kind])
    if found is None:
        message = f"No {NAMES.get(kind, 'document')} with guid '{guid}' was found."
        raise DineroError(ErrorCode.NOT_FOUND, message, 404)
    return found


def contact_name(session: Session, organization_id: int, guid: str | None) -> str | None:
    contact = get_live_contact(session, organization_id, guid)
    return None if contact is None else contact.name


def read_model(
    session: Session, document: SalesDocument, paid: Decimal | None = None
) -> dict[str, Any]:
    """The document's read model; `paid` when the caller knows it (nothing, when just booked)."""
    organization_id = document.organization_id
    if paid is None:
        paid = paid_total(session, organization_id, document.guid)
    model = document_read_model(
        document,
        contact_name(session, organization_id, document.contact_guid),
        paid,
        date.today(),
        reminder_charges(session, document),
    )
    if "FikCode" in model:
        model["FikCode"] = fik_of(document, get_invoice_settings(session, organization_id))
    return model


def reminder_charges(session: Session, document: SalesDocument) -> Decimal:
    """What the invoice's booked reminders add to what the customer owes."""
    if document.kind != INVOICE or document.status != BOOKED:
        return Decimal(0)
    return booked_reminder_fees(session, document.organization_id, document.guid)


def optional_object(body: JsonBody) -> dict[str, Any]:
    """A body that may be left out altogether, such as an optional `TimestampObject`."""
    return body.object() if body.raw.strip() else {}


def create_document(request: Request, organization_id: str, body: JsonBody, kind: str) -> Response:
    access = require_organization(request, organization_id)
    parsed = parse_sales_body(body.object(), kind, with_timestamp=False)
    with api_state(request).services.database.write() as session:
        content = resolve_content(session, access.organization_id, kind, parsed)
        try:
            document = add_sales_draft(
                session, access.organization_id, kind, content, parsed.get("Guid")
            )
        except SalesGuidTaken as problem:
            raise ledger_failure([problem]) from None
        return json_response({"Guid": document.guid, "TimeStamp": document.timestamp})


def fetch_document(request: Request, organization_id: str, body: JsonBody, kind: str) -> Response:
    """The document as it would be saved, without saving it."""
    access = require_organization(request, organization_id)
    parsed = parse_sales_body(body.object(), kind, with_timestamp=False)
    with api_state(request).services.database.read() as session:
        content = resolve_content(session, access.organization_id, kind, parsed, preview=True)
        name = contact_name(session, access.organization_id, content.contact_guid)
        following = highest_sales_number(session, access.organization_id, SERIES[kind]) + 1
    return json_response(fetch_model(kind, content, name, following))


def fetch_model(kind: str, content: SalesContent, name: str | None, number: int) -> dict[str, Any]:
    model: dict[str, Any] = {
        "ContactGuid": content.contact_guid,
        "Number": number,
        "ContactName": name,
        "ShowLinesInclVat": content.show_lines_incl_vat,
        **totals_read_model(content.totals, content.currency, content.language),
        "InvoiceTemplateId": content.invoice_template_id,
        "Currency": content.currency,
        "Language": content.language,
        "ExternalReference": content.external_reference,
        "Description": content.description,
        "Comment": content.comment,
        "Date": content.document_date.isoformat(),
        "ProductLines": [line_read_model(line) for line in content.totals.lines],
        "Address": content.address,
    }
    if kind == CREDIT_NOTE:
        model["CreditNoteFor"] = content.credit_note_for
    elif kind == INVOICE:
        model.update(
            {
                "PaymentDate": (
                    None if content.payment_date is None else content.payment_date.isoformat()
                ),
                "PaymentConditionNumberOfDays": content.payment_condition_days or 0,
                "PaymentConditionType": content.payment_condition_type,
                "CanEnableMobilePayInvoice": False,
                "CanEnablePensoPay": False,
            }
        )
    return model


def get_document(
    request: Request, organization_id: str, guid: str, kind: str, pdf: bool = False
) -> Response:
    """JSON, or the PDF when asked for (`pdf`, or an `Accept` header naming application/pdf)."""
    access = require_organization(request, organization_id)
    with api_state(request).services.database.read() as session:
        document = require_document(session, access.organization_id, guid, kind)
        if pdf or wants_pdf(request.headers.get("accept")):
            return pdf_response(pdf_of(session, document), pdf_name(document))
        return json_response(read_model(session, document))


def update_document(
    request: Request, organization_id: str, guid: str, body: JsonBody, kind: str
) -> Response:
    access = require_organization(request, organization_id)
    parsed = parse_sales_body(body.object(), kind, with_timestamp=True)
    with api_state(request).services.database.write() as session:
        document = require_document(session, access.organization_id, guid, kind)
        content = resolve_content(session, access.organization_id, kind, parsed)
        try:
            update_sales_draft(session, document, parsed.get("Timestamp"), content)
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
        return json_response({"Guid": document.guid, "TimeStamp": document.timestamp})


def delete_document(
    request: Request, organization_id: str, guid: str, body: JsonBody, kind: str
) -> Response:
    """Delete a draft; the `Timestamp` is checked when one is sent."""
    access = require_organization(request, organization_id)
    timestamp = bind_object(optional_object(body), TIMESTAMP_PROPS)["Timestamp"]
    with api_state(request).services.database.write() as session:
        document = require_document(session, access.organization_id, guid, kind)
        try:
            delete_sales_draft(session, document, timestamp or document.timestamp)
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
    return Response(status_code=200)


def book_document(
    request: Request, organization_id: str, guid: str, body: JsonBody, kind: str
) -> Response:
    access = require_organization(request, organization_id)
    values = bind_object(body.object(), BOOK_PROPS)
    with api_state(request).services.database.write() as session:
        document = require_document(session, access.organization_id, guid, kind)
        check_bookable(session, document)
        postings = credit_note_postings if kind == CREDIT_NOTE else invoice_postings

        def post(number: int) -> Sequence[Posting]:
            """Called once the document is locked and numbered, so it is priced as booked."""
            rate = Decimal(document.exchange_rate)
            return postings(totals_of(document), rate, f"{ENTRY_TEXT[kind]} {number}")

        try:
            booker = api_booker(session, access)
            book_sales_document(
                session, document, values["Timestamp"], values["Number"], post, booker
            )
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
        record_event(session, document.organization_id, "VoucherBooked", booked_event(document))
        return json_response(read_model(session, document, paid=Decimal(0)))


def check_bookable(session: Session, document: SalesDocument) -> None:
    if get_live_contact(session, document.organization_id, document.contact_guid) is None:
        message = f"A {NAMES[document.kind]} needs a ContactGuid of a live contact to be booked."
        raise DineroError(ErrorCode.VALIDATION, message, 400, {"ContactGuid": message})
    if not any(line.line.line_type == PRODUCT for line in totals_of(document).lines):
        message = f"A {NAMES[document.kind]} needs at least one product line to be booked."
        raise DineroError(ErrorCode.INVALID_REQUEST, message, 400, {"ProductLines": message})


def booked_event(document: SalesDocument) -> dict[str, Any]:
    return {
        "VoucherGuid": document.guid,
        "VoucherNumber": document.number,
        "VoucherType": "Invoice" if document.kind == INVOICE else "CreditNote",
        "VoucherDate": document.document_date.isoformat(),
    }


def generate_credit_note(
    request: Request, organization_id: str, guid: str, body: JsonBody
) -> Response:
    """A credit note draft for the whole of a booked invoice: its contact, lines and terms."""
    access = require_organization(request, organization_id)
    timestamp = bind_object(optional_object(body), TIMESTAMP_PROPS)["Timestamp"]
    with api_state(request).services.database.write() as session:
        invoice = require_document(session, access.organization_id, guid, INVOICE)
        try:
            if timestamp is not None:
                check_timestamp(invoice, timestamp)
            if invoice.status != BOOKED:
                raise VoucherNotDraft("Only a booked invoice can be credited.", "guid")
        except LedgerError as problem:
            raise ledger_failure([problem]) from None
        content = SalesContent(
            totals=totals_of(invoice),
            document_date=date.today(),
            contact_guid=invoice.contact_guid,
            currency=invoice.currency,
            exchange_rate=Decimal(invoice.exchange_rate),
            language=invoice.language,
            show_lines_incl_vat=invoice.show_lines_incl_vat,
            external_reference=invoice.external_reference,
            description=DESCRIPTIONS[(CREDIT_NOTE, invoice.language)],
            address=invoice.address,
            invoice_template_id=invoice.invoice_template_id,
            credit_note_for=invoice.guid,
        )
        note = add_sales_draft(session, access.organization_id, CREDIT_NOTE, content)
        return json_response({"Guid": note.guid, "TimeStamp": note.timestamp})
