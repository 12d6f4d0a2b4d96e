"""Sending invoices and credit notes (reference §2.5, §2.7, §3.5): e-mail and its template, the
pre-reminder of an overdue invoice, SMS, and the mailouts list. Every send is validated as Dinero
validates it (booked documents only, receivers, `[link-to-pdf]`, ...) and recorded as a mailout,
which is also the outbox entry the delivery worker sends by SMTP when SMTP is configured.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.binding import JsonBody, Prop, QueryParameters, bind_object, read_json_body
from bilag.api.contact_records import wire_time
from bilag.api.errors import DineroError, DineroRoute, ErrorCode
from bilag.api.ledger_errors import ledger_failure
from bilag.api.listing import parse_changes_since
from bilag.api.mail_delivery import Attachments, Link, wake_mail
from bilag.api.mail_rules import (
    MailTemplate,
    check_message,
    mail_template,
    phone_number,
    receivers,
    sender,
    sms_text,
)
from bilag.api.public_documents import document_link
from bilag.api.sales_content import get_live_contact
from bilag.api.sales_handlers import reminder_charges, require_document
from bilag.api.sales_pdf import PDF, pdf_of
from bilag.api.sales_read_models import payment_status
from bilag.api.schemas import ERROR_RESPONSES, json_response
from bilag.api.state import api_state
from bilag.identity.context import Services
from bilag.ledger.errors import LedgerError
from bilag.ledger.sales_payments import OVERDUE
from bilag.storage.document_attachments import attachments_of
from bilag.storage.files import LocalFileStorage
from bilag.storage.invoice_settings import get_invoice_settings
from bilag.storage.journal import BOOKED, check_timestamp
from bilag.storage.mailouts import (
    EMAIL,
    PENDING,
    SENDING,
    SMS,
    NewMailout,
    mailouts_of,
    record_mailout,
)
from bilag.storage.models import Mailout, Organization, SalesDocument, StoredFile
from bilag.storage.sales_documents import CREDIT_NOTE, INVOICE, TRADE_OFFER
from bilag.storage.sales_payments import paid_total

router = APIRouter(route_class=DineroRoute, tags=["Sending"])
OrganizationId = Annotated[str, Path(alias="organizationId")]
Body = Annotated[JsonBody, Depends(read_json_body)]
DOCS: dict[str, Any] = {"responses": {200: {"description": "OK"}, **ERROR_RESPONSES}}
INVOICE_ONE = "/{organizationId}/invoices/{guid}"
NOTE_ONE = "/v1/{organizationId}/sales/creditnotes/{guid}"
MAIL_PROPS = (
    Prop("Timestamp", max_length=16),
    Prop("Sender", max_length=320),
    Prop("CcToSender", "bool"),
    Prop("Receiver", max_length=2000),
    Prop("Subject", max_length=500),
    Prop("Message", max_length=10000),
    Prop("AddVoucherAsPdfAttachment", "bool"),
    Prop("ShouldAddTrustPilotEmailAsBcc", "bool"),
)
SMS_PROPS = (
    Prop("ReceiverPhoneNumber", required=True, max_length=40),
    Prop("ReceiverName", required=True, max_length=200),
    Prop("Timestamp", required=True, max_length=16),
    Prop("IsReminder", "bool", required=True),
    Prop("Message", max_length=1000),
)


def require_booked(document: SalesDocument) -> None:
    if document.status != BOOKED:
        message = "Only a booked document can be sent; book it first."
        raise DineroError(ErrorCode.INVALID_REQUEST, message, 400, {"guid": message})


def require_overdue(session: Session, document: SalesDocument) -> None:
    paid = paid_total(session, document.organization_id, document.guid)
    charges = reminder_charges(session, document)
    if payment_status(document, paid, date.today(), charges) != OVERDUE:
        message = "Only an overdue invoice can be reminded; this one is not overdue."
        raise DineroError(ErrorCode.INVALID_REQUEST, message, 400, {"guid": message})


def check_version(document: SalesDocument, timestamp: str | None) -> None:
    """An optional `Timestamp` is checked when it is sent."""
    if timestamp is None:
        return
    try:
        check_timestamp(document, timestamp)
    except LedgerError as problem:
        raise ledger_failure([problem]) from None


def organization_of(session: Session, document: SalesDocument) -> Organization:
    organization = session.get(Organization, document.organization_id)
    assert organization is not None  # the document's foreign key
    return organization


def wants_attachment(session: Session, organization_id: int, asked: bool | None) -> bool:
    """`AddVoucherAsPdfAttachment`, defaulting to the invoice settings."""
    if asked is not None:
        return asked
    return get_invoice_settings(session, organization_id).add_voucher_as_pdf


def email_mailout(
    values: dict[str, Any],
    template: MailTemplate,
    organization: Organization,
    sending: NewMailout,
    render_pdf: Callable[[], bytes] | None,
    link_required: bool = True,
) -> NewMailout:
    """`sending` (its document, type and reminder) addressed and filled in from the request's
    `ApiMailoutModel` values and the template; 400 naming what is wrong, before anything is
    rendered. The PDF is rendered when `render_pdf` is given."""
    if link_required:
        check_message(values["Message"])
    to = receivers(values["Receiver"], template.receiver)
    from_address = sender(values["Sender"], organization)
    payload = None if render_pdf is None else render_pdf()
    return replace(
        sending,
        channel=EMAIL,
        receiver=",".join(to),
        sender=from_address,
        cc_to_sender=bool(values["CcToSender"]),
        subject=values["Subject"] or template.subject,
        message=values["Message"] or template.message,
        payload=payload,
        payload_type=None if payload is None else PDF,
    )


def sent_model(sending: NewMailout) -> dict[str, Any]:
    """`EmailSentModel`."""
    return {"Recipients": [{"Email": address} for address in sending.receiver.split(",")]}


def send_email(
    session: Session, document: SalesDocument, values: dict[str, Any], mail_type: str
) -> dict[str, Any]:
    """Record the e-mail in the outbox; `EmailSentModel`."""
    organization = organization_of(session, document)
    contact = get_live_contact(session, document.organization_id, document.contact_guid)
    template = mail_template(document, contact, organization, mail_type == "PreReminder")
    attach = wants_attachment(
        session, document.organization_id, values["AddVoucherAsPdfAttachment"]
    )
    sending = email_mailout(
        values,
        template,
        organization,
        NewMailout(document_guid=document.guid, type=mail_type, channel=EMAIL, receiver=""),
        (lambda: pdf_of(session, document)) if attach else None,
    )
    record_mailout(session, document.organization_id, sending)
    return sent_model(sending)


def _email(request: Request, organization_id: str, guid: str, body: JsonBody, kind: str) -> Any:
    """Invoices and credit notes once booked; trade offers, which are never booked, any time."""
    access = require_organization(request, organization_id)
    values = bind_object(body.object(), MAIL_PROPS)
    with api_state(request).services.database.write() as session:
        document = require_document(session, access.organization_id, guid, kind)
        if kind != TRADE_OFFER:
            require_booked(document)
        check_version(document, values["Timestamp"])
        mail_type = "TradeOffer" if kind == TRADE_OFFER else "Mailout"
        sent = send_email(session, document, values, mail_type)
    wake_mail(request.app)
    return json_response(sent)


def template_model(session: Session, document: SalesDocument, pre_reminder: bool) -> dict[str, Any]:
    """`MailoutTemplateReadModel`."""
    organization = organization_of(session, document)
    contact = get_live_contact(session, document.organization_id, document.contact_guid)
    template = mail_template(document, contact, organization, pre_reminder)
    settings = get_invoice_settings(session, document.organization_id)
    return {
        "Sender": template.sender,
        "Receiver": template.receiver,
        "Subject": template.subject,
        "Message": template.message,
        "AddVoucherAsPdfAttachment": settings.add_voucher_as_pdf,
    }


def _template(request: Request, organization_id: str, guid: str, kind: str, v2: bool) -> Response:
    access = require_organization(request, organization_id)
    with api_state(request).services.database.read() as session:
        document = require_document(session, access.organization_id, guid, kind)
        model = template_model(session, document, pre_reminder=False)
        if v2:
            contact = get_live_contact(session, document.organization_id, document.contact_guid)
            phone = None if contact is None else contact.phone
            model = {"SendAsSms": False, "SmsReceiverPhoneNumber": phone, **model}
    return json_response(model)


def mailout_model(mailout: Mailout) -> dict[str, Any]:
    """`VoucherMailoutReadModel`."""
    return {
        "Id": mailout.id,
        "Date": wire_time(mailout.created_at),
        "SeenAt": None if mailout.seen_at is None else wire_time(mailout.seen_at),
        "Sender": mailout.sender,
        "Receiver": mailout.receiver,
        "Subject": mailout.subject,
        "Message": mailout.message,
        "DownloadCount": mailout.download_count,
        "PrintCount": 0,
        "Type": mailout.type,
        "Status": PENDING if mailout.status == SENDING else mailout.status,
        "LatestEvent": "Sent" if mailout.status == "Sent" else "Queued",
        "IsSmsMessage": mailout.channel == SMS,
        "CCToSender": mailout.cc_to_sender,
    }


def _mailouts(request: Request, organization_id: str, guid: str, kind: str) -> Response:
    access = require_organization(request, organization_id)
    query = QueryParameters(request)
    since = parse_changes_since(query.text("changesSince"))
    include_sms = query.boolean("includeSms")
    with api_state(request).services.database.read() as session:
        document = require_document(session, access.organization_id, guid, kind)
        found = mailouts_of(
            session, access.organization_id, document.guid, since, include_sms is not False
        )
        return json_response([mailout_model(mailout) for mailout in found])


@router.post("/v1" + INVOICE_ONE + "/email", summary="E-mail a booked invoice", **DOCS)
def email_invoice(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    return _email(request, organization_id, guid, body, INVOICE)


@router.get("/v2" + INVOICE_ONE + "/email/template", summary="The invoice's e-mail", **DOCS)
def invoice_email_template(
    request: Request, organization_id: OrganizationId, guid: str
) -> Response:
    return _template(request, organization_id, guid, INVOICE, v2=True)


@router.get(
    "/v1" + INVOICE_ONE + "/email/pre-reminder/template", summary="The pre-reminder", **DOCS
)
def pre_reminder_template(request: Request, organization_id: OrganizationId, guid: str) -> Response:
    access = require_organization(request, organization_id)
    with api_state(request).services.database.read() as session:
        document = require_document(session, access.organization_id, guid, INVOICE)
        return json_response(template_model(session, document, pre_reminder=True))


@router.post("/v1" + INVOICE_ONE + "/email/pre-reminder", summary="E-mail a pre-reminder", **DOCS)
def send_pre_reminder(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    access = require_organization(request, organization_id)
    values = bind_object(body.object(), MAIL_PROPS)
    with api_state(request).services.database.write() as session:
        document = require_document(session, access.organization_id, guid, INVOICE)
        require_booked(document)
        require_overdue(session, document)
        check_version(document, values["Timestamp"])
        sent = send_email(session, document, values, "PreReminder")
    wake_mail(request.app)
    return json_response(sent)


@router.get("/v1" + INVOICE_ONE + "/mailouts", summary="An invoice's mailouts", **DOCS)
def invoice_mailouts(request: Request, organization_id: OrganizationId, guid: str) -> Response:
    return _mailouts(request, organization_id, guid, INVOICE)


@router.post(
    "/v1/{organizationId}/sms/{voucherGuid}/send-sms", summary="Text a booked invoice", **DOCS
)
def send_sms(
    request: Request,
    organization_id: OrganizationId,
    voucher_guid: Annotated[str, Path(alias="voucherGuid")],
    body: Body,
) -> Response:
    access = require_organization(request, organization_id)
    values = bind_object(body.object(), SMS_PROPS)
    phone = phone_number(values["ReceiverPhoneNumber"])
    with api_state(request).services.database.write() as session:
        document = require_document(session, access.organization_id, voucher_guid, INVOICE)
        require_booked(document)
        if values["IsReminder"]:
            require_overdue(session, document)
        check_version(document, values["Timestamp"])
        organization = organization_of(session, document)
        text = sms_text(document, values["ReceiverName"], organization, values["Message"])
        sending = NewMailout(
            document_guid=document.guid,
            type="PreReminder" if values["IsReminder"] else "Mailout",
            channel=SMS,
            receiver=phone,
            subject=values["ReceiverName"],
            message=text,
        )
        record_mailout(session, document.organization_id, sending)
    return Response(status_code=200)


@router.post(NOTE_ONE + "/email", summary="E-mail a booked credit note", **DOCS)
def email_credit_note(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    return _email(request, organization_id, guid, body, CREDIT_NOTE)


@router.get(NOTE_ONE + "/email/template", summary="The credit note's e-mail", **DOCS)
def credit_note_email_template(
    request: Request, organization_id: OrganizationId, guid: str
) -> Response:
    return _template(request, organization_id, guid, CREDIT_NOTE, v2=False)


@router.get(NOTE_ONE + "/mailouts", summary="A credit note's mailouts", **DOCS)
def credit_note_mailouts(request: Request, organization_id: OrganizationId, guid: str) -> Response:
    return _mailouts(request, organization_id, guid, CREDIT_NOTE)


OFFER_ONE = "/v1/{organizationId}/tradeoffers/{guid}"


@router.post(OFFER_ONE + "/email", summary="E-mail a trade offer", **DOCS)
def email_trade_offer(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    return _email(request, organization_id, guid, body, TRADE_OFFER)


@router.get(OFFER_ONE + "/email/template", summary="The trade offer's e-mail", **DOCS)
def trade_offer_email_template(
    request: Request, organization_id: OrganizationId, guid: str
) -> Response:
    return _template(request, organization_id, guid, TRADE_OFFER, v2=False)


@router.get(OFFER_ONE + "/mailouts", summary="A trade offer's mailouts", **DOCS)
def trade_offer_mailouts(request: Request, organization_id: OrganizationId, guid: str) -> Response:
    return _mailouts(request, organization_id, guid, TRADE_OFFER)


def mail_link(services: Services) -> Link:
    """The public link that replaces `[link-to-pdf]` in a delivered e-mail."""

    def link(mailout: Mailout) -> str:
        return document_link(
            services.settings, mailout.organization_id, mailout.document_guid, mailout.reminder_id
        )

    return link


def mail_attachments(services: Services) -> Attachments:
    """The files a delivered e-mail carries: the PDF rendered when it was sent, if asked for,
    and the files bound to the document (`attachments/...`)."""
    storage = LocalFileStorage(services.settings.files_dir)

    def attachments(mailout: Mailout) -> list[tuple[str, str, bytes]]:
        files: list[tuple[str, str, bytes]] = []
        if mailout.payload is not None and mailout.payload_type == PDF:
            files.append((f"{mailout.subject or 'dokument'}.pdf", PDF, mailout.payload))
        with services.database.read() as session:
            for file_guid, name in attachments_of(
                session, mailout.organization_id, mailout.document_guid
            ):
                stored = session.get(StoredFile, file_guid)
                if stored is None or not storage.exists(stored.sha256):
                    continue
                with storage.open(stored.sha256) as content:
                    files.append((name, stored.content_type, content.read()))
        return files

    return attachments
