"""A product's amounts incl. VAT and its totals (reference §3.4).

Only a sales VAT code (`U25`) adds VAT to a product's price; zero-rated, purchase and no code add
none, since a product is sold on an invoice. Each amount is computed exactly and then rounded
half-up to øre, so the total is not the rounded unit price times the quantity.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from bilag.ledger.money import round_kroner
from bilag.ledger.vat import VatKind, get_vat_type

NO_RATE = Decimal("0")


@dataclass(frozen=True)
class ProductAmounts:
    base_incl_vat: Decimal
    total: Decimal
    total_incl_vat: Decimal


def sales_vat_rate(vat_code: str | None) -> Decimal:
    """The VAT rate on a product booked to an account with this code."""
    vat_type = None if vat_code is None else get_vat_type(vat_code)
    if vat_type is None or vat_type.kind is not VatKind.SALES:
        return NO_RATE
    return vat_type.rate


def product_amounts(base: Decimal, quantity: Decimal, vat_rate: Decimal) -> ProductAmounts:
    factor = 1 + vat_rate
    return ProductAmounts(
        base_incl_vat=round_kroner(base * factor),
        total=round_kroner(base * quantity),
        total_incl_vat=round_kroner(base * quantity * factor),
    )
