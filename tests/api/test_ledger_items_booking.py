"""Booking ledger items: all or nothing, in the background, once, across restarts, with payments."""

from __future__ import annotations

import dataclasses
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import jsonschema_rs
import orjson
from sqlalchemy import select
from starlette.testclient import TestClient

from bilag.api.ledger_item_booker import book_pending
from bilag.storage.db import Database
from bilag.storage.models import PurchasePayment, Voucher, WebhookDelivery
from bilag.storage.purchase_payments import paid_total
from tests.api.conftest import Minter
from tests.api.ledger_item_helpers import (
    TODAY,
    add,
    book,
    credit_purchase,
    entries,
    rent,
    status,
    url,
    wait_booked,
)
from tests.factories import World

DINERO_OPENAPI = Path(__file__).resolve().parents[3] / "shared/reference/dinero-openapi.json"
SALES = {
    "VoucherDate": TODAY,
    "Lines": [
        {"AccountNumber": 55000, "Amount": 1250, "Description": "Dagens salg"},
        {"BalancingAccountNumber": 1000, "BalancingAccountVatCode": "U25", "Amount": 1000},
    ],
}


def test_a_batch_is_booked_with_consecutive_numbers_and_balanced_entries(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    subscribed = api.post(
        f"/v1/{world.pro_org}/webhooks/subscribe",
        json={"Uri": "http://127.0.0.1:9/hook", "EventId": "LedgerItemBooked"},
        headers=alice,
    )
    assert subscribed.status_code == 200
    items = add(api, world, alice, [rent(), SALES, rent(99.5)])
    answer = book(api, world, alice, items)
    assert (answer.status_code, answer.content) == (200, b"")
    booked = wait_booked(api, world, alice, [item["Id"] for item in items])
    assert [item["Status"] for item in booked] == ["Booked"] * 3
    assert [item["VoucherNumber"] for item in booked] == [1, 2, 3]
    database: Database = app.state.services.database
    for item in items:
        rows = entries(database, item["Id"])
        assert rows and sum(amount for _n, _a, amount in rows) == 0
    sales = {account: amount for _n, account, amount in entries(database, items[1]["Id"])}
    assert sales == {55000: 125000, 1000: -100000, 64000: -25000}
    assert api.post(url(world, "/ledgers"), json=[], headers=alice).json() == []
    with database.read() as session:
        voucher = session.get(Voucher, items[0]["Id"])
        assert voucher is not None
        assert (voucher.booked_by_type, voucher.booked_by_client) == (
            "Kassekladde",
            world.client_id,
        )
        bodies = session.scalars(select(WebhookDelivery.body)).all()
    assert len(bodies) == 1
    data = orjson.loads(bodies[0])["Data"]["LedgerItems"]
    assert [item["VoucherNumber"] for item in data] == [1, 2, 3]
    again = book(api, world, alice, booked)
    assert (again.status_code, again.json()["code"]) == (400, 45)


def test_one_bad_item_books_nothing(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    unbalanced = {"VoucherDate": TODAY, "Lines": [{"AccountNumber": 5000, "Amount": 10}]}
    old = rent(VoucherDate="1990-01-01")
    items = add(api, world, alice, [rent(), unbalanced, old, rent(VoucherNumber=4), rent()])
    refused = book(api, world, alice, items)
    assert refused.status_code == 400, refused.text
    problems = refused.json()["validationErrors"]
    assert "[1]" in str(problems) and "[2].VoucherDate" in problems
    assert {item["Status"] for item in status(api, world, alice, [i["Id"] for i in items])} == {
        "Draft"
    }
    year = book(api, world, alice, [items[2]])
    assert (year.status_code, year.json()["code"]) == (400, 47)
    stale = book(api, world, alice, [items[0], {**items[4], "Version": "0123456789ABCDEF"}])
    assert (stale.status_code, stale.json()["code"]) == (400, 58)
    assert book_pending(app.state.services.database) == 0
    assert entries(app.state.services.database) == []
    taken = add(api, world, alice, [rent(VoucherNumber=4)])
    assert book(api, world, alice, [items[3]]).status_code == 200
    wait_booked(api, world, alice, [items[3]["Id"]])
    refused_number = book(api, world, alice, taken)
    assert "[0].VoucherNumber" in refused_number.json()["validationErrors"]


def test_two_concurrent_book_calls_give_exactly_one_batch(
    live_server: str, world: World, minter: Minter, app: Any
) -> None:
    served = dataclasses.replace(
        minter, settings=dataclasses.replace(minter.settings, base_url=live_server)
    )
    with httpx.Client(base_url=live_server, headers=served.headers(), timeout=30) as http:
        added = http.post(url(world), json=[rent(), rent(), SALES])
        assert added.status_code == 200, added.text
        body = [{"Id": i["Id"], "Version": i["Version"]} for i in added.json()]
        with ThreadPoolExecutor(4) as pool:
            answers = list(pool.map(lambda _: http.post(url(world, "/book"), json=body), range(4)))
        assert sorted(a.status_code for a in answers) == [200, 400, 400, 400]
        assert {a.json()["code"] for a in answers if a.status_code == 400} == {58}
        ids = [{"Id": i["Id"]} for i in body]
        found: list[Any] = []
        for _ in range(200):  # the background booker of the live server, polled over HTTP
            found = http.post(url(world, "/status"), json=ids).json()
            if all(item["Status"] == "Booked" for item in found):
                break
            time.sleep(0.05)
    assert [item["VoucherNumber"] for item in found] == [1, 2, 3]
    numbers = {number for number, _a, _o in entries(app.state.services.database)}
    assert numbers == {1, 2, 3} and len(entries(app.state.services.database)) == 2 + 2 + 3


def test_a_pending_batch_survives_a_restart(
    app: Any, world: World, alice: dict[str, str], database_url: str
) -> None:
    api = TestClient(app, base_url="http://testserver")  # no lifespan: no booker runs
    items = add(api, world, alice, [rent(), rent()])
    assert book(api, world, alice, items).status_code == 200
    pending = status(api, world, alice, [item["Id"] for item in items])
    assert [item["Status"] for item in pending] == ["PendingBooking"] * 2
    assert pending[0]["Version"] == pending[1]["Version"] != items[0]["Version"]
    app.state.services.database.dispose()  # the first server goes away
    restarted = Database(database_url)
    try:
        assert book_pending(restarted) == 1
        assert book_pending(restarted) == 0
    finally:
        restarted.dispose()
    booked = status(api, world, alice, [item["Id"] for item in items])
    assert [(i["Status"], i["VoucherNumber"]) for i in booked] == [("Booked", 1), ("Booked", 2)]


def test_is_payment_for_voucher_id_settles_a_credit_purchase(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    database: Database = app.state.services.database
    purchase = credit_purchase(api, world, alice)
    payment_line = {
        "IsPaymentForVoucherId": purchase,
        "BalancingAccountNumber": 55000,
        "Amount": 125,
        "Description": "Betaling af faktura",
    }
    for line, field in (
        ({**payment_line, "AccountNumber": 5000}, "[0].Lines[0].AccountNumber"),
        ({**payment_line, "BalancingAccountNumber": None}, "[0].Lines[0].BalancingAccountNumber"),
    ):
        refused = api.post(
            url(world), json=[{"VoucherDate": TODAY, "Lines": [line]}], headers=alice
        )
        assert field in refused.json()["validationErrors"], refused.text
    wrong = dict(payment_line, IsPaymentForVoucherId=add(api, world, alice, [rent()])[0]["Id"])
    [bad] = add(api, world, alice, [{"VoucherDate": TODAY, "Lines": [wrong]}])
    refused = book(api, world, alice, [bad])
    assert "[0].Lines[0].IsPaymentForVoucherId" in refused.json()["validationErrors"]
    [item] = add(api, world, alice, [{"VoucherDate": TODAY, "Lines": [payment_line]}])
    assert book(api, world, alice, [item]).status_code == 200
    [booked] = wait_booked(api, world, alice, [item["Id"]])
    assert booked["Status"] == "Booked"
    assert sorted((a, o) for _n, a, o in entries(database, item["Id"])) == [
        (55000, -12500),
        (63000, 12500),
    ]
    with database.read() as session:
        assert str(paid_total(session, world.pro_org, purchase)) == "125.00"
        payment = session.scalars(select(PurchasePayment)).one()
        assert (payment.entry_voucher_guid, payment.deposit_account_number) == (item["Id"], 55000)
    read = api.get(f"/v1/{world.pro_org}/vouchers/purchase/{purchase}", headers=alice).json()
    assert read["Status"] == "Paid"
    payments = f"/v1/{world.pro_org}/purchase-vouchers/{purchase}/payments"
    [listed] = api.get(payments, headers=alice).json()
    assert (listed["Amount"], listed["RelatedVoucherId"]) == (125.0, item["Id"])
    kept = api.delete(f"{payments}/{listed['Guid']}/{read['Timestamp']}", headers=alice)
    assert kept.status_code == 400 and "kassekladde" in kept.json()["message"]


def _validator(name: str, array: bool) -> Any:
    document = orjson.loads(DINERO_OPENAPI.read_bytes())
    schema: dict[str, Any] = {"$ref": f"#/components/schemas/{name}"}
    if array:
        schema = {"type": "array", "items": schema}
    return jsonschema_rs.Draft202012Validator({**schema, "components": document["components"]})


def test_every_answer_validates_against_dineros_schemas(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    purchase = credit_purchase(api, world, alice)
    payment = {"IsPaymentForVoucherId": purchase, "BalancingAccountNumber": 55000, "Amount": 9}
    items = [rent(), {**SALES, "Lines": [*SALES["Lines"], payment], "VoucherNumber": 3}]
    added = api.post(url(world, version="v1.2"), json=items, headers=alice)
    _validator("LedgerItemReadModel", False).validate(added.json())
    ledger = api.post(url(world, "/ledgers"), json=[], headers=alice).json()
    _validator("LedgerItemModelV2", True).validate(ledger)
    updated = api.put(url(world), json=ledger, headers=alice).json()
    _validator("LedgerItemReadModel", True).validate(updated)
    ids = [item["Id"] for item in ledger]
    _validator("LedgerItemStatusReadModel", True).validate(status(api, world, alice, ids))
    assert book(api, world, alice, updated).status_code == 200
    booked = wait_booked(api, world, alice, ids)
    _validator("LedgerItemStatusReadModel", True).validate(booked)
    assert sorted(item["VoucherNumber"] for item in booked) == [2, 3]


def test_two_bookers_racing_for_one_batch_book_it_once(
    app: Any, world: World, alice: dict[str, str], database_url: str
) -> None:
    api = TestClient(app, base_url="http://testserver")  # no lifespan: no booker runs
    items = add(api, world, alice, [rent(), SALES])
    assert book(api, world, alice, items).status_code == 200
    workers = [Database(database_url), Database(database_url)]
    try:
        with ThreadPoolExecutor(2) as pool:
            booked = list(pool.map(book_pending, workers))
    finally:
        for worker in workers:
            worker.dispose()
    assert sorted(booked) == [0, 1]
    assert [number for number, _a, _o in entries(app.state.services.database)] == [1, 1, 2, 2, 2]
