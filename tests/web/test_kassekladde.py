"""Bogføring > Kassekladde over real HTTP with real logins: adding, editing and deleting grid
lines through the API, the balancing, bad input, stale Versions and other organizations."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from bilag.storage.ledger_items import item_lines, unbooked_items
from bilag.storage.models import Voucher
from tests.web.conftest import Site
from tests.web.ledger_pages import add_line, csrf_of, grid, row, row_forms


def _ledger(site: Site, org: int) -> list[tuple[int | None, list[tuple[Decimal, int | None]]]]:
    with site.database.read() as session:
        return [
            (item.requested_number, [(line.amount, line.account) for line in item_lines(item)])
            for item in unbooked_items(session, org)
        ]


def test_lines_are_added_to_vouchers_and_the_balancing_is_shown(site: Site) -> None:
    alice = site.logged_in_as(site.world.alice_email)
    org = site.world.pro_org
    assert "Kassekladden er tom" in grid(alice, org).text
    rent = add_line(
        alice, org, text="Husleje", account="5000", amount="10.000,00", balancing="55000"
    )
    assert rent.status_code == 303
    assert rent.headers["location"] == f"/app/{org}/kassekladde?done=added"
    sale = add_line(alice, org, number="7", text="Salg", account="1100", amount="-1250,50")
    bank = add_line(alice, org, number="7", text="Salg", account="55000", amount="1250.5")
    assert sale.status_code == bank.status_code == 303
    assert _ledger(site, org) == [
        (None, [(Decimal("10000.00"), 5000)]),
        (7, [(Decimal("-1250.50"), 1100), (Decimal("1250.50"), 55000)]),
    ]
    page = alice.follow(bank)
    assert "Linjen er tilføjet." in page.text
    assert page.text.count('class="badge badge-good">Stemmer<') == 2
    assert 'id="total-difference">0,00<' in page.text
    assert 'data-focus-new="true"' in page.text
    assert len(row_forms(page.text)) == 3
    assert '<option value="55000">55000 Bank</option>' in page.text  # the account choices
    assert '<option value="I25">' in page.text  # the VAT code choices


def test_a_line_is_edited_with_its_version_and_deleted(site: Site) -> None:
    alice = site.logged_in_as(site.world.alice_email)
    org = site.world.pro_org
    add_line(alice, org, number="3", text="Salg", account="1100", amount="-100")
    add_line(alice, org, number="3", text="Bank", account="55000", amount="100")
    page = grid(alice, org).text
    (first_action, first), (second_action, second) = list(row_forms(page).items())
    edited = alice.client.post(
        first_action,
        data={**first, **row(number="3", text="Salg rettet", account="1100", amount="-80")},
    )
    assert edited.status_code == 303, edited.text
    assert _ledger(site, org) == [(3, [(Decimal("-80.00"), 1100), (Decimal("100.00"), 55000)])]
    page = alice.follow(edited).text
    assert "Stemmer ikke" in page and 'id="total-difference">20,00<' in page
    stale = alice.client.post(
        second_action, data={**second, **row(number="3", text="Bank", account="55000", amount="80")}
    )
    assert stale.status_code == 400
    assert "Version" in stale.text and "out of date" in stale.text
    assert _ledger(site, org) == [(3, [(Decimal("-80.00"), 1100), (Decimal("100.00"), 55000)])]
    fresh = row_forms(grid(alice, org).text)
    action = list(fresh)[1]
    deleted = alice.client.post(action, data={**fresh[action], "action": "delete"})
    assert deleted.status_code == 303
    assert _ledger(site, org) == [(3, [(Decimal("-80.00"), 1100)])]
    action, fields = next(iter(row_forms(grid(alice, org).text).items()))
    assert alice.client.post(action, data={**fields, "action": "delete"}).status_code == 303
    assert _ledger(site, org) == []
    with site.database.read() as session:
        statuses = session.scalars(select(Voucher.status).where(Voucher.organization_id == org))
        assert set(statuses) == {"deleted"}


def test_bad_input_shows_the_apis_error_and_writes_nothing(site: Site) -> None:
    alice = site.logged_in_as(site.world.alice_email)
    org = site.world.pro_org
    words = add_line(alice, org, text="Husleje", account="5000", amount="ti kroner")
    assert words.status_code == 400
    assert "Dinero-API&#39;et afviste ændringen" in words.text
    assert "[0].Lines[0].Amount must be a number" in words.text
    assert 'value="ti kroner"' in words.text  # the row as typed, to correct
    unknown = add_line(alice, org, text="Husleje", account="4711", amount="100", balancing="55000")
    assert unknown.status_code == 400
    assert "4711" in unknown.text
    no_date = add_line(alice, org, date="31-12-2026", account="5000", amount="1", balancing="55000")
    assert no_date.status_code == 400 and "VoucherDate" in no_date.text
    assert _ledger(site, org) == []


def test_another_organizations_ledger_is_refused(site: Site) -> None:
    alice = site.logged_in_as(site.world.alice_email)
    bob = site.logged_in_as(site.world.bob_email)
    other = site.world.other_org
    add_line(bob, other, text="Bobs husleje", account="5000", amount="500", balancing="55000")
    refused = alice.client.get(f"/app/{other}/kassekladde")
    assert refused.status_code == 403 and "Bobs husleje" not in refused.text
    token = csrf_of(grid(alice, site.world.pro_org).text)
    posted = alice.client.post(
        f"/app/{other}/kassekladde/lines",
        data={"csrf_token": token, **row(text="Alice", account="5000", amount="1")},
    )
    assert posted.status_code == 403
    bobs_action, bobs_fields = next(iter(row_forms(grid(bob, other).text).items()))
    item_and_line = bobs_action.split("/kassekladde/lines/")[1]
    through_own = alice.client.post(
        f"/app/{site.world.pro_org}/kassekladde/lines/{item_and_line}",
        data={**bobs_fields, "csrf_token": token, "action": "delete"},
    )
    assert through_own.status_code == 404
    assert [n for n, _lines in _ledger(site, other)] == [None]
    assert _ledger(site, site.world.pro_org) == []


def test_a_form_without_the_csrf_token_is_refused(site: Site) -> None:
    alice = site.logged_in_as(site.world.alice_email)
    org = site.world.pro_org
    posted = alice.client.post(f"/app/{org}/kassekladde/lines", data=row(amount="1"))
    assert posted.status_code == 403
    assert _ledger(site, org) == []


def test_the_grid_speaks_english_after_the_toggle(site: Site) -> None:
    alice = site.logged_in_as(site.world.alice_email)
    org = site.world.pro_org
    path = f"/app/{org}/kassekladde"
    alice.client.get("/app/language", params={"to": "en", "next": path})
    add_line(alice, org, text="Rent", account="5000", amount="1,234.50", balancing="55000")
    page = grid(alice, org).text
    assert "<h1>Ledger (kassekladde)</h1>" in page and ">Book all<" in page
    assert 'value="1234.50"' in page and "Balanced" in page
    assert _ledger(site, org) == [(None, [(Decimal("1234.50"), 5000)])]
