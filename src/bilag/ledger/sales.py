"""Invoices, sales credit notes and trade offers: what their lines come to, their totals, their
due date and the postings of booking them (reference §3.5, §3.6).

- A product line's `base_amount` is the unit price excl. VAT, or incl. VAT when the document
  shows lines incl. VAT. Its total is price × quantity less the discount (percent), rounded to
  øre; the VAT of a line is computed on its rounded total, and the document's VAT is the sum of
  its lines' VAT, so the lines always add up to the totals.
- The VAT rate of a line comes from its account's VAT code: 25 % for a sales code, 0 % for a
  zero-rated code or none. An account with a purchase code is not a sales account.
- Text lines are headings: they carry a description and nothing else.
- Booking an invoice debits debtors the total incl. VAT and credits each line's account its net
  and sales VAT the VAT, all in DKK; a credit note posts the mirror.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from bilag.ledger.accounts import Account, Category
from bilag.ledger.chart import DEBTORS_ACCOUNT
from bilag.ledger.entries import Posting, reversal_of, without_zeros
from bilag.ledger.errors import InvalidAccount, InvalidAmount, LedgerError, UnknownAccount
from bilag.ledger.money import MAX_KRONER, ZERO, round_kroner
from bilag.ledger.vat import SALES_VAT_ACCOUNT, VatKind, get_vat_type, is_no_vat

PRODUCT = "Product"
TEXT = "Text"
HUNDRED = Decimal(100)
MAX_QUANTITY = Decimal("999999999")
NOT_FOR_SALES = (Category.VAT_DUE, Category.LIQUID_ASSETS, Category.SHORT_TERM_DEBT)


@dataclass(frozen=True)
class SalesLine:
    line_type: str = PRODUCT
    description: str = ""
    base_amount: Decimal = ZERO
    quantity: Decimal = Decimal(1)
    discount: Decimal = ZERO  # percent, 0-100
    account: int | None = None
    unit: str | None = None
    comments: str | None = None
    product_guid: str | None = None


@dataclass(frozen=True)
class PricedLine:
    line: SalesLine
    vat_rate: Decimal
    vat_code: str | None
    base_excl_vat: Decimal
    base_incl_vat: Decimal
    total_excl_vat: Decimal
    total_incl_vat: Decimal
    account_name: str | None = None

    @property
    def vat(self) -> Decimal:
        return self.total_incl_vat - self.total_excl_vat


@dataclass(frozen=True)
class SalesTotals:
    lines: tuple[PricedLine, ...]
    excl_vat: Decimal
    vat: Decimal
    incl_vat: Decimal
    vatable: Decimal
    non_vatable: Decimal


@dataclass(frozen=True)
class Priced:
    totals: SalesTotals
    problems: tuple[LedgerError, ...]


def price_lines(lines: Sequence[SalesLine], chart: Mapping[int, Account], incl_vat: bool) -> Priced:
    """Every line priced and the document's totals; every problem found, line by line."""
    problems: list[LedgerError] = []
    priced: list[PricedLine] = []
    for index, line in enumerate(lines):
        priced.append(_price_line(line, chart, incl_vat, f"ProductLines[{index}]", problems))
    products = [line for line in priced if line.line.line_type == PRODUCT]
    excl = sum((line.total_excl_vat for line in products), ZERO)
    vat = sum((line.vat for line in products), ZERO)
    vatable = sum((line.total_excl_vat for line in products if line.vat_rate), ZERO)
    totals = SalesTotals(tuple(priced), excl, vat, excl + vat, vatable, excl - vatable)
    return Priced(totals, tuple(problems))


def _price_line(
    line: SalesLine,
    chart: Mapping[int, Account],
    incl_vat: bool,
    where: str,
    problems: list[LedgerError],
) -> PricedLine:
    if line.line_type == TEXT:
        return PricedLine(line, ZERO, None, ZERO, ZERO, ZERO, ZERO)
    vat_code = _sales_vat_code(line.account, chart, where, problems)
    vat_type = None if vat_code is None else get_vat_type(vat_code)
    rate = ZERO if vat_type is None else vat_type.rate
    account = None if line.account is None else chart.get(line.account)
    name = None if account is None else account.name
    _check_line_numbers(line, where, problems)
    if problems:
        return PricedLine(line, rate, vat_code, ZERO, ZERO, ZERO, ZERO, name)
    gross_factor = 1 + rate
    share = line.quantity * (HUNDRED - line.discount) / HUNDRED
    if incl_vat:
        total_incl = round_kroner(line.base_amount * share)
        total_excl = total_incl - round_kroner(total_incl * rate / gross_factor)
        base_incl, base_excl = line.base_amount, line.base_amount / gross_factor
    else:
        total_excl = round_kroner(line.base_amount * share)
        total_incl = total_excl + round_kroner(total_excl * rate)
        base_excl, base_incl = line.base_amount, line.base_amount * gross_factor
    return PricedLine(
        line,
        rate,
        vat_code,
        round_kroner(base_excl),
        round_kroner(base_incl),
        total_excl,
        total_incl,
        name,
    )


def _sales_vat_code(
    number: int | None, chart: Mapping[int, Account], where: str, problems: list[LedgerError]
) -> str | None:
    field = f"{where}.AccountNumber"
    if number is None:
        problems.append(InvalidAccount(f"{field} is required on a product line.", field))
        return None
    account = chart.get(number)
    if account is None:
        problems.append(UnknownAccount(f"Account {number} does not exist.", field))
        return None
    vat_type = None
    if account.vat_code is not None and not is_no_vat(account.vat_code):
        vat_type = get_vat_type(account.vat_code)
    buying = vat_type is not None and vat_type.kind in (VatKind.PURCHASE, VatKind.REVERSE_CHARGE)
    if buying or account.category in NOT_FOR_SALES or account.number == DEBTORS_ACCOUNT:
        message = f"Account {number} ({account.name}) is not an account to sell on."
        problems.append(InvalidAccount(message, field))
        return None
    return None if vat_type is None else vat_type.code


def _check_line_numbers(line: SalesLine, where: str, problems: list[LedgerError]) -> None:
    if not ZERO <= line.discount <= HUNDRED:
        field = f"{where}.Discount"
        problems.append(InvalidAmount(f"{field} must be between 0 and 100.", field))
    if abs(line.quantity) > MAX_QUANTITY:
        field = f"{where}.Quantity"
        problems.append(InvalidAmount(f"{field} must be at most {MAX_QUANTITY}.", field))
    if abs(line.base_amount * line.quantity) > MAX_KRONER:
        field = f"{where}.BaseAmountValue"
        problems.append(InvalidAmount(f"{field} times Quantity is too large.", field))


def due_date(issued: date, condition_type: str, days: int | None) -> date:
    """When an invoice falls due: Netto (days after issue), CurrentMonthOut (days after the end
    of the month), NettoCash and Paid (the issue date)."""
    if condition_type == "Netto":
        return issued + timedelta(days=days or 0)
    if condition_type == "CurrentMonthOut":
        month_end = issued.replace(day=calendar.monthrange(issued.year, issued.month)[1])
        return month_end + timedelta(days=days or 0)
    return issued


def in_dkk(amount: Decimal, exchange_rate: Decimal) -> Decimal:
    """An amount in a currency quoted at `exchange_rate` DKK per 100 units, in DKK."""
    return round_kroner(amount * exchange_rate / HUNDRED)


def invoice_postings(
    totals: SalesTotals, exchange_rate: Decimal, description: str
) -> tuple[Posting, ...]:
    """Each line's account credited its net and sales VAT its VAT, per VAT code; debtors debited
    the sum, all converted to DKK (so debtors balances the converted parts exactly)."""
    nets: dict[tuple[int, str | None], Decimal] = {}
    vat_by_code: dict[str, Decimal] = {}
    for line in totals.lines:
        if line.line.line_type != PRODUCT or line.line.account is None:
            continue
        key = (line.line.account, line.vat_code)
        nets[key] = nets.get(key, ZERO) + line.total_excl_vat
        if line.vat and line.vat_code is not None:
            vat_by_code[line.vat_code] = vat_by_code.get(line.vat_code, ZERO) + line.vat
    credits = [
        Posting(account, -in_dkk(net, exchange_rate), code, description)
        for (account, code), net in nets.items()
    ]
    credits += [
        Posting(SALES_VAT_ACCOUNT, -in_dkk(vat, exchange_rate), code, description)
        for code, vat in vat_by_code.items()
    ]
    debtors = -sum((posting.amount for posting in credits), ZERO)
    return without_zeros([Posting(DEBTORS_ACCOUNT, debtors, None, description), *credits])


def credit_note_postings(
    totals: SalesTotals, exchange_rate: Decimal, description: str
) -> tuple[Posting, ...]:
    return reversal_of(invoice_postings(totals, exchange_rate, description))
