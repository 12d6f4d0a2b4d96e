"""Currencies a sales document may be in, and the rate bilag books them at.

Dinero assigns the day's rate from Danmarks Nationalbank. bilag cannot reach it, so it books at
fixed reference rates (DKK per 100 units), the same on every day; a payment with
`AmountInForeignCurrency` still fixes its own rate. See docs/decisions.md.
"""

from __future__ import annotations

from decimal import Decimal

DKK = "DKK"
REFERENCE_RATES: dict[str, Decimal] = {
    "DKK": Decimal("100"),
    "EUR": Decimal("746.00"),
    "USD": Decimal("690.00"),
    "GBP": Decimal("870.00"),
    "SEK": Decimal("64.00"),
    "NOK": Decimal("63.00"),
    "CHF": Decimal("780.00"),
    "ISK": Decimal("5.00"),
    "PLN": Decimal("173.00"),
    "JPY": Decimal("4.50"),
    "CAD": Decimal("495.00"),
    "AUD": Decimal("450.00"),
}


def get_rate(currency: str) -> Decimal | None:
    """DKK per 100 units of the currency (any casing); None for a currency bilag does not book."""
    return REFERENCE_RATES.get(currency.strip().upper())
