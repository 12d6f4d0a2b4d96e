"""OIOUBL e-invoices: valid against the OASIS UBL 2.1 schema, and OIOUBL's own rules."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from bilag.documents import DocumentError, EndpointId, oioubl_invoice
from bilag.documents.oioubl import UNIT_CODES
from tests.documents.samples import BUYER, SELLER, product, sales

XSD = Path(__file__).parent / "xsd"
VERSIONS = ("2.0", "2.1")  # OIOUBL 2.01 is built on UBL 2.0; UBL 2.1 accepts every 2.0 document
NS = {
    "inv": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "cn": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
RECEIVER = EndpointId("GLN", "5790001330583")
ROOTS = {"invoice": "Invoice", "credit_note": "CreditNote"}


@cache
def schema(root: str, version: str) -> etree.XMLSchema:
    path = XSD / f"ubl-{version}" / "maindoc" / f"UBL-{root}-{version}.xsd"
    return etree.XMLSchema(etree.parse(str(path)))


def valid(xml: bytes, root: str) -> etree._Element:
    """The document, after checking it against the UBL 2.0 and the UBL 2.1 schema."""
    assert xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    tree = etree.fromstring(xml)
    assert etree.QName(tree).localname == root
    for version in VERSIONS:
        checker = schema(root, version)
        assert checker.validate(tree), f"UBL {version}: {checker.error_log}"
    return tree


def one(tree: etree._Element, path: str) -> etree._Element:
    found = tree.xpath(path, namespaces=NS)
    assert isinstance(found, list) and len(found) == 1, path
    element = found[0]
    assert isinstance(element, etree._Element)
    return element


def values(tree: etree._Element, path: str) -> list[Decimal]:
    found = tree.xpath(path, namespaces=NS)
    assert isinstance(found, list)
    return [Decimal(e.text) for e in found if isinstance(e, etree._Element) and e.text]


@pytest.mark.parametrize("means", ["Domestic", "International", "FIK"])
def test_invoice_is_valid_ubl_with_oioubl_header(means: str) -> None:
    document = sales()
    tree = valid(oioubl_invoice(document, means, RECEIVER), "Invoice")
    assert one(tree, "cbc:CustomizationID").text == "OIOUBL-2.01"
    profile = one(tree, "cbc:ProfileID")
    assert profile.text == "urn:www.nesubl.eu:profiles:profile5:ver2.0"
    assert profile.get("schemeAgencyID") == "320"
    assert profile.get("schemeID") == "urn:oioubl:id:profileid-1.2"
    type_code = one(tree, "cbc:InvoiceTypeCode")
    assert type_code.text == "380"
    assert type_code.get("listAgencyID") == "320"
    assert type_code.get("listID") == "urn:oioubl:codelist:invoicetypecode-1.1"
    assert one(tree, "cbc:ID").text == "17"
    assert one(tree, "cbc:IssueDate").text == "2026-11-26"
    assert one(tree, "cbc:DocumentCurrencyCode").text == "DKK"
    assert one(tree, "cac:OrderReference/cbc:ID").text == "ORD-99"


def test_sums_match_the_document() -> None:
    document = sales()
    tree = valid(oioubl_invoice(document, "Domestic", RECEIVER), "Invoice")
    total = "cac:LegalMonetaryTotal/cbc:"
    assert values(tree, total + "LineExtensionAmount") == [document.total_excl_vat]
    assert values(tree, total + "TaxExclusiveAmount") == [document.total_vat]
    assert values(tree, total + "TaxInclusiveAmount") == [document.total_incl_vat]
    assert values(tree, total + "PayableAmount") == [document.total_incl_vat]
    lines = values(tree, "cac:InvoiceLine/cbc:LineExtensionAmount")
    assert sum(lines) == document.total_excl_vat
    assert len(lines) == 3  # the text line is not an invoice line
    assert values(tree, "cac:TaxTotal/cbc:TaxAmount") == [document.total_vat]
    assert sum(values(tree, "cac:TaxTotal/cac:TaxSubtotal/cbc:TaxAmount")) == document.total_vat
    assert sum(values(tree, "cac:TaxTotal/cac:TaxSubtotal/cbc:TaxableAmount")) == (
        document.total_excl_vat
    )


def test_tax_categories_are_standard_rated_25_and_zero_rated() -> None:
    tree = valid(oioubl_invoice(sales(), "Domestic", RECEIVER), "Invoice")
    subtotals = tree.xpath("cac:TaxTotal/cac:TaxSubtotal", namespaces=NS)
    assert isinstance(subtotals, list)
    found = {}
    for subtotal in subtotals:
        assert isinstance(subtotal, etree._Element)
        category = one(subtotal, "cac:TaxCategory/cbc:ID")
        assert category.get("schemeAgencyID") == "320"
        found[category.text] = (
            one(subtotal, "cac:TaxCategory/cbc:Percent").text,
            Decimal(one(subtotal, "cbc:TaxableAmount").text or ""),
            Decimal(one(subtotal, "cbc:TaxAmount").text or ""),
        )
        assert one(subtotal, "cac:TaxCategory/cac:TaxScheme/cbc:ID").text == "63"
    assert found == {
        "StandardRated": ("25", Decimal("2450.00"), Decimal("612.50")),
        "ZeroRated": ("0", Decimal("300.00"), Decimal("0.00")),
    }


def test_line_details_and_discount() -> None:
    tree = valid(oioubl_invoice(sales(), "Domestic", RECEIVER), "Invoice")
    first = one(tree, "cac:InvoiceLine[cbc:ID='1']")
    assert one(first, "cbc:InvoicedQuantity").get("unitCode") == "HUR"
    assert one(first, "cbc:InvoicedQuantity").text == "2.5"
    assert one(first, "cac:Item/cbc:Name").text == "Rådgivning om æbletræer"
    assert one(first, "cac:Price/cbc:PriceAmount").text == "800.00"
    discounted = one(tree, "cac:InvoiceLine[cbc:ID='2']")
    assert one(discounted, "cac:AllowanceCharge/cbc:ChargeIndicator").text == "false"
    assert one(discounted, "cac:AllowanceCharge/cbc:Amount").text == "50.00"
    assert one(discounted, "cbc:LineExtensionAmount").text == "450.00"


def test_endpoints_and_party_tax_schemes() -> None:
    tree = valid(oioubl_invoice(sales(), "Domestic", EndpointId("DK:CVR", "87654311")), "Invoice")
    supplier = one(tree, "cac:AccountingSupplierParty/cac:Party")
    endpoint = one(supplier, "cbc:EndpointID")
    assert (endpoint.get("schemeID"), endpoint.text) == ("GLN", SELLER.ean_number)
    assert endpoint.get("schemeAgencyID") == "9"
    tax = one(supplier, "cac:PartyTaxScheme/cbc:CompanyID")
    assert (tax.get("schemeID"), tax.text) == ("DK:SE", "DK12345674")
    legal = one(supplier, "cac:PartyLegalEntity/cbc:CompanyID")
    assert (legal.get("schemeID"), legal.text) == ("DK:CVR", "DK12345674")
    customer = one(tree, "cac:AccountingCustomerParty/cac:Party")
    endpoint = one(customer, "cbc:EndpointID")
    assert (endpoint.get("schemeID"), endpoint.text) == ("DK:CVR", "DK87654311")
    assert endpoint.get("schemeAgencyID") == "320"
    assert one(customer, "cac:PartyName/cbc:Name").text == BUYER.name
    assert one(customer, "cac:Contact/cbc:ID").text == "Søren Ærø"


def test_seller_without_ean_sends_from_its_cvr() -> None:
    document = sales(seller=replace(SELLER, ean_number=None))
    tree = valid(oioubl_invoice(document, "Domestic", RECEIVER), "Invoice")
    endpoint = one(tree, "cac:AccountingSupplierParty/cac:Party/cbc:EndpointID")
    assert (endpoint.get("schemeID"), endpoint.text) == ("DK:CVR", "DK12345674")


def test_fik_payment_means() -> None:
    tree = valid(oioubl_invoice(sales(), "FIK", RECEIVER), "Invoice")
    means = one(tree, "cac:PaymentMeans")
    assert one(means, "cbc:PaymentMeansCode").text == "93"
    assert one(means, "cbc:PaymentDueDate").text == "2026-12-04"
    assert one(means, "cbc:PaymentID").text == "71"
    assert one(means, "cbc:InstructionID").text == "000000000000174"
    assert one(means, "cac:CreditAccount/cbc:AccountID").text == "12345678"


def test_domestic_payment_means() -> None:
    means = one(valid(oioubl_invoice(sales(), "Domestic", RECEIVER), "Invoice"), "cac:PaymentMeans")
    assert one(means, "cbc:PaymentMeansCode").text == "42"
    assert one(means, "cbc:PaymentChannelCode").text == "DK:BANK"
    assert one(means, "cac:PayeeFinancialAccount/cbc:ID").text == "0001234567"
    assert one(means, "cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cbc:ID").text == (
        "1234"
    )


def test_international_payment_means() -> None:
    tree = valid(oioubl_invoice(sales(), "International", RECEIVER), "Invoice")
    means = one(tree, "cac:PaymentMeans")
    assert one(means, "cbc:PaymentMeansCode").text == "31"
    assert one(means, "cbc:PaymentChannelCode").text == "IBAN"
    assert one(means, "cac:PayeeFinancialAccount/cbc:ID").text == "DK5000400440116243"
    bic = "cac:PayeeFinancialAccount/cac:FinancialInstitutionBranch/cac:FinancialInstitution/cbc:ID"
    assert one(means, bic).text == "DABADKKK"


def test_credit_note_is_a_valid_credit_note_referring_to_its_invoice() -> None:
    document = sales("credit_note", number=3)
    tree = valid(oioubl_invoice(document, "Domestic", RECEIVER), "CreditNote")
    assert one(tree, "cbc:CustomizationID").text == "OIOUBL-2.01"
    assert one(tree, "cac:BillingReference/cac:InvoiceDocumentReference/cbc:ID").text == "16"
    assert len(values(tree, "cac:CreditNoteLine/cbc:CreditedQuantity")) == 3
    assert values(tree, "cac:LegalMonetaryTotal/cbc:PayableAmount") == [document.total_incl_vat]
    assert not tree.xpath("cac:PaymentMeans", namespaces=NS)


@pytest.mark.parametrize("kind", ["invoice", "credit_note"])
def test_every_dinero_unit_has_a_schema_valid_unit_code(kind: str) -> None:
    units = list(UNIT_CODES) + ["session", "unknown"]
    lines = tuple(product(f"Vare {unit}", "3", unit, "10.01", discount="7") for unit in units)
    tree = valid(oioubl_invoice(sales(kind, lines=lines), "Domestic", RECEIVER), ROOTS[kind])
    line = "cac:InvoiceLine" if kind == "invoice" else "cac:CreditNoteLine"
    codes = tree.xpath(f"{line}/cac:Price/cbc:BaseQuantity/@unitCode", namespaces=NS)
    assert codes == [*UNIT_CODES.values(), "C62", "C62"]


def test_credit_note_discount_is_in_the_unit_price() -> None:
    lines = (product("Rabatvare", "4", "parts", "25", discount="10"),)
    tree = valid(
        oioubl_invoice(sales("credit_note", lines=lines), "Domestic", RECEIVER), "CreditNote"
    )
    assert one(tree, "cac:CreditNoteLine/cbc:LineExtensionAmount").text == "90.00"
    assert one(tree, "cac:CreditNoteLine/cac:Price/cbc:PriceAmount").text == "22.50"


def test_foreign_currency_and_vat_rounding_per_line_agree_with_the_document() -> None:
    lines = tuple(product(f"Del {n}", "1", "parts", "0.05") for n in range(3))
    document = sales(lines=lines, currency="EUR", total_vat=Decimal("0.03"))
    document = replace(document, total_incl_vat=document.total_excl_vat + Decimal("0.03"))
    tree = valid(oioubl_invoice(document, "International", RECEIVER), "Invoice")
    assert one(tree, "cac:TaxTotal/cbc:TaxAmount").get("currencyID") == "EUR"
    assert values(tree, "cac:TaxTotal/cbc:TaxAmount") == [Decimal("0.03")]


@pytest.mark.parametrize(
    ("changes", "means", "endpoint", "message"),
    [
        ({"fik_code": None}, "FIK", RECEIVER, "FIK code"),
        ({"bank_account": None}, "Domestic", RECEIVER, "bank account"),
        ({"iban": None}, "International", RECEIVER, "IBAN"),
        ({}, "Cash", RECEIVER, "payment means"),
        ({"kind": "credit_note"}, "Cash", RECEIVER, "payment means"),
        ({}, "Domestic", EndpointId("GLN", "5790001330584"), "not a valid GLN"),
        ({}, "Domestic", EndpointId("DK:CVR", "12345678"), "CVR number"),
        ({}, "Domestic", EndpointId("DUNS", "123"), "scheme"),
        ({"number": None}, "Domestic", RECEIVER, "draft"),
        ({"kind": "trade_offer"}, "Domestic", RECEIVER, "invoice or a credit note"),
        ({"total_excl_vat": Decimal("1.00")}, "Domestic", RECEIVER, "lines add up"),
        ({"total_vat": Decimal("100.00")}, "Domestic", RECEIVER, "total incl. VAT"),
        ({"due_date": None}, "Domestic", RECEIVER, "due date"),
        (
            {"seller": replace(SELLER, ean_number=None, vat_number=None)},
            "Domestic",
            RECEIVER,
            "organization needs",
        ),
    ],
)
def test_documents_that_cannot_be_expressed_are_refused(
    changes: dict[str, object], means: str, endpoint: EndpointId, message: str
) -> None:
    with pytest.raises(DocumentError, match=message):
        oioubl_invoice(sales(**changes), means, endpoint)


def test_vat_that_does_not_follow_from_the_lines_is_refused() -> None:
    document = sales()
    wrong = replace(
        document,
        total_vat=document.total_vat + 5,
        total_incl_vat=document.total_incl_vat + 5,
    )
    with pytest.raises(DocumentError, match="VAT comes to"):
        oioubl_invoice(wrong, "Domestic", RECEIVER)


def test_missing_receiver_is_refused() -> None:
    with pytest.raises(DocumentError, match="receiver has no EAN"):
        oioubl_invoice(sales(), "Domestic", None)
