"""Manual vouchers over the API: drafts, versions, booking into the journal, and deletion."""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import httpx
from sqlalchemy import select
from starlette.testclient import TestClient

from bilag.storage.models import FileLink, JournalEntry
from tests.api.conftest import Minter
from tests.api.file_samples import PDF
from tests.factories import World

TODAY = date.today().isoformat()
DAILY_SALES = {
    "VoucherDate": TODAY,
    "ExternalReference": "kasse-2026-1",
    "Lines": [
        {
            "Description": "Kortbetalinger",
            "AccountNumber": 55010,
            "BalancingAccountNumber": 1000,
            "Amount": 800.00,
            "BalancingAccountVatCode": "U25",
        },
        {
            "Description": "MobilePay",
            "AccountNumber": 55020,
            "BalancingAccountNumber": 1000,
            "Amount": 200.00,
            "BalancingAccountVatCode": "U25",
        },
    ],
}
TRANSFER = {
    "VoucherDate": TODAY,
    "Lines": [
        {
            "AccountNumber": 55010,
            "BalancingAccountNumber": 55000,
            "Amount": 100,
            "AccountVatCode": "none",
            "BalancingAccountVatCode": "none",
        }
    ],
}


def _url(world: World, suffix: str = "", organization: int | None = None) -> str:
    return f"/v1/{organization or world.pro_org}/vouchers/manuel{suffix}"


def _create(
    api: TestClient,
    world: World,
    headers: dict[str, str],
    body: Any,
    organization: int | None = None,
) -> dict[str, Any]:
    response = api.post(_url(world, "", organization), json=body, headers=headers)
    assert response.status_code == 200, response.text
    created: dict[str, Any] = response.json()
    return created


def _entries(app: Any, guid: str | None = None) -> list[tuple[int, int]]:
    query = select(JournalEntry.account_number, JournalEntry.amount_ore)
    if guid is not None:
        query = query.where(JournalEntry.voucher_guid == guid)
    with app.state.services.database.read() as session:
        return [(account, amount) for account, amount in session.execute(query)]


def test_daily_sales_with_a_file_are_booked_and_balance(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    upload = api.post(
        _url(world).replace("vouchers/manuel", "files"),
        files={"file": ("z-rapport.pdf", PDF)},
        headers=alice,
    )
    file_guid = upload.json()["FileGuid"]
    draft = _create(api, world, alice, {**DAILY_SALES, "FileGuid": file_guid})
    assert (draft["Status"], draft["VoucherNumber"], draft["FileGuid"]) == (
        "Draft",
        None,
        file_guid,
    )
    assert (draft["TotalExclVat"], draft["TotalInclVat"]) == (1000.0, 1250.0)
    assert _entries(app) == []
    booked = api.post(
        _url(world, f"/{draft['Guid']}/book"), json={"Timestamp": draft["Timestamp"]}, headers=alice
    )
    assert booked.status_code == 200, booked.text
    assert (booked.json()["Status"], booked.json()["VoucherNumber"]) == ("Booked", 1)
    assert booked.json()["Timestamp"] != draft["Timestamp"]
    assert booked.json()["BookedByType"] == f"API ({world.client_id})"
    assert booked.json()["BookedByUsername"] == world.alice_email
    entries = _entries(app, draft["Guid"])
    assert sum(amount for _account, amount in entries) == 0
    totals: dict[int, int] = {}
    for account, amount in entries:
        totals[account] = totals.get(account, 0) + amount
    assert totals == {55010: 100000, 55020: 25000, 1000: -100000, 64000: -25000}
    with app.state.services.database.read() as session:
        link = session.get(FileLink, (file_guid, "manual_voucher", draft["Guid"]))
        assert link is not None and link.target_number == 1
    read = api.get(_url(world, f"/{draft['Guid']}"), headers=alice).json()
    assert read == booked.json()


def test_a_stale_or_missing_timestamp_is_code_58_and_changes_nothing(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    draft = _create(api, world, alice, TRANSFER)
    guid = draft["Guid"]
    updated = api.put(
        _url(world, f"/{guid}"),
        json={**DAILY_SALES, "Timestamp": draft["Timestamp"]},
        headers=alice,
    )
    assert updated.status_code == 200, updated.text
    for body in ({"Timestamp": draft["Timestamp"]}, {}, {"Timestamp": ""}):
        for method, suffix in (("POST", "/book"), ("PUT", ""), ("DELETE", "")):
            response = api.request(
                method, _url(world, f"/{guid}{suffix}"), json=body, headers=alice
            )
            assert response.status_code == 400, (method, body, response.text)
            assert response.json()["code"] == 58
    assert api.get(_url(world, f"/{guid}"), headers=alice).json() == updated.json()
    assert _entries(app) == []


def test_two_bookings_of_one_draft_at_once_give_one_voucher(
    live_server: str, world: World, minter: Minter, app: Any
) -> None:
    served = dataclasses.replace(
        minter, settings=dataclasses.replace(minter.settings, base_url=live_server)
    )
    headers = served.headers()
    with httpx.Client(base_url=live_server, headers=headers, timeout=30) as http:
        created = http.post(_url(world), json=TRANSFER)
        assert created.status_code == 200, created.text
        draft = created.json()
        book = _url(world, f"/{draft['Guid']}/book")
        with ThreadPoolExecutor(4) as pool:
            answers = list(
                pool.map(
                    lambda _: http.post(book, json={"Timestamp": draft["Timestamp"]}), range(4)
                )
            )
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [200, 400, 400, 400], [answer.text for answer in answers]
    assert len(_entries(app, draft["Guid"])) == 2


def test_booking_rules_year_number_and_deletion(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    old = _create(api, world, alice, {**TRANSFER, "VoucherDate": "1990-01-01"})
    refused = api.post(
        _url(world, f"/{old['Guid']}/book"), json={"Timestamp": old["Timestamp"]}, headers=alice
    )
    assert (refused.status_code, refused.json()["code"]) == (400, 47)
    first = _create(api, world, alice, TRANSFER)
    booked = api.post(
        _url(world, f"/{first['Guid']}/book"),
        json={"Timestamp": first["Timestamp"], "Number": 5},
        headers=alice,
    ).json()
    assert booked["VoucherNumber"] == 5
    second = _create(api, world, alice, TRANSFER)
    taken = api.post(
        _url(world, f"/{second['Guid']}/book"),
        json={"Timestamp": second["Timestamp"], "Number": 5},
        headers=alice,
    )
    assert taken.status_code == 400 and "Number" in taken.json()["validationErrors"]
    deleted = api.request(
        "DELETE",
        _url(world, f"/{first['Guid']}"),
        json={"Timestamp": booked["Timestamp"]},
        headers=alice,
    )
    assert deleted.status_code == 200, deleted.text
    entries = _entries(app, first["Guid"])
    assert len(entries) == 4 and sum(amount for _account, amount in entries) == 0
    assert sorted(amount for account, amount in entries if account == 55010) == [-10000, 10000]
    assert api.get(_url(world, f"/{first['Guid']}"), headers=alice).status_code == 404
    draft_gone = api.request(
        "DELETE",
        _url(world, f"/{second['Guid']}"),
        json={"Timestamp": second["Timestamp"]},
        headers=alice,
    )
    assert draft_gone.status_code == 200
    assert api.get(_url(world, f"/{second['Guid']}"), headers=alice).status_code == 404
    assert len(_entries(app)) == 4


def test_another_organizations_voucher_is_not_found(
    api: TestClient, world: World, alice: dict[str, str], minter: Minter
) -> None:
    bob = minter.headers(email=world.bob_email)
    bobs = _create(api, world, bob, TRANSFER, world.other_org)
    for method, suffix, body in (
        ("GET", "", None),
        ("PUT", "", TRANSFER),
        ("POST", "/book", {"Timestamp": bobs["Timestamp"]}),
    ):
        response = api.request(
            method, _url(world, f"/{bobs['Guid']}{suffix}"), json=body, headers=alice
        )
        assert response.status_code == 404, (method, response.text)
    assert api.get(_url(world, f"/{bobs['Guid']}", world.other_org), headers=bob).status_code == 200


def test_bad_bodies_get_a_400_naming_the_problem(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    for body, field in (
        ({"VoucherDate": "06-03-2024"}, "VoucherDate"),
        ({"Lines": "nope"}, "Lines"),
        ({"Lines": [{"AccountNumber": 55010}]}, "Lines[0].Amount"),
        ({"Lines": [{"AccountNumber": 55010, "Amount": "x"}]}, "Lines[0].Amount"),
        ({"Lines": [{"AccountNumber": 55010, "Amount": 1.005}]}, "Lines[0].Amount"),
        ({"Lines": [{"AccountNumber": 99999, "Amount": 1}]}, "Lines[0].AccountNumber"),
        (
            {"Lines": [{"AccountNumber": 55010, "Amount": 1, "AccountVatCode": "X9"}]},
            "Lines[0].AccountVatCode",
        ),
        ({"FileGuid": "no-such-file"}, "FileGuid"),
    ):
        response = api.post(_url(world), json=body, headers=alice)
        assert response.status_code == 400, (body, response.text)
        assert field in response.json()["validationErrors"], (body, response.json())
    unbalanced = _create(
        api, world, alice, {"VoucherDate": TODAY, "Lines": [{"AccountNumber": 55010, "Amount": 1}]}
    )
    refused = api.post(
        _url(world, f"/{unbalanced['Guid']}/book"),
        json={"Timestamp": unbalanced["Timestamp"]},
        headers=alice,
    )
    assert refused.status_code == 400 and _entries(app) == []
