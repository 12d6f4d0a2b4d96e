"""SDK methods against the real app in process: what they send is what bilag accepts, and what
bilag answers is what they read."""

from __future__ import annotations

import asyncio
import datetime
import time
import uuid
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from bilag.client import (
    AsyncClient,
    Client,
    ContactDraft,
    DineroError,
    JournalLine,
    LedgerItemDraft,
    ManualVoucherDraft,
    OAuthCredentials,
    PurchaseLine,
    PurchaseVoucherDraft,
    RateLimitedError,
    StaleVersionError,
    contains,
    eq,
)
from tests.api.file_samples import PDF
from tests.client.conftest import ENDPOINTS, Bilag, bilag_in_process

TODAY = datetime.date.today()


def test_contacts_are_created_found_by_filter_and_paged(client: Client, bilag: Bilag) -> None:
    books = client.books(bilag.world.pro_org)
    marker = uuid.uuid4().hex[:8]
    guids = [
        books.contacts.create(ContactDraft(f"{marker} Kunde {n}", external_reference=f"o'{n}"))
        for n in range(3)
    ]
    found = list(books.contacts.list(contains("Name", marker), page_size=1))
    assert sorted(c.guid for c in found) == sorted(guids)
    [exact] = books.contacts.list(eq("ExternalReference", "o'1"), contains("name", marker))
    assert exact.guid == guids[1] and exact.name == f"{marker} Kunde 1"
    assert books.contacts.get(guids[2]).external_reference == "o'2"
    assert client.counters.errors_by_status == {}


def test_an_expense_with_its_receipt_is_booked_and_found_in_the_entries(
    bilag: Bilag, credentials: OAuthCredentials
) -> None:
    org = bilag.world.pro_org

    async def book_expense() -> tuple[str, str, list[object]]:
        async with AsyncClient(credentials, transport=httpx.ASGITransport(bilag.app)) as sdk:
            books = sdk.books(org)
            draft = PurchaseVoucherDraft(
                "cash",
                TODAY,
                [PurchaseLine(Decimal("125.00"), 6000, "Kontorartikler", "I25")],
                deposit_account_number=55000,
                region_key="DK",
            )
            created = await books.files.upload_and_attach("kvittering.pdf", PDF, draft)
            booked = await books.purchase_vouchers.book(created.guid)
            assert booked.status != "Draft" and booked.voucher_number is not None
            entries = await books.entries.list(TODAY, TODAY, include_primo=False)
            return created.guid, str(created.file_guid), list(entries)

    guid, file_guid, entries = asyncio.run(book_expense())
    mine = [e for e in entries if e.voucher_guid == guid]  # type: ignore[attr-defined]
    amounts = {e.account_number: e.amount for e in mine}  # type: ignore[attr-defined]
    assert amounts[6000] == Decimal("100") and amounts[55000] == Decimal("-125")
    assert {e.file_guid for e in mine} == {file_guid}  # type: ignore[attr-defined]


def test_a_manual_voucher_is_updated_and_booked_with_its_timestamp(
    client: Client, bilag: Bilag
) -> None:
    books = client.books(bilag.world.pro_org)
    sale = JournalLine(Decimal("800"), 55000, 1000, "Dagens salg", balancing_account_vat_code="U25")
    draft = ManualVoucherDraft(TODAY, [sale], external_reference="z-1")
    created = books.manual_vouchers.create(draft)
    updated = books.manual_vouchers.update(created, ManualVoucherDraft(TODAY, [sale, sale]))
    assert updated.timestamp != created.timestamp
    with pytest.raises(StaleVersionError):
        books.manual_vouchers.book(created)  # the timestamp from before the update
    booked = books.manual_vouchers.book(created, retry_stale=True)
    assert booked.status == "Booked" and booked.voucher_number is not None


def test_kassekladde_items_are_added_booked_and_followed(client: Client, bilag: Bilag) -> None:
    books = client.books(bilag.world.pro_org)
    rent = LedgerItemDraft(TODAY, [JournalLine(Decimal("10000"), 5000, 55000, "Husleje")])
    phone = LedgerItemDraft(TODAY, [JournalLine(Decimal("312.50"), 6100, 55000, "Telefon", "I25")])
    single = books.ledger.add(rent)
    batch = books.ledger.add_many([phone, rent])
    assert len(batch) == 2 and all(ref.version for ref in batch)
    refs = [single, *batch]
    books.ledger.book(refs)
    deadline = time.monotonic() + 10  # bilag books the kassekladde in the background
    while True:
        statuses = books.ledger.status(refs)
        if all(s.status == "Booked" for s in statuses) or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert [s.status for s in statuses] == ["Booked"] * 3
    assert len({s.voucher_number for s in statuses}) == 3


def test_accounts_and_an_unknown_voucher(client: Client, bilag: Bilag) -> None:
    books = client.books(bilag.world.pro_org)
    assert 55000 in {a.account_number for a in books.accounts.deposit()}
    assert 6000 in {a.account_number for a in books.accounts.purchase()}
    with pytest.raises(DineroError) as missing:
        books.purchase_vouchers.get(str(uuid.uuid4()))
    assert missing.value.status == 404 and missing.value.code == 40


def test_any_endpoint_through_request(client: Client, bilag: Bilag) -> None:
    org = bilag.world.pro_org
    vat_types = client.request("GET", f"/v1/{org}/vatTypes", organization_id=org)
    assert "I25" in {vat["VatCode"] for vat in vat_types}
    assert isinstance(vat_types[0]["VatRate"], Decimal)


def test_a_429_from_the_server_is_waited_out_a_bounded_number_of_times(
    sqlite_url: str, tmp_path: Path
) -> None:
    for small in bilag_in_process(sqlite_url, tmp_path, rate_limit_per_minute=2):
        credentials = OAuthCredentials(
            small.oauth_app(), small.authorized_store(tmp_path / "t.json"), endpoints=ENDPOINTS
        )
        slept: list[float] = []
        client = Client(credentials, transport=small.transport, sleep=slept.append)
        books = client.books(small.world.pro_org)
        books.accounts.deposit()
        books.accounts.deposit()
        with pytest.raises(RateLimitedError, match="quota exceeded") as limited:
            books.accounts.deposit()
        assert len(slept) == 3 and all(0 < s <= 60 for s in slept)
        assert limited.value.retry_after > 0
        assert client.counters.errors_by_status == {429: 4}
        assert client.counters.rate_limited_waits == 3


def test_contacts_are_updated_and_deleted(client: Client, bilag: Bilag) -> None:
    books = client.books(bilag.world.pro_org)
    guid = books.contacts.create(ContactDraft("Gammelt Navn ApS", email="a@example.com"))
    books.contacts.update(guid, ContactDraft("Nyt Navn ApS", email="b@example.com"))
    renamed = books.contacts.get(guid)
    assert (renamed.name, renamed.email) == ("Nyt Navn ApS", "b@example.com")
    books.contacts.delete(guid)
    assert guid in {c.guid for c in books.contacts.list(deleted_only=True)}
    assert guid not in {c.guid for c in books.contacts.list()}


def test_a_draft_is_deleted_with_its_timestamp_and_changes_list_bookings(
    client: Client, bilag: Bilag
) -> None:
    books = client.books(bilag.world.pro_org)
    line = JournalLine(Decimal("50"), 55000, 1000, "Kontant salg", balancing_account_vat_code="U25")
    draft = books.manual_vouchers.create(ManualVoucherDraft(TODAY, [line]))
    books.manual_vouchers.delete(draft)
    with pytest.raises(DineroError) as gone:
        books.manual_vouchers.get(draft.guid)
    assert gone.value.status == 404
    before = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=1)
    booked = books.manual_vouchers.book(
        books.manual_vouchers.create(ManualVoucherDraft(TODAY, [line]))
    )
    after = datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=1)
    changed = books.entries.changes(before, after, include_primo=False)
    assert {e.voucher_number for e in changed if e.voucher_guid == booked.guid} == {
        booked.voucher_number
    }
