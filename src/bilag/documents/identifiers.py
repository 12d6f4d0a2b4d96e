"""Danish party identifiers: GLN (EAN location numbers) and CVR numbers, check digits included."""

from __future__ import annotations

CVR_WEIGHTS = (2, 7, 6, 5, 4, 3, 2, 1)


def validate_gln(value: str) -> bool:
    """13 digits whose last is the GS1 mod-10 check digit of the first 12.

    From the right of the 12 digits, weights alternate 3, 1, 3, ...; the check digit brings the
    weighted sum up to a multiple of 10.
    """
    if len(value) != 13 or not value.isascii() or not value.isdigit():
        return False
    return gs1_check_digit(value[:12]) == int(value[12])


def gs1_check_digit(digits: str) -> int:
    weighted = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(digits)))
    return (10 - weighted % 10) % 10


def validate_cvr(value: str) -> bool:
    """8 digits, not starting with 0, whose sum weighted 2, 7, 6, 5, 4, 3, 2, 1 divides by 11."""
    if len(value) != 8 or not value.isascii() or not value.isdigit() or value[0] == "0":
        return False
    return sum(int(d) * w for d, w in zip(value, CVR_WEIGHTS, strict=True)) % 11 == 0
