"""A contact's state of account over the API: built from the journal's debtor and creditor
entries, with the running balance, open and closed lines, the period and hideClosed."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from starlette.testclient import TestClient

from tests.api.conftest import Minter
from tests.api.sales_helpers import TODAY, book, create, customer, invoice_body
from tests.factories import World

DAY = f"{TODAY.isoformat()}T00:00:00"


def _statement(
    api: TestClient, world: World, headers: dict[str, str], contact: str, query: str = ""
) -> dict[str, Any]:
    response = api.get(f"/v1/{world.pro_org}/state-of-account/{contact}{query}", headers=headers)
    assert response.status_code == 200, response.text
    statement: dict[str, Any] = response.json()
    return statement


def _invoice(api: TestClient, world: World, headers: dict[str, str], contact: str) -> Any:
    body = invoice_body(contact, PaymentConditionType="Netto", PaymentConditionNumberOfDays=8)
    return book(api, world, headers, create(api, world, headers, body, "invoices"), "invoices")


def _pay_invoice(
    api: TestClient, world: World, headers: dict[str, str], invoice: Any, amount: float
) -> Any:
    body = {"Timestamp": invoice["TimeStamp"], "DepositAccountNumber": 55000,
            "Description": "Indbetaling", "Amount": amount, "RemainderIsFee": False}  # fmt: skip
    url = f"/v1/{world.pro_org}/invoices/{invoice['Guid']}/payments"
    response = api.post(url, json=body, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def _purchase(api: TestClient, world: World, headers: dict[str, str], contact: str) -> Any:
    line = {"Description": "Papir", "AccountNumber": 6000, "Amount": 1250.00}
    body = {"PurchaseType": "credit", "VoucherDate": TODAY.isoformat(), "ContactGuid": contact,
            "PaymentDate": (TODAY + timedelta(days=30)).isoformat(), "Lines": [line]}  # fmt: skip
    draft = api.post(f"/v1.2/{world.pro_org}/vouchers/purchase", json=body, headers=headers)
    assert draft.status_code == 200, draft.text
    booked = api.post(
        f"/v1/{world.pro_org}/vouchers/purchase/{draft.json()['Guid']}/book",
        json={"Timestamp": draft.json()["Timestamp"]},
        headers=headers,
    )
    assert booked.status_code == 200, booked.text
    return booked.json()


def _pay_purchase(
    api: TestClient, world: World, headers: dict[str, str], voucher: Any, amount: float
) -> Any:
    body = {"Amount": amount, "DepositAccountNumber": 55000, "Description": "Betaling",
            "RemainderIsFee": False, "Timestamp": voucher["Timestamp"]}  # fmt: skip
    url = f"/v1/{world.pro_org}/purchase-vouchers/{voucher['Guid']}/payments"
    response = api.post(url, json=body, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_sales_purchases_and_payments_with_the_running_balance(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    contact = customer(api, world, alice)
    invoice = _invoice(api, world, alice, contact)
    purchase = _purchase(api, world, alice, contact)
    paid = _pay_invoice(api, world, alice, invoice, 500.0)
    statement = _statement(api, world, alice, contact)
    assert statement["ContactGuid"] == contact
    assert (statement["Income"], statement["Expenses"]) == (2000.0, 1250.0)
    first, second, third = statement["Entries"]
    assert first == {
        "RelatedVoucherGuid": invoice["Guid"],
        "RelatedVoucherNumber": str(invoice["Number"]),
        "Date": DAY,
        "DecayDate": f"{invoice['PaymentDate'][:10]}T00:00:00",
        "Description": f"Faktura {invoice['Number']}",
        "Type": "Invoice",
        "Amount": 2000.0,
        "Balance": 2000.0,
        "Status": "open",
        "RelatedVoucherCategory": "sales",
        "RelatedVoucherClass": "invoice",
        "Currency": "DKK",
    }
    assert invoice["PaymentDate"][:10] == (TODAY + timedelta(days=8)).isoformat()
    assert second["RelatedVoucherGuid"] == purchase["Guid"]
    assert (second["Amount"], second["Balance"], second["Status"]) == (-1250.0, 750.0, "open")
    assert (second["RelatedVoucherCategory"], second["RelatedVoucherClass"]) == (
        "purchases",
        "invoice",
    )
    assert second["Type"] == "Purchases"
    assert second["DecayDate"] == f"{(TODAY + timedelta(days=30)).isoformat()}T00:00:00"
    assert third["RelatedVoucherGuid"] == paid["RelatedVoucherGuid"]
    assert (third["Amount"], third["Balance"], third["Status"]) == (-500.0, 250.0, "open")
    assert (third["RelatedVoucherCategory"], third["RelatedVoucherClass"]) == ("sales", "cash")
    assert third["DecayDate"] is None and third["Type"] == "SalesPayment"


def test_settled_documents_close_with_their_payments_and_can_be_hidden(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    contact = customer(api, world, alice)
    invoice = _invoice(api, world, alice, contact)
    paid = _pay_invoice(api, world, alice, invoice, 2000.0)
    purchase = _purchase(api, world, alice, contact)
    first = _pay_purchase(api, world, alice, purchase, 1000.0)
    statement = _statement(api, world, alice, contact)
    status = {entry["RelatedVoucherGuid"]: entry["Status"] for entry in statement["Entries"]}
    assert status == {
        invoice["Guid"]: "closed",
        paid["RelatedVoucherGuid"]: "closed",
        purchase["Guid"]: "open",
        first["RelatedVoucherGuid"]: "open",
    }
    payment = statement["Entries"][-1]
    assert (payment["RelatedVoucherCategory"], payment["RelatedVoucherClass"]) == (
        "purchases",
        "cash",
    )
    assert payment["Amount"] == 1000.0 and payment["Balance"] == -250.0
    hidden = _statement(api, world, alice, contact, "?hideClosed=TRUE")
    assert [entry["RelatedVoucherGuid"] for entry in hidden["Entries"]] == [
        purchase["Guid"],
        first["RelatedVoucherGuid"],
    ]
    assert [entry["Balance"] for entry in hidden["Entries"]] == [-1250.0, -250.0]
    assert (hidden["Income"], hidden["Expenses"]) == (2000.0, 1250.0)
    purchase["Timestamp"] = first["TimeStamp"]
    _pay_purchase(api, world, alice, purchase, 250.0)
    assert _statement(api, world, alice, contact, "?hideClosed=true")["Entries"] == []


def test_a_credit_note_settles_its_invoice_and_reduces_income(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    contact = customer(api, world, alice)
    invoice = _invoice(api, world, alice, contact)
    generated = api.post(
        f"/v1/{world.pro_org}/invoices/{invoice['Guid']}/generate-creditnote",
        json={"Timestamp": invoice["TimeStamp"]},
        headers=alice,
    )
    assert generated.status_code == 200, generated.text
    note = book(api, world, alice, generated.json(), "sales/creditnotes")
    statement = _statement(api, world, alice, contact)
    assert (statement["Income"], statement["Expenses"]) == (0.0, 0.0)
    last = statement["Entries"][-1]
    assert last["RelatedVoucherGuid"] == note["Guid"]
    assert (last["Amount"], last["Balance"], last["Status"]) == (-2000.0, 0.0, "closed")
    assert (last["RelatedVoucherClass"], last["Type"], last["DecayDate"]) == (
        "creditnote",
        "CreditNote",
        None,
    )
    assert statement["Entries"][0]["Status"] == "closed"


def test_the_period_takes_dates_and_date_times_and_keeps_the_balance(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    contact = customer(api, world, alice)
    _invoice(api, world, alice, contact)
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    today = _statement(api, world, alice, contact, f"?from={TODAY}&to={TODAY}T23:59:59Z")
    assert len(today["Entries"]) == 1 and today["Income"] == 2000.0
    later = _statement(api, world, alice, contact, f"?FROM={tomorrow}")
    assert later["Entries"] == [] and later["Income"] == 0.0
    earlier = _statement(api, world, alice, contact, f"?to={yesterday}T12:00:00")
    assert earlier["Entries"] == [] and earlier["Income"] == 0.0


def test_a_contact_without_entries_has_an_empty_statement(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    contact = customer(api, world, alice)
    assert _statement(api, world, alice, contact) == {
        "ContactGuid": contact,
        "Income": 0.0,
        "Expenses": 0.0,
        "Entries": [],
    }


def test_bad_queries_are_400_naming_the_parameter(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    contact = customer(api, world, alice)
    url = f"/v1/{world.pro_org}/state-of-account/{contact}"
    for query, name in (
        ("?from=26-11-2026", "from"),
        ("?to=yesterday", "to"),
        (f"?from={TODAY}&to={TODAY - timedelta(days=1)}", "to"),
        ("?hideClosed=maybe", "hideClosed"),
    ):
        response = api.get(url + query, headers=alice)
        assert response.status_code == 400, (query, response.text)
        assert name in response.json()["validationErrors"], query
    malformed = api.get(f"/v1/{world.pro_org}/state-of-account/not-a-guid", headers=alice)
    assert malformed.status_code == 400 and "guid" in malformed.json()["validationErrors"]


def test_unknown_and_other_organizations_contacts_are_refused(
    api: TestClient, world: World, alice: dict[str, str], minter: Minter
) -> None:
    unknown = api.get(f"/v1/{world.pro_org}/state-of-account/{uuid.uuid4()}", headers=alice)
    assert unknown.status_code == 404 and unknown.json()["code"] == 40
    bob = minter.headers(email=world.bob_email)
    body = {"Name": "Bobs kunde", "CountryKey": "DK", "IsPerson": False, "IsMember": False,
            "UseCvr": False}  # fmt: skip
    created = api.post(f"/v1/{world.other_org}/contacts", json=body, headers=bob)
    assert created.status_code == 200, created.text
    bobs = created.json()["ContactGuid"]
    refused = api.get(f"/v1/{world.pro_org}/state-of-account/{bobs}", headers=alice)
    assert refused.status_code == 404 and refused.json()["code"] == 40
    mine = customer(api, world, alice)
    _invoice(api, world, alice, mine)
    elsewhere = api.get(f"/v1/{world.other_org}/state-of-account/{mine}", headers=bob)
    assert elsewhere.status_code == 404
    assert (
        api.get(f"/v1/{world.other_org}/state-of-account/{mine}", headers=alice).status_code == 401
    )
