"""Purchase vouchers over the API: the three create versions, the field rules, booking into the
journal against the deposit account or creditors, versions, deletion and the webhook event."""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from bilag.storage.models import FileLink
from bilag.storage.purchase_payments import record_payment
from tests.api.conftest import Minter
from tests.api.purchase_samples import (
    CASH,
    LAST_MONTH,
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
    stored,
    subscribe,
    totals,
    upload,
    voucher_count,
)
from tests.factories import World

TOMORROW = (date.today() + timedelta(days=1)).isoformat()


def test_a_cash_expense_with_a_receipt_is_booked_with_its_file_and_contact(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    subscribe(api, world, alice)
    file_guid = upload(api, world, alice)
    supplier = contact(api, world, alice)
    line = {**OFFICE_LINE, "AccountTagName": "#Kontor"}
    body = {**CASH, "FileGuid": file_guid, "ContactGuid": supplier, "Lines": [line]}
    draft = create(api, world, alice, body)
    assert (draft["Status"], draft["VoucherNumber"], draft["PurchaseType"]) == (
        "Draft",
        None,
        "cash",
    )
    assert (draft["PaymentDate"], draft["CurrencyKey"], draft["FileGuid"]) == (
        TODAY,
        "DKK",
        file_guid,
    )
    assert draft["Lines"] == [
        {
            "Description": "Kontorartikler", "VatCode": "I25", "AccountNumber": 6000,
            "AmountExclVatValue": 100.0, "AmountInclVatValue": 125.0, "VatAmountValue": 25.0,
            "AccountTagName": "Kontor", "AccountWeightTagId": None,
            "AccountWeightTagVersion": None, "AccountTagSynonym": None,
        }
    ]  # fmt: skip
    assert [(t["Type"], t["Label"], t["Total"]) for t in draft["VoucherTotals"]] == [
        ("SubTotal", "Subtotal", 100.0),
        ("Vat", "Moms", 25.0),
        ("Total", "Total DKK", 125.0),
    ]
    assert entries(app) == []
    booked = ok(book(api, world, alice, draft))
    assert (booked["Status"], booked["VoucherNumber"], booked["BookingTime"]) == ("Paid", 1, TODAY)
    assert booked["BookedByType"] == f"API ({world.client_id})"
    assert booked["BookedByUsername"] == world.alice_email
    assert totals(app, draft["Guid"]) == {6000: 10000, 64010: 2500, 55000: -12500}
    for entry in entries(app, draft["Guid"]):
        assert (entry.voucher_number, entry.voucher_type, entry.entry_date.isoformat()) == (
            1,
            "purchase",
            TODAY,
        )
        assert (entry.file_guid, entry.contact_guid) == (file_guid, supplier)
        assert entry.vat_code == (None if entry.account_number == 55000 else "I25")
    with app.state.services.database.read() as session:
        link = session.get(FileLink, (file_guid, "purchase_voucher", draft["Guid"]))
        assert link is not None and link.target_number == 1
    assert ok(api.get(purchase_url(world, f"/{draft['Guid']}"), headers=alice)) == booked
    assert booked_events(app) == [
        {"VoucherGuid": draft["Guid"], "VoucherNumber": 1, "VoucherType": "purchase",
         "VoucherDate": TODAY}
    ]  # fmt: skip


def test_a_credit_purchase_is_booked_against_creditors_and_follows_its_payments(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    supplier = contact(api, world, alice)
    draft = create(api, world, alice, credit(supplier))
    assert (draft["RegionKey"], draft["DepositAccountNumber"], draft["ContactGuid"]) == (
        None,
        None,
        supplier,
    )
    booked = ok(book(api, world, alice, draft))
    assert booked["Status"] == "Booked"
    assert totals(app, draft["Guid"]) == {6000: 10000, 64010: 2500, 63000: -12500}
    assert {entry.contact_guid for entry in entries(app, draft["Guid"])} == {supplier}
    late = create(api, world, alice, credit(supplier, LAST_MONTH))
    assert ok(book(api, world, alice, late))["Status"] == "Overdue"
    with app.state.services.database.write() as session:
        record_payment(
            session,
            organization_id=world.pro_org,
            voucher_guid=late["Guid"],
            entry_voucher_guid=late["Guid"],
            amount=Decimal("125.00"),
            payment_date=date.today(),
            deposit_account_number=55000,
            description="Betaling",
        )
    assert ok(api.get(purchase_url(world, f"/{late['Guid']}"), headers=alice))["Status"] == "Paid"


def test_every_version_creates_and_updates(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    tagged = {**CASH, "Lines": [{**OFFICE_LINE, "AccountTagName": "Kontor"}]}
    assert create(api, world, alice, tagged, "v1.2")["Lines"][0]["AccountTagName"] == "Kontor"
    untagged = create(api, world, alice, tagged, "v1.1")
    assert untagged["Lines"][0]["AccountTagName"] is None
    legacy_body = {
        "VoucherDate": TODAY,
        "Notes": "Købt i Netto",
        "Lines": [{"AccountNumber": 6000, "Description": "Papir"}, OFFICE_LINE],
    }
    legacy = create(api, world, alice, legacy_body, "v1")
    assert (legacy["PurchaseType"], legacy["DepositAccountNumber"]) == ("cash", 55000)
    assert [line["AmountInclVatValue"] for line in legacy["Lines"]] == [0.0, 125.0]
    voucher = stored(app, legacy["Guid"])
    assert voucher is not None and voucher.notes == "Købt i Netto"
    guid = untagged["Guid"]
    v1_1 = api.put(
        purchase_url(world, f"/{guid}", "v1.1"),
        json={**tagged, "Timestamp": untagged["Timestamp"]},
        headers=alice,
    )
    assert ok(v1_1)["Lines"][0]["AccountTagName"] == "Kontor"
    v1 = api.put(
        purchase_url(world, f"/{guid}"),
        json={**tagged, "RegionKey": "eu", "Timestamp": v1_1.json()["Timestamp"]},
        headers=alice,
    )
    assert (ok(v1)["Lines"][0]["AccountTagName"], v1.json()["RegionKey"]) == (None, "EU")
    assert ok(book(api, world, alice, legacy))["VoucherNumber"] == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"PurchaseType": None}, "PurchaseType"),
        ({"PurchaseType": "loan"}, "PurchaseType"),
        ({"PaymentDate": TOMORROW}, "PaymentDate"),
        ({"CurrencyKey": "EUR"}, "CurrencyKey"),
        ({"RegionKey": "Mars"}, "RegionKey"),
        ({"DepositAccountNumber": 1000}, "DepositAccountNumber"),
        ({"ContactGuid": "5b0c6a52-0d1e-4c34-9b0f-1f6f0d2a9e11"}, "ContactGuid"),
        ({"ContactGuid": "nope"}, "ContactGuid"),
        ({"VoucherDate": "04-03-2024"}, "VoucherDate"),
        ({"FileGuid": "no-such-file"}, "FileGuid"),
        ({"Lines": [{"AccountNumber": 55000, "Amount": 10}]}, "Lines[0].AccountNumber"),
        ({"Lines": [{"AccountNumber": 99999, "Amount": 10}]}, "Lines[0].AccountNumber"),
        ({"Lines": [{"AccountNumber": 6000, "Amount": 10, "VatCode": "U25"}]}, "Lines[0].VatCode"),
        ({"Lines": [{"AccountNumber": 6000, "Amount": 10, "VatCode": "X"}]}, "Lines[0].VatCode"),
        ({"Lines": [{"AccountNumber": 6000}]}, "Lines[0].Amount"),
        ({"Lines": [{"AccountNumber": 6000, "Amount": 1.005}]}, "Lines[0].Amount"),
        ({"Lines": {"AccountNumber": 6000}}, "Lines"),
    ],
)
def test_field_rules_are_a_400_naming_the_field_and_write_nothing(
    api: TestClient, world: World, alice: dict[str, str], app: Any, change: Any, field: str
) -> None:
    body = {**CASH, **change}
    response = api.post(purchase_url(world, version="v1.2"), json=body, headers=alice)
    assert response.status_code == 400, response.text
    assert field in response.json()["validationErrors"], response.json()
    assert voucher_count(app) == 0


def test_credit_purchases_refuse_foreign_currency_and_cash_fields_are_checked(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    supplier = contact(api, world, alice)
    euro = api.post(
        purchase_url(world, version="v1.2"),
        json={**credit(supplier), "CurrencyKey": "eur"},
        headers=alice,
    )
    assert euro.status_code == 400 and "CurrencyKey" in euro.json()["validationErrors"]
    cash_date = api.post(
        purchase_url(world, version="v1.1"), json={**CASH, "PaymentDate": TOMORROW}, headers=alice
    )
    assert cash_date.json()["validationErrors"] == {
        "PaymentDate": "PaymentDate should not be set on cash purchases"
    }
    blanks = create(
        api, world, alice, {**CASH, "ContactGuid": "", "FileGuid": "", "cUrReNcYkEy": ""}
    )
    assert (blanks["ContactGuid"], blanks["FileGuid"]) == (None, None)


def test_booking_needs_what_each_purchase_type_needs(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    supplier = contact(api, world, alice)
    no_date = create(api, world, alice, {**credit(supplier), "PaymentDate": None})
    refused = book(api, world, alice, no_date)
    assert refused.status_code == 400 and "PaymentDate" in refused.json()["validationErrors"]
    no_contact = create(api, world, alice, {**credit(supplier), "ContactGuid": None})
    refused = book(api, world, alice, no_contact)
    assert refused.status_code == 400 and "ContactGuid" in refused.json()["validationErrors"]
    danish_code_from_eu = create(api, world, alice, {**CASH, "RegionKey": "EU"})
    refused = book(api, world, alice, danish_code_from_eu)
    assert refused.status_code == 400 and "Lines[0].VatCode" in refused.json()["validationErrors"]
    no_account = create(api, world, alice, {**CASH, "Lines": [{"Amount": 10}]})
    refused = book(api, world, alice, no_account)
    assert "Lines[0].AccountNumber" in refused.json()["validationErrors"]
    assert entries(app) == []
    eu_goods = {**CASH, "RegionKey": "EU", "Lines": [{"AccountNumber": 2100, "Amount": 400}]}
    booked = ok(book(api, world, alice, create(api, world, alice, eu_goods)))
    assert booked["Lines"][0]["VatCode"] == "IEUV"
    assert totals(app, booked["Guid"]) == {2100: 40000, 64010: 10000, 64020: -10000, 55000: -40000}
    zero = create(api, world, alice, {**CASH, "Lines": [{"AccountNumber": 6000, "Amount": 0}]})
    assert ok(book(api, world, alice, zero))["Status"] == "Paid"


def test_a_stale_or_missing_timestamp_is_code_58_and_changes_nothing(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    draft = create(api, world, alice, CASH)
    guid = draft["Guid"]
    updated = ok(
        api.put(
            purchase_url(world, f"/{guid}"), json={**CASH, "Timestamp": draft["Timestamp"]},
            headers=alice,
        )
    )  # fmt: skip
    for body in ({"Timestamp": draft["Timestamp"]}, {}, {"Timestamp": ""}):
        for method, suffix in (("POST", "/book"), ("PUT", ""), ("DELETE", "")):
            payload = {**CASH, **body} if method == "PUT" else body
            response = api.request(
                method, purchase_url(world, f"/{guid}{suffix}"), json=payload, headers=alice
            )
            assert response.status_code == 400, (method, body, response.text)
            assert response.json()["code"] == 58
    assert ok(api.get(purchase_url(world, f"/{guid}"), headers=alice)) == updated
    assert entries(app) == []


def test_a_booked_voucher_cannot_be_changed_and_deleting_it_reverses_it(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    booked = ok(book(api, world, alice, create(api, world, alice, CASH)))
    guid = booked["Guid"]
    change = api.put(
        purchase_url(world, f"/{guid}"), json={**CASH, "Timestamp": booked["Timestamp"]},
        headers=alice,
    )  # fmt: skip
    assert (change.status_code, change.json()["code"]) == (400, 45)
    again = book(api, world, alice, booked)
    assert (again.status_code, again.json()["code"]) == (400, 45)
    deleted = api.request(
        "DELETE", purchase_url(world, f"/{guid}"), json={"Timestamp": booked["Timestamp"]},
        headers=alice,
    )  # fmt: skip
    assert deleted.status_code == 200, deleted.text
    assert totals(app, guid) == {}
    assert len(entries(app, guid)) == 6
    assert {entry.voucher_number for entry in entries(app, guid)} == {1}
    assert api.get(purchase_url(world, f"/{guid}"), headers=alice).status_code == 404
    draft = create(api, world, alice, CASH)
    gone = api.request(
        "DELETE", purchase_url(world, f"/{draft['Guid']}"), json={"Timestamp": draft["Timestamp"]},
        headers=alice,
    )  # fmt: skip
    assert gone.status_code == 200
    assert api.get(purchase_url(world, f"/{draft['Guid']}"), headers=alice).status_code == 404


def test_another_organizations_voucher_is_not_found(
    api: TestClient, world: World, alice: dict[str, str], minter: Minter
) -> None:
    bob = minter.headers(email=world.bob_email)
    url = purchase_url(world, version="v1.2", org=world.other_org)
    bobs = ok(api.post(url, json=CASH, headers=bob))
    for method, suffix, body in (
        ("GET", "", None),
        ("PUT", "", {**CASH, "Timestamp": bobs["Timestamp"]}),
        ("DELETE", "", {"Timestamp": bobs["Timestamp"]}),
        ("POST", "/book", {"Timestamp": bobs["Timestamp"]}),
        ("POST", "/generate-creditnote", {"Timestamp": {"Timestamp": bobs["Timestamp"]}}),
    ):
        response = api.request(
            method, purchase_url(world, f"/{bobs['Guid']}{suffix}"), json=body, headers=alice
        )
        assert response.status_code == 404, (method, suffix, response.text)
    bobs_file = upload(api, world, bob, world.other_org)
    refused = api.post(
        purchase_url(world, version="v1.2"), json={**CASH, "FileGuid": bobs_file}, headers=alice
    )
    assert refused.status_code == 400 and "FileGuid" in refused.json()["validationErrors"]


def test_two_bookings_of_one_draft_at_once_give_one_voucher(
    live_server: str, world: World, minter: Minter, app: Any
) -> None:
    served = dataclasses.replace(
        minter, settings=dataclasses.replace(minter.settings, base_url=live_server)
    )
    with httpx.Client(base_url=live_server, headers=served.headers(), timeout=30) as http:
        draft = ok(http.post(purchase_url(world, version="v1.2"), json=CASH))
        url = purchase_url(world, f"/{draft['Guid']}/book")
        with ThreadPoolExecutor(4) as pool:
            answers = list(
                pool.map(lambda _: http.post(url, json={"Timestamp": draft["Timestamp"]}), range(4))
            )
    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [200, 400, 400, 400], [answer.text for answer in answers]
    assert len(entries(app, draft["Guid"])) == 3


@pytest.mark.parametrize("version", ["v1", "v1.1"])
def test_a_whole_read_model_can_be_put_back(
    api: TestClient, world: World, alice: dict[str, str], version: str
) -> None:
    for body in (CASH, credit(contact(api, world, alice))):
        draft = create(api, world, alice, body)
        put_back = {**draft, "Lines": [{**draft["Lines"][0], "Amount": 250}]}
        url = purchase_url(world, f"/{draft['Guid']}", version=version)
        updated = api.put(url, json=put_back, headers=alice)
        assert updated.status_code == 200, updated.text
        assert updated.json()["Lines"][0]["AmountInclVatValue"] == 250.0
        assert updated.json()["PaymentDate"] == draft["PaymentDate"]
