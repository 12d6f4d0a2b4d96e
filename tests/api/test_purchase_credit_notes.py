"""Purchase credit notes over the API, crediting booked purchases both ways, and the
`VoucherBooked` event of manual vouchers."""

from __future__ import annotations

import uuid
from typing import Any

from starlette.testclient import TestClient

from tests.api.conftest import Minter
from tests.api.purchase_samples import (
    CASH,
    OFFICE_LINE,
    TODAY,
    book,
    booked_events,
    contact,
    create,
    credit,
    entries,
    ok,
    purchase_url,
    subscribe,
    totals,
    upload,
    voucher_count,
)
from tests.factories import World


def _notes(world: World, suffix: str = "", org: int | None = None) -> str:
    return purchase_url(world, f"/creditnotes{suffix}", org=org)


def _book_note(api: TestClient, world: World, headers: dict[str, str], note: Any) -> Any:
    url = _notes(world, f"/{note['Guid']}/book")
    return api.post(url, json={"Timestamp": note["TimeStamp"]}, headers=headers)


def test_a_credit_note_is_drafted_changed_and_booked_as_the_mirror_of_a_purchase(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    subscribe(api, world, alice)
    supplier = contact(api, world, alice)
    file_guid = upload(api, world, alice)
    purchase = create(api, world, alice, {**credit(supplier), "FileGuid": file_guid})
    chosen = str(uuid.uuid4())
    body = {"Guid": chosen, "CreditNoteFor": purchase["Guid"], "Date": f"{TODAY}T00:00:00",
            "Currency": "dkk", "Lines": [{**OFFICE_LINE, "Amount": 50}]}  # fmt: skip
    made = ok(api.post(_notes(world), json=body, headers=alice))
    assert made["Guid"] == chosen and len(made["TimeStamp"]) == 16
    note = ok(api.get(_notes(world, f"/{chosen}"), headers=alice))
    assert (note["FileGuid"], note["ContactGuid"], note["CreditNoteFor"]) == (
        file_guid,
        supplier,
        purchase["Guid"],
    )
    assert (note["Status"], note["CreditNoteNumber"], note["Date"], note["Currency"]) == (
        "Draft",
        None,
        TODAY,
        "DKK",
    )
    assert [total["Total"] for total in note["Totals"]] == [40.0, 10.0, 50.0]
    changed = ok(
        api.put(
            _notes(world, f"/{chosen}"),
            json={**body, "Lines": [OFFICE_LINE], "Timestamp": made["TimeStamp"]},
            headers=alice,
        )
    )
    assert changed["Guid"] == chosen and changed["TimeStamp"] != made["TimeStamp"]
    booked = ok(_book_note(api, world, alice, changed))
    assert (booked["Status"], booked["CreditNoteNumber"]) == ("Booked", 1)
    assert booked["BookedByType"] == f"API ({world.client_id})"
    assert totals(app, chosen) == {63000: 12500, 6000: -10000, 64010: -2500}
    assert {(e.file_guid, e.contact_guid, e.voucher_number) for e in entries(app, chosen)} == {
        (file_guid, supplier, 1)
    }
    assert booked_events(app)[-1]["VoucherType"] == "purchase_credit_note"
    again = api.put(
        _notes(world, f"/{chosen}"), json={**body, "Timestamp": booked["Timestamp"]}, headers=alice
    )
    assert (again.status_code, again.json()["code"]) == (400, 45)
    deleted = api.request(
        "DELETE", _notes(world, f"/{chosen}"), json={"Timestamp": booked["Timestamp"]},
        headers=alice,
    )  # fmt: skip
    assert deleted.status_code == 200 and totals(app, chosen) == {}
    assert api.get(_notes(world, f"/{chosen}"), headers=alice).status_code == 404


def test_credit_note_rules_are_400s_naming_the_field(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    lines = [OFFICE_LINE]
    for body, field in (
        ({}, "Lines"),
        ({"Lines": lines, "Currency": "EUR"}, "Currency"),
        ({"Lines": lines, "CreditNoteFor": str(uuid.uuid4())}, "CreditNoteFor"),
        ({"Lines": lines, "ContactGuid": str(uuid.uuid4())}, "ContactGuid"),
        ({"Lines": lines, "Date": "16-05-2022"}, "Date"),
        ({"Lines": [{"AccountNumber": 1000, "Amount": 5}]}, "Lines[0].AccountNumber"),
    ):
        response = api.post(_notes(world), json=body, headers=alice)
        assert response.status_code == 400, (body, response.text)
        assert field in response.json()["validationErrors"], (body, response.json())
    assert voucher_count(app) == 0
    made = ok(api.post(_notes(world), json={"Lines": lines}, headers=alice))
    taken = api.post(_notes(world), json={"Guid": made["Guid"], "Lines": lines}, headers=alice)
    assert taken.status_code == 400 and "Guid" in taken.json()["validationErrors"]
    no_contact = _book_note(api, world, alice, made)
    assert no_contact.status_code == 400 and "ContactGuid" in no_contact.json()["validationErrors"]
    stale = api.request(
        "DELETE", _notes(world, f"/{made['Guid']}"), json={"Timestamp": "0"}, headers=alice
    )
    assert (stale.status_code, stale.json()["code"]) == (400, 58)
    assert entries(app) == []


def test_another_organizations_credit_note_is_not_found(
    api: TestClient, world: World, alice: dict[str, str], minter: Minter
) -> None:
    bob = minter.headers(email=world.bob_email)
    bobs = ok(
        api.post(_notes(world, org=world.other_org), json={"Lines": [OFFICE_LINE]}, headers=bob)
    )
    for method, suffix, body in (
        ("GET", "", None),
        ("PUT", "", {"Lines": [OFFICE_LINE], "Timestamp": bobs["TimeStamp"]}),
        ("DELETE", "", {"Timestamp": bobs["TimeStamp"]}),
        ("POST", "/book", {"Timestamp": bobs["TimeStamp"]}),
    ):
        response = api.request(
            method, _notes(world, f"/{bobs['Guid']}{suffix}"), json=body, headers=alice
        )
        assert response.status_code == 404, (method, response.text)


def _generate(
    api: TestClient, world: World, headers: dict[str, str], voucher: Any, **extra: Any
) -> Any:
    url = purchase_url(world, f"/{voucher['Guid']}/generate-creditnote")
    body = {"Timestamp": {"Timestamp": voucher["Timestamp"]}, **extra}
    return api.post(url, json=body, headers=headers)


def test_crediting_a_credit_purchase_drafts_a_purchase_credit_note(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    supplier = contact(api, world, alice)
    file_guid = upload(api, world, alice)
    draft = create(api, world, alice, {**credit(supplier), "FileGuid": file_guid})
    refused = _generate(api, world, alice, draft)
    assert refused.status_code == 400  # only booked purchases are credited
    booked = ok(book(api, world, alice, draft))
    stale = _generate(api, world, alice, draft)
    assert (stale.status_code, stale.json()["code"]) == (400, 58)
    made = ok(_generate(api, world, alice, booked, VoucherDate="2026-01-05T00:00:00"))
    assert _generate(api, world, alice, booked).json()["code"] == 58  # its Timestamp moved on
    note = ok(api.get(_notes(world, f"/{made['Guid']}"), headers=alice))
    assert (note["CreditNoteFor"], note["ContactGuid"], note["FileGuid"], note["Date"]) == (
        booked["Guid"],
        supplier,
        file_guid,
        "2026-01-05",
    )
    assert note["Lines"] == booked["Lines"] and note["Status"] == "Draft"
    ok(_book_note(api, world, alice, made))
    both = totals(app, booked["Guid"])
    assert {a: both[a] + v for a, v in totals(app, made["Guid"]).items()} == {
        6000: 0, 64010: 0, 63000: 0
    }  # fmt: skip


def test_crediting_a_cash_purchase_drafts_a_manual_voucher_that_refunds_it(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    subscribe(api, world, alice)
    booked = ok(book(api, world, alice, create(api, world, alice, CASH)))
    made = ok(_generate(api, world, alice, booked))
    manual_url = f"/v1/{world.pro_org}/vouchers/manuel/{made['Guid']}"
    manual = ok(api.get(manual_url, headers=alice))
    assert (manual["CreditNoteFor"], manual["Status"], manual["VoucherDate"]) == (
        booked["Guid"],
        "Draft",
        TODAY,
    )
    assert (manual["TotalExclVat"], manual["TotalInclVat"]) == (100.0, 125.0)
    done = ok(
        api.post(manual_url + "/book", json={"Timestamp": manual["Timestamp"]}, headers=alice)
    )
    assert done["VoucherNumber"] == 2 and done["CreditNoteFor"] == booked["Guid"]
    assert totals(app, made["Guid"]) == {55000: 12500, 6000: -10000, 64010: -2500}
    assert [event["VoucherType"] for event in booked_events(app)] == ["purchase", "manual"]
    assert booked_events(app)[1] == {
        "VoucherGuid": made["Guid"], "VoucherNumber": 2, "VoucherType": "manual",
        "VoucherDate": TODAY,
    }  # fmt: skip
