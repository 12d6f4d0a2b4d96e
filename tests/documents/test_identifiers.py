"""GLN and CVR check digits, computed here from first principles for fresh numbers."""

from __future__ import annotations

import pytest

from bilag.documents import validate_cvr, validate_gln


def gln_with_check_digit(first_twelve: str) -> str:
    weighted = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(first_twelve)))
    return first_twelve + str((10 - weighted % 10) % 10)


def cvr_with_check_digit(first_seven: str) -> str | None:
    weighted = sum(int(d) * w for d, w in zip(first_seven, (2, 7, 6, 5, 4, 3, 2), strict=True))
    last = (11 - weighted % 11) % 11
    return None if last == 10 else first_seven + str(last)


@pytest.mark.parametrize("prefix", ["579000000000", "579800000123", "400638133393", "000000000001"])
def test_gln_with_its_check_digit_is_valid(prefix: str) -> None:
    gln = gln_with_check_digit(prefix)
    assert validate_gln(gln)
    wrong = gln[:12] + str((int(gln[12]) + 1) % 10)
    assert not validate_gln(wrong)


def test_a_published_gln_is_valid() -> None:
    assert validate_gln("5790000435975")  # a GS1 Denmark example number
    assert validate_gln("4006381333931")  # GS1's own check-digit example


@pytest.mark.parametrize(
    "value",
    [
        "",
        "579000000000",
        "57900000000055",
        "579000000000X",
        "５７９００００００００５",
        " 5790000000005",
    ],
)
def test_malformed_gln_is_invalid(value: str) -> None:
    assert not validate_gln(value)


@pytest.mark.parametrize("prefix", ["1234567", "8765431", "2989110", "3120012"])
def test_cvr_with_its_check_digit_is_valid(prefix: str) -> None:
    cvr = cvr_with_check_digit(prefix)
    if cvr is None:
        pytest.skip("no check digit exists for this prefix")
    assert validate_cvr(cvr)
    for other in range(10):
        if str(other) != cvr[7]:
            assert not validate_cvr(cvr[:7] + str(other))


def test_known_cvr_numbers() -> None:
    assert validate_cvr("12345674")
    assert validate_cvr("87654311")
    assert not validate_cvr("12345678")


@pytest.mark.parametrize(
    "value", ["", "1234567", "123456740", "DK12345674", "01234567", "1234567a"]
)
def test_malformed_cvr_is_invalid(value: str) -> None:
    assert not validate_cvr(value)
