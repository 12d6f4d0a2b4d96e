"""A contact's state of account as a PDF and by e-mail (reference §2.3).

`GET .../state-of-account/{guid}/pdf` takes the JSON's query (`from`, `to`, `hideClosed`);
`POST .../state-of-account/{guid}/email` takes them in `ContactStateOfAccountMailoutModel`,
mails the contact's e-mail unless told otherwise, and always attaches the PDF: a statement has
no public link, so its message needs no `[link-to-pdf]`. The e-mail is recorded as a mailout of
type Mailout whose document is the contact; the answer is an empty 200, as the OpenAPI says.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from sqlalchemy.orm import Session
from starlette.responses import Response

from bilag.api.auth import require_organization
from bilag.api.binding import JsonBody, Prop, QueryParameters, bind_object, read_json_body
from bilag.api.contact_records import parse_path_guid
from bilag.api.entries_models import VOUCHER_TYPES
from bilag.api.errors import DineroRoute
from bilag.api.mail_delivery import wake_mail
from bilag.api.mail_rules import MailTemplate
from bilag.api.sales_pdf import buyer_of, pdf_response, seller_of
from bilag.api.schemas import ERROR_RESPONSES
from bilag.api.sending import email_mailout
from bilag.api.state import api_state
from bilag.api.state_of_account import PARAMETERS, period_from, period_of, statement_in
from bilag.documents import StatementDocument, StatementEntry, render_statement_pdf
from bilag.ledger.money import ZERO
from bilag.ledger.statements import Period, Statement
from bilag.storage.mailouts import EMAIL, NewMailout, record_mailout
from bilag.storage.models import Contact, Organization

router = APIRouter(route_class=DineroRoute, tags=["ContactStateOfAccount"])
OrganizationId = Annotated[str, Path(alias="organizationId")]
Body = Annotated[JsonBody, Depends(read_json_body)]
ONE = "/v1/{organizationId}/state-of-account/{guid}"
DOCS: dict[str, Any] = {"responses": {200: {"description": "OK"}, **ERROR_RESPONSES}}
MAIL_PROPS = (
    Prop("Sender", max_length=320),
    Prop("CCToSender", "bool", required=True),
    Prop("Receiver", max_length=2000),
    Prop("Subject", max_length=500),
    Prop("Message", max_length=10000),
    Prop("From", max_length=40),
    Prop("To", max_length=40),
    Prop("HideClosed", "bool", required=True),
)
_SUBJECTS = {"da-DK": "Kontoudtog fra {organization}",
             "en-GB": "Statement of account from {organization}"}  # fmt: skip
_MESSAGES = {
    "da-DK": "Kære {name}\n\nHer er dit kontoudtog fra {organization}; det er vedhæftet som "
    "PDF.\n\nMed venlig hilsen\n{organization}",
    "en-GB": "Dear {name}\n\nHere is your statement of account from {organization}; it is "
    "attached as a PDF.\n\nKind regards\n{organization}",
}


def _language(contact: Contact) -> str:
    preferred = (contact.preferred_invoice_language_key or "").lower()
    return "en-GB" if preferred.startswith("en") else "da-DK"


def _opening_balance(
    session: Session, organization_id: int, contact: Contact, period: Period, hide_closed: bool
) -> Any:
    """What the contact owed before the period: the balance after the day before it."""
    if period.first is None or period.first == date.min:
        return ZERO
    before = Period(None, period.first - timedelta(days=1))
    _, earlier = statement_in(session, organization_id, contact.guid, before, hide_closed)
    return earlier.lines[-1].balance if earlier.lines else ZERO


def statement_document(
    session: Session,
    organization_id: int,
    contact: Contact,
    statement: Statement,
    period: Period,
    hide_closed: bool,
) -> StatementDocument:
    organization = session.get(Organization, organization_id)
    assert organization is not None  # the access checked it
    opening = _opening_balance(session, organization_id, contact, period, hide_closed)
    entries = tuple(
        StatementEntry(
            entry_date=line.item.day,
            description=line.item.description
            or VOUCHER_TYPES.get(line.item.voucher_type, line.item.voucher_type),
            voucher_number=str(line.item.voucher_number),
            amount=line.item.amount,
            balance=line.balance,
        )
        for line in statement.lines
    )
    return StatementDocument(
        issue_date=date.today(),
        period_from=period.first,
        period_to=period.last,
        language=_language(contact),
        seller=seller_of(organization),
        buyer=buyer_of(contact, None),
        entries=entries,
        opening_balance=opening,
        closing_balance=entries[-1].balance if entries else opening,
    )


def _statement_pdf(
    session: Session, organization_id: int, guid: str, period: Period, hide_closed: bool
) -> tuple[Contact, bytes]:
    contact, statement = statement_in(session, organization_id, guid, period, hide_closed)
    document = statement_document(session, organization_id, contact, statement, period, hide_closed)
    return contact, render_statement_pdf(document)


@router.get(
    ONE + "/pdf",
    summary="Get contacts state of account as PDF",
    openapi_extra={"parameters": PARAMETERS},
    **DOCS,
)
def state_of_account_pdf(request: Request, organization_id: OrganizationId, guid: str) -> Response:
    access = require_organization(request, organization_id)
    contact_guid = parse_path_guid("guid", guid)
    query = QueryParameters(request)
    period = period_from(query)
    hide_closed = bool(query.boolean("hideClosed"))
    with api_state(request).services.database.read() as session:
        _, pdf = _statement_pdf(session, access.organization_id, contact_guid, period, hide_closed)
    return pdf_response(pdf, "kontoudtog")


def _template(organization: Organization, contact: Contact) -> MailTemplate:
    language = _language(contact)
    words = {"name": contact.name, "organization": organization.name}
    subject = _SUBJECTS[language].format(**words)
    message = _MESSAGES[language].format(**words)
    return MailTemplate(organization.email, contact.email, subject, message)


@router.post(ONE + "/email", summary="Send the contacts state of account as an email", **DOCS)
def email_state_of_account(
    request: Request, organization_id: OrganizationId, guid: str, body: Body
) -> Response:
    access = require_organization(request, organization_id)
    contact_guid = parse_path_guid("guid", guid)
    values = bind_object(body.object(), MAIL_PROPS)
    period = period_of(values["From"], values["To"], ("From", "To"))
    hide_closed = bool(values["HideClosed"])
    with api_state(request).services.database.write() as session:
        contact, statement = statement_in(
            session, access.organization_id, contact_guid, period, hide_closed
        )
        organization = session.get(Organization, access.organization_id)
        assert organization is not None  # the access checked it
        document = statement_document(
            session, access.organization_id, contact, statement, period, hide_closed
        )
        sending = email_mailout(
            {**values, "CcToSender": values["CCToSender"]},
            _template(organization, contact),
            organization,
            NewMailout(document_guid=contact.guid, type="Mailout", channel=EMAIL, receiver=""),
            lambda: render_statement_pdf(document),
            link_required=False,
        )
        record_mailout(session, access.organization_id, sending)
    wake_mail(request.app)
    return Response(status_code=200)
