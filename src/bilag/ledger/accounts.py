"""Accounts of a chart: number, name, default VAT code, category, and the ranges that matter.

Categories are the reference's `categoryFilter` list, each with the Danish `CategoryName`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from bilag.ledger.errors import AccountNumberTaken, InvalidAccount, LedgerError


class Category(Enum):
    TURNOVER = ("Turnover", "Omsætning")
    VARIABLE_EXPENSES = ("Variable Expenses", "Variable omkostninger")
    SALARY = ("Salary", "Lønninger")
    SALES_EXPENSES = ("Sales Expenses", "Salgsomkostninger")
    PROPERTY_EXPENSES = ("Property Expenses", "Lokaleomkostninger")
    ADMINISTRATION_EXPENSES = ("Administration Expenses", "Administrationsomkostninger")
    TRAVEL_EXPENSES = ("Travel Expenses", "Rejseomkostninger")
    DEPRECIATION = ("Depreciation", "Afskrivninger")
    INTEREST_INCOME = ("Interest Income", "Renteindtægter")
    INTEREST_EXPENSES = ("Interest Expenses", "Renteudgifter")
    PROPERTY = ("Property", "Materielle anlægsaktiver")
    TURNOVER_ASSETS = ("Turnover Assets", "Omsætningsaktiver")
    FINANCIAL_ASSETS = ("Financial Assets", "Finansielle anlægsaktiver")
    RECEIVABLES = ("Receivables", "Tilgodehavender")
    LIQUID_ASSETS = ("Liquid Assets", "Likvide beholdninger")
    EQUITY = ("Equity", "Egenkapital")
    LONG_TERM_DEBT = ("Long Term Debt", "Langfristet gæld")
    SHORT_TERM_DEBT = ("Short Term Debt", "Kortfristet gæld")
    VAT_DUE = ("Vat Due", "Moms")
    SALARY_DUE = ("Salary Due", "Skyldig løn")
    ANALYSIS = ("Analysis", "Analyse")
    NOT_SET = ("Not Set", "Ikke angivet")
    TAX = ("Tax", "Skat")
    CHARGE = ("Charge", "Afgifter")
    INTANGIBLE_PROPERTY = ("IntangibleProperty", "Immaterielle anlægsaktiver")

    @property
    def wire_name(self) -> str:
        return self.value[0]

    @property
    def danish_name(self) -> str:
        return self.value[1]


def get_category(name: str) -> Category | None:
    """The category whose wire name matches, ignoring case and surrounding blanks."""
    folded = name.strip().lower()
    return next((c for c in Category if c.wire_name.lower() == folded), None)


LOWEST_ACCOUNT_NUMBER = 1
HIGHEST_ACCOUNT_NUMBER = 99999
PURCHASE_RANGE = range(2000, 9400)
DEPOSIT_RANGE = range(55000, 56000)
MAX_NAME_LENGTH = 100


@dataclass(frozen=True)
class Account:
    number: int
    name: str
    vat_code: str | None  # None: the account has no default VAT
    category: Category
    is_deposit: bool = False
    is_default_deposit: bool = False
    is_default_sales: bool = False
    is_hidden: bool = False
    public_standard_number: int | None = None

    @property
    def is_purchase(self) -> bool:
        return self.number in PURCHASE_RANGE and not self.is_deposit


def category_for_number(number: int) -> Category:
    """The category bilag gives an account created without one, by the range it lies in."""
    for bound, category in _CATEGORY_BY_RANGE:
        if number < bound:
            return category
    return Category.NOT_SET


_CATEGORY_BY_RANGE: tuple[tuple[int, Category], ...] = (
    (2000, Category.TURNOVER),
    (3000, Category.VARIABLE_EXPENSES),
    (4000, Category.SALARY),
    (5000, Category.SALES_EXPENSES),
    (6000, Category.PROPERTY_EXPENSES),
    (7000, Category.ADMINISTRATION_EXPENSES),
    (8000, Category.TRAVEL_EXPENSES),
    (9000, Category.DEPRECIATION),
    (9200, Category.INTEREST_INCOME),
    (9400, Category.INTEREST_EXPENSES),
    (50000, Category.NOT_SET),
    (55000, Category.PROPERTY),
    (56000, Category.LIQUID_ASSETS),
    (57000, Category.TURNOVER_ASSETS),
    (58000, Category.RECEIVABLES),
    (61000, Category.FINANCIAL_ASSETS),
    (62000, Category.EQUITY),
    (63000, Category.LONG_TERM_DEBT),
    (64000, Category.SHORT_TERM_DEBT),
    (65000, Category.VAT_DUE),
)


def validate_new_account(
    number: int, name: str, taken: set[int], *, deposit: bool
) -> list[LedgerError]:
    """Problems with a new account: number range, number taken, name empty or too long."""
    problems: list[LedgerError] = []
    allowed = DEPOSIT_RANGE if deposit else range(LOWEST_ACCOUNT_NUMBER, HIGHEST_ACCOUNT_NUMBER + 1)
    if number not in allowed:
        kind = "A deposit account" if deposit else "An account"
        problems.append(
            InvalidAccount(
                f"{kind} number must be between {allowed.start} and {allowed.stop - 1}, "
                f"not {number}.",
                "Number",
            )
        )
    elif number in taken:
        problems.append(AccountNumberTaken(f"Account number {number} is already in use.", "Number"))
    if not name.strip():
        problems.append(InvalidAccount("Name must not be empty.", "Name"))
    elif len(name.strip()) > MAX_NAME_LENGTH:
        problems.append(
            InvalidAccount(f"Name must be at most {MAX_NAME_LENGTH} characters.", "Name")
        )
    return problems
