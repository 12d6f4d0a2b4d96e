"""From a bound sales body to the content bilag stores: what needs the database (the contact,
the products, the chart) is checked, defaults are filled in as Dinero fills them, and the lines
are priced. Every problem is named in one 400.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bilag.api.errors import validation_failure
from bilag.api.ledger_errors import ledger_failure
from bilag.api.purchase_booking import chart_of
from bilag.api.sales_models import SalesBody
from bilag.ledger.currencies import get_rate
from bilag.ledger.sales import PRODUCT, SalesLine, due_date, price_lines
from bilag.storage.invoice_settings import InvoiceSettingsValues, get_invoice_settings
from bilag.storage.journal import BOOKED
from bilag.storage.models import Contact, Product, SalesDocument
from bilag.storage.sales_documents import CREDIT_NOTE, INVOICE, TRADE_OFFER, SalesContent

DEFAULT_TEMPLATE_ID = "8a6a4e34-3f4e-4a4c-9d5e-0d6f1b0c2a11"
DESCRIPTIONS = {
    (INVOICE, "da-DK"): "Faktura",
    (INVOICE, "en-GB"): "Invoice",
    (CREDIT_NOTE, "da-DK"): "Kreditnota",
    (CREDIT_NOTE, "en-GB"): "Credit note",
    (TRADE_OFFER, "da-DK"): "Tilbud",
    (TRADE_OFFER, "en-GB"): "Offer",
}
_DAYLESS = ("NettoCash", "Paid")


def get_live_contact(session: Session, organization_id: int, guid: str | None) -> Contact | None:
    if guid is None:
        return None
    found = session.get(Contact, guid)
    if found is None or found.organization_id != organization_id or found.deleted_at is not None:
        return None
    return found


def contact_address(contact: Contact) -> str:
    """The contact's address as Dinero prints it: street, then zip and city, then the country
    when it is not Denmark."""
    place = " ".join(part for part in (contact.zip_code, contact.city) if part)
    parts = [contact.street, place, None if contact.country_key == "DK" else contact.country_key]
    return "\n".join(part for part in parts if part)


def resolve_content(
    session: Session, organization_id: int, kind: str, body: SalesBody, *, preview: bool = False
) -> SalesContent:
    """The body checked against the books and priced. A `preview` (fetch) may leave out what
    only a saved document needs: a trade offer's ContactGuid, as Dinero's fetch model does."""
    problems: dict[str, str] = {}
    contact = get_live_contact(session, organization_id, body.get("ContactGuid"))
    if body.get("ContactGuid") is not None and contact is None:
        problems["ContactGuid"] = f"No contact with ContactGuid {body.get('ContactGuid')}."
    if kind == TRADE_OFFER and body.get("ContactGuid") is None and not preview:
        problems["ContactGuid"] = "ContactGuid is required on a trade offer."
    lines = _with_products(session, organization_id, body.lines, problems)
    currency = (body.get("Currency") or "DKK").strip().upper()
    rate = get_rate(currency)
    if rate is None:
        problems["Currency"] = f"Currency '{currency}' is not one bilag can book."
    template = body.get("InvoiceTemplateId")
    if template is not None and template != DEFAULT_TEMPLATE_ID:
        problems["InvoiceTemplateId"] = f"No invoice template with id {template}."
    credit_note_for = _credit_note_for(session, organization_id, body, problems)
    for flag in ("IsMobilePayInvoiceEnabled", "IsPensoPayEnabled"):
        if body.get(flag):
            problems[flag] = f"{flag} needs an agreement this organization does not have."
    settings = get_invoice_settings(session, organization_id)
    terms = _payment_terms(kind, body, contact, settings, problems)
    if problems:
        raise validation_failure(problems)
    incl_vat = bool(body.get("ShowLinesInclVat"))
    priced = price_lines(lines, chart_of(session, organization_id), incl_vat)
    if priced.problems:
        raise ledger_failure(priced.problems)
    language = body.get("Language") or "da-DK"
    issued = body.document_date or date.today()
    address = body.get("Address")
    if address is None and contact is not None:
        address = contact_address(contact)
    return SalesContent(
        totals=priced.totals,
        document_date=issued,
        contact_guid=None if contact is None else contact.guid,
        currency=currency,
        exchange_rate=rate or Decimal(100),
        language=language,
        show_lines_incl_vat=incl_vat,
        external_reference=body.get("ExternalReference"),
        description=body.get("Description") or DESCRIPTIONS[(kind, language)],
        comment=body.get("Comment"),
        address=address,
        invoice_template_id=template,
        payment_condition_type=terms[0],
        payment_condition_days=terms[1],
        payment_date=None if terms[0] is None else due_date(issued, terms[0], terms[1]),
        reminder_fee=_or(body.get("ReminderFee"), settings.reminder_fee, kind),
        reminder_interest_rate=_or(
            body.get("ReminderInterestRate"), settings.reminder_interest_rate, kind
        ),
        credit_note_for=credit_note_for,
    )


def _or(value: Decimal | None, default: Decimal, kind: str) -> Decimal | None:
    """An invoice's reminder setting, else the organization's; other documents have none."""
    if kind != INVOICE:
        return None
    return default if value is None else value


def _payment_terms(
    kind: str,
    body: SalesBody,
    contact: Contact | None,
    settings: InvoiceSettingsValues,
    problems: dict[str, str],
) -> tuple[str | None, int | None]:
    """Invoices only: the condition given, else the contact's, else the organization's."""
    if kind != INVOICE:
        return None, None
    condition, days = body.get("PaymentConditionType"), body.get("PaymentConditionNumberOfDays")
    if condition is None and days is None:
        if contact is not None and contact.payment_condition_type:
            return contact.payment_condition_type, contact.payment_condition_number_of_days
        return settings.payment_condition_type, settings.payment_condition_days
    condition = condition or "Netto"
    if condition in _DAYLESS:
        if days:
            problems["PaymentConditionNumberOfDays"] = f"must be empty with {condition}."
        return condition, None
    if days is None:
        problems["PaymentConditionNumberOfDays"] = f"is required with {condition}."
    return condition, days


def _credit_note_for(
    session: Session, organization_id: int, body: SalesBody, problems: dict[str, str]
) -> str | None:
    guid = body.get("CreditNoteFor")
    if guid is None:
        return None
    invoice = session.get(SalesDocument, guid)
    if (
        invoice is None
        or invoice.organization_id != organization_id
        or invoice.kind != INVOICE
        or invoice.status != BOOKED
    ):
        problems["CreditNoteFor"] = f"No booked invoice with guid {guid} to credit."
        return None
    return str(guid)


def _with_products(
    session: Session, organization_id: int, lines: tuple[SalesLine, ...], problems: dict[str, str]
) -> tuple[SalesLine, ...]:
    """Lines naming a product get its name when they have no description of their own."""
    wanted = {line.product_guid for line in lines if line.product_guid}
    if not wanted:
        return lines
    found: dict[str, Any] = {
        product.guid: product
        for product in session.scalars(
            select(Product).where(
                Product.organization_id == organization_id,
                Product.guid.in_(wanted),
                Product.deleted_at.is_(None),
            )
        )
    }
    resolved: list[SalesLine] = []
    for index, line in enumerate(lines):
        product = found.get(line.product_guid or "")
        if line.line_type == PRODUCT and line.product_guid and product is None:
            field = f"ProductLines[{index}].ProductGuid"
            problems[field] = f"No product with ProductGuid {line.product_guid}."
        if product is not None and not line.description.strip():
            line = replace(line, description=product.name or product.product_number or "")
        resolved.append(line)
    return tuple(resolved)
