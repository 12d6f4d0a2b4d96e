"""Sales documents as PDFs over the API: by `Accept`, the credit note's `/pdf`, trade offers,
the FIK code from the invoice settings, and the signed public link that mails carry."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from bilag.api.public_documents import document_link
from bilag.storage.invoice_settings import set_invoice_settings
from tests.api.sales_helpers import book, booked_invoice, create, customer, invoice_body
from tests.documents.pdf_reading import save_first_page_png, text
from tests.factories import World

PDF = {"Accept": "application/pdf"}


def _fik(app: Any, organization_id: int) -> None:
    with app.state.services.database.write() as session:
        set_invoice_settings(
            session,
            organization_id,
            fik_creditor_number="85475522",
            use_fik=True,
            bank_reg_number="1234",
            bank_account_number="0012345678",
        )


def test_a_booked_invoice_renders_with_its_fik_code(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    _fik(app, world.pro_org)
    invoice = booked_invoice(api, world, alice, Comment="Tak for handlen")
    number = invoice["Number"]
    assert invoice["FikCode"] is not None and invoice["FikCode"].endswith("+85475522<")
    response = api.get(f"/v1/{world.pro_org}/invoices/{invoice['Guid']}", headers={**alice, **PDF})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    words = text(response.content)
    for expected in (
        f"Faktura nr. {number}",
        "Kunde ApS",
        "Rådgivning",
        "2.000,00",
        "Netto 8 dage",
        invoice["FikCode"],
        "Tak for handlen",
    ):
        assert expected in words, expected
    save_first_page_png(response.content, "api-invoice")
    json_again = api.get(f"/v1/{world.pro_org}/invoices/{invoice['Guid']}", headers=alice)
    assert json_again.headers["content-type"].startswith("application/json")


def test_drafts_have_no_pdf_and_credit_notes_and_offers_do(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    draft = create(api, world, alice, invoice_body(None), "invoices")
    refused = api.get(f"/v1/{world.pro_org}/invoices/{draft['Guid']}", headers={**alice, **PDF})
    assert refused.status_code == 400
    invoice = booked_invoice(api, world, alice, Language="en-GB")
    url = f"/v1/{world.pro_org}/invoices/{invoice['Guid']}/generate-creditnote"
    note = book(api, world, alice, api.post(url, headers=alice).json(), "sales/creditnotes")
    pdf = api.get(f"/v1/{world.pro_org}/sales/creditnotes/{note['Guid']}/pdf", headers=alice)
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert f"for invoice no. {invoice['Number']}" in text(pdf.content).lower()
    contact = customer(api, world, alice)
    offer = create(api, world, alice, invoice_body(contact), "tradeoffers")
    quote = api.get(f"/v1/{world.pro_org}/tradeoffers/{offer['Guid']}", headers={**alice, **PDF})
    assert quote.status_code == 200 and "Tilbud" in text(quote.content)


def test_the_public_link_serves_the_pdf_only_when_signed(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    invoice = booked_invoice(api, world, alice)
    link = document_link(app.state.services.settings, world.pro_org, invoice["Guid"])
    path = link.removeprefix("http://testserver")
    opened = api.get(path)
    assert opened.status_code == 200 and opened.content.startswith(b"%PDF-")
    assert api.get(path[:-1] + ("0" if path[-1] != "0" else "1")).status_code == 404
    other = f"/documents/{world.other_org}/{invoice['Guid']}/{path.rsplit('/', 1)[-1]}"
    assert api.get(other).status_code == 404


def test_a_reminder_link_opens_the_reminder(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    from datetime import date

    year = date.today().year
    invoice = booked_invoice(api, world, alice, Date=f"{year}-01-02")
    reminders = f"/v1/{world.pro_org}/invoices/{invoice['Guid']}/reminders"
    body = {"Timestamp": invoice["TimeStamp"], "Date": f"{year}-01-20", "WithFee": True,
            "WithDebtCollectionWarning": False, "WithInterestFee": False,
            "WithCompensationFee": False}  # fmt: skip
    reminder = api.post(reminders, json=body, headers=alice).json()
    settings = app.state.services.settings
    link = document_link(settings, world.pro_org, invoice["Guid"], reminder["Id"])
    opened = api.get(link.removeprefix("http://testserver"))
    assert opened.status_code == 200 and "Rykker" in text(opened.content)
    forged = link.replace(f"reminder={reminder['Id']}", f"reminder={reminder['Id'] + 1}")
    assert api.get(forged.removeprefix("http://testserver")).status_code == 404
