"""`books.invoices`, `books.sales_credit_notes` and `books.sales` against the real app in process:
drafts are previewed, saved, replaced, booked, paid and credited, and read back."""

from __future__ import annotations

import asyncio
import datetime
import uuid
from decimal import Decimal

import httpx
import pytest

from bilag.client import (
    AsyncClient,
    Books,
    Client,
    ContactDraft,
    DineroError,
    InvoiceDraft,
    InvoiceLine,
    OAuthCredentials,
    PaymentDraft,
    RequestValidationError,
    SalesCreditNoteDraft,
    StaleVersionError,
    eq,
)
from tests.client.conftest import Bilag

TODAY = datetime.date.today()
ADVICE = InvoiceLine("Rådgivning", Decimal("800"), 2, 1000, unit="hours")


@pytest.fixture
def books(client: Client, bilag: Bilag) -> Books:
    return client.books(bilag.world.pro_org)


def customer(books: Books) -> str:
    return books.contacts.create(ContactDraft("Kunde ApS", street="Vestergade 1", city="Aarhus"))


def test_an_invoice_is_previewed_drafted_replaced_booked_and_paid(books: Books) -> None:
    draft = InvoiceDraft([InvoiceLine.text("Ydelser"), ADVICE], TODAY, customer(books))
    preview = books.invoices.fetch(draft)
    assert (preview.total_excl_vat, preview.total_vat, preview.total_incl_vat) == (
        Decimal("1600"),
        Decimal("400"),
        Decimal("2000"),
    )
    assert preview.guid == "" and [line.line_type for line in preview.lines] == ["Text", "Product"]

    created = books.invoices.create(draft)
    saved = books.invoices.get(created.guid)
    assert (saved.status, saved.number, saved.contact_name) == ("Draft", None, "Kunde ApS")
    assert saved.timestamp == created.timestamp and saved.total_incl_vat == Decimal("2000")

    bigger = InvoiceDraft([InvoiceLine("Rådgivning", 800, 3, 1000, unit="hours")], TODAY)
    bigger.contact_guid, bigger.payment_condition_days = saved.contact_guid, 14
    updated = books.invoices.update(saved, bigger)
    assert updated.timestamp != saved.timestamp
    with pytest.raises(StaleVersionError):
        books.invoices.book(saved)  # the version from before the update
    booked = books.invoices.book(saved, retry_stale=True)
    assert booked.status == "Booked" and booked.number is not None
    assert booked.total_incl_vat == Decimal("3000") and booked.payment_condition_days == 14
    assert booked.lines[0].quantity == Decimal("3")

    paid = books.invoices.payments.add(
        booked, PaymentDraft(Decimal("3000"), 55000, "Betaling", payment_date=TODAY)
    )
    assert paid.voucher_guid and paid.timestamp != booked.timestamp
    payments = books.invoices.payments.list(booked)
    assert (payments.paid, payments.remaining) == (Decimal("3000"), Decimal("0"))
    assert [(p.guid, p.amount, p.deposit_account_number) for p in payments.payments] == [
        (paid.guid, Decimal("3000"), 55000)
    ]
    assert books.invoices.get(booked.guid).payment_status == "Paid"

    timestamp = books.invoices.payments.delete(booked.guid, paid)
    assert timestamp == books.invoices.get(booked.guid).timestamp
    assert books.invoices.payments.list(booked.guid).payments == ()


def test_invoices_are_listed_by_filter_and_status_and_deleted(books: Books) -> None:
    marker = uuid.uuid4().hex[:10]
    contact = customer(books)
    drafts = [
        InvoiceDraft([ADVICE], TODAY, contact, external_reference=f"{marker}-{n}") for n in range(3)
    ]
    refs = [books.invoices.create(draft) for draft in drafts]
    books.invoices.book(refs[0])
    mine = list(books.invoices.list(eq("ContactGuid", contact), page_size=2))
    assert sorted(item.guid for item in mine) == sorted(ref.guid for ref in refs)
    [one] = books.invoices.list(eq("ExternalReference", f"{marker}-1"))
    assert (one.guid, one.type, one.status, one.number) == (refs[1].guid, "Invoice", "Draft", None)
    assert one.total_incl_vat == Decimal("2000") and one.contact_name == "Kunde ApS"
    booked = list(books.invoices.list(eq("ContactGuid", contact), statuses=["Booked"]))
    assert [item.guid for item in booked] == [refs[0].guid]
    for order, booked_at in (("ascending", -1), ("descending", 0)):
        ordered = list(
            books.invoices.list(eq("ContactGuid", contact), sort=["status"], sort_order=order)
        )
        assert ordered[booked_at].guid == refs[0].guid and len(ordered) == 3
    with pytest.raises(RequestValidationError, match="sort takes VoucherNumber"):
        books.invoices.list(sort=["Amount"])
    an_hour_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=1)
    recent = books.invoices.list(eq("ContactGuid", contact), changes_since=an_hour_ago)
    assert len(list(recent)) == 3
    found = list(books.sales.list(eq("ContactGuid", contact), period=(TODAY, TODAY)))
    assert {item.type for item in found} == {"Invoice"} and len(found) == 3

    books.invoices.delete(refs[2].guid)
    with pytest.raises(DineroError) as gone:
        books.invoices.get(refs[2].guid)
    assert gone.value.status == 404
    assert refs[2].guid not in {
        item.guid for item in books.invoices.list(eq("ContactGuid", contact))
    }


def test_a_booked_invoice_is_credited_refunded_and_printed(books: Books) -> None:
    invoice = books.invoices.book(
        books.invoices.create(InvoiceDraft([ADVICE], TODAY, customer(books)))
    )
    printed = books.invoices.pdf(invoice)
    assert printed.startswith(b"%PDF") and printed.rstrip().endswith(b"%%EOF")
    ref = books.invoices.credit(invoice)
    note = books.sales_credit_notes.get(ref.guid)
    assert (note.credit_note_for, note.status, note.total_incl_vat) == (
        invoice.guid,
        "Draft",
        Decimal("2000"),
    )
    booked = books.sales_credit_notes.book(note)
    assert booked.status == "Booked" and booked.number is not None
    assert books.sales_credit_notes.pdf(booked).startswith(b"%PDF")

    refund = books.sales_credit_notes.payments.add(
        booked, PaymentDraft(2000, 55000, "Tilbagebetalt")
    )
    assert [p.guid for p in books.sales_credit_notes.payments.list(booked).payments] == [
        refund.guid
    ]
    with pytest.raises(StaleVersionError):
        books.sales_credit_notes.payments.delete(booked, refund.guid)  # paying changed it
    books.sales_credit_notes.payments.delete(booked, refund.guid, retry_stale=True)
    assert books.sales_credit_notes.payments.list(booked).paid == Decimal("0")

    kinds = {
        item.guid: item.type
        for item in books.sales.list(eq("ContactGuid", invoice.contact_guid or ""))
    }
    assert kinds == {invoice.guid: "Invoice", booked.guid: "CreditNote"}


def test_a_standalone_credit_note_is_drafted_replaced_and_deleted(books: Books) -> None:
    draft = SalesCreditNoteDraft([ADVICE], TODAY, customer(books), description="Rabat")
    assert books.sales_credit_notes.fetch(draft).total_incl_vat == Decimal("2000")
    created = books.sales_credit_notes.create(draft)
    draft.lines = [InvoiceLine("Rabat", 100, 1, 1000)]
    books.sales_credit_notes.update(created, draft)
    note = books.sales_credit_notes.get(created.guid)
    assert (note.description, note.total_incl_vat) == ("Rabat", Decimal("125"))
    assert created.guid in {i.guid for i in books.sales_credit_notes.list(statuses=["Draft"])}
    books.sales_credit_notes.delete(note)
    assert created.guid not in {i.guid for i in books.sales_credit_notes.list()}


def test_templates_settings_and_what_the_server_refuses(books: Books, client: Client) -> None:
    [template] = books.invoices.templates()
    assert template.is_default and template.name == "Standard"
    settings = books.sales.settings()
    assert (settings.default_account_number, settings.payment_condition_type) == (1000, "Netto")
    assert settings.reminder_fee == Decimal("100")
    stranger = str(uuid.uuid4())
    with pytest.raises(DineroError) as refused:
        books.invoices.create(InvoiceDraft([ADVICE], TODAY, stranger))
    assert refused.value.status == 400 and "ContactGuid" in refused.value.validation_errors
    draft = books.invoices.create(InvoiceDraft([ADVICE], TODAY))
    with pytest.raises(DineroError) as unpaid:
        books.invoices.payments.add(draft, PaymentDraft(10, 55000, "For tidligt"))
    assert unpaid.value.status == 400
    assert client.counters.errors_by_status == {400: 2}


def test_the_async_client_drafts_books_and_lists_sales(
    bilag: Bilag, credentials: OAuthCredentials
) -> None:
    async def run() -> None:
        async with AsyncClient(credentials, transport=httpx.ASGITransport(bilag.app)) as sdk:
            books = sdk.books(bilag.world.pro_org)
            contact = await books.contacts.create(ContactDraft("Asynkron Kunde"))
            draft = InvoiceDraft([ADVICE], TODAY, contact, currency="EUR", language="en-GB")
            assert (await books.invoices.fetch(draft)).currency == "EUR"
            invoice = await books.invoices.book((await books.invoices.create(draft)).guid)
            paid = await books.invoices.payments.add(
                invoice.guid, PaymentDraft(1490, 55000, "Paid", amount_in_foreign_currency=2000)
            )
            assert (await books.invoices.payments.list(invoice)).payments[0].guid == paid.guid
            note = await books.invoices.credit(invoice.guid)
            booked = await books.sales_credit_notes.book(note)
            assert (await books.sales_credit_notes.pdf(booked.guid))[:4] == b"%PDF"
            rows = [row async for row in books.sales.list(eq("ContactGuid", contact))]
            assert sorted(row.type for row in rows) == ["CreditNote", "Invoice"]
            assert {row.currency for row in rows} == {"EUR"}
            assert (await books.sales.settings()).lines_incl_vat is False
            assert [t.is_default for t in await books.invoices.templates()] == [True]

    asyncio.run(run())
