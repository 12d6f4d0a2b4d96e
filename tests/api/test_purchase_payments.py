"""Payments on credit purchases over the API: booking, status, versions and deletion."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from starlette.testclient import TestClient

from bilag.storage.models import JournalEntry
from tests.factories import World

TODAY = date.today()


def _contact(api: TestClient, world: World, headers: dict[str, str]) -> str:
    body = {
        "Name": "Kontorland ApS",
        "CountryKey": "DK",
        "IsPerson": False,
        "IsMember": False,
        "UseCvr": False,
    }
    created = api.post(f"/v1/{world.pro_org}/contacts", json=body, headers=headers)
    assert created.status_code == 200, created.text
    guid: str = created.json()["ContactGuid"]
    return guid


def _booked_credit_purchase(
    api: TestClient, world: World, headers: dict[str, str], due: date = TODAY
) -> dict[str, Any]:
    body = {
        "PurchaseType": "credit",
        "VoucherDate": TODAY.isoformat(),
        "PaymentDate": due.isoformat(),
        "ContactGuid": _contact(api, world, headers),
        "Lines": [{"Description": "Papir", "AccountNumber": 6000, "Amount": 1250.00}],
    }
    draft = api.post(f"/v1.2/{world.pro_org}/vouchers/purchase", json=body, headers=headers)
    assert draft.status_code == 200, draft.text
    guid = draft.json()["Guid"]
    booked = api.post(
        f"/v1/{world.pro_org}/vouchers/purchase/{guid}/book",
        json={"Timestamp": draft.json()["Timestamp"]},
        headers=headers,
    )
    assert booked.status_code == 200, booked.text
    voucher: dict[str, Any] = booked.json()
    return voucher


def _payments_url(world: World, guid: str) -> str:
    return f"/v1/{world.pro_org}/purchase-vouchers/{guid}/payments"


def _pay(
    api: TestClient, world: World, headers: dict[str, str], voucher: dict[str, Any], **extra: Any
) -> Any:
    body = {
        "Amount": 1250.00,
        "DepositAccountNumber": 55000,
        "Description": "Betaling af faktura",
        "RemainderIsFee": False,
        "Timestamp": voucher["Timestamp"],
        **extra,
    }
    return api.post(_payments_url(world, voucher["Guid"]), json=body, headers=headers)


def _read(api: TestClient, world: World, headers: dict[str, str], guid: str) -> dict[str, Any]:
    response = api.get(f"/v1/{world.pro_org}/vouchers/purchase/{guid}", headers=headers)
    assert response.status_code == 200, response.text
    voucher: dict[str, Any] = response.json()
    return voucher


def _balances(app: Any, voucher_guid: str) -> dict[int, int]:
    query = select(JournalEntry.account_number, JournalEntry.amount_ore).where(
        JournalEntry.voucher_guid == voucher_guid
    )
    totals: dict[int, int] = {}
    with app.state.services.database.read() as session:
        for account, amount in session.execute(query):
            totals[account] = totals.get(account, 0) + amount
    return totals


def test_paying_a_credit_purchase_books_creditors_against_the_bank(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    voucher = _booked_credit_purchase(api, world, alice)
    assert voucher["Status"] == "Booked"
    paid = _pay(api, world, alice, voucher, ExternalReference="bank-1")
    assert paid.status_code == 200, paid.text
    created = paid.json()
    assert created["TimeStamp"] != voucher["Timestamp"]
    assert _balances(app, created["RelatedVoucherGuid"]) == {63000: 125000, 55000: -125000}
    read = _read(api, world, alice, voucher["Guid"])
    assert (read["Status"], read["Timestamp"]) == ("Paid", created["TimeStamp"])
    listed = api.get(_payments_url(world, voucher["Guid"]), headers=alice).json()
    assert [(p["Guid"], p["Amount"], p["DepositAccountNumber"]) for p in listed] == [
        (created["Guid"], 1250.0, 55000)
    ]
    assert listed[0]["ExternalReference"] == "bank-1"
    assert listed[0]["PaymentDate"] == TODAY.isoformat()


def test_part_payment_overdue_and_overpaid(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    voucher = _booked_credit_purchase(api, world, alice, due=TODAY - timedelta(days=1))
    assert voucher["Status"] == "Overdue"
    part = _pay(api, world, alice, voucher, Amount=250)
    assert part.status_code == 200, part.text
    assert _read(api, world, alice, voucher["Guid"])["Status"] == "Overdue"
    rest = _pay(api, world, alice, {**voucher, "Timestamp": part.json()["TimeStamp"]}, Amount=1100)
    assert rest.status_code == 200, rest.text
    assert _read(api, world, alice, voucher["Guid"])["Status"] == "Overpaid"


def test_remainder_is_fee_settles_the_voucher(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    voucher = _booked_credit_purchase(api, world, alice)
    paid = _pay(api, world, alice, voucher, Amount=1240, RemainderIsFee=True)
    assert paid.status_code == 200, paid.text
    assert _balances(app, paid.json()["RelatedVoucherGuid"]) == {
        63000: 125000,
        55000: -124000,
        6400: -1000,
    }
    assert _read(api, world, alice, voucher["Guid"])["Status"] == "Paid"


def test_a_stale_timestamp_is_code_58_and_adds_nothing(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    voucher = _booked_credit_purchase(api, world, alice)
    assert _pay(api, world, alice, voucher).status_code == 200
    again = _pay(api, world, alice, voucher)
    assert (again.status_code, again.json()["code"]) == (400, 58)
    missing = _pay(api, world, alice, {**voucher, "Timestamp": ""})
    assert (missing.status_code, missing.json()["code"]) == (400, 58)
    assert len(api.get(_payments_url(world, voucher["Guid"]), headers=alice).json()) == 1


def test_deleting_a_payment_reverses_it(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    voucher = _booked_credit_purchase(api, world, alice)
    paid = _pay(api, world, alice, voucher).json()
    stale = api.delete(
        _payments_url(world, voucher["Guid"]) + f"/{paid['Guid']}/{voucher['Timestamp']}",
        headers=alice,
    )
    assert (stale.status_code, stale.json()["code"]) == (400, 58)
    deleted = api.delete(
        _payments_url(world, voucher["Guid"]) + f"/{paid['Guid']}/{paid['TimeStamp']}",
        headers=alice,
    )
    assert deleted.status_code == 200, deleted.text
    assert deleted.json()["TimeStamp"] != paid["TimeStamp"]
    assert _balances(app, paid["RelatedVoucherGuid"]) == {63000: 0, 55000: 0}
    assert api.get(_payments_url(world, voucher["Guid"]), headers=alice).json() == []
    assert _read(api, world, alice, voucher["Guid"])["Status"] == "Booked"


def test_bad_payments_are_4xx_naming_the_problem(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    voucher = _booked_credit_purchase(api, world, alice)
    cases = [
        ({"Amount": 0}, "Amount"),
        ({"Amount": "many"}, "Amount"),
        ({"DepositAccountNumber": 6000}, "DepositAccountNumber"),
        ({"Description": ""}, "Description"),
        ({"PaymentDate": "01-02-2026"}, "PaymentDate"),
    ]
    for extra, field in cases:
        response = _pay(api, world, alice, voucher, **extra)
        assert response.status_code == 400, (extra, response.text)
        assert field in response.json()["validationErrors"], (extra, response.text)
    unknown = api.get(_payments_url(world, "1b0c1b5e-7a87-4d25-9c3a-6b1f1b4c2a11"), headers=alice)
    assert (unknown.status_code, unknown.json()["code"]) == (404, 40)
    assert api.get(_payments_url(world, voucher["Guid"]), headers=alice).json() == []


def test_cash_purchases_and_drafts_take_no_payments(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    body = {
        "PurchaseType": "cash",
        "VoucherDate": TODAY.isoformat(),
        "DepositAccountNumber": 55000,
        "Lines": [{"AccountNumber": 6000, "Amount": 125}],
    }
    draft = api.post(f"/v1.2/{world.pro_org}/vouchers/purchase", json=body, headers=alice).json()
    refused = _pay(api, world, alice, draft)
    assert refused.status_code == 400 and "book" in refused.json()["message"]
    booked = api.post(
        f"/v1/{world.pro_org}/vouchers/purchase/{draft['Guid']}/book",
        json={"Timestamp": draft["Timestamp"]},
        headers=alice,
    ).json()
    cash = _pay(api, world, alice, booked)
    assert cash.status_code == 400 and "cash" in cash.json()["message"]


def test_a_paid_purchase_is_deleted_only_after_its_payments(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    voucher = _booked_credit_purchase(api, world, alice)
    paid = _pay(api, world, alice, voucher).json()
    url = f"/v1/{world.pro_org}/vouchers/purchase/{voucher['Guid']}"
    refused = api.request("DELETE", url, json={"Timestamp": paid["TimeStamp"]}, headers=alice)
    assert refused.status_code == 400 and "payments" in refused.json()["message"]
    assert _read(api, world, alice, voucher["Guid"])["Status"] == "Paid"
    gone = api.delete(
        _payments_url(world, voucher["Guid"]) + f"/{paid['Guid']}/{paid['TimeStamp']}",
        headers=alice,
    ).json()
    deleted = api.request("DELETE", url, json={"Timestamp": gone["TimeStamp"]}, headers=alice)
    assert deleted.status_code == 200, deleted.text
    assert _balances(app, voucher["Guid"]) == {6000: 0, 64010: 0, 63000: 0}
