from __future__ import annotations

from decimal import Decimal

import pytest

from bilag.ledger.money import from_ore, has_whole_ore, parse_kroner, round_kroner, to_ore


@pytest.mark.parametrize(
    ("amount", "rounded"),
    [("0.005", "0.01"), ("-0.005", "-0.01"), ("2.675", "2.68"), ("1.004", "1.00")],
)
def test_rounding_is_half_up_away_from_zero(amount: str, rounded: str) -> None:
    assert round_kroner(Decimal(amount)) == Decimal(rounded)


def test_ore_conversion() -> None:
    assert (to_ore(Decimal("125.00")), from_ore(12500)) == (12500, Decimal("125.00"))
    assert to_ore(Decimal("-0.015")) == -2


def test_parsing_json_numbers_and_refusing_the_rest() -> None:
    assert parse_kroner(250) == Decimal("250")
    assert parse_kroner(20.1) == Decimal("20.1")
    assert parse_kroner(" -200.00 ") == Decimal("-200.00")
    for bad in (True, None, "tusind", "NaN", "Infinity", [1], "1e20"):
        with pytest.raises(ValueError):
            parse_kroner(bad)
    assert not has_whole_ore(Decimal("10.001")) and has_whole_ore(Decimal("10.1"))
