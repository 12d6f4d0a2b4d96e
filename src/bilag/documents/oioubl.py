"""OIOUBL e-invoices for NemHandel: an invoice as `Invoice`, a credit note as `CreditNote`.

OIOUBL 2.01 documents are UBL 2.0 documents with OIOUBL's customization, profile, code lists
and identifier schemes (agency 320: the Danish National IT and Telecom Agency). Two OIOUBL rules
differ from plain UBL: `TaxExclusiveAmount` holds the total VAT, and a CVR number is written
"DK12345678".
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from lxml import etree

from bilag.documents.model import DocumentError, DocumentLine, EndpointId, SalesDocument
from bilag.documents.oioubl_party import append_party, require_endpoint, seller_endpoint_of
from bilag.documents.oioubl_payment import PAYMENT_MEANS, payment_means_element
from bilag.documents.oioubl_tax import TaxGroup, line_tax, tax_groups
from bilag.documents.xml import CAC, CBC, amount, sub

ROOTS = {
    "invoice": ("Invoice", "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"),
    "credit_note": ("CreditNote", "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"),
}
CUSTOMIZATION = "OIOUBL-2.01"
PROFILE = "urn:www.nesubl.eu:profiles:profile5:ver2.0"
UNIT_CODES = {
    "hours": "HUR",
    "parts": "EA",
    "km": "KTM",
    "day": "DAY",
    "week": "WEE",
    "month": "MON",
    "kilogram": "KGM",
    "cubicMetre": "MTQ",
    "set": "SET",
    "litre": "LTR",
    "box": "BX",
    "case": "CS",
    "carton": "CT",
    "metre": "MTR",
    "package": "PK",
    "shipment": "SX",
    "squareMetre": "MTK",
    "tonne": "TNE",
}
ONE = "C62"


def oioubl_invoice(
    document: SalesDocument, payment_means: str, endpoint: EndpointId | None
) -> bytes:
    """The OIOUBL XML (UTF-8, with declaration) of a booked invoice or credit note.

    `endpoint` is the receiver's NemHandel address; `payment_means` is Dinero's
    PaymentMeanEnum: "Domestic", "International" or "FIK". Raises DocumentError naming what is
    missing or inconsistent.
    """
    if document.kind not in ROOTS:
        raise DocumentError("only an invoice or a credit note can be sent as an e-invoice")
    if document.number is None:
        raise DocumentError("a draft cannot be sent as an e-invoice; book it first")
    if payment_means not in PAYMENT_MEANS:
        raise DocumentError(f"payment means must be one of {', '.join(PAYMENT_MEANS)}")
    buyer_endpoint = require_endpoint(endpoint, "receiver")
    seller_endpoint = seller_endpoint_of(document.seller)
    products = [line for line in document.lines if not line.is_text]
    if not products:
        raise DocumentError("an e-invoice needs at least one product line")
    groups = tax_groups(document, products)
    invoice = document.kind == "invoice"
    name, namespace = ROOTS[document.kind]
    root = etree.Element(f"{{{namespace}}}{name}", nsmap={None: namespace, "cac": CAC, "cbc": CBC})
    _header(root, document, invoice)
    append_party(sub(root, CAC, "AccountingSupplierParty"), document.seller, seller_endpoint, None)
    append_party(
        sub(root, CAC, "AccountingCustomerParty"),
        document.buyer,
        buyer_endpoint,
        document.att_person or document.buyer.attention,
    )
    if invoice:
        root.append(payment_means_element(document, payment_means))
        if document.payment_terms:
            sub(sub(root, CAC, "PaymentTerms"), CBC, "Note", document.payment_terms)
    _tax_total(root, document.currency, groups)
    _monetary_total(root, document)
    for number, line in enumerate(products, start=1):
        _line(root, document.currency, number, line, invoice)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _header(root: etree._Element, document: SalesDocument, invoice: bool) -> None:
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
    sub(root, CBC, "ID", str(document.number))
    sub(root, CBC, "CopyIndicator", "false")
    sub(root, CBC, "UUID", document.guid or _stable_uuid(document))
    sub(root, CBC, "IssueDate", document.issue_date.isoformat())
    if invoice:
        sub(
            root,
            CBC,
            "InvoiceTypeCode",
            "380",
            listAgencyID="320",
            listID="urn:oioubl:codelist:invoicetypecode-1.1",
        )
    if document.comment:
        sub(root, CBC, "Note", document.comment)
    sub(root, CBC, "DocumentCurrencyCode", document.currency)
    if document.external_reference:
        sub(root, CBC, "AccountingCost", document.external_reference)
    reference = document.order_reference or document.external_reference
    if reference:
        order = sub(root, CAC, "OrderReference")
        sub(order, CBC, "ID", reference)
    if not invoice and document.credit_note_for_number is not None:
        billing = sub(sub(root, CAC, "BillingReference"), CAC, "InvoiceDocumentReference")
        sub(billing, CBC, "ID", str(document.credit_note_for_number))


def _stable_uuid(document: SalesDocument) -> str:
    key = f"bilag:{document.kind}:{document.seller.vat_number}:{document.number}"
    return str(uuid.uuid5(uuid.NAMESPACE_URL, key))


def _tax_total(parent: etree._Element, currency: str, groups: list[TaxGroup]) -> None:
    total = sub(parent, CAC, "TaxTotal")
    amount(total, "TaxAmount", sum((g.tax for g in groups), Decimal(0)), currency)
    for group in groups:
        group.append_subtotal(total, currency)


def _monetary_total(root: etree._Element, document: SalesDocument) -> None:
    total = sub(root, CAC, "LegalMonetaryTotal")
    currency = document.currency
    amount(total, "LineExtensionAmount", document.total_excl_vat, currency)
    amount(total, "TaxExclusiveAmount", document.total_vat, currency)
    amount(total, "TaxInclusiveAmount", document.total_incl_vat, currency)
    amount(total, "PayableAmount", document.total_incl_vat, currency)


def _line(
    root: etree._Element, currency: str, number: int, line: DocumentLine, invoice: bool
) -> None:
    """An InvoiceLine or CreditNoteLine. A discount is an allowance on an invoice line; UBL 2.0's
    credit note line has none, so there the price is the discounted unit price."""
    element = sub(root, CAC, "InvoiceLine" if invoice else "CreditNoteLine")
    unit = UNIT_CODES.get(line.unit or "", ONE)
    sub(element, CBC, "ID", str(number))
    quantity = sub(element, CBC, "InvoicedQuantity" if invoice else "CreditedQuantity")
    quantity.text = _decimal(line.quantity)
    quantity.set("unitCode", unit)
    amount(element, "LineExtensionAmount", line.total_excl_vat, currency)
    gross = (line.quantity * line.unit_price_excl_vat).quantize(Decimal("0.01"))
    price = line.unit_price_excl_vat
    if line.discount and gross != line.total_excl_vat:
        if invoice:
            _allowance(element, currency, line.discount, gross - line.total_excl_vat, gross)
        elif line.quantity:
            price = (line.total_excl_vat / line.quantity).quantize(Decimal("0.0001"))
    line_tax(element, currency, line)
    item = sub(element, CAC, "Item")
    if line.comments:
        sub(item, CBC, "Description", line.comments)
    sub(item, CBC, "Name", line.description)
    price_element = sub(element, CAC, "Price")
    amount(price_element, "PriceAmount", price, currency, places=None)
    base = sub(price_element, CBC, "BaseQuantity", "1")
    base.set("unitCode", unit)


def _allowance(
    element: etree._Element, currency: str, discount: Decimal, allowance: Decimal, gross: Decimal
) -> None:
    charge = sub(element, CAC, "AllowanceCharge")
    sub(charge, CBC, "ChargeIndicator", "false")
    sub(charge, CBC, "AllowanceChargeReason", "Rabat")
    sub(charge, CBC, "MultiplierFactorNumeric", _decimal(discount / 100))
    amount(charge, "Amount", allowance, currency)
    amount(charge, "BaseAmount", gross, currency)


def _decimal(value: Decimal) -> str:
    return f"{value.normalize():f}"
