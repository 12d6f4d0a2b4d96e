"""OIOUBL reminders: valid against the OASIS UBL 2.0 Reminder schema, amounts that add up to the
total due, NemHandel endpoints and the payment means."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import cache

import pytest
from lxml import etree

from bilag.documents import DocumentError, EndpointId, oioubl_reminder
from tests.documents.samples import SELLER, reminder
from tests.documents.test_oioubl import XSD, one, values

NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
RECEIVER = EndpointId("GLN", "5790001330583")
BANK = {
    "bank_account": "reg. 1234 konto 0001234567",
    "iban": "DK5000400440116243",
    "bic": "DABADKKK",
}


@cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD / "ubl-2.0" / "maindoc" / "UBL-Reminder-2.0.xsd")))


def valid_reminder(xml: bytes) -> etree._Element:
    """The document, after checking it against the UBL 2.0 Reminder schema (OIOUBL 2.01's
    base; the UBL 2.1 Reminder is not vendored)."""
    assert xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    tree = etree.fromstring(xml)
    assert etree.QName(tree).localname == "Reminder"
    assert schema().validate(tree), str(schema().error_log)
    return tree


def _sample(**changes: object) -> bytes:
    document = replace(reminder(), **{**BANK, **changes})  # type: ignore[arg-type]
    return oioubl_reminder(document, "Domestic", RECEIVER)


@pytest.mark.parametrize("means", ["Domestic", "International", "FIK"])
def test_reminder_is_valid_ubl_with_oioubl_header(means: str) -> None:
    document = replace(reminder(), **BANK)  # type: ignore[arg-type]
    tree = valid_reminder(oioubl_reminder(document, means, RECEIVER))
    assert one(tree, "cbc:CustomizationID").text == "OIOUBL-2.01"
    profile = one(tree, "cbc:ProfileID")
    assert profile.text == "Procurement-BilSim-1.0"
    assert profile.get("schemeAgencyID") == "320"
    assert profile.get("schemeID") == "urn:oioubl:id:profileid-1.2"
    type_code = one(tree, "cbc:ReminderTypeCode")
    assert type_code.text == "Reminder"
    assert type_code.get("listAgencyID") == "320"
    assert type_code.get("listID") == "urn:oioubl:codelist:remindertypecode-1.1"
    assert one(tree, "cbc:ID").text == "17-1"
    assert one(tree, "cbc:ReminderSequenceNumeric").text == "1"
    assert one(tree, "cbc:IssueDate").text == "2026-12-20"
    assert one(tree, "cbc:DocumentCurrencyCode").text == "DKK"
    notes = [e.text for e in tree.findall("cbc:Note", NS)]
    assert notes[0] == "Rykker 1" and "inkasso" in (notes[-1] or "")


def test_lines_add_up_to_the_total_due() -> None:
    document = reminder()
    tree = valid_reminder(_sample())
    total = "cac:LegalMonetaryTotal/cbc:"
    assert values(tree, total + "PayableAmount") == [document.total_due]
    assert values(tree, total + "TaxExclusiveAmount") == [Decimal(0)]
    debits = values(tree, "cac:ReminderLine/cbc:DebitLineAmount")
    outstanding = document.invoice_total - document.paid_amount
    assert debits == [outstanding, document.fee, document.interest, document.compensation_fee]
    assert sum(debits) == document.total_due
    first = one(tree, "cac:ReminderLine[cbc:ID='1']")
    reference = one(first, "cac:BillingReference/cac:InvoiceDocumentReference")
    assert one(reference, "cbc:ID").text == "17"
    assert one(reference, "cbc:IssueDate").text == "2026-11-26"
    assert one(first, "cbc:Note").text == "Faktura 17"


def test_earlier_charges_get_their_own_line_and_zero_charges_none() -> None:
    document = reminder()
    tree = valid_reminder(
        _sample(
            interest=Decimal(0),
            compensation_fee=Decimal(0),
            earlier_charges=Decimal("100.00"),
            total_due=document.total_due + Decimal("100.00") - Decimal("333.45"),
        )
    )
    notes = [one(line, "cbc:Note").text for line in tree.findall("cac:ReminderLine", NS)]
    assert notes == ["Faktura 17", "Gebyrer og renter fra tidligere rykkere", "Rykkergebyr"]
    assert values(tree, "cac:ReminderLine/cbc:DebitLineAmount")[1] == Decimal("100.00")


def test_an_overpaid_invoice_is_a_credit_line() -> None:
    tree = valid_reminder(_sample(paid_amount=Decimal("3900.00"), total_due=Decimal("420.95")))
    first = one(tree, "cac:ReminderLine[cbc:ID='1']")
    assert values(first, "cbc:CreditLineAmount") == [Decimal("12.50")]


def test_endpoints_of_seller_and_receiver() -> None:
    document = replace(reminder(), seller=replace(SELLER, ean_number=None), **BANK)  # type: ignore[arg-type]
    tree = valid_reminder(oioubl_reminder(document, "Domestic", EndpointId("DK:CVR", "87654311")))
    supplier = one(tree, "cac:AccountingSupplierParty/cac:Party/cbc:EndpointID")
    assert (supplier.get("schemeID"), supplier.text) == ("DK:CVR", "DK12345674")
    assert supplier.get("schemeAgencyID") == "320"
    customer = one(tree, "cac:AccountingCustomerParty/cac:Party/cbc:EndpointID")
    assert (customer.get("schemeID"), customer.text) == ("DK:CVR", "DK87654311")
    gln = valid_reminder(_sample())
    receiver = one(gln, "cac:AccountingCustomerParty/cac:Party/cbc:EndpointID")
    assert (receiver.get("schemeID"), receiver.text) == ("GLN", RECEIVER.value)
    assert receiver.get("schemeAgencyID") == "9"


def test_fik_and_domestic_payment_means() -> None:
    fik = one(valid_reminder(oioubl_reminder(reminder(), "FIK", RECEIVER)), "cac:PaymentMeans")
    assert one(fik, "cbc:PaymentMeansCode").text == "93"
    assert one(fik, "cbc:InstructionID").text == "000000000000174"
    assert one(fik, "cac:CreditAccount/cbc:AccountID").text == "12345678"
    assert one(fik, "cbc:PaymentDueDate").text == "2026-12-20"  # no due date: the issue date
    domestic = one(valid_reminder(_sample(due_date=date(2027, 1, 4))), "cac:PaymentMeans")
    assert one(domestic, "cbc:PaymentMeansCode").text == "42"
    assert one(domestic, "cbc:PaymentDueDate").text == "2027-01-04"
    assert one(domestic, "cac:PayeeFinancialAccount/cbc:ID").text == "0001234567"


@pytest.mark.parametrize(
    ("means", "endpoint", "changes", "problem"),
    [
        ("Cash", RECEIVER, {}, "payment means"),
        ("Domestic", None, {}, "no EAN"),
        ("Domestic", EndpointId("GLN", "5790001330584"), {}, "not a valid GLN"),
        ("Domestic", RECEIVER, {"bank_account": None}, "bank account"),
        ("International", RECEIVER, {"iban": None}, "IBAN"),
        ("FIK", RECEIVER, {"fik_code": None}, "FIK"),
        ("Domestic", RECEIVER, {"total_due": Decimal("1.00")}, "add up"),
        (
            "Domestic",
            RECEIVER,
            {"seller": replace(SELLER, ean_number=None, vat_number=None)},
            "CVR",
        ),
    ],
)
def test_what_cannot_be_expressed_is_a_document_error(
    means: str, endpoint: EndpointId | None, changes: dict[str, object], problem: str
) -> None:
    document = replace(reminder(), **{**BANK, **changes})  # type: ignore[arg-type]
    with pytest.raises(DocumentError, match=problem):
        oioubl_reminder(document, means, endpoint)
