"""Purchase tools, credit notes, payments and the year's reports against the real app."""

from __future__ import annotations

import asyncio
import datetime
import uuid
from dataclasses import replace
from decimal import Decimal

import httpx
import pytest

from bilag.client import (
    AsyncClient,
    Books,
    Client,
    ContactDraft,
    DineroError,
    EntryAccountDraft,
    JournalLine,
    LedgerItemDraft,
    ManualVoucherDraft,
    OAuthCredentials,
    PurchaseCreditNoteDraft,
    PurchaseLine,
    PurchasePaymentDraft,
    PurchaseVoucherDraft,
    ReportLine,
    RequestValidationError,
    StaleVersionError,
    Voucher,
)
from tests.api.file_samples import PDF
from tests.client.conftest import Bilag

TODAY = datetime.date.today()
GOODS = PurchaseLine(Decimal("1250"), 6000, "Varer", "I25")


def _credit_purchase(books: Books, reference: str | None = None) -> PurchaseVoucherDraft:
    supplier = books.contacts.create(ContactDraft(f"Leverandør {uuid.uuid4().hex[:6]}"))
    return PurchaseVoucherDraft(
        "credit",
        TODAY,
        [GOODS],
        contact_guid=supplier,
        payment_date=TODAY,
        external_reference=reference,
    )


def _booked(books: Books) -> Voucher:
    return books.purchase_vouchers.book(books.purchase_vouchers.create(_credit_purchase(books)))


def test_a_purchase_is_previewed_and_found_again(client: Client, bilag: Bilag) -> None:
    books = client.books(bilag.world.pro_org)
    reference = f"faktura-{uuid.uuid4().hex[:8]}"
    draft = _credit_purchase(books, reference)
    preview = books.purchase_vouchers.preview(draft)
    assert (preview.total_excl_vat, preview.vat, preview.total_incl_vat) == (
        Decimal("1000"),
        Decimal("250"),
        Decimal("1250"),
    )
    assert not books.purchase_vouchers.find_similar(draft).found
    created = books.purchase_vouchers.create(draft)
    similar = books.purchase_vouchers.find_similar(draft)
    assert similar.found and similar.guid == created.guid


def test_the_drafts_using_a_file_are_found(client: Client, bilag: Bilag) -> None:
    books = client.books(bilag.world.pro_org)
    created = books.files.upload_and_attach("regning.pdf", PDF, _credit_purchase(books))
    assert books.purchase_vouchers.drafts_using_file(str(created.file_guid)) == [created.guid]
    assert books.purchase_vouchers.drafts_using_file("web0crmck5v0ndcx3313g6zn61tc7wgc") == []


def test_a_credit_purchase_is_paid_and_the_payment_reversed(client: Client, bilag: Bilag) -> None:
    books = client.books(bilag.world.pro_org)
    booked = _booked(books)
    payments = books.purchase_payments
    added = payments.add(booked, PurchasePaymentDraft(Decimal("250"), 55000, "Delbetaling"))
    assert added.timestamp != booked.timestamp and added.related_voucher_guid
    [paid] = payments.list(booked)
    assert (paid.guid, paid.amount, paid.deposit_account_number) == (
        added.guid,
        Decimal("250"),
        55000,
    )
    with pytest.raises(StaleVersionError):
        payments.delete(booked, added.guid)  # the timestamp from before the payment
    new_timestamp = payments.delete(booked, added.guid, retry_stale=True)
    assert new_timestamp and new_timestamp != added.timestamp
    assert payments.list(booked.guid) == []


def test_a_booked_purchase_is_credited(client: Client, bilag: Bilag) -> None:
    books = client.books(bilag.world.pro_org)
    booked = _booked(books)
    credit = books.purchase_vouchers.generate_credit_note(booked)
    note = books.purchase_credit_notes.get(credit.guid)
    assert (note.status, note.credit_note_for, note.total_incl_vat) == (
        "Draft",
        booked.guid,
        Decimal("1250"),
    )
    assert note.timestamp == credit.timestamp


def test_a_booked_cash_purchase_is_credited_by_a_manual_voucher(
    client: Client, bilag: Bilag
) -> None:
    books = client.books(bilag.world.pro_org)
    draft = PurchaseVoucherDraft("cash", TODAY, [GOODS], deposit_account_number=55000)
    booked = books.purchase_vouchers.book(books.purchase_vouchers.create(draft))
    credit = books.purchase_vouchers.generate_credit_note(booked, voucher_date=TODAY)
    refund = books.manual_vouchers.get(credit.guid)
    assert (refund.status, refund.voucher_date) == ("Draft", TODAY.isoformat())
    assert refund.raw["CreditNoteFor"] == booked.guid
    with pytest.raises(StaleVersionError):
        books.purchase_vouchers.generate_credit_note(booked)  # crediting changed its version


def test_credit_notes_and_payments_run_async(bilag: Bilag, credentials: OAuthCredentials) -> None:
    async def run() -> None:
        async with AsyncClient(credentials, transport=httpx.ASGITransport(bilag.app)) as sdk:
            books = sdk.books(bilag.world.pro_org)
            supplier = await books.contacts.create(ContactDraft("Asynkron Leverandør"))
            purchase = PurchaseVoucherDraft(
                "credit", TODAY, [GOODS], contact_guid=supplier, payment_date=TODAY
            )
            assert (await books.purchase_vouchers.preview(purchase)).vat == Decimal("250")
            assert not (await books.purchase_vouchers.find_similar(purchase)).found
            created = await books.purchase_vouchers.create(purchase)
            assert (await books.purchase_vouchers.find_similar(purchase)).guid == created.guid
            booked = await books.purchase_vouchers.book(created)
            paid = await books.purchase_payments.add(booked, PurchasePaymentDraft(1250, 55000))
            assert [p.guid for p in await books.purchase_payments.list(booked)] == [paid.guid]
            await books.purchase_payments.delete(
                replace(booked, timestamp=paid.timestamp), paid.guid
            )
            assert await books.purchase_payments.list(booked) == []
            note = await books.purchase_credit_notes.create(
                PurchaseCreditNoteDraft([GOODS], credit_note_for=booked.guid)
            )
            changed = await books.purchase_credit_notes.update(
                note, PurchaseCreditNoteDraft([GOODS, GOODS], credit_note_for=booked.guid)
            )
            assert (await books.purchase_credit_notes.get(note.guid)).total_incl_vat == Decimal(
                "2500"
            )
            await books.purchase_credit_notes.delete(changed)
            with pytest.raises(DineroError):
                await books.purchase_credit_notes.get(note.guid)

    asyncio.run(run())


def test_a_credit_note_is_created_changed_booked_and_refunded(client: Client, bilag: Bilag) -> None:
    books = client.books(bilag.world.pro_org)
    notes = books.purchase_credit_notes
    booked = _booked(books)
    draft = PurchaseCreditNoteDraft([PurchaseLine(Decimal("500"), 6000, "Retur", "I25")])
    created = notes.create(replace(draft, credit_note_for=booked.guid))
    assert notes.get(created.guid).contact_guid == booked.raw["ContactGuid"]
    more = PurchaseCreditNoteDraft(
        [PurchaseLine(Decimal("625"), 6000, "Retur", "I25")], credit_note_for=booked.guid
    )
    changed = notes.update(created, more)
    assert changed.timestamp != created.timestamp
    assert notes.get(created.guid).total_incl_vat == Decimal("625")
    with pytest.raises(StaleVersionError):
        notes.book(created)
    booked_note = notes.book(created.guid)
    assert booked_note.status != "Draft" and booked_note.credit_note_number is not None
    refund = books.purchase_payments.add(booked_note, PurchasePaymentDraft(Decimal("625"), 55000))
    assert [p.amount for p in books.purchase_payments.list(booked_note)] == [Decimal("625")]
    assert refund.timestamp != booked_note.timestamp


def test_a_draft_credit_note_is_deleted(client: Client, bilag: Bilag) -> None:
    books = client.books(bilag.world.pro_org)
    supplier = books.contacts.create(ContactDraft("Returvarer ApS"))
    draft = PurchaseCreditNoteDraft([GOODS], contact_guid=supplier, guid=str(uuid.uuid4()))
    created = books.purchase_credit_notes.create(draft)
    assert created.guid == draft.guid
    books.purchase_credit_notes.delete(created)
    with pytest.raises(DineroError) as gone:
        books.purchase_credit_notes.get(created.guid)
    assert gone.value.status == 404


def test_bad_credit_notes_and_payments_are_refused_before_anything_is_sent(
    client: Client, bilag: Bilag
) -> None:
    books = client.books(bilag.world.pro_org)
    with pytest.raises(RequestValidationError) as note:
        books.purchase_credit_notes.create(PurchaseCreditNoteDraft([], credit_note_for="nope"))
    assert note.value.problems == [
        "CreditNoteFor must be a GUID, not 'nope'",
        "Lines needs at least one line",
    ]
    voucher = Voucher(str(uuid.uuid4()), "0000000000000001", "Booked", 1, None, None)
    with pytest.raises(RequestValidationError, match="Amount has at most 2 decimals"):
        books.purchase_payments.add(voucher, PurchasePaymentDraft(Decimal("1.005"), 55000))
    with pytest.raises(RequestValidationError, match="Amount must differ from 0"):
        books.purchase_payments.add(voucher, PurchasePaymentDraft(0, 55000))
    with pytest.raises(RequestValidationError, match="VoucherDate"):
        books.purchase_vouchers.generate_credit_note(voucher, voucher_date="26-11-2026")
    with pytest.raises(RequestValidationError, match="accounting year"):
        books.reports.saldo("2026/../x")
    assert client.counters.calls == 0


def test_the_reports_show_what_was_booked(bilag: Bilag, credentials: OAuthCredentials) -> None:
    async def run() -> None:
        async with AsyncClient(credentials, transport=httpx.ASGITransport(bilag.app)) as sdk:
            books = sdk.books(bilag.world.pro_org)
            await books.accounts.create_entry_account(EntryAccountDraft(1098, "Kursussalg", "U25"))
            sale = JournalLine(
                Decimal("500"), 55000, 1098, "Kursus", balancing_account_vat_code="U25"
            )
            voucher = await books.manual_vouchers.create(ManualVoucherDraft(TODAY, [sale]))
            await books.manual_vouchers.book(voucher)
            pending = JournalLine(
                Decimal("100"), 55000, 1098, "Kursus", balancing_account_vat_code="U25"
            )
            await books.ledger.add(LedgerItemDraft(TODAY, [pending]))
            [year] = [
                y
                for y in await books.accounting_years.list()
                if y.from_date <= TODAY.isoformat() <= y.to_date
            ]
            reports = books.reports

            def amounts(lines: list[ReportLine]) -> dict[int, Decimal]:
                return {line.account_number: line.amount for line in lines}

            assert amounts(await reports.saldo(year))[1098] == Decimal(
                "-500"
            )  # sales VAT comes on top
            with_ledger = await reports.saldo(year, include_ledger_entries=True)
            assert amounts(with_ledger)[1098] == Decimal("-600")
            result = await reports.result(year.name, show_account_numbers=True)
            [course] = [line for line in result if line.account_number == 1098]
            assert course.account_name and course.account_name.startswith("1098")
            assert abs(course.amount) == Decimal("500")
            balance = amounts(await reports.balance(year, show_zero_accounts=True))
            saldo = amounts(await reports.saldo(year, show_zero_accounts=True))
            assert 1098 not in balance and balance[55000] == saldo[55000]
            primo = await reports.primo(
                year, show_zero_accounts=True, include_summary_accounts=False
            )
            assert 1098 not in amounts(primo) and 55000 in amounts(primo)

    asyncio.run(run())
