"""The new drafts and call builders, sans I/O: what they send, and what they refuse."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from bilag.client import (
    DepositAccountDraft,
    EntryAccountDraft,
    PurchaseCreditNoteDraft,
    PurchaseLine,
    PurchasePaymentDraft,
    RequestValidationError,
)
from bilag.client._extra_calls import delete_contact_note, download_file
from bilag.client._purchase_extra_calls import credit_purchase, delete_payment
from bilag.client._settings_calls import report, unsubscribe_webhook
from bilag.client._settings_drafts import WebhookSubscriptionDraft


def test_a_report_sends_its_flags_and_primo_has_no_ledger_flag() -> None:
    saldo = report(7, "saldo", 2026, include_ledger_entries=True, show_vat_types=True)
    assert saldo.path == "/v1/7/2026/reports/saldo"
    assert saldo.params == {
        "showZeroAccount": "false",
        "showAccountNo": "false",
        "includeSummaryAccount": "true",
        "showVatType": "true",
        "includeLedgerEntries": "true",
    }
    assert "includeLedgerEntries" not in report(7, "primo", "2026").params
    with pytest.raises(RequestValidationError, match="reports are saldo"):
        report(7, "budget", "2026")  # type: ignore[arg-type]


def test_accounts_are_sent_as_dinero_names_them() -> None:
    assert EntryAccountDraft(1097, "Kurser", "U25").to_wire() == {
        "Number": 1097,
        "Name": "Kurser",
        "VatCode": "U25",
    }
    assert DepositAccountDraft(55097, "Bank", iban_number="DK50").to_wire() == {
        "Number": 55097,
        "Name": "Bank",
        "IbanNumber": "DK50",
    }
    assert DepositAccountDraft(True, "Bank").problems() == [
        "Number must be a whole number, not True"
    ]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("uri", "valid"),
    [
        ("https://example.com/hook", True),
        ("http://127.0.0.1:8000/h", True),
        ("example.com/hook", False),
        ("https:///nohost", False),
        ("https://example.com/a b", False),
    ],
)
def test_a_webhook_uri_must_be_absolute_http(uri: str, valid: bool) -> None:
    assert (WebhookSubscriptionDraft("ContactChanged", uri).problems() == []) is valid


def test_credit_notes_and_payments_are_sent_in_kroner() -> None:
    line = PurchaseLine(Decimal("100.50"), 6000, "Retur", "I25")
    note = PurchaseCreditNoteDraft([line], date=datetime.date(2026, 3, 1))
    assert note.to_wire() == {
        "Date": "2026-03-01",
        "Currency": "DKK",
        "Lines": [
            {"Amount": 100.5, "AccountNumber": 6000, "Description": "Retur", "VatCode": "I25"}
        ],
    }
    payment = PurchasePaymentDraft("-20.25", 55000, payment_date="2026-03-02")
    assert payment.to_wire() == {
        "Amount": -20.25,
        "DepositAccountNumber": 55000,
        "Description": "Betaling",
        "PaymentDate": "2026-03-02",
        "RemainderIsFee": False,
    }
    assert PurchasePaymentDraft(Decimal("NaN"), 55000, " ").problems() == [
        "Amount must be a finite number",
        "Description is required",
    ]


def test_crediting_a_purchase_nests_its_timestamp() -> None:
    call = credit_purchase(7, "g", "0000000000000A01", "2026-03-01")
    assert call.body == {
        "Timestamp": {"Timestamp": "0000000000000A01"},
        "VoucherDate": "2026-03-01",
    }


@pytest.mark.parametrize("bad", ["", " ", "a/b", "a?b", "a#b", "a b", "..%2f"])
def test_path_segments_are_checked(bad: str) -> None:
    with pytest.raises(RequestValidationError, match="one path segment"):
        download_file(7, bad)
    with pytest.raises(RequestValidationError, match="timestamp"):
        delete_payment(7, "g", "p", bad)
    with pytest.raises(RequestValidationError, match="contactGuid"):
        delete_contact_note(7, bad, "n")


def test_unsubscribing_needs_an_event() -> None:
    with pytest.raises(RequestValidationError, match="EventId is required"):
        unsubscribe_webhook(7, "")
    assert unsubscribe_webhook(7, "ContactChanged").body == {"EventId": "ContactChanged"}
