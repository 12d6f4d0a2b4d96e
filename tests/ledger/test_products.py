"""A product's amounts incl. VAT and totals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bilag.ledger.money import MAX_KRONER
from bilag.ledger.products import product_amounts, sales_vat_rate


@pytest.mark.parametrize(
    ("code", "rate"),
    [("U25", "0.25"), ("u25", "0.25"), ("I25", "0"), ("UEUV", "0"), ("none", "0"), (None, "0")],
)
def test_only_a_sales_code_adds_vat(code: str | None, rate: str) -> None:
    assert sales_vat_rate(code) == Decimal(rate)


def test_amounts_are_exact_then_rounded_half_up() -> None:
    amounts = product_amounts(Decimal("800"), Decimal("1.5"), Decimal("0.25"))
    assert (amounts.base_incl_vat, amounts.total, amounts.total_incl_vat) == (
        Decimal("1000.00"),
        Decimal("1200.00"),
        Decimal("1500.00"),
    )
    cent = product_amounts(Decimal("0.01"), Decimal("100"), Decimal("0.25"))
    assert (cent.base_incl_vat, cent.total, cent.total_incl_vat) == (
        Decimal("0.01"),
        Decimal("1.00"),
        Decimal("1.25"),
    )
    assert product_amounts(Decimal("0.002"), Decimal("1"), Decimal("0.25")).base_incl_vat == (
        Decimal("0.00")
    )
    assert product_amounts(Decimal("0.004"), Decimal("1"), Decimal("0.25")).base_incl_vat == (
        Decimal("0.01")
    )


def test_the_largest_amounts_still_round() -> None:
    amounts = product_amounts(MAX_KRONER, -MAX_KRONER, Decimal("0.25"))
    assert amounts.total_incl_vat < 0
    assert amounts.total == (MAX_KRONER * -MAX_KRONER).quantize(Decimal("0.01"))
