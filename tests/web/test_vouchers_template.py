"""The purchase-voucher template over real HTTP: suggestions, the computed VAT, errors named on
their fields, save as draft with the receipt, then book on the voucher's page."""

from __future__ import annotations

import re
import uuid
from decimal import Decimal

import pytest

from bilag.web.amounts import parse_amount
from bilag.web.voucher_texts import TEXTS
from tests.web.browser import Browser
from tests.web.conftest import Site
from tests.web.test_vouchers import GUID, TODAY, api_for, png


def _csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


def _form(alice: Browser, org: int) -> tuple[str, str]:
    page = alice.client.get(f"/app/{org}/vouchers/purchase/new")
    assert page.status_code == 200, page.text
    return page.text, _csrf(page.text)


def _fields(csrf: str, action: str, **values: str) -> dict[str, str]:
    fields = {
        "csrf_token": csrf,
        "action": action,
        "voucher_date": TODAY,
        "contact": "",
        "description": "Toner til printeren",
        "amount": "1.250,00",
        "account": "6000",
        "vat_code": "",
        "deposit": "55000",
        "file_guid": "",
        "file_name": "",
    }
    fields.update(values)
    return fields


def test_the_form_suggests_the_most_used_expense_accounts_and_computes_vat(site: Site) -> None:
    org = site.world.pro_org
    api_for(site, org).purchase(99)  # account 6000 is now "most used"
    alice = site.logged_in_as(site.world.alice_email)
    html, csrf = _form(alice, org)
    suggested = html.split('<optgroup label="Mest brugte">')[1].split("</optgroup>")[0]
    assert 'value="6000"' in suggested and 'value="2000"' not in suggested
    assert 'data-vat-code="I25"' in html and 'data-percent="25"' in html
    assert f'value="{TODAY}"' in html
    assert re.search(r'<option value="55000"[^>]*>55000 Bank', html)
    preview = alice.client.post(f"/app/{org}/vouchers/purchase/new", data=_fields(csrf, "preview"))
    assert preview.status_code == 200, preview.text
    assert 'data-vat-out="excl">1.000,00<' in preview.text
    assert 'data-vat-out="vat">250,00<' in preview.text
    assert 'data-vat-out="incl">1.250,00<' in preview.text
    no_vat = alice.client.post(
        f"/app/{org}/vouchers/purchase/new",
        data=_fields(csrf, "preview", account="5000", amount="8000"),
    )
    assert 'data-vat-out="vat">0,00<' in no_vat.text  # Husleje carries no VAT
    listed = alice.client.get(f"/app/{org}/vouchers", params={"q": "Toner"}).text
    assert "Toner til printeren" not in listed  # a preview saves nothing


def test_problems_are_named_on_their_fields(site: Site) -> None:
    org = site.world.pro_org
    alice = site.logged_in_as(site.world.alice_email)
    _, csrf = _form(alice, org)
    path = f"/app/{org}/vouchers/purchase/new"
    bad = alice.client.post(path, data=_fields(csrf, "save", amount="12,345", account=""))
    assert bad.status_code == 400
    assert 'id="amount-error"' in bad.text and "højst to decimaler" in bad.text
    assert 'id="account-error"' in bad.text and "Vælg en udgiftskonto" in bad.text
    unknown = str(uuid.uuid4())
    refused = alice.client.post(path, data=_fields(csrf, "save", contact=unknown))
    assert refused.status_code == 400
    assert 'id="contact-error"' in refused.text and unknown in refused.text
    not_expense = alice.client.post(path, data=_fields(csrf, "save", account="55000"))
    assert not_expense.status_code == 400 and 'id="account-error"' in not_expense.text
    text_file = ("kvittering.txt", b"not an image at all\n", "text/plain")
    not_image = alice.client.post(path, data=_fields(csrf, "save"), files={"receipt": text_file})
    assert not_image.status_code == 400
    assert 'id="file-error"' in not_image.text and "Filen blev ikke gemt" in not_image.text
    forged = alice.client.post(path, data=_fields("forged", "save"))
    assert forged.status_code in (400, 403)
    listed = alice.client.get(f"/app/{org}/vouchers", params={"q": "Toner"}).text
    assert "Toner til printeren" not in listed


def test_save_a_draft_with_its_receipt_then_book_it(site: Site) -> None:
    org = site.world.pro_org
    alice = site.logged_in_as(site.world.alice_email)
    _, csrf = _form(alice, org)
    receipt = ("kvittering.png", png(), "image/png")
    saved = alice.client.post(
        f"/app/{org}/vouchers/purchase/new",
        data=_fields(csrf, "save"),
        files={"receipt": receipt},
    )
    assert saved.status_code == 303, saved.text
    location = saved.headers["location"]
    assert re.fullmatch(f"/app/{org}/vouchers/purchase/{GUID}\\?done=saved", location)
    draft = alice.client.get(location)
    assert "Kladden er gemt" in draft.text and "Kladde" in draft.text
    file_guid = re.search(rf'<img src="/app/{org}/files/([a-z0-9]{{32}})"', draft.text)
    assert file_guid is not None
    assert alice.client.get(f"/app/{org}/files/{file_guid.group(1)}").content == png()
    timestamp = re.search(r'name="timestamp" value="([0-9A-F]{16})"', draft.text)
    assert timestamp is not None
    book_path = location.split("?")[0] + "/book"
    stale = alice.client.post(book_path, data={"csrf_token": csrf, "timestamp": "0" * 16})
    assert stale.status_code == 400 and "Timestamp" in stale.text  # the API's code 58
    booked = alice.client.post(book_path, data={"csrf_token": csrf, "timestamp": timestamp[1]})
    assert booked.status_code == 303 and booked.headers["location"].endswith("?done=booked")
    page = alice.client.get(booked.headers["location"])
    assert "Bilaget er bogført" in page.text and "Betalt" in page.text
    assert site.world.alice_email in page.text  # booked by her, as a user
    for account in ("6000 Kontorartikler", "64010 Købsmoms", "55000 Bank"):
        assert account in page.text
    assert 'name="timestamp"' not in page.text
    again = alice.client.post(book_path, data={"csrf_token": csrf, "timestamp": timestamp[1]})
    assert again.status_code == 409


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1.250,50", "1250.50"),
        ("1.250", "1250"),
        ("1.234.567,5", "1234567.5"),
        ("1250,5", "1250.5"),
        ("1250.50", "1250.50"),
        ("1.25", "1.25"),
        (" 125 kr. ", "125"),
        ("1,234.50", None),
        ("12,345", None),
        ("1.2345", None),
        ("abc", None),
        ("", None),
        ("1e3", None),
        ("1e400", None),
        ("99999999999999999999", None),
        ("-12,50", "-12.50"),
    ],
)
def test_amounts_are_read_the_danish_way(typed: str, amount: str | None) -> None:
    expected = None if amount is None else Decimal(amount)
    assert parse_amount(typed) == expected


def test_every_text_is_in_both_languages() -> None:
    assert TEXTS["da"].keys() == TEXTS["en"].keys()
    assert all(TEXTS["da"][key] and TEXTS["en"][key] for key in TEXTS["da"])
