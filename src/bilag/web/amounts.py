"""Reading an amount as a Danish user types it."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from bilag.ledger.money import MAX_KRONER, has_whole_ore

_DANISH = re.compile(r"^-?(\d{1,3}(\.\d{3})+|\d+),\d{1,2}$")
_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_POINT = re.compile(r"^-?\d+(\.\d{1,2})?$")


def parse_amount(text: str) -> Decimal | None:
    """Kroner as typed in Denmark ("1.250,50", "1.250", "1250,5") or with a decimal point
    ("1250.50"); None when it is not an amount in whole øre. Dots before groups of three digits
    are thousands separators, as in Danish."""
    cleaned = text.replace(" ", "").replace("\u00a0", "").strip()
    cleaned = cleaned.removesuffix(".").removesuffix("kr").strip()
    if _DANISH.match(cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif _THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(".", "")
    elif not _POINT.match(cleaned):
        return None
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        return None
    if abs(amount) > MAX_KRONER or not has_whole_ore(amount):
        return None
    return amount
