"""The FAQ's three booking paths end to end over HTTP, as an integration would run them.

A real server on a free port; the integrator signs in with the API-key grant the FAQ describes
for a personal integration, uploads files, books, and finds the result again through entries.
Webhook subscribers get VoucherBooked and LedgerItemBooked for real.
"""

from __future__ import annotations

import time
import uuid
from datetime import date
from typing import Any

import httpx
import orjson
import pytest

from bilag.ledger.vat import PURCHASE_VAT_ACCOUNT
from bilag.storage.db import Database
from tests.api.file_samples import PDF
from tests.factories import World, make_world
from tests.functional.receiver import webhook_receiver

PEPPER = "bilag-dev-pepper"
TODAY = date.today().isoformat()
SCOPE = "read write"


@pytest.fixture
def world(live_server: str, database_url: str) -> World:
    database = Database(database_url)
    try:
        return make_world(database, pepper=PEPPER)
    finally:
        database.dispose()


@pytest.fixture
def http(live_server: str, world: World) -> Any:
    with httpx.Client(base_url=live_server, timeout=30) as client:
        key = world.api_keys[world.pro_org]
        token = client.post(
            "/dineroapi/oauth/token",
            data={
                "grant_type": "password",
                "username": key,
                "password": key,
                "scope": "read write",
            },
            auth=(world.client_id, world.client_secret),
        )
        assert token.status_code == 200, token.text
        client.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
        yield client


def _ok(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    return response.json() if response.content else None


def _upload(http: httpx.Client, org: int, name: str) -> str:
    saved = _ok(http.post(f"/v1/{org}/files", files={"file": (name, PDF, "application/pdf")}))
    return str(saved["FileGuid"])


def _subscribe(http: httpx.Client, org: int, url: str, event_id: str) -> None:
    _ok(http.post(f"/v1/{org}/webhooks/subscribe", json={"Uri": url, "EventId": event_id}))


def _entries(http: httpx.Client, org: int) -> list[dict[str, Any]]:
    query = {"fromDate": TODAY, "toDate": TODAY, "includePrimo": "false"}
    found: list[dict[str, Any]] = _ok(http.get(f"/v1/{org}/entries", params=query))
    return found


def test_an_expense_with_its_receipt_is_found_again_through_entries(
    http: httpx.Client, world: World
) -> None:
    org = world.pro_org
    with webhook_receiver() as receiver:
        _subscribe(http, org, receiver.url, "VoucherBooked")
        receipt = _upload(http, org, "kvittering.pdf")
        draft = _ok(
            http.post(
                f"/v1.2/{org}/vouchers/purchase",
                json={
                    "PurchaseType": "cash",
                    "VoucherDate": TODAY,
                    "DepositAccountNumber": 55000,
                    "RegionKey": "DK",
                    "FileGuid": receipt,
                    "Lines": [
                        {
                            "Description": "Kontorartikler",
                            "AccountNumber": 6000,
                            "VatCode": "I25",
                            "Amount": 125.00,
                        }
                    ],
                },
            )
        )
        booked = _ok(
            http.post(
                f"/v1/{org}/vouchers/purchase/{draft['Guid']}/book",
                json={"Timestamp": draft["Timestamp"]},
            )
        )
        [event] = receiver.wait_for(1)
    assert booked["VoucherNumber"] == 1
    payload = orjson.loads(event.body)
    assert (payload["EventId"], payload["Data"]["VoucherGuid"]) == ("VoucherBooked", draft["Guid"])
    mine = [entry for entry in _entries(http, org) if entry["VoucherGuid"] == draft["Guid"]]
    assert {entry["AccountNumber"]: entry["Amount"] for entry in mine} == {
        6000: 100.0,
        PURCHASE_VAT_ACCOUNT: 25.0,
        55000: -125.0,
    }
    assert {entry["FileGuid"] for entry in mine} == {receipt}
    assert {entry["VoucherNumber"] for entry in mine} == {1}
    expense = next(entry for entry in mine if entry["AccountNumber"] == 6000)
    assert (expense["Amount"], expense["VatCode"]) == (100.0, "I25")
    downloaded = http.get(f"/v1/{org}/files/{expense['FileGuid']}")
    assert downloaded.status_code == 200 and downloaded.content == PDF


def test_daily_sales_as_a_manual_voucher_against_card_and_mobilepay(
    http: httpx.Client, world: World
) -> None:
    org = world.pro_org
    z_report = _upload(http, org, "z-rapport.pdf")
    sale = {"BalancingAccountNumber": 1000, "BalancingAccountVatCode": "U25"}
    draft = _ok(
        http.post(
            f"/v1/{org}/vouchers/manuel",
            json={
                "VoucherDate": TODAY,
                "FileGuid": z_report,
                "Lines": [
                    {"Description": "Kort", "AccountNumber": 55010, "Amount": 800, **sale},
                    {"Description": "MobilePay", "AccountNumber": 55020, "Amount": 200, **sale},
                ],
            },
        )
    )
    _ok(
        http.post(
            f"/v1/{org}/vouchers/manuel/{draft['Guid']}/book",
            json={"Timestamp": draft["Timestamp"]},
        )
    )
    mine = [entry for entry in _entries(http, org) if entry["VoucherGuid"] == draft["Guid"]]
    totals: dict[int, float] = {}
    for entry in mine:
        totals[entry["AccountNumber"]] = totals.get(entry["AccountNumber"], 0) + entry["Amount"]
    assert totals == {55010: 1000.0, 55020: 250.0, 1000: -1000.0, 64000: -250.0}
    assert {entry["FileGuid"] for entry in mine} == {z_report}
    listed = _ok(http.get(f"/v1/{org}/files", params={"fileStatus": "Used"}))
    assert z_report in {file["FileGuid"] for file in listed}


def test_a_kassekladde_batch_of_several_lines_books_at_once(
    http: httpx.Client, world: World
) -> None:
    org = world.pro_org
    bank_lines = [("Husleje", 5000, None, 10000.00), ("Telefon", 6100, "I25", 312.50)]
    ids = [str(uuid.uuid4()) for _ in bank_lines]
    with webhook_receiver() as receiver:
        _subscribe(http, org, receiver.url, "LedgerItemBooked")
        added = _ok(
            http.post(
                f"/v1.2/{org}/ledgeritems",
                json=[
                    {
                        "Id": item_id,
                        "VoucherDate": TODAY,
                        "Lines": [
                            {
                                "Description": text,
                                "AccountNumber": account,
                                "AccountVatCode": vat,
                                "BalancingAccountNumber": 55000,
                                "Amount": amount,
                            }
                        ],
                    }
                    for item_id, (text, account, vat, amount) in zip(ids, bank_lines, strict=True)
                ],
            )
        )
        assert added["Id"] == ids[0]
        items = _ok(http.post(f"/v1/{org}/ledgeritems/ledgers", json=[{"Id": i} for i in ids]))
        assert [item["Id"] for item in items] == ids
        versions = [{"Id": item["Id"], "Version": item["Version"]} for item in items]
        _ok(http.post(f"/v1/{org}/ledgeritems/book", json=versions))
        deadline = time.monotonic() + 10
        while True:
            status = _ok(
                http.post(f"/v1/{org}/ledgeritems/status", json=[{"Id": i["Id"]} for i in items])
            )
            if all(item["Status"] == "Booked" for item in status) or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert [item["Status"] for item in status] == ["Booked", "Booked"]
        receiver.wait_for(1)
    numbers = sorted(item["VoucherNumber"] for item in status)
    assert numbers == [numbers[0], numbers[0] + 1]
    booked = [entry for entry in _entries(http, org) if entry["VoucherNumber"] in numbers]
    assert sum(entry["Amount"] for entry in booked) == 0
    bank = sum(entry["Amount"] for entry in booked if entry["AccountNumber"] == 55000)
    assert bank == -(10000.00 + 312.50)
    left = _ok(http.post(f"/v1/{org}/ledgeritems/ledgers", json=[]))
    assert left == []
