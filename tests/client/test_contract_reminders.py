"""`books.reminders` against the real app in process: previews, a reminder's life from draft to
booked to deleted, its PDF, its e-mail and its e-reminder. The overdue invoice falls due on
9 January, and reminders are dated in January, so nothing depends on today's date."""

from __future__ import annotations

import asyncio
import datetime
from decimal import Decimal

import httpx
import pytest

from bilag.client import (
    AsyncClient,
    Client,
    EInvoiceDraft,
    MailDraft,
    OAuthCredentials,
    ReminderDraft,
    RequestValidationError,
    StaleVersionError,
)
from tests.client.conftest import Bilag
from tests.client.sales_steps import (
    GLN,
    NEW_YEAR,
    e_invoice_seller,
    invoice_timestamp,
    overdue_invoice,
)

DUE = NEW_YEAR + datetime.timedelta(days=8)


def day(after_due: int) -> datetime.date:
    return DUE + datetime.timedelta(days=after_due)


def test_previews_show_what_a_reminder_would_charge(client: Client, bilag: Bilag) -> None:
    org = bilag.world.pro_org
    reminders = client.books(org).reminders
    invoice = overdue_invoice(client, org)
    upcoming = reminders.next(invoice["Guid"])
    assert (upcoming.id, upcoming.number, upcoming.is_draft) == (None, 1, True)
    assert upcoming.timestamp == invoice_timestamp(client, org, invoice["Guid"])
    preview = reminders.fetch(invoice["Guid"], ReminderDraft(day(5), title="ignored"))
    assert (preview.invoice_total, preview.fee, preview.total) == (
        Decimal("2000"),
        Decimal("100"),
        Decimal("2100"),
    )
    assert preview.title == "Rykker 1" and preview.date == day(5).isoformat()
    assert reminders.list(invoice["Guid"]) == []


def test_a_reminder_is_added_changed_booked_mailed_and_deleted(
    client: Client, bilag: Bilag
) -> None:
    org = bilag.world.pro_org
    books = client.books(org)
    invoice = overdue_invoice(client, org)["Guid"]
    added = books.reminders.create(invoice, ReminderDraft(day(5), title="Første rykker"))
    assert added.id is not None and added.is_draft and added.number == 1
    assert (added.title, added.fee, added.total) == ("Første rykker", Decimal(100), Decimal(2100))
    assert books.reminders.get(invoice, added.id) == added
    changed = books.reminders.update(
        invoice, added, ReminderDraft(day(6), with_fee=False, description="Betal venligst")
    )
    assert (changed.date, changed.fee, changed.description) == (
        day(6).isoformat(),
        Decimal(0),
        "Betal venligst",
    )
    assert [r.id for r in books.reminders.list(invoice)] == [added.id]
    with pytest.raises(StaleVersionError):
        books.reminders.book(invoice, added)  # the version before the change
    booked = books.reminders.book(invoice, added, retry_stale=True)
    assert not booked.is_draft and booked.timestamp != changed.timestamp
    assert books.reminders.pdf(invoice, added.id).startswith(b"%PDF")
    template = books.reminders.email_template(invoice)
    assert template.subject is not None and template.subject.startswith("Rykker 1 for faktura")
    assert books.reminders.email(invoice, MailDraft(sender="salg@firma.dk")) == ["kunde@example.dk"]
    [mailout] = books.sending.invoice_mailouts(invoice)
    assert (mailout.type, mailout.subject) == ("Reminder", template.subject)
    books.reminders.delete(invoice, booked)
    assert books.reminders.get(invoice, added.id).is_deleted


def test_a_booked_reminder_goes_out_as_an_e_reminder(client: Client, bilag: Bilag) -> None:
    from bilag.storage.mailouts import mailouts_of

    org = bilag.world.pro_org
    e_invoice_seller(bilag, org)
    reminders = client.books(org).reminders
    invoice = overdue_invoice(client, org)["Guid"]
    booked = reminders.book(invoice, reminders.create(invoice, ReminderDraft(day(3))))
    assert booked.id is not None
    draft = EInvoiceDraft("Domestic", receiver_ean_number=GLN, att_person="Jens Hansen")
    reminders.send_e_reminder(invoice, booked.id, draft)
    with bilag.app.state.services.database.read() as session:
        [sent] = mailouts_of(session, org, invoice)
    assert (sent.type, sent.receiver, sent.reminder_id) == (
        "ElectronicInvoiceReminder",
        f"GLN {GLN}",
        booked.id,
    )
    assert b"Jens Hansen" in (sent.payload or b"")


def test_the_async_client_adds_and_books_a_reminder(
    bilag: Bilag, credentials: OAuthCredentials
) -> None:
    org = bilag.world.pro_org
    with Client(credentials, transport=bilag.transport) as sync:
        invoice = overdue_invoice(sync, org)["Guid"]

    async def add_and_book() -> tuple[bool, list[int | None]]:
        async with AsyncClient(credentials, transport=httpx.ASGITransport(bilag.app)) as sdk:
            reminders = sdk.books(org).reminders
            added = await reminders.create(invoice, ReminderDraft(day(2), with_fee=False))
            assert added.id is not None
            booked = await reminders.book(invoice, added.id)
            return booked.is_draft, [r.id for r in await reminders.list(invoice)]

    is_draft, listed = asyncio.run(add_and_book())
    assert not is_draft and len(listed) == 1 and listed[0] is not None


@pytest.mark.parametrize(
    ("draft", "problem"),
    [
        (ReminderDraft("2026-13-01"), "Date must be a date"),
        (ReminderDraft(day(1), with_fee="yes"), "WithFee must be true or false"),
        (ReminderDraft(day(1), title="x" * 201), "Title is at most 200"),
    ],
)
def test_bad_reminders_are_refused_before_anything_is_sent(
    client: Client, bilag: Bilag, draft: ReminderDraft, problem: str
) -> None:
    reminders = client.books(bilag.world.pro_org).reminders
    invoice = "00000000-0000-0000-0000-000000000001"
    for attempt in (reminders.create, reminders.fetch):
        with pytest.raises(RequestValidationError) as refused:
            attempt(invoice, draft)
        assert any(problem in text for text in refused.value.problems), refused.value.problems
    with pytest.raises(RequestValidationError, match="positive whole number"):
        reminders.get(invoice, 0)
    e_invoice = EInvoiceDraft(receiver_ean_number=GLN, order_reference="PO-1")
    with pytest.raises(RequestValidationError, match="OrderReference"):
        reminders.send_e_reminder(invoice, 1, e_invoice)
    assert client.counters.calls == 0
