"""E-invoices over the API: validated as Dinero validates them, made as OIOUBL that validates
against the UBL schema, and put in the outbox as a mailout with the XML."""

from __future__ import annotations

from typing import Any

from lxml import etree
from starlette.testclient import TestClient

from bilag.storage.invoice_settings import set_invoice_settings
from bilag.storage.mailouts import outbox
from tests.api.sales_helpers import book, booked_invoice, create, customer, invoice_body
from tests.documents.test_oioubl import valid
from tests.factories import World

GLN = "5790000000005"


def _seller(app: Any, organization_id: int, **settings: Any) -> None:
    from bilag.storage.models import Organization

    with app.state.services.database.write() as session:
        organization = session.get(Organization, organization_id)
        assert organization is not None
        organization.vat_number = "12345674"
        organization.street, organization.zip_code, organization.city = "Vej 1", "8000", "Aarhus"
        set_invoice_settings(session, organization_id, **settings)


def _send(api: TestClient, world: World, headers: dict[str, str], guid: str, **body: Any) -> Any:
    url = f"/v3/{world.pro_org}/invoices/{guid}/e-invoice"
    return api.post(url, json={"PaymentMeanEnum": "Domestic", **body}, headers=headers)


def test_an_invoice_to_an_ean_becomes_valid_oioubl_in_the_outbox(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    _seller(app, world.pro_org, bank_reg_number="1234", bank_account_number="0012345678")
    contact = customer(api, world, alice, EanNumber=GLN)
    invoice = book(
        api, world, alice, create(api, world, alice, invoice_body(contact), "invoices"), "invoices"
    )
    sent = _send(api, world, alice, invoice["Guid"], OrderReference="PO-77", AttPerson="Jens")
    assert sent.status_code == 200, sent.text
    with app.state.services.database.read() as session:
        (mailout,) = outbox(session, world.pro_org)
        xml = mailout.payload
    assert mailout.type == "Einvoice" and mailout.receiver == f"GLN {GLN}"
    root = valid(xml, "Invoice")
    ns = {"cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}
    assert root.findtext(".//cbc:ID", namespaces=ns) == str(invoice["Number"])
    assert b"PO-77" in xml and GLN.encode() in xml
    total = root.find(".//{*}LegalMonetaryTotal/{*}PayableAmount")
    assert total is not None and total.text == "2000.00"
    listed = api.get(f"/v1/{world.pro_org}/invoices/{invoice['Guid']}/mailouts", headers=alice)
    assert listed.json()[0]["Type"] == "Einvoice" and listed.json()[0]["Status"] == "Pending"
    assert etree.fromstring(xml) is not None


def test_sends_dinero_would_refuse_are_refused(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    no_address = booked_invoice(api, world, alice)
    refused = _send(api, world, alice, no_address["Guid"])
    assert refused.status_code == 400 and "EanNumber" in refused.json()["validationErrors"]
    bad_ean = _send(api, world, alice, no_address["Guid"], ReceiverEanNumber="5790000000006")
    assert bad_ean.status_code == 400
    draft = create(
        api, world, alice, invoice_body(customer(api, world, alice, EanNumber=GLN)), "invoices"
    )
    assert _send(api, world, alice, draft["Guid"]).status_code == 400
    ean_invoice = booked_invoice(api, world, alice, Description="Til EAN")
    v2 = f"/v2/{world.pro_org}/invoices/{ean_invoice['Guid']}/e-invoice"
    no_cvr = api.post(v2, json={"ReceiverEanNumber": GLN}, headers=alice)
    assert no_cvr.status_code == 400 and "CVR" in no_cvr.json()["message"]
    _seller(app, world.pro_org)
    no_bank = api.post(v2, json={"ReceiverEanNumber": GLN}, headers=alice)
    assert no_bank.status_code == 400 and "bank account" in no_bank.json()["message"]
    fik = api.post(v2, json={"ReceiverEanNumber": GLN, "PaymentMeanEnum": "FIK"}, headers=alice)
    assert fik.status_code == 400 and "FIK" in fik.json()["message"]
    stale = _send(api, world, alice, ean_invoice["Guid"], ReceiverEanNumber=GLN, Timestamp="00")
    assert stale.status_code == 400 and stale.json()["code"] == 58
    with app.state.services.database.read() as session:
        assert outbox(session, world.pro_org) == []


def test_a_credit_note_goes_by_fik_and_cvr(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    _seller(app, world.pro_org, fik_creditor_number="85475522", use_fik=True)
    contact = customer(api, world, alice, VatNumber="23456788", InvoiceMailOutOptionKey="VAT")
    invoice = book(
        api, world, alice, create(api, world, alice, invoice_body(contact), "invoices"), "invoices"
    )
    paid_by_fik = _send(api, world, alice, invoice["Guid"], PaymentMeanEnum="FIK")
    assert paid_by_fik.status_code == 200, paid_by_fik.text
    url = f"/v1/{world.pro_org}/invoices/{invoice['Guid']}/generate-creditnote"
    note = book(api, world, alice, api.post(url, headers=alice).json(), "sales/creditnotes")
    sent = api.post(
        f"/v3/{world.pro_org}/sales/creditnotes/{note['Guid']}/e-creditNote",
        json={"PaymentMeanEnum": "Domestic"},
        headers=alice,
    )
    assert sent.status_code == 200, sent.text
    with app.state.services.database.read() as session:
        credit, first = outbox(session, world.pro_org)
    assert first.receiver == "DK:CVR 23456788" and b">93<" in (first.payload or b"")
    valid(credit.payload or b"", "CreditNote")


def test_the_deprecated_v1_send_takes_the_v2_body(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    _seller(app, world.pro_org, iban="DK5000400440116243", bic="DABADKKK")
    invoice = booked_invoice(api, world, alice, Description="Til EAN v1")
    v1 = f"/v1/{world.pro_org}/invoices/{invoice['Guid']}/e-invoice"
    bad = api.post(v1, json={"ReceiverEanNumber": "5790000000006"}, headers=alice)
    assert bad.status_code == 400 and "ReceiverEanNumber" in bad.json()["validationErrors"]
    body = {"ReceiverEanNumber": GLN, "PaymentMeanEnum": "International", "AttPerson": "Jens"}
    sent = api.post(v1, json=body, headers=alice)
    assert sent.status_code == 200, sent.text
    with app.state.services.database.read() as session:
        (mailout,) = outbox(session, world.pro_org)
    assert mailout.type == "Einvoice" and mailout.receiver == f"GLN {GLN}"
    root = valid(mailout.payload or b"", "Invoice")
    assert root.findtext(".//{*}PaymentMeans/{*}PaymentMeansCode") == "31"
    assert b"Jens" in (mailout.payload or b"")
