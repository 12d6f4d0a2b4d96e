"""Voucher numbers: unique per organization and accounting year, the next one after the highest.

An explicit number is honoured when free and refused when taken. bilag leaves no gaps of its own;
an explicit number above the highest leaves the gap the caller asked for.
"""

from __future__ import annotations

from collections.abc import Collection

from bilag.ledger.errors import InvalidAmount, LedgerError, VoucherNumberTaken

FIRST_VOUCHER_NUMBER = 1


def choose_after_highest(highest: int, requested: int | None, requested_taken: bool) -> int:
    """The requested number if free, else the one after the year's highest; raises when the
    request can't be met."""
    if requested is None:
        return max(highest, FIRST_VOUCHER_NUMBER - 1) + 1
    problems = validate_requested_number({requested} if requested_taken else (), requested)
    if problems:
        raise problems[0]
    return requested


def validate_requested_number(taken: Collection[int], requested: int | None) -> list[LedgerError]:
    if requested is None:
        return []
    if requested < FIRST_VOUCHER_NUMBER:
        return [InvalidAmount(f"Number must be at least {FIRST_VOUCHER_NUMBER}.", "Number")]
    if requested in taken:
        return [
            VoucherNumberTaken(
                f"Voucher number {requested} is already used in this accounting year.", "Number"
            )
        ]
    return []
