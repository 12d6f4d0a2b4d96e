"""Money: `Decimal` kroner in code, integer øre in storage, rounded half-up to 2 decimals."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ORE = Decimal("0.01")
ZERO = Decimal("0.00")
MAX_KRONER = Decimal("999999999999.99")


def round_kroner(amount: Decimal) -> Decimal:
    """Half-up to whole øre: 0.005 → 0.01, -0.005 → -0.01."""
    return amount.quantize(ORE, rounding=ROUND_HALF_UP)


def to_ore(amount: Decimal) -> int:
    """Kroner as integer øre; the amount is rounded half-up first."""
    return int(round_kroner(amount) * 100)


def from_ore(ore: int) -> Decimal:
    return (Decimal(ore) / 100).quantize(ORE)


def parse_kroner(value: object) -> Decimal:
    """A JSON number or numeric string as kroner; ValueError for anything else or non-finite."""
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise ValueError("must be a number")
    try:
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError("must be a number") from None
    if not amount.is_finite():
        raise ValueError("must be a finite number")
    if abs(amount) > MAX_KRONER:
        raise ValueError(f"must be at most {MAX_KRONER} in size")
    return amount


def has_whole_ore(amount: Decimal) -> bool:
    return amount == amount.quantize(ORE, rounding=ROUND_HALF_UP)
