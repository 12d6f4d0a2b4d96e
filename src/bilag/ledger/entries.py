"""Postings: immutable values, balances, the trial balance and reversals.

A posting's amount is signed: positive debits the account, negative credits it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from bilag.ledger.errors import Unbalanced
from bilag.ledger.money import ZERO


@dataclass(frozen=True)
class Posting:
    account: int
    amount: Decimal
    vat_code: str | None = None
    description: str = ""

    def reversed(self) -> Posting:
        return replace(self, amount=-self.amount)


def balance_of(postings: Iterable[Posting]) -> Decimal:
    """Debits minus credits; zero for every balanced set."""
    return sum((posting.amount for posting in postings), ZERO)


def trial_balance(postings: Iterable[Posting]) -> dict[int, Decimal]:
    """Each account's balance, accounts with no postings left out, sorted by number."""
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    for posting in postings:
        totals[posting.account] += posting.amount
    return dict(sorted(totals.items()))


def reversal_of(postings: Sequence[Posting]) -> tuple[Posting, ...]:
    """The postings that cancel `postings` line for line, as a correction of a booked voucher."""
    return tuple(posting.reversed() for posting in postings)


def check_balanced(postings: Sequence[Posting]) -> list[Unbalanced]:
    difference = balance_of(postings)
    if difference == 0:
        return []
    return [Unbalanced(f"Debits and credits differ by {difference}.")]


def without_zeros(postings: Iterable[Posting]) -> tuple[Posting, ...]:
    return tuple(posting for posting in postings if posting.amount != 0)
