"""The kassekladde grid's pure rules: amounts as typed, and what a line leaves to balance."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bilag.storage.ledger_items import ItemLine
from bilag.web.kassekladde_forms import RowInput, line_json, multipart_file, plain_amount
from bilag.web.kassekladde_grid import ledger_fingerprint, line_difference


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        ("1.234,56", "1234.56"),
        ("-200,5", "-200.5"),
        ("1234.56", "1234.56"),
        ("1,234.56", "1234.56"),
        ("1234,5", "1234.5"),
        ("1 000", "1000"),
        ("abc", "abc"),
        ("", ""),
    ],
)
def test_amounts_are_sent_as_typed_with_a_danish_comma_made_plain(typed: str, sent: str) -> None:
    assert plain_amount(typed) == sent


def test_a_row_becomes_an_api_line_leaving_judgement_to_the_api() -> None:
    row = RowInput(text="Husleje", account="3400", vat="I25", amount="10.000,00", balancing="x")
    assert line_json(row, "line-1") == {
        "Id": "line-1",
        "Description": "Husleje",
        "Amount": "10000.00",
        "AccountNumber": 3400,
        "AccountVatCode": "I25",
        "BalancingAccountNumber": "x",
    }


@pytest.mark.parametrize(
    ("line", "left"),
    [
        (ItemLine(Decimal("100"), account=1000, balancing_account=55000), Decimal("0")),
        (ItemLine(Decimal("100"), account=1000), Decimal("100")),
        (ItemLine(Decimal("100"), balancing_account=55000), Decimal("-100")),
        (ItemLine(Decimal("80"), balancing_account=55000, payment_for="guid"), Decimal("0")),
    ],
)
def test_a_line_with_both_accounts_balances_itself(line: ItemLine, left: Decimal) -> None:
    assert line_difference(line) == left


def test_the_fingerprint_changes_with_any_version() -> None:
    before = ledger_fingerprint([("a", "V1"), ("b", "V1")])
    assert before != ledger_fingerprint([("a", "V1"), ("b", "V2")])
    assert before == ledger_fingerprint([("a", "V1"), ("b", "V1")])


def test_an_upload_is_one_file_part() -> None:
    body, content_type = multipart_file('kvit"tering.pdf', "application/pdf", b"%PDF-1.4")
    boundary = content_type.split("boundary=")[1]
    assert body.startswith(f"--{boundary}\r\n".encode())
    assert b'filename="kvittering.pdf"' in body
    assert body.endswith(f"\r\n--{boundary}--\r\n".encode())
