"""Udbakke over real HTTP with a real login: an invoice e-mailed and an e-invoice sent through the
API show up with channel, recipient, status and a link to the document; one send in detail; and
nothing of another organization."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bilag.storage.invoice_settings import set_invoice_settings
from bilag.storage.mailouts import EMAIL, FAILED
from bilag.storage.models import Mailout, Organization
from tests.web.browser import Browser
from tests.web.conftest import Site
from tests.web.sales_steps import Integration

GLN = "5790000000005"


@pytest.fixture
def books(site: Site) -> Iterator[Integration]:
    integration = Integration(site, site.world.pro_org)
    yield integration
    integration.close()


@pytest.fixture
def alice(site: Site) -> Browser:
    return site.logged_in_as(site.world.alice_email)


def outbox_url(site: Site) -> str:
    return f"/app/{site.world.pro_org}/outbox"


def test_an_emailed_invoice_is_in_the_outbox(
    site: Site, books: Integration, alice: Browser
) -> None:
    assert "Intet er sendt endnu." in alice.client.get(outbox_url(site)).text
    invoice = books.booked_invoice(books.contact("Mailkunde", Email="bogholder@mailkunde.dk"))
    sent = books.email(invoice["Guid"])
    assert sent == {"Recipients": [{"Email": "bogholder@mailkunde.dk"}]}
    listed = alice.client.get(outbox_url(site))
    assert listed.status_code == 200
    assert "bogholder@mailkunde.dk" in listed.text and "E-mail" in listed.text
    assert "Venter" in listed.text  # no SMTP server is configured: the mail waits
    assert f"/app/{site.world.pro_org}/sales/invoices/{invoice['Guid']}" in listed.text
    assert f"Faktura {invoice['Number']}" in listed.text
    with site.database.read() as session:
        mailout = session.query(Mailout).one()
    detail = alice.client.get(f"{outbox_url(site)}/{mailout.id}")
    assert detail.status_code == 200
    assert f"Faktura {invoice['Number']}" in detail.text and "salg@firma.dk" in detail.text
    document = alice.client.get(f"/app/{site.world.pro_org}/sales/invoices/{invoice['Guid']}")
    assert f"/app/{site.world.pro_org}/outbox/{mailout.id}" in document.text


def test_a_failed_delivery_shows_its_error(site: Site, books: Integration, alice: Browser) -> None:
    invoice = books.booked_invoice(books.contact())
    books.email(invoice["Guid"])
    with site.database.write() as session:
        mailout = session.query(Mailout).filter(Mailout.channel == EMAIL).one()
        mailout.status = FAILED
        mailout.delivery_error = "550 mailbox unavailable"
        mailout_id = mailout.id
    listed = alice.client.get(outbox_url(site))
    assert "Fejlet" in listed.text
    detail = alice.client.get(f"{outbox_url(site)}/{mailout_id}")
    assert "550 mailbox unavailable" in detail.text


def test_an_einvoice_waits_in_the_outbox(site: Site, books: Integration, alice: Browser) -> None:
    with site.database.write() as session:
        seller = session.get(Organization, site.world.pro_org)
        assert seller is not None
        seller.vat_number = "12345674"
        seller.street, seller.zip_code, seller.city = "Vej 1", "8000", "Aarhus"
        set_invoice_settings(
            session, site.world.pro_org, bank_reg_number="1234", bank_account_number="0012345678"
        )
    invoice = books.booked_invoice(books.contact("EAN Kunde", EanNumber=GLN))
    answer = books.client.post(
        f"/v3/{site.world.pro_org}/invoices/{invoice['Guid']}/e-invoice",
        json={"PaymentMeanEnum": "Domestic"},
    )
    assert answer.status_code == 200, answer.text
    listed = alice.client.get(outbox_url(site))
    assert "E-faktura" in listed.text and "Venter" in listed.text
    assert f"GLN {GLN}" in listed.text


def test_another_organizations_sends_are_not_shown(
    site: Site, books: Integration, alice: Browser
) -> None:
    bob_books = Integration(site, site.world.other_org)
    bobs = bob_books.booked_invoice(bob_books.contact("Bob Kunde", Email="hemmelig@bob.dk"))
    bob_books.email(bobs["Guid"])
    bob_books.close()
    with site.database.read() as session:
        bobs_send = session.query(Mailout).one()
    assert "hemmelig@bob.dk" not in alice.client.get(outbox_url(site)).text
    assert alice.client.get(f"{outbox_url(site)}/{bobs_send.id}").status_code == 404
    assert alice.client.get(f"/app/{site.world.other_org}/outbox").status_code == 403
    assert alice.client.get(f"{outbox_url(site)}/abc").status_code == 404
