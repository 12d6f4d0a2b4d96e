"""A contact's state of account as a PDF (entries, opening and closing balance, the period) and
by e-mail (the mailout with the PDF, its validation). The invoices are dated 1 and 2 January of
this year, so the period does not depend on today's date."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import select
from starlette.testclient import TestClient

from bilag.storage.models import Mailout
from tests.api.sales_helpers import TODAY, book, create, customer, invoice_body
from tests.documents.pdf_reading import save_first_page_png, text
from tests.factories import World

JAN_1 = date(TODAY.year, 1, 1)
JAN_2 = date(TODAY.year, 1, 2)


def _invoice(api: TestClient, world: World, alice: dict[str, str], contact: str, day: date) -> Any:
    body = invoice_body(contact, Date=day.isoformat())
    return book(api, world, alice, create(api, world, alice, body, "invoices"), "invoices")


def _books(api: TestClient, world: World, alice: dict[str, str]) -> tuple[str, Any, Any]:
    """A customer with two invoices of 2.000,00 incl. VAT, on 1 and 2 January."""
    contact = customer(api, world, alice)
    return (
        contact,
        _invoice(api, world, alice, contact, JAN_1),
        _invoice(api, world, alice, contact, JAN_2),
    )


def _pdf(api: TestClient, world: World, headers: dict[str, str], contact: str, query: str) -> Any:
    url = f"/v1/{world.pro_org}/state-of-account/{contact}/pdf{query}"
    return api.get(url, headers=headers)


def test_the_statement_renders_its_entries_and_balances(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    contact, first, second = _books(api, world, alice)
    whole = _pdf(api, world, alice, contact, "")
    assert whole.status_code == 200, whole.text
    assert whole.headers["content-type"] == "application/pdf"
    words = text(whole.content)
    assert "Kontoudtog" in words and "Kunde ApS" in words
    assert "Primosaldo 0,00" in words and "Saldo ultimo 4.000,00" in words
    assert f"{JAN_1:%d.%m.%Y} {first['Number']} 2.000,00 2.000,00" in words
    assert f"{JAN_2:%d.%m.%Y} {second['Number']} 2.000,00 4.000,00" in words
    save_first_page_png(whole.content, "api-statement")
    later = text(_pdf(api, world, alice, contact, f"?from={JAN_2}").content)
    assert "Primosaldo 2.000,00" in later and "Saldo ultimo 4.000,00" in later
    assert f"{JAN_1:%d.%m.%Y}" not in later.split("Primosaldo")[1]
    first_day = text(_pdf(api, world, alice, contact, f"?to={JAN_1}T23:59:59Z").content)
    assert "Saldo ultimo 2.000,00" in first_day and f"{JAN_2:%d.%m.%Y} " not in first_day


def test_bad_statement_pdf_requests_are_refused(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    contact = customer(api, world, alice)
    bad_from = _pdf(api, world, alice, contact, "?from=yesterday")
    assert bad_from.status_code == 400 and "from" in bad_from.json()["validationErrors"]
    unknown = _pdf(api, world, alice, str(uuid.uuid4()), "")
    assert unknown.status_code == 404 and unknown.json()["code"] == 40
    assert _pdf(api, world, alice, "not-a-guid", "").status_code == 400


def _mailouts(app: Any) -> list[Mailout]:
    with app.state.services.database.read() as session:
        found = list(session.scalars(select(Mailout).order_by(Mailout.id)))
        for mailout in found:
            session.expunge(mailout)
        return found


def _email(
    api: TestClient, world: World, headers: dict[str, str], contact: str, **body: Any
) -> Any:
    body = {"CCToSender": False, "HideClosed": False, "Sender": "salg@firma.dk", **body}
    url = f"/v1/{world.pro_org}/state-of-account/{contact}/email"
    return api.post(url, json=body, headers=headers)


def test_the_statement_is_mailed_to_the_contact_with_its_pdf(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    contact, _, _ = _books(api, world, alice)
    before = len(_mailouts(app))
    sent = _email(api, world, alice, contact, From=f"{JAN_2}T00:00:00", CCToSender=True)
    assert sent.status_code == 200, sent.text
    assert sent.content == b""
    (mailout,) = _mailouts(app)[before:]
    assert (mailout.document_guid, mailout.type, mailout.channel) == (contact, "Mailout", "email")
    assert mailout.receiver == "kunde@example.dk" and mailout.cc_to_sender is True
    assert mailout.subject is not None and mailout.subject.startswith("Kontoudtog fra ")
    assert mailout.payload_type == "application/pdf"
    attached = text(mailout.payload or b"")
    assert "Primosaldo 2.000,00" in attached and "Saldo ultimo 4.000,00" in attached
    custom = _email(api, world, alice, contact, Receiver="a@example.dk", Message="Se vedhæftet")
    assert custom.status_code == 200, custom.text
    assert _mailouts(app)[-1].message == "Se vedhæftet"


def test_bad_statement_emails_are_refused_and_nothing_is_recorded(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    contact = customer(api, world, alice)
    no_email = customer(api, world, alice, Email=None)
    before = len(_mailouts(app))

    def refused(response: Any, field: str) -> None:
        assert response.status_code == 400, response.text
        assert field in response.json()["validationErrors"], response.json()

    url = f"/v1/{world.pro_org}/state-of-account/{contact}/email"
    refused(api.post(url, json={"CCToSender": False}, headers=alice), "HideClosed")
    refused(_email(api, world, alice, contact, From="soon"), "From")
    refused(_email(api, world, alice, contact, From=f"{JAN_2}", To=f"{JAN_1}"), "To")
    refused(_email(api, world, alice, contact, Receiver="a@b"), "Receiver")
    refused(_email(api, world, alice, no_email), "Receiver")
    refused(_email(api, world, alice, contact, Sender="nobody"), "Sender")
    unknown = _email(api, world, alice, str(uuid.uuid4()))
    assert unknown.status_code == 404 and unknown.json()["code"] == 40
    assert len(_mailouts(app)) == before
