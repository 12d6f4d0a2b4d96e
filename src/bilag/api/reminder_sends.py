"""Sending reminders (reference §2.6): the e-mail template and the e-mail of an invoice's newest
booked reminder, and the e-reminder (EAN).

The e-mail is validated as invoice e-mails are (`sending.email_mailout`) and recorded as a mailout
of type Reminder on the invoice, with the reminder's id and, when asked for (by default as the
invoice settings say), the reminder's PDF. The e-reminder is validated as Dinero validates it
(and as e-invoices are: `einvoices.receiver_endpoint`), made into an OIOUBL Reminder and put in
the outbox as a mailout of type ElectronicInvoiceReminder with the XML; like e-invoices it stays
there (Pending), since bilag has no NemHandel access.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.binding import JsonBody, Prop, bind_object, read_json_body
from bilag.api.einvoices import receiver_endpoint
from bilag.api.errors import DineroError, DineroRoute, ErrorCode
from bilag.api.mail_delivery import wake_mail
from bilag.api.mail_rules import LINK_TAG, MailTemplate
from bilag.api.reminder_documents import reminder_document, reminder_pdf
from bilag.api.reminder_records import require_booked_invoice, require_reminder
from bilag.api.sales_content import get_live_contact
from bilag.api.sales_handlers import optional_object
from bilag.api.schemas import ERROR_RESPONSES, json_response
from bilag.api.sending import (
    MAIL_PROPS,
    check_version,
    email_mailout,
    organization_of,
    sent_model,
    wants_attachment,
)
from bilag.api.state import api_state
from bilag.documents import DocumentError, oioubl_reminder
from bilag.storage.journal import BOOKED
from bilag.storage.mailouts import EINVOICE, EMAIL, NewMailout, record_mailout
from bilag.storage.models import Reminder, SalesDocument
from bilag.storage.reminders import reminders_of

router = APIRouter(route_class=DineroRoute, tags=["Reminders"])
OrganizationId = Annotated[str, Path(alias="organizationId")]
VoucherGuid = Annotated[str, Path(alias="voucherGuid")]
Body = Annotated[JsonBody, Depends(read_json_body)]
BASE = "/v1/{organizationId}/invoices/{voucherGuid}/reminders"
DOCS: dict[str, Any] = {"responses": {200: {"description": "OK"}, **ERROR_RESPONSES}}
EAN_PROPS = (
    Prop("AttPerson", max_length=200),
    Prop("Timestamp", max_length=16),
    Prop("ReceiverEanNumber", max_length=40),
    Prop("PaymentMeanEnum", required=True, choices=("Domestic", "International", "FIK")),
)
_SUBJECTS = {"da-DK": "Rykker {number} for faktura {invoice}",
             "en-GB": "Reminder {number} for invoice {invoice}"}  # fmt: skip
_MESSAGES = {
    "da-DK": "Kære {name}\n\nVi har endnu ikke modtaget betaling af faktura nr. {invoice}. "
    "Her er vores rykker {number}: [link-to-pdf]\n\nMed venlig hilsen\n{organization}",
    "en-GB": "Dear {name}\n\nWe have not yet received payment of invoice no. {invoice}. "
    "Here is our reminder {number}: [link-to-pdf]\n\nKind regards\n{organization}",
}
assert all(LINK_TAG in message for message in _MESSAGES.values())


def newest_booked(session: Session, invoice: SalesDocument) -> Reminder:
    """The reminder Dinero mails: the invoice's newest booked one; 400 (code 45) without one."""
    booked = [
        reminder
        for reminder in reminders_of(session, invoice.organization_id, invoice.guid)
        if reminder.status == BOOKED
    ]
    if not booked:
        message = "The invoice has no booked reminder to send; add and book one first."
        raise DineroError(ErrorCode.INVALID_REQUEST, message, 400, {"voucherGuid": message})
    return max(booked, key=lambda reminder: reminder.number)


def reminder_template(session: Session, invoice: SalesDocument, reminder: Reminder) -> MailTemplate:
    organization = organization_of(session, invoice)
    contact = get_live_contact(session, invoice.organization_id, invoice.contact_guid)
    language = "en-GB" if invoice.language == "en-GB" else "da-DK"
    words = {
        "number": reminder.number,
        "invoice": invoice.number,
        "name": "" if contact is None else contact.name,
        "organization": organization.name,
    }
    receiver = None if contact is None else contact.email
    subject = _SUBJECTS[language].format(**words)
    return MailTemplate(organization.email, receiver, subject, _MESSAGES[language].format(**words))


@router.get(BASE + "/email/template", summary="The e-mail of the newest reminder", **DOCS)
def reminder_email_template(
    request: Request, organization_id: OrganizationId, voucher_guid: VoucherGuid
) -> Response:
    """`MailoutTemplateReadModel`."""
    access = require_organization(request, organization_id)
    with api_state(request).services.database.read() as session:
        invoice = require_booked_invoice(session, access.organization_id, voucher_guid)
        template = reminder_template(session, invoice, newest_booked(session, invoice))
        attach = wants_attachment(session, invoice.organization_id, None)
    return json_response(
        {
            "Sender": template.sender,
            "Receiver": template.receiver,
            "Subject": template.subject,
            "Message": template.message,
            "AddVoucherAsPdfAttachment": attach,
        }
    )


@router.post(BASE + "/email", summary="E-mail the newest booked reminder", **DOCS)
def email_reminder(
    request: Request, organization_id: OrganizationId, voucher_guid: VoucherGuid, body: Body
) -> Response:
    """`ApiMailoutModel` → `EmailSentModel`."""
    access = require_organization(request, organization_id)
    values = bind_object(body.object(), MAIL_PROPS)
    with api_state(request).services.database.write() as session:
        invoice = require_booked_invoice(session, access.organization_id, voucher_guid)
        check_version(invoice, values["Timestamp"])
        reminder = newest_booked(session, invoice)
        attach = wants_attachment(
            session, invoice.organization_id, values["AddVoucherAsPdfAttachment"]
        )
        sending = email_mailout(
            values,
            reminder_template(session, invoice, reminder),
            organization_of(session, invoice),
            NewMailout(
                document_guid=invoice.guid,
                type="Reminder",
                channel=EMAIL,
                receiver="",
                reminder_id=reminder.id,
            ),
            (lambda: reminder_pdf(session, invoice, reminder)) if attach else None,
        )
        record_mailout(session, invoice.organization_id, sending)
    wake_mail(request.app)
    return json_response(sent_model(sending))


@router.post(BASE + "/{id}/e-reminder", summary="Send a reminder electronically (EAN)", **DOCS)
def send_e_reminder(
    request: Request,
    organization_id: OrganizationId,
    voucher_guid: VoucherGuid,
    id: str,
    body: Body,
) -> Response:
    """`EanReminderModel` → 200: the booked reminder as an OIOUBL Reminder in the outbox."""
    access = require_organization(request, organization_id)
    values = bind_object(optional_object(body), EAN_PROPS)
    with api_state(request).services.database.write() as session:
        invoice = require_booked_invoice(session, access.organization_id, voucher_guid)
        reminder = require_reminder(session, invoice, id, live=True)
        if reminder.status != BOOKED:
            message = f"Reminder {reminder.number} is a draft; book it before sending it."
            raise DineroError(ErrorCode.INVALID_REQUEST, message, 400, {"id": message})
        check_version(invoice, values["Timestamp"])
        endpoint = receiver_endpoint(session, invoice, values["ReceiverEanNumber"])
        document = reminder_document(session, invoice, reminder)
        if values["AttPerson"]:
            document = replace(
                document, buyer=replace(document.buyer, attention=values["AttPerson"])
            )
        try:
            xml = oioubl_reminder(document, values["PaymentMeanEnum"], endpoint)
        except DocumentError as problem:
            message = f"The e-reminder can't be made: {problem}."
            raise DineroError(
                ErrorCode.INVALID_REQUEST, message, 400, {"e-reminder": message}
            ) from None
        sending = NewMailout(
            document_guid=invoice.guid,
            type="ElectronicInvoiceReminder",
            channel=EINVOICE,
            receiver=f"{endpoint.scheme} {endpoint.value}",
            subject=document.title,
            payload=xml,
            payload_type="application/xml",
            reminder_id=reminder.id,
        )
        record_mailout(session, invoice.organization_id, sending)
    return Response(status_code=200)
