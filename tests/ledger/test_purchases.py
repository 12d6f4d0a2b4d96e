"""Purchase lines: their amounts, the region of their VAT, and the credit note's mirror."""

from __future__ import annotations

from decimal import Decimal as D

from bilag.ledger.chart import STANDARD_CHART
from bilag.ledger.entries import balance_of
from bilag.ledger.posting import PurchaseLine
from bilag.ledger.purchases import (
    LineAmounts,
    applied_vat_type,
    is_possibly_fixed_asset,
    line_amounts,
    post_purchase_credit_note,
    region_problems,
)
from bilag.ledger.vat import get_vat_type

CHART = {account.number: account for account in STANDARD_CHART}


def test_a_danish_purchase_line_holds_its_vat_and_a_reverse_charge_line_does_not() -> None:
    assert line_amounts(D("125.00"), get_vat_type("I25")) == LineAmounts(
        D("100.00"), D("25.00"), D("125.00")
    )
    assert line_amounts(D("400.00"), get_vat_type("IEUV")) == LineAmounts(
        D("400.00"), D("0.00"), D("400.00")
    )
    assert line_amounts(D("99.99"), None) == LineAmounts(D("99.99"), D("0.00"), D("99.99"))


def test_a_line_without_a_code_takes_its_accounts_default_and_none_means_no_vat() -> None:
    assert applied_vat_type(None, CHART[6000]) == get_vat_type("I25")
    assert applied_vat_type("NONE", CHART[6000]) is None
    assert applied_vat_type(None, CHART[5000]) is None
    assert applied_vat_type("ivy", None) == get_vat_type("IVY")


def test_each_region_takes_only_its_own_vat_codes() -> None:
    lines = [
        PurchaseLine(6000, D("125")),  # I25 by default: Danish
        PurchaseLine(2150, D("100")),  # IEUY: EU services
        PurchaseLine(2200, D("100")),  # IVV: goods from outside the EU
        PurchaseLine(6000, D("10"), "none"),
    ]
    assert [p.field for p in region_problems("DK", lines, CHART)] == [
        "Lines[1].VatCode",
        "Lines[2].VatCode",
    ]
    assert [p.field for p in region_problems("EU", lines, CHART)] == [
        "Lines[0].VatCode",
        "Lines[2].VatCode",
    ]
    assert [p.field for p in region_problems("World", lines, CHART)] == [
        "Lines[0].VatCode",
        "Lines[1].VatCode",
    ]


def test_a_credit_note_mirrors_a_credit_purchase() -> None:
    posted = post_purchase_credit_note([PurchaseLine(6000, D("125.00"), "I25")], CHART)
    assert posted.problems == ()
    assert balance_of(posted.postings) == 0
    assert {p.account: p.amount for p in posted.postings} == {
        6000: D("-100.00"),
        64010: D("-25.00"),
        63000: D("125.00"),
    }
    refused = post_purchase_credit_note([PurchaseLine(55000, D("1"))], CHART)
    assert refused.postings == () and refused.problems[0].field == "Lines[0].AccountNumber"


def test_only_a_line_above_the_small_asset_limit_may_be_a_fixed_asset() -> None:
    assert is_possibly_fixed_asset([D("100"), D("33100.01")])
    assert not is_possibly_fixed_asset([D("33100.00"), D("20000")])
    assert not is_possibly_fixed_asset([])
