"""Sales credit notes: standalone or generated from a booked invoice, booked as its mirror."""

from __future__ import annotations

from typing import Any

from starlette.testclient import TestClient

from tests.api.sales_helpers import (
    book,
    booked_invoice,
    create,
    customer,
    entries_of,
    invoice_body,
    trial_balance,
)
from tests.factories import World

NOTES = "sales/creditnotes"


def test_generate_creditnote_copies_the_invoice_and_books_its_mirror(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    invoice = booked_invoice(api, world, alice)
    url = f"/v1/{world.pro_org}/invoices/{invoice['Guid']}/generate-creditnote"
    stale = api.post(url, json={"Timestamp": "0000000000000000"}, headers=alice)
    assert stale.status_code == 400 and stale.json()["code"] == 58
    created = api.post(url, headers=alice)
    assert created.status_code == 200, created.text
    note_url = f"/v1/{world.pro_org}/{NOTES}/{created.json()['Guid']}"
    note = api.get(note_url, headers=alice).json()
    assert note["CreditNoteFor"] == invoice["Guid"]
    assert note["Status"] == "Draft" and note["Description"] == "Kreditnota"
    assert note["TotalInclVat"] == invoice["TotalInclVat"]
    assert note["ContactGuid"] == invoice["ContactGuid"]
    assert "PaymentDate" not in note and "FikCode" not in note
    booked = book(api, world, alice, created.json(), NOTES)
    assert booked["Number"] == invoice["Number"] + 1
    assert entries_of(app, booked["Guid"]) == {57000: -200000, 1000: 160000, 64000: 40000}
    assert trial_balance(app, world.pro_org) == 0


def test_a_draft_invoice_cannot_be_credited(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    draft = create(api, world, alice, invoice_body(None), "invoices")
    url = f"/v1/{world.pro_org}/invoices/{draft['Guid']}/generate-creditnote"
    assert api.post(url, headers=alice).status_code == 400
    body = invoice_body(None, CreditNoteFor=draft["Guid"])
    refused = api.post(f"/v1/{world.pro_org}/{NOTES}", json=body, headers=alice)
    assert refused.status_code == 400 and "CreditNoteFor" in refused.json()["validationErrors"]


def test_a_standalone_credit_note_lives_its_own_life(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    body = invoice_body(customer(api, world, alice), Language="en-GB")
    preview = api.post(f"/v1/{world.pro_org}/{NOTES}/fetch", json=body, headers=alice)
    assert preview.status_code == 200, preview.text
    assert preview.json()["Description"] == "Credit note"
    assert preview.json()["TotalLines"][1]["Label"] == "VAT (25%)"
    created = create(api, world, alice, body, NOTES)
    url = f"/v1.2/{world.pro_org}/{NOTES}/{created['Guid']}"
    whole = api.get(f"/v1/{world.pro_org}/{NOTES}/{created['Guid']}", headers=alice).json()
    updated = api.put(url, json={**whole, "Comment": "Rabat"}, headers=alice)
    assert updated.status_code == 200, updated.text
    deleted = api.delete(f"/v1/{world.pro_org}/{NOTES}/{created['Guid']}", headers=alice)
    assert deleted.status_code == 200
    assert (
        api.get(f"/v1/{world.pro_org}/{NOTES}/{created['Guid']}", headers=alice).status_code == 404
    )
    invoice_path = f"/v1/{world.pro_org}/invoices/{created['Guid']}"
    assert api.get(invoice_path, headers=alice).status_code == 404
