"""What the SDK sends, checked before it is sent (the FAQ: many 400s get a client acted on).

Each draft's `problems()` lists everything wrong at once; `to_wire()` gives Dinero's body. The
purchase voucher rules are dinero-api.md §3.7: `DepositAccountNumber` and `RegionKey` belong to
cash purchases, `ContactGuid`, `PaymentDate` and `CurrencyKey` to credit purchases.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

from bilag.client._errors import RequestValidationError

Number = Decimal | int | str
MAX_REFERENCE = 128
MAX_LEDGER_ITEMS = 1000
_GUID = re.compile(r"^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


def require_valid(*drafts: Any) -> None:
    problems = [problem for draft in drafts for problem in draft.problems()]
    if problems:
        raise RequestValidationError(problems)


def wire_date(value: datetime.date | str | None) -> str | None:
    return value.isoformat() if isinstance(value, datetime.date) else value


def _date_problem(name: str, value: datetime.date | str | None, required: bool) -> list[str]:
    if value is None:
        return [f"{name} is required"] if required else []
    if isinstance(value, datetime.date):
        return []
    try:
        datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return [f"{name} must be a date (YYYY-MM-DD), not {value!r}"]
    return [] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else [f"{name} must be YYYY-MM-DD"]


def _amount_problem(name: str, value: object) -> list[str]:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, str)):
        return [f"{name} must be a number (Decimal, int or str), not {type(value).__name__}"]
    try:
        amount = Decimal(value)
    except InvalidOperation:
        return [f"{name} must be a number, not {value!r}"]
    return [] if amount.is_finite() else [f"{name} must be a finite number"]


def _int_problem(name: str, value: object) -> list[str]:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return []
    return [f"{name} must be a whole number, not {value!r}"]


def _text_problems(name: str, value: str | None, *, limit: int | None = None) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, str):
        return [f"{name} must be text, not {type(value).__name__}"]
    if limit is not None and len(value) > limit:
        return [f"{name} is at most {limit} characters"]
    return []


def _guid_problem(name: str, value: str | None) -> list[str]:
    if value is None or (isinstance(value, str) and _GUID.match(value)):
        return []
    return [f"{name} must be a GUID, not {value!r}"]


def _vat_problem(name: str, value: str | None) -> list[str]:
    if value == "":
        return [f"{name} must not be empty: leave it out for the account's default, or 'none'"]
    return _text_problems(name, value)


def money(value: Number) -> float:
    """JSON has no decimals: a two-decimal amount survives the float exactly."""
    return float(Decimal(value))


def _clean(body: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in body.items() if value is not None}


@dataclass
class ContactDraft:
    name: str
    country_key: str = "DK"
    is_person: bool = False
    is_member: bool = False
    use_cvr: bool = False
    email: str | None = None
    phone: str | None = None
    street: str | None = None
    zip_code: str | None = None
    city: str | None = None
    vat_number: str | None = None
    external_reference: str | None = None
    contact_guid: str | None = None

    def problems(self) -> list[str]:
        found = [] if isinstance(self.name, str) and self.name.strip() else ["Name is required"]
        if not (
            isinstance(self.country_key, str) and re.fullmatch(r"[A-Za-z]{2}", self.country_key)
        ):
            found.append(f"CountryKey must be two letters, such as DK, not {self.country_key!r}")
        for name, flag in (("IsPerson", self.is_person), ("IsMember", self.is_member)):
            if not isinstance(flag, bool):
                found.append(f"{name} must be true or false")
        found += _text_problems("ExternalReference", self.external_reference, limit=MAX_REFERENCE)
        found += _guid_problem("ContactGuid", self.contact_guid)
        return found

    def to_wire(self) -> dict[str, Any]:
        return _clean(
            {
                "Name": self.name,
                "CountryKey": self.country_key.upper(),
                "IsPerson": self.is_person,
                "IsMember": self.is_member,
                "UseCvr": self.use_cvr,
                "Email": self.email,
                "Phone": self.phone,
                "Street": self.street,
                "ZipCode": self.zip_code,
                "City": self.city,
                "VatNumber": self.vat_number,
                "ExternalReference": self.external_reference,
                "ContactGuid": self.contact_guid,
            }
        )


@dataclass
class PurchaseLine:
    amount: Number  # what was paid, incl. VAT
    account_number: int | None = None
    description: str | None = None
    vat_code: str | None = None

    def problems(self, at: str) -> list[str]:
        found = _amount_problem(f"{at}.Amount", self.amount)
        found += _int_problem(f"{at}.AccountNumber", self.account_number)
        return found + _vat_problem(f"{at}.VatCode", self.vat_code)

    def to_wire(self) -> dict[str, Any]:
        return _clean(
            {
                "Amount": money(self.amount),
                "AccountNumber": self.account_number,
                "Description": self.description,
                "VatCode": self.vat_code,
            }
        )


@dataclass
class PurchaseVoucherDraft:
    purchase_type: Literal["cash", "credit"]
    voucher_date: datetime.date | str
    lines: Sequence[PurchaseLine] = field(default_factory=list)
    deposit_account_number: int | None = None  # cash: the account that paid
    region_key: Literal["DK", "EU", "World"] | None = None  # cash
    contact_guid: str | None = None  # credit: the supplier
    payment_date: datetime.date | str | None = None  # credit: the due date
    currency_key: str | None = None  # credit
    file_guid: str | None = None
    external_reference: str | None = None

    def problems(self) -> list[str]:
        found = _date_problem("VoucherDate", self.voucher_date, required=True)
        found += _date_problem("PaymentDate", self.payment_date, required=False)
        if self.purchase_type == "cash":
            cash_only = {
                "PaymentDate": self.payment_date,
                "CurrencyKey": self.currency_key,
                "ContactGuid": self.contact_guid,
            }
            found += [f"{k} should not be set on cash purchases" for k, v in cash_only.items() if v]
        elif self.purchase_type == "credit":
            credit_only: dict[str, object] = {"DepositAccountNumber": self.deposit_account_number}
            credit_only["RegionKey"] = self.region_key
            found += [
                f"{k} belongs to cash purchases, not credit" for k, v in credit_only.items() if v
            ]
        else:
            found.append(f"PurchaseType is cash or credit, not {self.purchase_type!r}")
        found += _int_problem("DepositAccountNumber", self.deposit_account_number)
        if self.region_key not in (None, "DK", "EU", "World"):
            found.append(f"RegionKey is DK, EU or World, not {self.region_key!r}")
        found += _guid_problem("ContactGuid", self.contact_guid)
        found += _text_problems("ExternalReference", self.external_reference, limit=MAX_REFERENCE)
        for index, line in enumerate(self.lines):
            found += line.problems(f"Lines[{index}]")
        return found

    def to_wire(self) -> dict[str, Any]:
        return _clean(
            {
                "PurchaseType": self.purchase_type,
                "VoucherDate": wire_date(self.voucher_date),
                "Lines": [line.to_wire() for line in self.lines],
                "DepositAccountNumber": self.deposit_account_number,
                "RegionKey": self.region_key,
                "ContactGuid": self.contact_guid,
                "PaymentDate": wire_date(self.payment_date),
                "CurrencyKey": self.currency_key,
                "FileGuid": self.file_guid,
                "ExternalReference": self.external_reference,
            }
        )
