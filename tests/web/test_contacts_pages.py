"""Kontakter over real HTTP with a real login: the list, searching and paging, a contact with its
invoices, creating and editing through the API's rules, and other organizations' contacts."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from bilag.storage.models import Contact, utcnow
from tests.web.browser import Browser
from tests.web.conftest import Site
from tests.web.sales_steps import Integration, submit


@pytest.fixture
def books(site: Site) -> Iterator[Integration]:
    integration = Integration(site, site.world.pro_org)
    yield integration
    integration.close()


@pytest.fixture
def alice(site: Site) -> Browser:
    return site.logged_in_as(site.world.alice_email)


def contacts_url(site: Site) -> str:
    return f"/app/{site.world.pro_org}/contacts"


def add_contacts(site: Site, count: int) -> None:
    """Many contacts at once, straight into the table (the list is what is tested here)."""
    now = utcnow()
    with site.database.write() as session:
        for number in range(count):
            session.add(
                Contact(
                    guid=str(uuid.uuid4()),
                    organization_id=site.world.pro_org,
                    name=f"Kunde {number:03d}",
                    country_key="DK",
                    created_at=now,
                    updated_at=now,
                )
            )


def test_contacts_are_searched_by_name_email_and_cvr(
    site: Site, books: Integration, alice: Browser
) -> None:
    books.contact("Hansen Tømrer", Email="mester@hansen.dk", VatNumber="11223344")
    books.contact("Jensen VVS", Email="info@jensen.dk", VatNumber="55667788")
    listed = alice.client.get(contacts_url(site))
    assert listed.status_code == 200
    assert "Hansen Tømrer" in listed.text and "Jensen VVS" in listed.text
    for text in ("hansen", "MESTER@", "11223344"):
        found = alice.client.get(contacts_url(site), params={"q": text})
        assert "Hansen Tømrer" in found.text and "Jensen VVS" not in found.text, text
    none = alice.client.get(contacts_url(site), params={"q": "ingen%_sådan"})
    assert "Ingen kontakter matcher." in none.text


def test_the_list_is_paged(site: Site, alice: Browser) -> None:
    add_contacts(site, 60)
    first = alice.client.get(contacts_url(site))
    assert "Kunde 000" in first.text and "Kunde 049" in first.text
    assert "Kunde 050" not in first.text and "Side 1 af 2 (60 i alt)" in first.text
    second = alice.client.get(contacts_url(site), params={"page": "1"})
    assert "Kunde 050" in second.text and "Kunde 059" in second.text
    assert "Kunde 049" not in second.text
    assert alice.client.get(contacts_url(site), params={"page": "x"}).status_code == 400


def test_a_contact_is_created_and_its_errors_are_named(site: Site, alice: Browser) -> None:
    form = alice.client.get(contacts_url(site) + "/new")
    assert form.status_code == 200
    action = contacts_url(site) + "/new"
    nameless = submit(alice, form, action, name="", country_key="DK")
    assert nameless.status_code == 400 and "Name" in nameless.text
    nowhere = submit(alice, form, action, name="Udland", country_key="XX")
    assert nowhere.status_code == 400 and "CountryKey" in nowhere.text
    assert 'aria-invalid="true"' in nowhere.text
    created = submit(
        alice,
        form,
        action,
        name="Ny Kunde ApS",
        country_key="DK",
        email="ny@kunde.dk",
        vat_number="99887766",
        payment_condition_days="14",
    )
    assert created.status_code == 303, created.text
    page = alice.follow(created)
    assert "Kontakten er oprettet." in page.text
    assert "ny@kunde.dk" in page.text and "99887766" in page.text and "14 dage" in page.text


def test_editing_keeps_what_the_form_does_not_show(
    site: Site, books: Integration, alice: Browser
) -> None:
    guid = books.contact("Gammelt Navn", ExternalReference="crm-42", MemberNumber="M7")
    form = alice.client.get(f"{contacts_url(site)}/{guid}/edit")
    assert form.status_code == 200 and 'value="Gammelt Navn"' in form.text
    saved = submit(alice, form, f"{contacts_url(site)}/{guid}/edit", name="Nyt Navn", city="Odense")
    assert saved.status_code == 303, saved.text
    assert "Kontakten er gemt." in alice.follow(saved).text
    read = books.client.get(f"/v1/{site.world.pro_org}/contacts/{guid}").json()
    assert read["Name"] == "Nyt Navn" and read["City"] == "Odense"
    assert read["ExternalReference"] == "crm-42" and read["MemberNumber"] == "M7"


def test_a_contact_page_lists_its_invoices(site: Site, books: Integration, alice: Browser) -> None:
    guid = books.contact("Fakturakunde")
    other = books.contact("Anden Kunde")
    invoice = books.booked_invoice(guid)
    books.booked_invoice(other)
    page = alice.client.get(f"{contacts_url(site)}/{guid}")
    assert page.status_code == 200
    assert f"/sales/invoices/{invoice['Guid']}" in page.text
    assert page.text.count("/sales/invoices/") == 1


def test_other_organizations_contacts_are_not_shown(
    site: Site, books: Integration, alice: Browser
) -> None:
    bob_books = Integration(site, site.world.other_org)
    bobs = bob_books.contact("Bobs Hemmelige Kunde")
    bob_books.close()
    assert alice.client.get(f"/app/{site.world.other_org}/contacts").status_code == 403
    assert alice.client.get(f"{contacts_url(site)}/{bobs}").status_code == 404
    assert alice.client.get(f"{contacts_url(site)}/{bobs}/edit").status_code == 404
    assert alice.client.get(f"{contacts_url(site)}/not-a-guid").status_code == 404
    assert "Bobs Hemmelige Kunde" not in alice.client.get(contacts_url(site)).text
    form = alice.client.get(contacts_url(site) + "/new")
    token = form.text.split('name="csrf_token" value="')[1].split('"')[0]
    posted = alice.client.post(
        f"{contacts_url(site)}/{bobs}/edit", data={"csrf_token": token, "name": "Overtaget"}
    )
    assert posted.status_code == 404
    read = bob_books_read(site, bobs)
    assert read == "Bobs Hemmelige Kunde"


def bob_books_read(site: Site, guid: str) -> str:
    with site.database.read() as session:
        contact = session.get(Contact, guid)
        assert contact is not None
        return contact.name
