"""An invoice's whole life over real HTTP, as an integration that invoices through Dinero runs
it: preview, draft, update, book, a partial payment and then the rest, a credit note paid back,
and the e-mail delivered to a real SMTP server. After every step the ledger's entries are checked
and the trial balance is zero.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import httpx
import pytest

from bilag.storage.db import Database
from tests.factories import World, make_world
from tests.smtp_inbox import Inbox, smtp_server

PEPPER = "bilag-dev-pepper"
TODAY = date.today()
LINES = [
    {"LineType": "Text", "Description": "Ydelser i november"},
    {"Description": "Rådgivning", "Quantity": 2, "Unit": "hours", "AccountNumber": 1000,
     "BaseAmountValue": 800, "Discount": 0, "LineType": "Product"},
    {"Description": "Materialer", "Quantity": 3, "Unit": "parts", "AccountNumber": 1000,
     "BaseAmountValue": 99.95, "Discount": 10, "LineType": "Product"},
]  # fmt: skip


@pytest.fixture
def smtp() -> Iterator[tuple[str, Inbox]]:
    with smtp_server() as server:
        yield server


@pytest.fixture
def live_overrides(smtp: tuple[str, Inbox]) -> dict[str, object]:
    return {"smtp_url": smtp[0]}


@pytest.fixture
def world(live_server: str, database_url: str) -> World:
    database = Database(database_url)
    try:
        return make_world(database, pepper=PEPPER)
    finally:
        database.dispose()


@pytest.fixture
def http(live_server: str, world: World) -> Iterator[httpx.Client]:
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
    assert response.status_code == 200, f"{response.request.url}: {response.text}"
    return response.json() if response.content else None


class Books:
    """The organization's ledger as the entries endpoint shows it."""

    def __init__(self, http: httpx.Client, org: int) -> None:
        self.http, self.org = http, org

    def entries(self) -> list[dict[str, Any]]:
        year = {"fromDate": f"{TODAY.year}-01-01", "toDate": f"{TODAY.year}-12-31"}
        found: list[dict[str, Any]] = _ok(
            self.http.get(f"/v1/{self.org}/entries", params={**year, "includePrimo": "false"})
        )
        return found

    def of(self, voucher_guid: str) -> dict[int, float]:
        sums: dict[int, float] = {}
        for entry in self.entries():
            if entry["VoucherGuid"] == voucher_guid:
                account = entry["AccountNumber"]
                sums[account] = round(sums.get(account, 0.0) + entry["Amount"], 2)
        return {account: amount for account, amount in sums.items() if amount}

    def assert_balanced(self) -> None:
        assert round(sum(entry["Amount"] for entry in self.entries()), 2) == 0


def test_an_invoice_from_draft_to_paid_and_credited(
    http: httpx.Client, world: World, smtp: tuple[str, Inbox]
) -> None:
    org = world.pro_org
    books = Books(http, org)
    contact = _ok(
        http.post(
            f"/v1/{org}/contacts",
            json={"Name": "Kunde A/S", "CountryKey": "DK", "Email": "bogholderi@kunde.dk",
                  "IsPerson": False, "IsMember": False, "UseCvr": True, "VatNumber": "12345674",
                  "EanNumber": "5790000000005"},
        )
    )["ContactGuid"]  # fmt: skip
    body = {"ContactGuid": contact, "Date": TODAY.isoformat(), "ProductLines": LINES}

    preview = _ok(http.post(f"/v1/{org}/invoices/fetch", json=body))
    assert (preview["TotalExclVat"], preview["TotalVat"], preview["TotalInclVat"]) == (
        1869.87,
        467.47,
        2337.34,
    )
    created = _ok(http.post(f"/v1/{org}/invoices", json=body))
    draft = _ok(http.get(f"/v1/{org}/invoices/{created['Guid']}"))
    assert draft["TotalInclVat"] == preview["TotalInclVat"] and draft["Status"] == "Draft"

    changed = {**draft, "ProductLines": LINES[:2], "Comment": "Tak for handlen"}
    updated = _ok(http.put(f"/v1.2/{org}/invoices/{created['Guid']}", json=changed))
    assert updated["TimeStamp"] != created["TimeStamp"]
    assert books.of(created["Guid"]) == {}

    invoice = _ok(
        http.post(
            f"/v1/{org}/invoices/{created['Guid']}/book", json={"Timestamp": updated["TimeStamp"]}
        )
    )
    assert invoice["Status"] == "Booked" and invoice["Number"] >= 1
    assert books.of(invoice["Guid"]) == {57000: 2000.0, 1000: -1600.0, 64000: -400.0}
    books.assert_balanced()

    payment = {"DepositAccountNumber": 55000, "Description": "Indbetaling", "RemainderIsFee": False}
    first = _ok(
        http.post(
            f"/v1/{org}/invoices/{invoice['Guid']}/payments",
            json={**payment, "Amount": 500, "Timestamp": invoice["TimeStamp"]},
        )
    )
    assert books.of(first["RelatedVoucherGuid"]) == {55000: 500.0, 57000: -500.0}
    assert _ok(http.get(f"/v1/{org}/invoices/{invoice['Guid']}"))["PaymentStatus"] == "Booked"
    rest = _ok(
        http.post(
            f"/v1/{org}/invoices/{invoice['Guid']}/payments",
            json={**payment, "Amount": 1500, "Timestamp": first["TimeStamp"]},
        )
    )
    assert books.of(rest["RelatedVoucherGuid"]) == {55000: 1500.0, 57000: -1500.0}
    paid = _ok(http.get(f"/v2/{org}/invoices/{invoice['Guid']}/payments"))
    assert (paid["PaidAmount"], paid["RemainingAmount"]) == (2000.0, 0.0)
    assert _ok(http.get(f"/v1/{org}/invoices/{invoice['Guid']}"))["PaymentStatus"] == "Paid"
    books.assert_balanced()

    note = _ok(http.post(f"/v1/{org}/invoices/{invoice['Guid']}/generate-creditnote"))
    credited = _ok(
        http.post(
            f"/v1/{org}/sales/creditnotes/{note['Guid']}/book",
            json={"Timestamp": note["TimeStamp"]},
        )
    )
    assert credited["Number"] == invoice["Number"] + 1
    assert books.of(note["Guid"]) == {57000: -2000.0, 1000: 1600.0, 64000: 400.0}
    refund = _ok(
        http.post(
            f"/v1/{org}/sales/creditnotes/{note['Guid']}/payments",
            json={**payment, "Amount": 2000, "Timestamp": credited["TimeStamp"]},
        )
    )
    assert books.of(refund["RelatedVoucherGuid"]) == {55000: -2000.0, 57000: 2000.0}
    books.assert_balanced()
    listed = _ok(http.get(f"/v1/{org}/sales", params={"fields": "Guid,Type,Status"}))["Collection"]
    assert {(row["Type"], row["Status"]) for row in listed} == {
        ("Invoice", "Paid"),
        ("CreditNote", "Paid"),
    }

    sent = _ok(
        http.post(
            f"/v1/{org}/invoices/{invoice['Guid']}/email",
            json={"Sender": "salg@firma.dk", "ShouldAddTrustPilotEmailAsBcc": False},
        )
    )
    assert sent == {"Recipients": [{"Email": "bogholderi@kunde.dk"}]}
    (message,) = smtp[1].wait_for(1)
    assert message["Subject"] == f"Faktura {invoice['Number']}"
    assert message["To"] == "bogholderi@kunde.dk"


def _seller_details(database_url: str, organization_id: int) -> None:
    """What an e-invoice needs of the organization: a CVR number and a bank account."""
    from bilag.storage.invoice_settings import set_invoice_settings
    from bilag.storage.models import Organization

    database = Database(database_url)
    try:
        with database.write() as session:
            organization = session.get(Organization, organization_id)
            assert organization is not None
            organization.vat_number = "12345674"
            organization.street, organization.zip_code, organization.city = (
                "Vej 1",
                "8000",
                "Aarhus",
            )
            set_invoice_settings(
                session, organization_id, bank_reg_number="1234", bank_account_number="0012345678"
            )
    finally:
        database.dispose()


def test_an_overdue_invoice_gets_a_reminder_with_a_fee_and_goes_as_an_e_invoice(
    http: httpx.Client, world: World, database_url: str
) -> None:
    org = world.pro_org
    books = Books(http, org)
    _seller_details(database_url, org)
    contact = _ok(
        http.post(
            f"/v1/{org}/contacts",
            json={"Name": "Kommune", "CountryKey": "DK", "EanNumber": "5790000000005",
                  "IsPerson": False, "IsMember": False, "UseCvr": False},
        )
    )["ContactGuid"]  # fmt: skip
    issued = date(TODAY.year, 1, 2)
    body = {"ContactGuid": contact, "Date": issued.isoformat(), "ProductLines": LINES[1:2],
            "PaymentConditionType": "Netto", "PaymentConditionNumberOfDays": 8}  # fmt: skip
    created = _ok(http.post(f"/v1/{org}/invoices", json=body))
    invoice = _ok(
        http.post(
            f"/v1/{org}/invoices/{created['Guid']}/book", json={"Timestamp": created["TimeStamp"]}
        )
    )
    assert invoice["PaymentStatus"] == "Overdue"

    reminders = f"/v1/{org}/invoices/{invoice['Guid']}/reminders"
    upcoming = _ok(http.get(f"{reminders}/next"))
    assert upcoming["Number"] == 1
    draft = _ok(
        http.post(
            reminders,
            json={"Timestamp": invoice["TimeStamp"], "Date": date(TODAY.year, 1, 20).isoformat(),
                  "WithDebtCollectionWarning": False, "WithFee": True, "WithInterestFee": False,
                  "WithCompensationFee": False},
        )
    )  # fmt: skip
    assert draft["FeeAmount"] == 100.0 and draft["IsDraft"] is True
    before = books.entries()
    booked = _ok(
        http.post(f"{reminders}/{draft['Id']}/book", json={"Timestamp": draft["Timestamp"]})
    )
    assert booked["IsDraft"] is False
    posted = [entry for entry in books.entries() if entry not in before]
    sums: dict[int, float] = {}
    for entry in posted:
        sums[entry["AccountNumber"]] = round(
            sums.get(entry["AccountNumber"], 0) + entry["Amount"], 2
        )
    assert sums == {57000: 100.0, 1100: -100.0}
    books.assert_balanced()
    owed = _ok(http.get(f"/v2/{org}/invoices/{invoice['Guid']}/payments"))
    assert owed["InvoiceTotalIncludingReminderExpenses"] == 2100.0

    sent = http.post(
        f"/v3/{org}/invoices/{invoice['Guid']}/e-invoice", json={"PaymentMeanEnum": "Domestic"}
    )
    assert sent.status_code == 200, sent.text
    mailouts = _ok(http.get(f"/v1/{org}/invoices/{invoice['Guid']}/mailouts"))
    assert [(m["Type"], m["Status"]) for m in mailouts] == [("Einvoice", "Pending")]
    pdf = http.get(f"/v1/{org}/invoices/{invoice['Guid']}", headers={"Accept": "application/pdf"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
