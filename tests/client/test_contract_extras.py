"""Restoring contacts, contact notes, attachment files and downloads, and changing kassekladde
items, against the real app."""

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
    Client,
    ContactDraft,
    DineroError,
    JournalLine,
    LedgerItemDraft,
    LedgerItemRef,
    OAuthCredentials,
    RequestValidationError,
    StaleVersionError,
)
from tests.api.file_samples import PDF
from tests.client.conftest import Bilag

TODAY = datetime.date.today()


def test_a_deleted_contact_is_restored(client: Client, bilag: Bilag) -> None:
    contacts = client.books(bilag.world.pro_org).contacts
    guid = contacts.create(ContactDraft("Tilbage ApS"))
    contacts.delete(guid)
    assert contacts.get(guid).deleted_at is not None
    contacts.restore(guid)
    restored = contacts.get(guid)
    assert restored.deleted_at is None and restored.name == "Tilbage ApS"
    assert guid in {c.guid for c in contacts.list()}


def test_contact_notes_are_written_read_changed_and_deleted(client: Client, bilag: Bilag) -> None:
    books = client.books(bilag.world.pro_org)
    contact = books.contacts.create(ContactDraft("Noteret ApS"))
    notes = books.contact_notes
    ids = [notes.create(contact, f"Ringede {n}") for n in range(3)]
    assert [n.text for n in notes.list(contact, page_size=2)] == [f"Ringede {n}" for n in range(3)]
    first = notes.get(contact, ids[0])
    assert first.id == ids[0] and first.author_email == bilag.world.alice_email
    notes.update(contact, ids[0], "Ringede igen")
    assert notes.get(contact, ids[0]).text == "Ringede igen"
    notes.delete(contact, ids[1])
    assert {n.id for n in notes.list(contact)} == {ids[0], ids[2]}
    assert [n.id for n in notes.list(contact, deleted_only=True)] == [ids[1]]
    with pytest.raises(DineroError) as gone:
        notes.get(contact, str(uuid.uuid4()))
    assert gone.value.status == 404


def test_bad_notes_are_refused_before_anything_is_sent(client: Client, bilag: Bilag) -> None:
    notes = client.books(bilag.world.pro_org).contact_notes
    contact = str(uuid.uuid4())
    with pytest.raises(RequestValidationError, match="Text is required"):
        notes.create(contact, "  ")
    with pytest.raises(RequestValidationError, match="at most 10000"):
        notes.update(contact, str(uuid.uuid4()), "x" * 10_001)
    with pytest.raises(RequestValidationError, match="noteGuid"):
        notes.get(contact, "../contacts")
    assert client.counters.calls == 0


def test_files_are_uploaded_as_attachments_and_downloaded(
    bilag: Bilag, credentials: OAuthCredentials
) -> None:
    async def run() -> tuple[bytes, bytes, set[str], set[str]]:
        async with AsyncClient(credentials, transport=httpx.ASGITransport(bilag.app)) as sdk:
            files = sdk.books(bilag.world.pro_org).files
            attachment = await files.upload_attachment("bilag.pdf", PDF)
            archived = await files.upload("arkiv.pdf", PDF, warn=False)
            listed = {f.file_guid async for f in files.list()}
            return (
                await files.download(attachment),
                await files.download(archived),
                listed,
                {attachment, archived},
            )

    attachment, archived, listed, guids = asyncio.run(run())
    assert attachment == PDF and archived == PDF
    assert len(guids & listed) == 1  # the attachment is kept out of the archive


def test_a_missing_file_is_a_404(client: Client, bilag: Bilag) -> None:
    with pytest.raises(DineroError) as missing:
        client.books(bilag.world.pro_org).files.download("web0crmck5v0ndcx3313g6zn61tc7wgc")
    assert missing.value.status == 404


def _lines_of(client: Client, org: int, ref: LedgerItemRef) -> list[tuple[Decimal, str]]:
    [item] = client.request(
        "POST", f"/v1/{org}/ledgeritems/ledgers", organization_id=org, json=[{"Id": ref.id}]
    )
    return [(line["Amount"], line["Description"]) for line in item["Lines"]]


def test_kassekladde_items_are_updated_and_deleted(client: Client, bilag: Bilag) -> None:
    org = bilag.world.pro_org
    ledger = client.books(org).ledger
    rent = LedgerItemDraft(TODAY, [JournalLine(Decimal("9000"), 5000, 55000, "Husleje")])
    phone = LedgerItemDraft(TODAY, [JournalLine(Decimal("300"), 6100, 55000, "Telefon", "I25")])
    first, second = ledger.add_many([rent, phone])
    higher = LedgerItemDraft(TODAY, [JournalLine(Decimal("9500"), 5000, 55000, "Ny husleje")])
    changed = ledger.update(first, higher)
    assert changed.id == first.id and changed.version != first.version
    assert _lines_of(client, org, changed) == [(Decimal("9500"), "Ny husleje")]
    with pytest.raises(StaleVersionError):
        ledger.update(first, rent)  # the version from before the update
    both = ledger.update_many([(changed, rent), (second, higher)])
    assert [ref.id for ref in both] == [first.id, second.id]
    assert _lines_of(client, org, both[0]) == [(Decimal("9000"), "Husleje")]
    assert _lines_of(client, org, both[1]) == [(Decimal("9500"), "Ny husleje")]
    ledger.delete(both)
    for ref in both:
        with pytest.raises(DineroError) as gone:
            ledger.status([ref])
        assert gone.value.status == 404


def test_bad_kassekladde_changes_are_refused_before_anything_is_sent(
    client: Client, bilag: Bilag
) -> None:
    ledger = client.books(bilag.world.pro_org).ledger
    ref = LedgerItemRef(str(uuid.uuid4()), "0000000000000001")
    with pytest.raises(RequestValidationError, match=r"\[0\].Lines needs at least one line"):
        ledger.update(ref, LedgerItemDraft(TODAY, []))
    with pytest.raises(RequestValidationError, match="at least one"):
        ledger.delete([])
    assert client.counters.calls == 0


def test_restore_notes_and_kassekladde_changes_run_async(
    bilag: Bilag, credentials: OAuthCredentials
) -> None:
    async def run() -> None:
        async with AsyncClient(credentials, transport=httpx.ASGITransport(bilag.app)) as sdk:
            books = sdk.books(bilag.world.pro_org)
            guid = await books.contacts.create(ContactDraft("Asynkron ApS"))
            await books.contacts.delete(guid)
            await books.contacts.restore(guid)
            assert (await books.contacts.get(guid)).deleted_at is None
            note = await books.contact_notes.create(guid, "Mødt på messen")
            await books.contact_notes.update(guid, note, "Mødt på messen i Herning")
            assert [n.text async for n in books.contact_notes.list(guid)] == [
                "Mødt på messen i Herning"
            ]
            await books.contact_notes.delete(guid, note)
            assert [n.id async for n in books.contact_notes.list(guid, deleted_only=True)] == [note]
            line = JournalLine(Decimal("75"), 6100, 55000, "Porto", "I25")
            ref = await books.ledger.add(LedgerItemDraft(TODAY, [line]))
            changed = await books.ledger.update(
                ref, LedgerItemDraft(TODAY, [replace(line, amount=80)])
            )
            [status] = await books.ledger.status([changed])
            assert (status.version, status.status) == (changed.version, "Draft")
            await books.ledger.delete([changed])
            with pytest.raises(DineroError):
                await books.ledger.status([changed])

    asyncio.run(run())
