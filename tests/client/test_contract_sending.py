"""`books.sending` against the real app in process: e-mails, their templates, pre-reminders,
texts and e-invoices of invoices, credit notes and trade offers, each read back as a mailout."""

from __future__ import annotations

import asyncio
import datetime
from typing import Any

import httpx
import pytest

from bilag.client import (
    AsyncClient,
    Client,
    DineroError,
    EInvoiceDraft,
    InvoiceLine,
    MailDraft,
    OAuthCredentials,
    RequestValidationError,
    SmsDraft,
    StaleVersionError,
    TradeOfferDraft,
)
from tests.client.conftest import Bilag
from tests.client.sales_steps import (
    GLN,
    booked_credit_note,
    booked_invoice,
    customer,
    e_invoice_seller,
    invoice,
    invoice_timestamp,
    overdue_invoice,
)


def test_an_invoice_is_emailed_as_its_template_says_or_as_told(
    client: Client, bilag: Bilag
) -> None:
    org = bilag.world.pro_org
    sending = client.books(org).sending
    booked = booked_invoice(client, org)
    template = sending.invoice_email_template(booked["Guid"])
    assert template.receiver == "kunde@example.dk"
    assert template.subject == f"Faktura {booked['Number']}" and "[link-to-pdf]" in (
        template.message or ""
    )
    assert template.send_as_sms is False
    assert sending.email_invoice(booked["Guid"], MailDraft(sender="salg@firma.dk")) == [
        "kunde@example.dk"
    ]
    told = MailDraft(
        receiver="a@example.dk; b@example.dk",
        sender="salg@firma.dk",
        message="Se her: [link-to-pdf]",
        cc_to_sender=True,
        add_voucher_as_pdf=False,
        timestamp=invoice_timestamp(client, org, booked["Guid"]),
    )
    assert sending.email_invoice(booked["Guid"], told) == ["a@example.dk", "b@example.dk"]
    first, second = sending.invoice_mailouts(booked["Guid"])
    assert (first.type, first.subject, first.receiver) == (
        "Mailout",
        template.subject,
        "kunde@example.dk",
    )
    assert second.receiver == "a@example.dk,b@example.dk" and second.cc_to_sender is True
    assert second.message == "Se her: [link-to-pdf]" and second.status == "Pending"
    assert not first.is_sms and first.id < second.id


def test_an_overdue_invoice_gets_a_pre_reminder_and_texts(client: Client, bilag: Bilag) -> None:
    org = bilag.world.pro_org
    sending = client.books(org).sending
    overdue = overdue_invoice(client, org)
    template = sending.pre_reminder_template(overdue["Guid"])
    assert str(overdue["Number"]) in (template.subject or "")
    assert sending.email_pre_reminder(overdue["Guid"], MailDraft(sender="salg@firma.dk")) == [
        "kunde@example.dk"
    ]
    sending.send_sms(overdue["Guid"], SmsDraft("+45 12 34 56 78", "Kunde ApS", is_reminder=True))
    everything = sending.invoice_mailouts(overdue["Guid"])
    assert [(m.type, m.is_sms) for m in everything] == [
        ("PreReminder", False),
        ("PreReminder", True),
    ]
    assert everything[1].receiver == "+4512345678" and everything[0].subject == template.subject
    no_texts = sending.invoice_mailouts(overdue["Guid"], include_sms=False)
    assert [m.id for m in no_texts] == [everything[0].id]
    since = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    assert sending.invoice_mailouts(overdue["Guid"], changes_since=since) == everything
    calls = client.counters.calls
    with pytest.raises(RequestValidationError, match="timezone"):
        sending.invoice_mailouts(overdue["Guid"], changes_since=since.replace(tzinfo=None))
    assert client.counters.calls == calls


def test_a_text_with_a_stale_timestamp_is_retried_when_asked(client: Client, bilag: Bilag) -> None:
    org = bilag.world.pro_org
    sending = client.books(org).sending
    booked = booked_invoice(client, org)
    stale = SmsDraft("12345678", "Kunde ApS", message="Se fakturaen", timestamp="AAAAAAAAAAA=")
    with pytest.raises(StaleVersionError):
        sending.send_sms(booked["Guid"], stale)
    sending.send_sms(booked["Guid"], stale, retry_stale=True)
    [text] = sending.invoice_mailouts(booked["Guid"])
    assert (text.type, text.is_sms, text.receiver) == ("Mailout", True, "12345678")


def test_invoices_and_credit_notes_go_out_as_e_invoices(client: Client, bilag: Bilag) -> None:
    from bilag.storage.mailouts import mailouts_of

    org = bilag.world.pro_org
    e_invoice_seller(bilag, org)
    sending = client.books(org).sending
    contact = customer(client, org)
    booked = booked_invoice(client, org, contact=contact)
    sending.send_einvoice(
        booked["Guid"], EInvoiceDraft(receiver_ean_number=GLN, order_reference="PO-77")
    )
    note = booked_credit_note(client, org, contact, booked["Guid"])
    sending.send_ecredit_note(note["Guid"], EInvoiceDraft("Domestic", receiver_ean_number=GLN))
    with bilag.app.state.services.database.read() as session:
        [sent_invoice] = mailouts_of(session, org, booked["Guid"])
        [sent_note] = mailouts_of(session, org, note["Guid"])
    assert (sent_invoice.type, sent_invoice.receiver) == ("Einvoice", f"GLN {GLN}")
    assert b"PO-77" in (sent_invoice.payload or b"") and sent_note.type == "Einvoice"
    assert b"CreditNote" in (sent_note.payload or b"")


def test_credit_notes_and_trade_offers_are_emailed(client: Client, bilag: Bilag) -> None:
    org = bilag.world.pro_org
    books = client.books(org)
    contact = customer(client, org)
    booked = booked_invoice(client, org, contact=contact)
    note = booked_credit_note(client, org, contact, booked["Guid"])
    note_template = books.sending.credit_note_email_template(note["Guid"])
    assert note_template.receiver == "kunde@example.dk" and note_template.subject
    sent = books.sending.email_credit_note(note["Guid"], MailDraft(sender="salg@firma.dk"))
    assert sent == ["kunde@example.dk"]
    [note_mailout] = books.sending.credit_note_mailouts(note["Guid"])
    assert (note_mailout.type, note_mailout.subject) == ("Mailout", note_template.subject)
    offer = books.trade_offers.create(
        TradeOfferDraft(contact, [InvoiceLine("Hjemmeside", 12000, 1, 1000)])
    )
    template = books.sending.trade_offer_email_template(offer.guid)
    assert template.receiver == "kunde@example.dk" and template.subject
    mail = MailDraft(sender="salg@firma.dk", subject="Vores tilbud")
    assert books.sending.email_trade_offer(offer.guid, mail) == ["kunde@example.dk"]
    [mailout] = books.sending.trade_offer_mailouts(offer.guid)
    assert (mailout.type, mailout.subject) == ("TradeOffer", "Vores tilbud")


def test_the_async_client_emails_and_lists(bilag: Bilag, credentials: OAuthCredentials) -> None:
    org = bilag.world.pro_org
    with Client(credentials, transport=bilag.transport) as sync:
        booked = booked_invoice(sync, org)

    async def email_and_list() -> tuple[list[str], list[str | None]]:
        async with AsyncClient(credentials, transport=httpx.ASGITransport(bilag.app)) as sdk:
            sending = sdk.books(org).sending
            sent = await sending.email_invoice(booked["Guid"], MailDraft(sender="s@firma.dk"))
            return sent, [m.sender for m in await sending.invoice_mailouts(booked["Guid"])]

    assert asyncio.run(email_and_list()) == (["kunde@example.dk"], ["s@firma.dk"])


@pytest.mark.parametrize(
    ("send", "problem"),
    [
        (lambda s, g: s.email_invoice(g, MailDraft(receiver="kunde@")), "Receiver"),
        (lambda s, g: s.email_invoice(g, MailDraft(sender="a, b@c.dk")), "Sender"),
        (lambda s, g: s.email_trade_offer(g, MailDraft(message="Hej")), "[link-to-pdf]"),
        (lambda s, g: s.send_sms(g, SmsDraft("12", "Kunde")), "ReceiverPhoneNumber"),
        (lambda s, g: s.send_sms(g, SmsDraft("12345678", " ")), "ReceiverName"),
        (lambda s, g: s.send_einvoice(g, EInvoiceDraft(receiver_ean_number="57")), "GLN"),
        (lambda s, g: s.send_ecredit_note(g, EInvoiceDraft("Cash")), "PaymentMeanEnum"),
    ],
)
def test_bad_sends_are_refused_before_anything_is_sent(
    client: Client, bilag: Bilag, send: Any, problem: str
) -> None:
    sending = client.books(bilag.world.pro_org).sending
    with pytest.raises(RequestValidationError) as refused:
        send(sending, "00000000-0000-0000-0000-000000000001")
    assert any(problem in text for text in refused.value.problems)
    assert client.counters.calls == 0


def test_a_draft_invoice_is_not_sent_and_bilag_says_why(client: Client, bilag: Bilag) -> None:
    org = bilag.world.pro_org
    draft = invoice(client, org, customer(client, org))
    with pytest.raises(DineroError) as refused:
        client.books(org).sending.email_invoice(draft["Guid"], MailDraft(sender="s@firma.dk"))
    assert refused.value.status == 400 and "book it first" in str(refused.value)
    assert client.books(org).sending.invoice_mailouts(draft["Guid"]) == []
