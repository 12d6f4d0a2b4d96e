"""Kassekladde: "Bogfør alle" books every draft through the API and the status page shows the
voucher numbers; a stale page or an unbalanced voucher books nothing; a file is attached."""

from __future__ import annotations

import re
import time

from sqlalchemy import select

from bilag.storage.models import JournalEntry, Voucher
from tests.web.browser import Browser, forms
from tests.web.conftest import Site
from tests.web.ledger_pages import add_line, grid


def _book_form(browser: Browser, org: int) -> dict[str, str]:
    return forms(grid(browser, org).text)[f"/app/{org}/kassekladde/book"]


def _booked_numbers(browser: Browser, org: int) -> list[str]:
    """The voucher numbers on the status page once nothing is waiting any more."""
    deadline = time.monotonic() + 30
    while True:
        page = browser.client.get(f"/app/{org}/kassekladde/status")
        assert page.status_code == 200, page.text
        if 'data-waiting="false"' in page.text:
            assert 'data-status="PendingBooking"' not in page.text
            return re.findall(r'class="num voucher-number">(\d+)<', page.text)
        assert time.monotonic() < deadline, page.text
        time.sleep(0.1)


def test_book_all_books_every_line_and_shows_the_voucher_numbers(site: Site) -> None:
    alice = site.logged_in_as(site.world.alice_email)
    org = site.world.pro_org
    assert "Der er ingen bogføring" in alice.client.get(f"/app/{org}/kassekladde/status").text
    add_line(alice, org, text="Husleje", account="5000", amount="8000", balancing="55000")
    add_line(alice, org, number="40", text="Salg", account="1100", amount="-500")
    add_line(alice, org, number="40", text="Salg", account="55000", amount="500")
    booked = alice.client.post(f"/app/{org}/kassekladde/book", data=_book_form(alice, org))
    assert booked.status_code == 303, booked.text
    assert booked.headers["location"] == f"/app/{org}/kassekladde/status"
    numbers = _booked_numbers(alice, org)
    with site.database.read() as session:
        vouchers = session.execute(
            select(Voucher.number, Voucher.booked_by_type)
            .where(Voucher.organization_id == org, Voucher.kind == "ledger_item")
            .order_by(Voucher.created_at)
        ).all()
        entries = session.scalars(
            select(JournalEntry.amount_ore).where(JournalEntry.organization_id == org)
        ).all()
    assert numbers == [str(number) for number, _by in vouchers]
    assert "40" in numbers and len(set(numbers)) == 2
    assert {by for _number, by in vouchers} == {"User"}
    assert len(entries) == 4 and sum(entries) == 0
    assert "Kassekladden er tom" in grid(alice, org).text


def test_nothing_is_booked_when_a_voucher_does_not_balance(site: Site) -> None:
    alice = site.logged_in_as(site.world.alice_email)
    org = site.world.pro_org
    add_line(alice, org, text="Husleje", account="5000", amount="8000", balancing="55000")
    add_line(alice, org, number="9", text="Halvt bilag", account="1100", amount="-500")
    refused = alice.client.post(f"/app/{org}/kassekladde/book", data=_book_form(alice, org))
    assert refused.status_code == 400
    assert "Dinero-API&#39;et afviste ændringen" in refused.text
    with site.database.read() as session:
        statuses = session.scalars(select(Voucher.status).where(Voucher.organization_id == org))
        assert set(statuses) == {"draft"}


def test_a_page_older_than_the_ledger_books_nothing(site: Site) -> None:
    alice = site.logged_in_as(site.world.alice_email)
    org = site.world.pro_org
    add_line(alice, org, text="Husleje", account="5000", amount="8000", balancing="55000")
    seen = _book_form(alice, org)
    add_line(alice, org, text="Husleje", account="5000", amount="9000", balancing="55000")
    stale = alice.client.post(f"/app/{org}/kassekladde/book", data=seen)
    assert stale.status_code == 409
    assert "Kassekladden er ændret" in stale.text
    empty = site.logged_in_as(site.world.alice_email)
    free = site.world.free_org
    nothing = empty.client.post(f"/app/{free}/kassekladde/book", data=_book_form(empty, free))
    assert nothing.status_code == 409 and "ingen kladdelinjer" in nothing.text


def test_a_file_is_uploaded_through_the_api_and_attached_to_the_item(site: Site) -> None:
    alice = site.logged_in_as(site.world.alice_email)
    org = site.world.pro_org
    add_line(alice, org, text="Kontorartikler", account="6000", amount="125", balancing="55000")
    page = grid(alice, org).text
    action = next(a for a in forms(page) if a.endswith("/file"))
    fields = forms(page)[action]
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    attached = alice.client.post(
        action, data=fields, files={"file": ("kvittering.pdf", pdf, "application/pdf")}
    )
    assert attached.status_code == 303, attached.text
    with site.database.read() as session:
        file_guid = session.scalar(
            select(Voucher.file_guid).where(
                Voucher.organization_id == org, Voucher.kind == "ledger_item"
            )
        )
    assert file_guid
    assert 'class="badge badge-good">Vedhæftet<' in alice.follow(attached).text
    no_file = alice.client.post(action, data=forms(grid(alice, org).text)[action])
    assert no_file.status_code == 400 and "Vælg en fil" in no_file.text
    not_a_file = alice.client.post(
        action,
        data=forms(grid(alice, org).text)[action],
        files={"file": ("noter.txt", b"just text", "text/plain")},
    )
    assert not_a_file.status_code in (400, 415)
    assert "Dinero-API&#39;et afviste ændringen" in not_a_file.text
