"""Sales documents as the `bilag.documents` package renders them: the seller, the buyer, the
priced lines, the totals, the payment terms, the FIK code and the bank account, built from the
stored records. PDFs are only made of booked invoices and credit notes (and of trade offers,
which are never booked), as Dinero makes them.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from sqlalchemy.orm import Session
from starlette.responses import Response

from bilag.api.errors import DineroError, ErrorCode
from bilag.api.sales_content import get_live_contact
from bilag.api.sales_read_models import total_lines
from bilag.documents import (
    DocumentError,
    DocumentLine,
    Party,
    SalesDocument,
    TotalLine,
    fik_code,
    render_sales_pdf,
)
from bilag.ledger.money import from_ore
from bilag.ledger.sales import PricedLine
from bilag.storage.invoice_settings import InvoiceSettingsValues, get_invoice_settings
from bilag.storage.journal import BOOKED
from bilag.storage.models import Contact, Organization
from bilag.storage.models import SalesDocument as SalesRecord
from bilag.storage.sales_documents import CREDIT_NOTE, INVOICE, TRADE_OFFER, totals_of

PDF = "application/pdf"
KINDS = {INVOICE: "invoice", CREDIT_NOTE: "credit_note", TRADE_OFFER: "trade_offer"}
_TERMS = {
    ("Netto", "da-DK"): "Netto {days} dage",
    ("Netto", "en-GB"): "Net {days} days",
    ("CurrentMonthOut", "da-DK"): "Løbende måned + {days} dage",
    ("CurrentMonthOut", "en-GB"): "Current month + {days} days",
    ("NettoCash", "da-DK"): "Kontant",
    ("NettoCash", "en-GB"): "Cash",
    ("Paid", "da-DK"): "Betalt",
    ("Paid", "en-GB"): "Paid",
}


def wants_pdf(accept: str | None) -> bool:
    """Whether the `Accept` header asks for a PDF rather than JSON."""
    if not accept:
        return False
    kinds = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    return PDF in kinds and "application/json" not in kinds[: kinds.index(PDF)]


def seller_of(organization: Organization) -> Party:
    return Party(
        name=organization.name,
        street=organization.street,
        zip_code=organization.zip_code,
        city=organization.city,
        country_key=organization.country_key or "DK",
        vat_number=organization.vat_number,
        email=organization.email,
        phone=organization.phone,
    )


def buyer_of(contact: Contact | None, address: str | None) -> Party:
    if contact is None:
        return Party(name="", address_text=address)
    return Party(
        name=contact.name,
        street=contact.street,
        zip_code=contact.zip_code,
        city=contact.city,
        country_key=contact.country_key or "DK",
        vat_number=contact.vat_number,
        ean_number=contact.ean_number,
        email=contact.email,
        phone=contact.phone,
        attention=contact.att_person,
        address_text=address,
    )


def fik_of(record: SalesRecord, settings: InvoiceSettingsValues) -> str | None:
    """The invoice's FIK code, when the organization uses FIK and the invoice is booked."""
    if record.kind != INVOICE or record.number is None or not settings.use_fik:
        return None
    if not settings.fik_creditor_number:
        return None
    try:
        return fik_code(settings.fik_creditor_number, str(record.number))
    except DocumentError:
        return None


def _line(priced: PricedLine, incl_vat: bool) -> DocumentLine:
    line = priced.line
    return DocumentLine(
        description=line.description,
        line_type=line.line_type,
        comments=line.comments,
        quantity=line.quantity,
        unit=line.unit,
        unit_price=priced.base_incl_vat if incl_vat else priced.base_excl_vat,
        unit_price_excl_vat=priced.base_excl_vat,
        discount=line.discount,
        total=priced.total_incl_vat if incl_vat else priced.total_excl_vat,
        total_excl_vat=priced.total_excl_vat,
        vat_rate=priced.vat_rate,
        vat_code=priced.vat_code,
        account_number=line.account,
    )


def payment_terms(record: SalesRecord) -> str | None:
    if record.kind != INVOICE or record.payment_condition_type is None:
        return None
    text = _TERMS.get((record.payment_condition_type, record.language))
    return None if text is None else text.format(days=record.payment_condition_days or 0)


def bank_of(settings: InvoiceSettingsValues) -> str | None:
    """The organization's bank account as the documents print it, when it has one."""
    if settings.bank_reg_number and settings.bank_account_number:
        return f"reg. {settings.bank_reg_number} konto {settings.bank_account_number}"
    return None


def sales_document(session: Session, record: SalesRecord) -> SalesDocument:
    """What the renderers need to print (or send) the stored document."""
    organization = session.get(Organization, record.organization_id)
    assert organization is not None  # the record's foreign key
    contact = get_live_contact(session, record.organization_id, record.contact_guid)
    settings = get_invoice_settings(session, record.organization_id)
    totals = totals_of(record)
    credited = None
    if record.credit_note_for:
        invoice = session.get(SalesRecord, record.credit_note_for)
        credited = None if invoice is None else invoice.number
    return SalesDocument(
        kind=KINDS[record.kind],
        number=record.number,
        issue_date=record.document_date,
        due_date=record.payment_date if record.kind == INVOICE else None,
        currency=record.currency,
        language=record.language,
        seller=seller_of(organization),
        buyer=buyer_of(contact, record.address),
        lines=tuple(_line(line, record.show_lines_incl_vat) for line in totals.lines),
        total_lines=tuple(
            TotalLine(row["Label"], Decimal(str(row["TotalAmount"])), row["Type"])
            for row in total_lines(totals, record.currency, record.language)
        ),
        total_excl_vat=from_ore(record.total_excl_vat_ore),
        total_vat=from_ore(record.total_vat_ore),
        total_incl_vat=from_ore(record.total_incl_vat_ore),
        show_lines_incl_vat=record.show_lines_incl_vat,
        description=record.description,
        comment=record.comment,
        external_reference=record.external_reference,
        payment_terms=payment_terms(record),
        fik_code=fik_of(record, settings),
        bank_account=bank_of(settings),
        iban=settings.iban,
        bic=settings.bic,
        credit_note_for_number=credited,
        guid=record.guid,
    )


def pdf_of(session: Session, record: SalesRecord) -> bytes:
    if record.kind != TRADE_OFFER and record.status != BOOKED:
        message = "A PDF is only made of a booked document; book it first."
        raise DineroError(ErrorCode.INVALID_REQUEST, message, 400, {"guid": message})
    return render_sales_pdf(sales_document(session, record))


def pdf_name(record: SalesRecord) -> str:
    word = {INVOICE: "faktura", CREDIT_NOTE: "kreditnota", TRADE_OFFER: "tilbud"}[record.kind]
    return f"{word}-{record.number}" if record.number is not None else word


def pdf_response(content: bytes, name: str) -> Response:
    headers = {"Content-Disposition": f'inline; filename="{name}.pdf"'}
    return Response(content, media_type=PDF, headers=headers)


def with_order(
    document: SalesDocument, order_reference: str | None, att: str | None
) -> SalesDocument:
    return replace(document, order_reference=order_reference, att_person=att)
