"""Properties of the ledger that hold for any input Hypothesis can think of."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from bilag.ledger.chart import STANDARD_CHART
from bilag.ledger.entries import Posting, balance_of, reversal_of, trial_balance
from bilag.ledger.money import from_ore, round_kroner, to_ore
from bilag.ledger.posting import (
    BalancedLine,
    PurchaseLine,
    PurchaseVoucher,
    post_balanced_lines,
    post_purchase_voucher,
)
from bilag.ledger.vat import VAT_TYPES

CHART = {account.number: account for account in STANDARD_CHART}
NUMBERS = sorted(CHART)
EXPENSES = [n for n in NUMBERS if 2000 <= n <= 9399]
DEPOSITS = [a.number for a in STANDARD_CHART if a.is_deposit]
CODES = [None, "none", *(vat_type.code for vat_type in VAT_TYPES)]
PURCHASE_CODES = [None, "none", "I25", "IEUV", "IEUY", "IVV", "IVY"]
kroner = st.integers(min_value=-(10**11), max_value=10**11).map(from_ore)


@given(st.integers(min_value=-(10**14), max_value=10**14))
def test_ore_round_trips(ore: int) -> None:
    assert to_ore(from_ore(ore)) == ore


@given(st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, places=6))
def test_rounding_is_at_most_half_an_ore_away(amount: Decimal) -> None:
    assert abs(round_kroner(amount) - amount) <= Decimal("0.005")


lines = st.builds(
    BalancedLine,
    amount=kroner,
    account=st.sampled_from(NUMBERS),
    balancing_account=st.sampled_from(NUMBERS),
    account_vat_code=st.sampled_from(CODES),
    balancing_vat_code=st.sampled_from(CODES),
)


@given(st.lists(lines, min_size=1, max_size=8))
def test_every_manual_voucher_that_posts_balances(voucher: list[BalancedLine]) -> None:
    posted = post_balanced_lines(voucher, CHART)
    assert posted.problems or balance_of(posted.postings) == 0
    assert all(problem.code == 42 for problem in posted.problems)


@given(
    st.lists(
        st.builds(
            PurchaseLine,
            account=st.sampled_from(EXPENSES),
            amount=kroner,
            vat_code=st.sampled_from(PURCHASE_CODES),
        ),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from(["cash", "credit"]),
    st.sampled_from(DEPOSITS),
)
def test_every_purchase_voucher_posts_balanced(
    voucher_lines: list[PurchaseLine], purchase_type: str, deposit: int
) -> None:
    voucher = PurchaseVoucher(
        voucher_lines, "cash" if purchase_type == "cash" else "credit", deposit
    )
    posted = post_purchase_voucher(voucher, CHART)
    assert posted.problems == ()
    assert balance_of(posted.postings) == 0


postings = st.lists(
    st.builds(Posting, account=st.sampled_from(NUMBERS), amount=kroner), max_size=20
)


@given(postings)
def test_a_reversal_cancels_and_its_reversal_restores(booked: list[Posting]) -> None:
    reversal = reversal_of(booked)
    assert all(amount == 0 for amount in trial_balance([*booked, *reversal]).values())
    assert list(reversal_of(reversal)) == booked
