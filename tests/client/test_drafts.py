"""Client-side validation: bad requests are refused before they are sent, all problems at once."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import httpx
import pytest

from bilag.client import (
    Client,
    ContactDraft,
    JournalLine,
    LedgerItemDraft,
    ManualVoucherDraft,
    PurchaseLine,
    PurchaseVoucherDraft,
    RequestValidationError,
    StaleVersionError,
    UnattachedFileWarning,
    Voucher,
)
from tests.client.fake_dinero import FakeClock, FakeDinero

GUID = "0713954e-1c8e-4c5e-9f3f-5e7b1d2a3c4d"


def test_cash_purchases_refuse_credit_fields_and_the_reverse() -> None:
    cash = PurchaseVoucherDraft(
        "cash", "2026-03-04", [PurchaseLine("125.00", 2000)], payment_date="2026-04-01",
        currency_key="EUR", contact_guid=GUID,
    )  # fmt: skip
    assert cash.problems() == [
        "PaymentDate should not be set on cash purchases",
        "CurrencyKey should not be set on cash purchases",
        "ContactGuid should not be set on cash purchases",
    ]
    credit = PurchaseVoucherDraft("credit", "2026-03-04", deposit_account_number=55000)
    assert credit.problems() == ["DepositAccountNumber belongs to cash purchases, not credit"]


def test_types_dates_and_vat_codes_are_checked() -> None:
    draft = PurchaseVoucherDraft(
        "cash",
        "04-03-2026",
        [PurchaseLine(1.5, "2000", vat_code="")],  # type: ignore[arg-type]
    )
    assert draft.problems() == [
        "VoucherDate must be a date (YYYY-MM-DD), not '04-03-2026'",
        "Lines[0].Amount must be a number (Decimal, int or str), not float",
        "Lines[0].AccountNumber must be a whole number, not '2000'",
        "Lines[0].VatCode must not be empty: leave it out for the account's default, or 'none'",
    ]


def test_a_good_purchase_draft_becomes_dinero_json() -> None:
    draft = PurchaseVoucherDraft(
        "cash", datetime.date(2026, 3, 4), [PurchaseLine(Decimal("125.50"), 2000, "Papir", "I25")],
        deposit_account_number=55000, region_key="DK",
    )  # fmt: skip
    assert draft.problems() == []
    assert draft.to_wire() == {
        "PurchaseType": "cash",
        "VoucherDate": "2026-03-04",
        "Lines": [
            {"Amount": 125.5, "AccountNumber": 2000, "Description": "Papir", "VatCode": "I25"}
        ],
        "DepositAccountNumber": 55000,
        "RegionKey": "DK",
    }


def test_ledger_and_manual_lines() -> None:
    payment = JournalLine(100, account_number=1000, is_payment_for_voucher_id=GUID)
    item = LedgerItemDraft("2026-03-07", [payment, JournalLine(5)])
    assert item.problems() == [
        "item.Lines[0].AccountNumber must be empty on a line that pays a voucher",
        "item.Lines[1] needs an AccountNumber or a BalancingAccountNumber",
    ]
    manual = ManualVoucherDraft("2026-03-07", [])
    assert manual.problems() == ["Lines needs at least one line"]
    assert ContactDraft("", "Danmark").problems() == [
        "Name is required",
        "CountryKey must be two letters, such as DK, not 'Danmark'",
    ]


def offline_client() -> tuple[Client, FakeDinero, list[httpx.Request]]:
    dinero, clock = FakeDinero(), FakeClock()
    sent: list[httpx.Request] = []
    created = {"Guid": GUID, "Timestamp": "0000000000000001", "Status": "Draft"}

    def record(answer: dict[str, object]):  # type: ignore[no-untyped-def]
        def route(request: httpx.Request) -> httpx.Response:
            sent.append(request)
            return httpx.Response(200, json=answer)

        return route

    dinero.routes[("POST", "/v1/4/files")] = record(
        {"FileGuid": "web0crmck5v0ndcx3313g6zn61tc7wgc"}
    )
    dinero.routes[("POST", "/v1.2/4/vouchers/purchase")] = record(created)
    tokens = dinero.issue(expires_at=clock.now + 3600)
    return (
        Client(dinero.credentials(tokens, clock=clock), transport=dinero.transport()),
        dinero,
        sent,
    )


def test_a_bad_request_is_never_sent() -> None:
    client, dinero, _sent = offline_client()
    with pytest.raises(RequestValidationError) as raised:
        client.books(4).purchase_vouchers.create(PurchaseVoucherDraft("cash", "2026-13-01"))
    assert raised.value.problems == ["VoucherDate must be a date (YYYY-MM-DD), not '2026-13-01'"]
    assert dinero.presented == [] and client.counters.calls == 0


def test_a_file_nothing_uses_gives_a_warning() -> None:
    client, _dinero, sent = offline_client()
    with pytest.warns(UnattachedFileWarning, match="kvittering.pdf was uploaded with nothing"):
        guid = client.books(4).files.upload("kvittering.pdf", b"%PDF-1.4")
    assert guid == "web0crmck5v0ndcx3313g6zn61tc7wgc"
    assert b'filename="kvittering.pdf"' in sent[0].read()
    assert sent[0].url.params["fileName"] == "kvittering.pdf"


def test_upload_and_attach_checks_the_draft_before_uploading() -> None:
    client, dinero, sent = offline_client()
    with pytest.raises(RequestValidationError):
        client.books(4).files.upload_and_attach("k.pdf", b"%PDF", PurchaseVoucherDraft("cash", "x"))
    assert sent == []
    draft = PurchaseVoucherDraft("cash", "2026-03-04", [PurchaseLine("10", 2000)])
    voucher = client.books(4).files.upload_and_attach("k.pdf", b"%PDF", draft)
    assert voucher.guid == GUID and voucher.timestamp == "0000000000000001"
    assert json.loads(sent[1].content)["FileGuid"] == "web0crmck5v0ndcx3313g6zn61tc7wgc"


def test_booking_carries_the_timestamp_and_can_retry_a_stale_one_once() -> None:
    dinero, clock = FakeDinero(), FakeClock()
    versions = iter(["0000000000000002"])
    bodies: list[dict[str, str]] = []

    def book(request: httpx.Request) -> httpx.Response:
        bodies.append(json.loads(request.content))
        if bodies[-1]["Timestamp"] == "0000000000000001":
            return httpx.Response(400, json={"code": 58, "message": "Timestamp out of date"})
        return httpx.Response(200, json={"Guid": GUID, "Timestamp": "3", "Status": "Booked"})

    def read(_request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"Guid": GUID, "Timestamp": next(versions)})

    dinero.routes[("POST", f"/v1/4/vouchers/manuel/{GUID}/book")] = book
    dinero.routes[("GET", f"/v1/4/vouchers/manuel/{GUID}")] = read
    tokens = dinero.issue(expires_at=clock.now + 3600)
    vouchers = Client(dinero.credentials(tokens, clock=clock), transport=dinero.transport())
    stale = Voucher(GUID, "0000000000000001", "Draft", None, None, None)
    with pytest.raises(StaleVersionError):
        vouchers.books(4).manual_vouchers.book(stale)
    booked = vouchers.books(4).manual_vouchers.book(stale, retry_stale=True)
    assert booked.status == "Booked"
    assert [b["Timestamp"] for b in bodies] == ["0000000000000001"] * 2 + ["0000000000000002"]


def test_entry_change_windows_are_checked_before_sending() -> None:
    client, dinero, _sent = offline_client()
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    with pytest.raises(RequestValidationError, match="at most 31 days"):
        client.books(4).entries.changes(start, start + datetime.timedelta(days=32))
    with pytest.raises(RequestValidationError, match="changesFrom needs a timezone-aware"):
        client.books(4).entries.changes(datetime.datetime(2026, 1, 1), start)
    with pytest.raises(RequestValidationError, match="toDate 2026-01-01 is before fromDate"):
        client.books(4).entries.list("2026-02-01", datetime.date(2026, 1, 1))
    assert dinero.presented == []
