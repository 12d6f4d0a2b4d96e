"""Payments of invoices and credit notes: statuses, the ledger, versions, deletion."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from starlette.testclient import TestClient

from tests.api.sales_helpers import (
    TODAY,
    book,
    booked_invoice,
    create,
    customer,
    entries_of,
    invoice_body,
    trial_balance,
)
from tests.factories import World


def _pay(
    api: TestClient, world: World, headers: dict[str, str], invoice: dict[str, Any], **extra: Any
) -> Any:
    body = {
        "Timestamp": invoice["TimeStamp"],
        "DepositAccountNumber": 55000,
        "Description": "Indbetaling",
        "Amount": 500.0,
        "RemainderIsFee": False,
        **extra,
    }
    return api.post(
        f"/v1/{world.pro_org}/invoices/{invoice['Guid']}/payments", json=body, headers=headers
    )


def _payments(api: TestClient, world: World, headers: dict[str, str], guid: str) -> Any:
    response = api.get(f"/v2/{world.pro_org}/invoices/{guid}/payments", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def _read(api: TestClient, world: World, headers: dict[str, str], guid: str) -> Any:
    return api.get(f"/v1/{world.pro_org}/invoices/{guid}", headers=headers).json()


def test_a_partial_payment_then_the_rest(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    invoice = booked_invoice(api, world, alice)
    first = _pay(api, world, alice, invoice)
    assert first.status_code == 200, first.text
    paid = first.json()
    assert paid["TimeStamp"] != invoice["TimeStamp"]
    assert entries_of(app, paid["RelatedVoucherGuid"]) == {55000: 50000, 57000: -50000}
    assert _read(api, world, alice, invoice["Guid"])["PaymentStatus"] == "Booked"
    summary = _payments(api, world, alice, invoice["Guid"])
    assert (summary["PaidAmount"], summary["RemainingAmount"]) == (500.0, 1500.0)
    assert summary["RemainderAsFeeAvailable"] is True
    assert summary["Payments"][0]["PaymentClass"] == "Invoice"
    stale = _pay(api, world, alice, invoice, Amount=1500.0)
    assert stale.status_code == 400 and stale.json()["code"] == 58
    rest = _pay(api, world, alice, {**invoice, "TimeStamp": paid["TimeStamp"]}, Amount=1500.0)
    assert rest.status_code == 200, rest.text
    assert _read(api, world, alice, invoice["Guid"])["PaymentStatus"] == "Paid"
    assert trial_balance(app, world.pro_org) == 0
    old = api.get(f"/v1/{world.pro_org}/invoices/{invoice['Guid']}/payments", headers=alice)
    assert len(old.json()["Payments"]) == 2


def test_overpaid_overdue_and_remainder_as_fee(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    late = booked_invoice(
        api,
        world,
        alice,
        Date=(TODAY - timedelta(days=20)).isoformat(),
        PaymentConditionType="Netto",
        PaymentConditionNumberOfDays=8,
    )
    assert late["PaymentStatus"] == "Overdue"
    over = _pay(api, world, alice, late, Amount=2500.0)
    assert _read(api, world, alice, late["Guid"])["PaymentStatus"] == "OverPaid"
    assert _payments(api, world, alice, late["Guid"])["RemainingAmount"] == -500.0
    assert over.status_code == 200
    fee = booked_invoice(api, world, alice)
    response = _pay(api, world, alice, fee, Amount=1990.0, RemainderIsFee=True)
    assert response.status_code == 200, response.text
    entries = entries_of(app, response.json()["RelatedVoucherGuid"])
    assert entries == {55000: 199000, 6400: 1000, 57000: -200000}
    assert _read(api, world, alice, fee["Guid"])["PaymentStatus"] == "Paid"


def test_deleting_a_payment_reverses_it(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    invoice = booked_invoice(api, world, alice)
    paid = _pay(api, world, alice, invoice, Amount=2000.0).json()
    url = f"/v1/{world.pro_org}/invoices/{invoice['Guid']}/payments/{paid['Guid']}"
    stale = api.request("DELETE", url, json={"Timestamp": invoice["TimeStamp"]}, headers=alice)
    assert stale.status_code == 400 and stale.json()["code"] == 58
    assert api.request("DELETE", url, json={}, headers=alice).status_code == 400
    deleted = api.request("DELETE", url, json={"Timestamp": paid["TimeStamp"]}, headers=alice)
    assert deleted.status_code == 200, deleted.text
    assert entries_of(app, paid["RelatedVoucherGuid"]) == {}
    assert _read(api, world, alice, invoice["Guid"])["PaymentStatus"] == "Booked"
    again = api.request(
        "DELETE", url, json={"Timestamp": deleted.json()["TimeStamp"]}, headers=alice
    )
    assert again.status_code == 404


def test_payments_are_refused_where_they_do_not_belong(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    draft = create(api, world, alice, invoice_body(None), "invoices")
    assert _pay(api, world, alice, draft).status_code == 400
    invoice = booked_invoice(api, world, alice)
    for bad in (
        {"Amount": 0},
        {"Amount": "lots"},
        {"Amount": 1.234},
        {"DepositAccountNumber": 1000},
        {"DepositAccountNumber": None},
        {"AmountInForeignCurrency": 10},
        {"Description": ""},
        {"PaymentDate": "tomorrow"},
    ):
        response = _pay(api, world, alice, invoice, **bad)
        assert response.status_code == 400, (bad, response.text)
    assert _payments(api, world, alice, invoice["Guid"])["Payments"] == []
    missing = "5b0c6a52-0d1e-4c34-9b0f-1f6f0d2a9e11"
    assert _pay(api, world, alice, {**invoice, "Guid": missing}).status_code == 404


def test_a_foreign_invoice_is_settled_at_its_rate(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    invoice = booked_invoice(api, world, alice, Currency="EUR")
    assert entries_of(app, invoice["Guid"]) == {57000: 1492000, 1000: -1193600, 64000: -298400}
    needs = _pay(api, world, alice, invoice, Amount=14900.0)
    assert needs.status_code == 400
    paid = _pay(api, world, alice, invoice, Amount=14900.0, AmountInForeignCurrency=2000.0)
    assert paid.status_code == 200, paid.text
    assert entries_of(app, paid.json()["RelatedVoucherGuid"]) == {
        55000: 1490000,
        9200: 2000,
        57000: -1492000,
    }
    assert _read(api, world, alice, invoice["Guid"])["PaymentStatus"] == "Paid"
    assert trial_balance(app, world.pro_org) == 0


def test_a_credit_note_is_paid_back(
    api: TestClient, world: World, alice: dict[str, str], app: Any
) -> None:
    body = invoice_body(customer(api, world, alice))
    note = book(
        api, world, alice, create(api, world, alice, body, "sales/creditnotes"), "sales/creditnotes"
    )
    url = f"/v1/{world.pro_org}/sales/creditnotes/{note['Guid']}/payments"
    refund = {
        "Timestamp": note["TimeStamp"],
        "DepositAccountNumber": 55000,
        "Description": "Tilbagebetaling",
        "Amount": 2000.0,
        "RemainderIsFee": False,
    }
    paid = api.post(url, json=refund, headers=alice)
    assert paid.status_code == 200, paid.text
    assert entries_of(app, paid.json()["RelatedVoucherGuid"]) == {55000: -200000, 57000: 200000}
    listed = api.get(url, headers=alice).json()
    assert listed["PaidAmount"] == 2000.0 and listed["Payments"][0]["PaymentClass"] == "CreditNote"
    read = api.get(f"/v1/{world.pro_org}/sales/creditnotes/{note['Guid']}", headers=alice).json()
    assert read["PaymentStatus"] == "Paid"
    deleted = api.delete(url + "/" + paid.json()["Guid"], headers=alice)
    assert deleted.status_code == 200, deleted.text
    assert trial_balance(app, world.pro_org) == 0
