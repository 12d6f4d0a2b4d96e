"""FIK codes: the +71 payment line with its Luhn-checked payment id."""

from __future__ import annotations

import pytest

from bilag.documents import DocumentError, fik_code
from bilag.documents.fik import parse_fik_code


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, d in enumerate(reversed(digits)):
        value = int(d) * (2 if i % 2 == 1 else 1)
        total += value // 10 + value % 10
    return total % 10 == 0


def test_dineros_example_code() -> None:
    assert fik_code("12345678", "1646090") == "+71<000000016460909+12345678<"


@pytest.mark.parametrize("payment_id", ["1", "17", "99999", "12345678901234", "0"])
def test_payment_id_is_padded_and_luhn_checked(payment_id: str) -> None:
    code = fik_code("87654321", payment_id)
    card, body, creditor = parse_fik_code(code)
    assert (card, creditor) == ("71", "87654321")
    assert len(body) == 15
    assert int(body[:14]) == int(payment_id)
    assert luhn_valid(body)


def test_card_type_75_is_accepted() -> None:
    assert fik_code("12345678", "5", card_type="75").startswith("+75<")


@pytest.mark.parametrize(
    ("creditor", "payment_id", "card", "message"),
    [
        ("1234567", "1", "71", "8 digits"),
        ("1234567x", "1", "71", "digits"),
        ("12345678", "123456789012345", "71", "at most 14"),
        ("12345678", "12a", "71", "digits"),
        ("12345678", "1", "01", "card type"),
    ],
)
def test_bad_input_is_refused(creditor: str, payment_id: str, card: str, message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        fik_code(creditor, payment_id, card)


@pytest.mark.parametrize(
    "code",
    ["71000000016460909+12345678", "+71<0000016460909+12345678<", "+71<000000016460909+1234<"],
)
def test_malformed_codes_do_not_parse(code: str) -> None:
    with pytest.raises(DocumentError):
        parse_fik_code(code)


def test_codes_without_angle_brackets_parse() -> None:
    assert parse_fik_code("+71000000016460909+12345678") == ("71", "000000016460909", "12345678")
