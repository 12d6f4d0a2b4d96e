"""Pure functions that turn vouchers into balanced postings (reference §1.5, §7.3).

- A purchase voucher line's amount is what was paid, VAT included. The expense account gets the
  amount less VAT, purchase VAT gets the VAT, and the deposit account (cash) or creditors (credit)
  is credited the total. Reverse-charge codes post the VAT on both sides.
- A manual voucher line or a kassekladde line debits `account` and credits `balancing_account`.
  VAT goes on the side that carries a VAT code (a missing code means the account's default). The
  amount includes VAT for purchase codes and excludes it for sales and foreign codes.

Every function validates all lines and returns every problem found, with the postings only when
there are none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from bilag.ledger.accounts import PURCHASE_RANGE, Account
from bilag.ledger.chart import CREDITORS_ACCOUNT
from bilag.ledger.entries import Posting, check_balanced, without_zeros
from bilag.ledger.errors import (
    InvalidAccount,
    InvalidAmount,
    LedgerError,
    UnknownAccount,
    UnknownVatCode,
    VatOnBothSides,
)
from bilag.ledger.money import has_whole_ore
from bilag.ledger.vat import VatKind, VatType, get_vat_type, is_no_vat

Chart = Mapping[int, Account]


@dataclass(frozen=True)
class Posted:
    postings: tuple[Posting, ...]
    problems: tuple[LedgerError, ...]


@dataclass(frozen=True)
class PurchaseLine:
    account: int
    amount: Decimal  # incl. VAT
    vat_code: str | None = None
    description: str = ""


@dataclass(frozen=True)
class PurchaseVoucher:
    lines: Sequence[PurchaseLine]
    purchase_type: Literal["cash", "credit"]
    deposit_account: int | None = None


@dataclass(frozen=True)
class BalancedLine:
    """A manual voucher line or a kassekladde line."""

    amount: Decimal
    account: int
    balancing_account: int | None = None
    account_vat_code: str | None = None
    balancing_vat_code: str | None = None
    description: str = ""


def post_purchase_voucher(voucher: PurchaseVoucher, chart: Chart) -> Posted:
    problems: list[LedgerError] = []
    postings: list[Posting] = []
    counter = _purchase_counter_account(voucher, chart, problems)
    for index, line in enumerate(voucher.lines):
        where = f"Lines[{index}]"
        account = _require_account(chart, line.account, f"{where}.AccountNumber", problems)
        _check_amount(line.amount, f"{where}.Amount", problems)
        if account is not None and line.account not in PURCHASE_RANGE:
            message = f"{where}: account {line.account} is not an expense account (2000-9399)."
            problems.append(InvalidAccount(message, f"{where}.AccountNumber"))
        vat_type = _resolve_vat(line.vat_code, account, f"{where}.VatCode", problems)
        if vat_type is not None and vat_type.kind in (VatKind.SALES, VatKind.ZERO_RATED):
            message = f"{where}: {vat_type.code} is a sales VAT code; use a purchase code."
            problems.append(UnknownVatCode(message, f"{where}.VatCode"))
            vat_type = None
        postings.extend(_post_side(line.account, line.amount, vat_type, line.description))
        if counter is not None:
            postings.append(Posting(counter, -line.amount, None, line.description))
    return _finish(postings, problems)


def post_balanced_lines(lines: Sequence[BalancedLine], chart: Chart) -> Posted:
    """A manual voucher or a kassekladde voucher: every line, then the whole must balance."""
    problems: list[LedgerError] = []
    postings: list[Posting] = []
    for index, line in enumerate(lines):
        postings.extend(_post_balanced_line(line, chart, f"Lines[{index}]", problems))
    return _finish(postings, problems)


def _post_balanced_line(
    line: BalancedLine, chart: Chart, where: str, problems: list[LedgerError]
) -> list[Posting]:
    _check_amount(line.amount, f"{where}.Amount", problems)
    account = _require_account(chart, line.account, f"{where}.AccountNumber", problems)
    account_vat = _resolve_vat(line.account_vat_code, account, f"{where}.AccountVatCode", problems)
    balancing_vat = None
    if line.balancing_account is not None:
        balancing = _require_account(
            chart, line.balancing_account, f"{where}.BalancingAccountNumber", problems
        )
        balancing_vat = _resolve_vat(
            line.balancing_vat_code, balancing, f"{where}.BalancingAccountVatCode", problems
        )
    if account_vat is not None and balancing_vat is not None:
        message = f"{where}: a VAT code on both the account and the balancing account."
        problems.append(VatOnBothSides(message, f"{where}.BalancingAccountVatCode"))
        return []
    postings = _post_side(line.account, line.amount, account_vat, line.description)
    if line.balancing_account is None:
        return postings
    if balancing_vat is not None:
        balancing_postings = _post_side(
            line.balancing_account, -line.amount, balancing_vat, line.description
        )
        gross = _gross(-line.amount, balancing_vat)
        return [Posting(line.account, -gross, None, line.description), *balancing_postings]
    gross = _gross(line.amount, account_vat)
    return [*postings, Posting(line.balancing_account, -gross, None, line.description)]


def _gross(amount: Decimal, vat_type: VatType | None) -> Decimal:
    """What the other side must carry so a side with this VAT balances."""
    if vat_type is not None and vat_type.kind is VatKind.SALES:
        return amount + vat_type.vat_of(amount)
    return amount


def _post_side(
    account: int, amount: Decimal, vat_type: VatType | None, description: str
) -> list[Posting]:
    if vat_type is None or vat_type.vat_account is None:
        return [Posting(account, amount, None, description)]
    vat = vat_type.vat_of(amount)
    code = vat_type.code
    if vat_type.kind is VatKind.PURCHASE:
        return [
            Posting(account, amount - vat, code, description),
            Posting(vat_type.vat_account, vat, code, description),
        ]
    if vat_type.kind is VatKind.REVERSE_CHARGE and vat_type.counter_account is not None:
        return [
            Posting(account, amount, code, description),
            Posting(vat_type.vat_account, vat, code, description),
            Posting(vat_type.counter_account, -vat, code, description),
        ]
    return [
        Posting(account, amount, code, description),
        Posting(vat_type.vat_account, vat, code, description),
    ]


def _purchase_counter_account(
    voucher: PurchaseVoucher, chart: Chart, problems: list[LedgerError]
) -> int | None:
    if voucher.purchase_type == "credit":
        return CREDITORS_ACCOUNT
    if voucher.deposit_account is None:
        message = "A cash purchase needs DepositAccountNumber."
        problems.append(InvalidAccount(message, "DepositAccountNumber"))
        return None
    found = _require_account(chart, voucher.deposit_account, "DepositAccountNumber", problems)
    if found is not None and not found.is_deposit:
        message = f"Account {voucher.deposit_account} is not a deposit account."
        problems.append(InvalidAccount(message, "DepositAccountNumber"))
        return None
    return None if found is None else found.number


def _require_account(
    chart: Chart, number: int, field: str, problems: list[LedgerError]
) -> Account | None:
    account = chart.get(number)
    if account is None:
        problems.append(UnknownAccount(f"Account {number} does not exist.", field))
    return account


def _resolve_vat(
    code: str | None, account: Account | None, field: str, problems: list[LedgerError]
) -> VatType | None:
    """The VAT type that applies: the code given, else the account's default; None for none."""
    if code is None:
        code = None if account is None else account.vat_code
    if code is None or is_no_vat(code):
        return None
    vat_type = get_vat_type(code)
    if vat_type is None:
        problems.append(UnknownVatCode(f"Unknown VAT code '{code}'.", field))
    return vat_type


def _check_amount(amount: Decimal, field: str, problems: list[LedgerError]) -> None:
    if not amount.is_finite() or not has_whole_ore(amount):
        problems.append(InvalidAmount(f"{field} must have at most 2 decimals.", field))


def _finish(postings: list[Posting], problems: list[LedgerError]) -> Posted:
    if problems:
        return Posted((), tuple(problems))
    kept = without_zeros(postings)
    return Posted(kept, tuple(check_balanced(kept)))
