"""OIOUBL reminders for NemHandel: a booked reminder (rykker) as a UBL 2.0 `Reminder`.

One debit line refers to the invoice (`BillingReference`) with what is still owed of it, one
line each for the earlier reminders' charges, this reminder's fee, interest and compensation
fee; `PayableAmount` is the total due. Reminder charges carry no VAT, so there is no `TaxTotal`
and `TaxExclusiveAmount` (OIOUBL: the total VAT) is 0.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from decimal import Decimal

from lxml import etree

from bilag.documents.model import DocumentError, EndpointId, ReminderDocument
from bilag.documents.oioubl import CUSTOMIZATION
from bilag.documents.oioubl_party import append_party, require_endpoint, seller_endpoint_of
from bilag.documents.oioubl_payment import PAYMENT_MEANS, payment_means_element
from bilag.documents.xml import CAC, CBC, amount, sub

NAMESPACE = "urn:oasis:names:specification:ubl:schema:xsd:Reminder-2"
PROFILE = "Procurement-BilSim-1.0"
LINE_NOTES = {
    "da": ("Faktura {number}", "Gebyrer og renter fra tidligere rykkere", "Rykkergebyr", "Renter",
           "Kompensationsgebyr"),
    "en": ("Invoice {number}", "Fees and interest from earlier reminders", "Reminder fee",
           "Interest", "Compensation fee"),
}  # fmt: skip


def oioubl_reminder(
    document: ReminderDocument, payment_means: str, endpoint: EndpointId | None
) -> bytes:
    """The OIOUBL XML (UTF-8, with declaration) of a booked reminder.

    `endpoint` is the receiver's NemHandel address; `payment_means` is Dinero's
    PaymentMeanEnum: "Domestic", "International" or "FIK". Raises DocumentError naming what is
    missing or inconsistent.
    """
    if payment_means not in PAYMENT_MEANS:
        raise DocumentError(f"payment means must be one of {', '.join(PAYMENT_MEANS)}")
    buyer_endpoint = require_endpoint(endpoint, "receiver")
    seller_endpoint = seller_endpoint_of(document.seller)
    lines = reminder_lines(document)
    if sum((line for _, line in lines), Decimal(0)) != document.total_due:
        raise DocumentError("the reminder's lines do not add up to its total due")
    if document.total_due <= 0:
        raise DocumentError("nothing is due on the reminder")
    payable = replace(document, due_date=document.due_date or document.issue_date)
    root = etree.Element(
        f"{{{NAMESPACE}}}Reminder", nsmap={None: NAMESPACE, "cac": CAC, "cbc": CBC}
    )
    _header(root, document)
    append_party(sub(root, CAC, "AccountingSupplierParty"), document.seller, seller_endpoint, None)
    append_party(
        sub(root, CAC, "AccountingCustomerParty"),
        document.buyer,
        buyer_endpoint,
        document.buyer.attention,
    )
    root.append(payment_means_element(payable, payment_means))
    _monetary_total(root, document)
    for number, (note, line_amount) in enumerate(lines, start=1):
        _line(root, document, number, note, line_amount)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def reminder_lines(document: ReminderDocument) -> list[tuple[str, Decimal]]:
    """(note, amount) of each line: the invoice's outstanding amount first, then every charge
    that is not 0."""
    invoice, earlier, fee, interest, compensation = LINE_NOTES.get(
        document.language[:2], LINE_NOTES["da"]
    )
    lines = [(invoice.format(number=document.invoice_number), _outstanding(document))]
    charges = (
        (earlier, document.earlier_charges),
        (fee, document.fee),
        (interest, document.interest),
        (compensation, document.compensation_fee),
    )
    return lines + [(note, value) for note, value in charges if value]


def _outstanding(document: ReminderDocument) -> Decimal:
    return document.invoice_total - document.paid_amount


def _header(root: etree._Element, document: ReminderDocument) -> None:
    sub(root, CBC, "UBLVersionID", "2.0")
    sub(root, CBC, "CustomizationID", CUSTOMIZATION)
    sub(
        root,
        CBC,
        "ProfileID",
        PROFILE,
        schemeAgencyID="320",
        schemeID="urn:oioubl:id:profileid-1.2",
    )
    sub(root, CBC, "ID", f"{document.invoice_number}-{document.number}")
    sub(root, CBC, "CopyIndicator", "false")
    sub(root, CBC, "UUID", _stable_uuid(document))
    sub(root, CBC, "IssueDate", document.issue_date.isoformat())
    sub(
        root,
        CBC,
        "ReminderTypeCode",
        "Reminder",
        listAgencyID="320",
        listID="urn:oioubl:codelist:remindertypecode-1.1",
    )
    sub(root, CBC, "ReminderSequenceNumeric", str(document.number))
    sub(root, CBC, "Note", document.title)
    if document.description:
        sub(root, CBC, "Note", document.description)
    if document.debt_collection_warning:
        sub(root, CBC, "Note", document.debt_collection_warning)
    sub(root, CBC, "DocumentCurrencyCode", document.currency)


def _stable_uuid(document: ReminderDocument) -> str:
    key = f"bilag:reminder:{document.seller.vat_number}:{document.invoice_number}:{document.number}"
    return str(uuid.uuid5(uuid.NAMESPACE_URL, key))


def _monetary_total(root: etree._Element, document: ReminderDocument) -> None:
    total = sub(root, CAC, "LegalMonetaryTotal")
    currency = document.currency
    amount(total, "LineExtensionAmount", document.total_due, currency)
    amount(total, "TaxExclusiveAmount", Decimal(0), currency)
    amount(total, "TaxInclusiveAmount", document.total_due, currency)
    amount(total, "PayableAmount", document.total_due, currency)


def _line(
    root: etree._Element, document: ReminderDocument, number: int, note: str, value: Decimal
) -> None:
    """A debit line, or a credit line for a negative amount (an invoice paid more than in full)."""
    element = sub(root, CAC, "ReminderLine")
    sub(element, CBC, "ID", str(number))
    sub(element, CBC, "Note", note)
    tag = "DebitLineAmount" if value >= 0 else "CreditLineAmount"
    amount(element, tag, abs(value), document.currency)
    if number == 1:
        reference = sub(sub(element, CAC, "BillingReference"), CAC, "InvoiceDocumentReference")
        sub(reference, CBC, "ID", str(document.invoice_number))
        sub(reference, CBC, "IssueDate", document.invoice_date.isoformat())
