"""Salg over real HTTP with a real login: the lists and their filters, a document with its PDF,
"Bogfør", "Registrer betaling", trade offers' answers and invoices, invoice settings, and that
nothing of another organization is shown."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from bilag.storage.invoice_settings import get_invoice_settings
from tests.web.browser import Browser
from tests.web.conftest import Site
from tests.web.sales_steps import TODAY, Integration, form_on, submit


@pytest.fixture
def books(site: Site) -> Iterator[Integration]:
    integration = Integration(site, site.world.pro_org)
    yield integration
    integration.close()


@pytest.fixture
def alice(site: Site) -> Browser:
    return site.logged_in_as(site.world.alice_email)


def invoices_url(site: Site) -> str:
    return f"/app/{site.world.pro_org}/sales/invoices"


def document_url(site: Site, guid: str, segment: str = "invoices") -> str:
    return f"/app/{site.world.pro_org}/sales/{segment}/{guid}"


def test_the_invoice_list_shows_and_filters_by_status_text_and_date(
    site: Site, books: Integration, alice: Browser
) -> None:
    hansen = books.contact("Hansen Tømrer")
    jensen = books.contact("Jensen VVS")
    booked = books.booked_invoice(hansen, amount=1000.0)
    books.draft(jensen, amount=250.0)
    listed = alice.client.get(invoices_url(site))
    assert listed.status_code == 200
    assert "Hansen Tømrer" in listed.text and "Jensen VVS" in listed.text
    assert f"Faktura {booked['Number']}" in listed.text
    assert "2.500,00 DKK" in listed.text  # 2 × 1.000 + 25 % VAT
    assert "Kladde" in listed.text and "Bogført" in listed.text
    drafts = alice.client.get(invoices_url(site), params={"status": "Draft"})
    assert "Jensen VVS" in drafts.text and "Hansen Tømrer" not in drafts.text
    found = alice.client.get(invoices_url(site), params={"q": "hansen"})
    assert "Hansen Tømrer" in found.text and "Jensen VVS" not in found.text
    later = alice.client.get(invoices_url(site), params={"from": "2999-01-01"})
    assert "Hansen Tømrer" not in later.text  # drafts have no date of their own yet
    today = alice.client.get(invoices_url(site), params={"from": TODAY, "to": TODAY})
    assert "Hansen Tømrer" in today.text


def test_an_unpaid_invoice_past_its_due_date_is_overdue(
    site: Site, books: Integration, alice: Browser
) -> None:
    contact = books.contact("Sen Betaler")
    long_ago = (date.today() - timedelta(days=40)).isoformat()
    line = {"Description": "Arbejde", "Quantity": 1, "Unit": "hours", "AccountNumber": 1000}
    draft = books.post(
        "invoices",
        {
            "ContactGuid": contact,
            "Date": long_ago,
            "ProductLines": [{**line, "BaseAmountValue": 100}],
        },
    )
    books.post(f"invoices/{draft['Guid']}/book", {"Timestamp": draft["TimeStamp"]})
    books.booked_invoice(books.contact("Rettidig"))
    overdue = alice.client.get(invoices_url(site), params={"status": "Overdue"})
    assert "Sen Betaler" in overdue.text and "Rettidig" not in overdue.text
    assert "Forfalden" in overdue.text


@pytest.mark.parametrize(
    ("query", "named"),
    [({"status": "Lost"}, "status"), ({"from": "26-11-2026"}, "from"), ({"page": "-1"}, "page")],
)
def test_bad_filters_get_a_400_naming_them(
    site: Site, alice: Browser, query: dict[str, str], named: str
) -> None:
    refused = alice.client.get(invoices_url(site), params=query)
    assert refused.status_code == 400
    assert named in refused.text


def test_another_organizations_sales_are_refused(
    site: Site, books: Integration, alice: Browser
) -> None:
    bob_books = Integration(site, site.world.other_org)
    bobs = bob_books.booked_invoice(bob_books.contact("Bobs Kunde"))
    bob_books.close()
    for path in ("sales/invoices", "sales/offers", f"sales/invoices/{bobs['Guid']}"):
        refused = alice.client.get(f"/app/{site.world.other_org}/{path}")
        assert refused.status_code == 403 and "Bobs Kunde" not in refused.text
    pdf = alice.client.get(f"/app/{site.world.other_org}/sales/invoices/{bobs['Guid']}/pdf")
    assert pdf.status_code == 403 and not pdf.content.startswith(b"%PDF")
    # Bob's invoice under Alice's own organization is simply not there
    assert alice.client.get(document_url(site, bobs["Guid"])).status_code == 404
    assert alice.client.get(document_url(site, bobs["Guid"]) + "/pdf").status_code == 404
    assert "Bobs Kunde" not in alice.client.get(invoices_url(site)).text


def test_booking_from_the_page_uses_the_timestamp(
    site: Site, books: Integration, alice: Browser
) -> None:
    draft = books.draft(books.contact())
    page = alice.client.get(document_url(site, draft["Guid"]))
    assert page.status_code == 200 and "Bogfør" in page.text
    assert "Der laves en PDF" in page.text  # no PDF of a draft
    action = document_url(site, draft["Guid"]) + "/book"
    stale = submit(alice, page, action, timestamp="0000000000000000")
    assert stale.status_code in (400, 409) and "Timestamp" in stale.text
    booked = submit(alice, page, action)
    assert booked.status_code == 303
    shown = alice.follow(booked)
    assert "Dokumentet er bogført som nummer 1." in shown.text
    assert "Registrer betaling" in shown.text and "Bogført" in shown.text
    again = submit(alice, page, action)  # the old page's timestamp is stale now
    assert again.status_code in (400, 409)


def test_registering_the_full_payment_makes_the_invoice_paid(
    site: Site, books: Integration, alice: Browser
) -> None:
    invoice = books.booked_invoice(books.contact("Betaler ApS"))
    page = alice.client.get(document_url(site, invoice["Guid"]))
    action = document_url(site, invoice["Guid"]) + "/payments"
    fields = form_on(page, action)
    assert fields["amount"] == "2500.00"  # the remaining amount is suggested
    wrong = submit(alice, page, action, amount="mange penge", deposit_account="55000")
    assert wrong.status_code == 400 and "mange penge" in wrong.text
    paid = submit(
        alice, page, action, amount="2.500,00", deposit_account="55000", description="Bank"
    )
    assert paid.status_code == 303, paid.text
    shown = alice.follow(paid)
    assert "Betalingen er registreret." in shown.text and "Betalt" in shown.text
    assert "Bank" in shown.text
    listed = alice.client.get(invoices_url(site), params={"status": "Paid"})
    assert "Betaler ApS" in listed.text


def test_the_pdf_route_serves_the_apis_pdf_framed_by_this_origin_only(
    site: Site, books: Integration, alice: Browser
) -> None:
    invoice = books.booked_invoice(books.contact())
    page = alice.client.get(document_url(site, invoice["Guid"]))
    assert f'src="{document_url(site, invoice["Guid"])}/pdf"' in page.text
    assert "frame-src 'self'" in page.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
    pdf = alice.client.get(document_url(site, invoice["Guid"]) + "/pdf")
    assert pdf.status_code == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-disposition"].startswith("inline")
    assert "frame-ancestors 'self'" in pdf.headers["content-security-policy"]
    assert pdf.headers["x-frame-options"] == "SAMEORIGIN"
    assert pdf.headers["cache-control"] == "no-store"
    anonymous = site.browser.client.get(document_url(site, invoice["Guid"]) + "/pdf")
    assert anonymous.status_code == 302  # to the login page
    draft = books.draft(books.contact())
    refused = alice.client.get(document_url(site, draft["Guid"]) + "/pdf")
    assert refused.status_code == 400 and "book it first" in refused.text


def test_an_offer_is_answered_once_and_invoiced(
    site: Site, books: Integration, alice: Browser
) -> None:
    offer = books.draft(books.contact("Tilbudskunde"), path="tradeoffers")
    listed = alice.client.get(f"/app/{site.world.pro_org}/sales/offers")
    assert "Tilbudskunde" in listed.text
    page = alice.client.get(document_url(site, offer["Guid"], "offers"))
    assert page.status_code == 200
    status_action = f"/app/{site.world.pro_org}/sales/offers/{offer['Guid']}/status"
    unknown = submit(alice, page, status_action, status="invoiced")
    assert unknown.status_code == 400  # only through "create an invoice"
    accepted = submit(alice, page, status_action, status="customer_accepted")
    assert accepted.status_code == 303
    shown = alice.follow(accepted)
    assert "Accepteret af kunden" in shown.text
    assert status_action not in shown.text  # answered: the form is gone
    offer_path = f"/app/{site.world.pro_org}/sales/offers"
    changed = submit(alice, shown, f"{offer_path}/{offer['Guid']}/invoice")
    assert changed.status_code == 303
    invoice_page = alice.follow(changed)
    assert "Fakturakladden er oprettet." in invoice_page.text
    assert "Tilbudskunde" in invoice_page.text
    declined_again = submit(alice, page, status_action, status="user_declined")
    assert declined_again.status_code == 409  # an accepted offer is binding
    assert "can no longer be changed" in declined_again.text
    assert f'src="{document_url(site, offer["Guid"], "offers")}/pdf"' in declined_again.text
    offers = alice.client.get(offer_path, params={"status": "invoiced"})
    assert "Tilbudskunde" in offers.text


def test_a_credit_note_is_listed_booked_and_refunded(
    site: Site, books: Integration, alice: Browser
) -> None:
    note = books.draft(books.contact("Kreditkunde"), path="sales/creditnotes")
    listed = alice.client.get(f"/app/{site.world.pro_org}/sales/credit-notes")
    assert "Kreditkunde" in listed.text
    url = document_url(site, note["Guid"], "credit-notes")
    page = alice.client.get(url)
    assert page.status_code == 200 and "Kreditnota" in page.text
    assert alice.client.get(document_url(site, note["Guid"], "invoices")).status_code == 404
    booked = alice.follow(submit(alice, page, url + "/book"))
    assert "Dokumentet er bogført" in booked.text
    assert alice.client.get(url + "/pdf").content.startswith(b"%PDF")
    refunded = submit(alice, booked, url + "/payments", deposit_account="55000")
    assert refunded.status_code == 303, refunded.text
    assert "Betalt" in alice.follow(refunded).text


def test_invoice_settings_are_validated_and_saved(site: Site, alice: Browser) -> None:
    path = f"/app/{site.world.pro_org}/settings/invoices"
    assert f'href="{path}"' in alice.client.get(f"/app/{site.world.pro_org}/settings").text
    page = alice.client.get(path)
    assert page.status_code == 200 and "Fakturaindstillinger" in page.text
    bad = {
        "default_account_number": "99999",
        "payment_condition_type": "Netto",
        "payment_condition_days": "1000",
        "reminder_fee": "150",
        "reminder_interest_rate": "2",
        "fik_creditor_number": "123",
        "use_fik": "on",
        "bank_reg_number": "1234",
        "iban": "DK0000000000000000",
        "bic": "x",
    }
    refused = submit(alice, page, path, **bad)
    assert refused.status_code == 422
    for message in (
        "Kontoen findes ikke i kontoplanen.",
        "Antal dage skal være et helt tal fra 0 til 365.",
        "Rykkergebyret skal være mellem 0 og 100 kr.",
        "Kreditornummeret skal være 8 cifre.",
        "Udfyld både reg.nr. og kontonummer",
        "IBAN er ikke gyldig",
        "BIC skal være 8 eller 11",
    ):
        assert message in refused.text, message
    with site.database.read() as session:
        assert get_invoice_settings(session, site.world.pro_org).payment_condition_days == 8
    good = {
        "default_account_number": "1000",
        "payment_condition_type": "CurrentMonthOut",
        "payment_condition_days": "14",
        "reminder_fee": "100,00",
        "reminder_interest_rate": "0.7",
        "fik_creditor_number": "85475522",
        "use_fik": "on",
        "bank_reg_number": "1234",
        "bank_account_number": "0012345678",
        "iban": "DK50 0040 0440 1162 43",
        "bic": "danbdkkk",
    }
    saved = submit(alice, page, path, **good)
    assert saved.status_code == 303
    assert "Indstillingerne er gemt." in alice.follow(saved).text
    with site.database.read() as session:
        stored = get_invoice_settings(session, site.world.pro_org)
    assert stored.payment_condition_type == "CurrentMonthOut"
    assert stored.payment_condition_days == 14 and stored.use_fik
    assert stored.iban == "DK5000400440116243" and stored.bic == "DANBDKKK"
    assert str(stored.reminder_interest_rate) == "0.7"
    forged = alice.client.post(path, data={**good, "csrf_token": "forged"})
    assert forged.status_code == 403
    assert alice.client.get(f"/app/{site.world.other_org}/settings/invoices").status_code == 403


def test_a_draft_invoice_is_created_from_the_page(
    site: Site, books: Integration, alice: Browser
) -> None:
    contact = books.contact("Formkunde")
    product = books.post(
        "products",
        {
            "Name": "Konsulenttime",
            "BaseAmountValue": 800,
            "Quantity": 1,
            "AccountNumber": 1000,
            "Unit": "hours",
        },
    )["ProductGuid"]
    action = f"/app/{site.world.pro_org}/sales/invoices/new"
    form = alice.client.get(action)
    assert form.status_code == 200 and "Formkunde" in form.text and "Konsulenttime" in form.text
    refused = submit(alice, form, action, contact=contact, description_0="Arbejde", price_0="x")
    assert refused.status_code == 400 and "BaseAmountValue" in refused.text
    assert 'value="Arbejde"' in refused.text  # the form comes back as it was sent
    created = submit(
        alice,
        form,
        action,
        contact=contact,
        description_0="Arbejde",
        quantity_0="2",
        price_0="1.000,00",
        product_1=product,
        quantity_1="3",
    )
    assert created.status_code == 303, created.text
    page = alice.follow(created)
    assert "Fakturakladden er oprettet." in page.text and "Formkunde" in page.text
    assert "Konsulenttime" in page.text
    assert "5.500,00 DKK" in page.text  # (2 × 1.000 + 3 × 800) + 25 % VAT
    assert "Bogfør" in page.text


def test_the_pages_speak_english_after_the_toggle(
    site: Site, books: Integration, alice: Browser
) -> None:
    invoice = books.booked_invoice(books.contact())
    toggled = alice.client.get("/app/language", params={"to": "en", "next": invoices_url(site)})
    english = alice.follow(toggled)
    assert "Invoices" in english.text and "Booked" in english.text
    page = alice.client.get(document_url(site, invoice["Guid"]))
    assert "Register payment" in page.text and "2,500.00 DKK" in page.text
    settings = alice.client.get(f"/app/{site.world.pro_org}/settings/invoices")
    assert "Invoice settings" in settings.text and "Reminder fee (DKK)" in settings.text
    outbox = alice.client.get(f"/app/{site.world.pro_org}/outbox")
    assert "Nothing has been sent yet." in outbox.text
    contacts = alice.client.get(f"/app/{site.world.pro_org}/contacts")
    assert "Search by name, e-mail or CVR" in contacts.text
