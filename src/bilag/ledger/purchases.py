"""Purchase vouchers and purchase credit notes beyond their postings: what a line amounts to,
the region a VAT code belongs to, and the credit note's mirror postings (reference §3.7, §7.3).

A purchase line's amount is what was paid. With a Danish purchase code it holds the VAT; with a
reverse-charge code no VAT was paid, so the line is all net and the VAT (posted on both sides)
is not part of its price.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from bilag.ledger.entries import reversal_of
from bilag.ledger.errors import LedgerError, UnknownVatCode
from bilag.ledger.money import ZERO
from bilag.ledger.posting import Chart, Posted, PurchaseLine, PurchaseVoucher, post_purchase_voucher
from bilag.ledger.vat import (
    EU_GOODS_VAT_ACCOUNT,
    EU_SERVICES_VAT_ACCOUNT,
    VatKind,
    VatType,
)

REGIONS = ("DK", "EU", "World")
# Småaktivgrænsen: an asset costing more than this (excl. VAT) is depreciated, not expensed.
SMALL_ASSET_LIMIT = Decimal("33100.00")


@dataclass(frozen=True)
class LineAmounts:
    excl_vat: Decimal
    vat: Decimal
    incl_vat: Decimal


def line_amounts(amount: Decimal, vat_type: VatType | None) -> LineAmounts:
    """A purchase line's net, VAT and gross; only a purchase code carries VAT inside the price."""
    if vat_type is None or vat_type.kind is not VatKind.PURCHASE:
        return LineAmounts(amount, ZERO, amount)
    vat = vat_type.vat_of(amount)
    return LineAmounts(amount - vat, vat, amount)


def is_possibly_fixed_asset(net_amounts: Sequence[Decimal]) -> bool:
    """Whether a line costs more than the small-asset limit, so it may belong among fixed assets."""
    return any(amount > SMALL_ASSET_LIMIT for amount in net_amounts)


def region_of(vat_type: VatType) -> str:
    """The region a purchase VAT code belongs to: DK, EU or World."""
    if vat_type.kind is not VatKind.REVERSE_CHARGE:
        return "DK"
    if vat_type.counter_account in (EU_GOODS_VAT_ACCOUNT, EU_SERVICES_VAT_ACCOUNT):
        return "EU"
    return "World"


def region_problems(region: str, vat_types: Sequence[VatType | None]) -> list[LedgerError]:
    """Each line whose VAT code belongs to another region than the cash purchase's `region`;
    a line without VAT fits every region."""
    problems: list[LedgerError] = []
    for index, vat_type in enumerate(vat_types):
        if vat_type is None or region_of(vat_type) == region:
            continue
        field = f"Lines[{index}].VatCode"
        message = (
            f"Lines[{index}]: VAT code {vat_type.code} is for purchases from "
            f"{region_of(vat_type)}, but RegionKey is {region}."
        )
        problems.append(UnknownVatCode(message, field))
    return problems


def post_purchase_credit_note(lines: Sequence[PurchaseLine], chart: Chart) -> Posted:
    """The mirror of a credit purchase: creditors debited, expense and input VAT credited."""
    posted = post_purchase_voucher(PurchaseVoucher(lines, "credit"), chart)
    if posted.problems:
        return posted
    return Posted(reversal_of(posted.postings), ())
