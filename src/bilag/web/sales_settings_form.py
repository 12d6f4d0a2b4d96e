"""The invoice settings form: from the posted fields to the changes `set_invoice_settings` takes,
every problem named by its field, so a form with five mistakes shows five messages."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from bilag.storage.invoice_settings import InvoiceSettingsValues
from bilag.web.forms import Fields, single

CONDITION_TYPES = ("Netto", "NettoCash", "CurrentMonthOut")
MAX_REMINDER_FEE = Decimal(100)  # kr.: the most Danish law allows (renteloven § 9 b)
MAX_DAYS = 365
BOOLEANS = ("lines_incl_vat", "add_voucher_as_pdf", "use_fik")
TEXTS = (
    "default_account_number",
    "payment_condition_type",
    "payment_condition_days",
    "reminder_fee",
    "reminder_interest_rate",
    "trustpilot_email",
    "fik_creditor_number",
    "bank_reg_number",
    "bank_account_number",
    "iban",
    "bic",
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_BIC = re.compile(r"^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$")


@dataclass
class SettingsForm:
    """What was posted (to show it again) and, when valid, the changes to store."""

    values: dict[str, str] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)
    changes: dict[str, Any] = field(default_factory=dict)


def form_values(settings: InvoiceSettingsValues) -> dict[str, str]:
    """The stored settings as the form shows them."""
    shown: dict[str, str] = {}
    for name in (*BOOLEANS, *TEXTS):
        value = getattr(settings, name)
        if isinstance(value, bool):
            shown[name] = "on" if value else ""
        else:
            shown[name] = "" if value is None else str(value)
    return shown


def read_settings_form(fields: Fields, accounts: Collection[int]) -> SettingsForm:
    """Validate the posted settings; `accounts` are the organization's account numbers."""
    form = SettingsForm()
    for name in TEXTS:
        form.values[name] = (single(fields, name, max_length=400) or "").strip()
    for name in BOOLEANS:
        form.values[name] = "on" if single(fields, name, max_length=10) else ""
        form.changes[name] = bool(form.values[name])
    _terms(form)
    _account(form, accounts)
    form.changes["reminder_fee"] = _amount(form, "reminder_fee", MAX_REMINDER_FEE)
    form.changes["reminder_interest_rate"] = _amount(form, "reminder_interest_rate", Decimal(100))
    _payment_details(form)
    return form


def _terms(form: SettingsForm) -> None:
    kind = form.values["payment_condition_type"]
    if kind not in CONDITION_TYPES:
        form.problems["payment_condition_type"] = "choose_condition"
        return
    form.changes["payment_condition_type"] = kind
    days = form.values["payment_condition_days"]
    if kind == "NettoCash":
        form.changes["payment_condition_days"] = None
        form.values["payment_condition_days"] = ""
    elif not (days.isascii() and days.isdigit()) or int(days) > MAX_DAYS:
        form.problems["payment_condition_days"] = "days_range"
    else:
        form.changes["payment_condition_days"] = int(days)


def _account(form: SettingsForm, accounts: Collection[int]) -> None:
    raw = form.values["default_account_number"]
    if not (raw.isascii() and raw.isdigit()) or int(raw) not in accounts:
        form.problems["default_account_number"] = "unknown_account"
    else:
        form.changes["default_account_number"] = int(raw)


def _amount(form: SettingsForm, name: str, highest: Decimal) -> Decimal:
    raw = form.values[name].replace(",", ".")
    try:
        amount = Decimal(raw or "0")
    except InvalidOperation:
        amount = Decimal(-1)
    if not amount.is_finite() or amount < 0 or amount > highest or amount != round(amount, 2):
        form.problems[name] = f"{name}_range"
        return Decimal(0)
    return amount


def _digits(form: SettingsForm, name: str, lengths: Collection[int]) -> str | None:
    raw = form.values[name].replace(" ", "")
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit() and len(raw) in lengths):
        form.problems[name] = f"{name}_format"
    return raw


def _payment_details(form: SettingsForm) -> None:
    email = form.values["trustpilot_email"]
    if email and (len(email) > 320 or not _EMAIL.match(email)):
        form.problems["trustpilot_email"] = "email_format"
    form.changes["trustpilot_email"] = email or None
    fik = _digits(form, "fik_creditor_number", (8,))
    if form.changes["use_fik"] and fik is None:
        form.problems["use_fik"] = "fik_needs_creditor"
    form.changes["fik_creditor_number"] = fik
    registration = _digits(form, "bank_reg_number", (4,))
    account = _digits(form, "bank_account_number", range(1, 11))
    if (registration is None) != (account is None):
        missing = "bank_account_number" if account is None else "bank_reg_number"
        form.problems.setdefault(missing, "bank_both")
    form.changes["bank_reg_number"] = registration
    form.changes["bank_account_number"] = account
    iban = form.values["iban"].replace(" ", "").upper()
    if iban and not iban_valid(iban):
        form.problems["iban"] = "iban_format"
    form.changes["iban"] = iban or None
    bic = form.values["bic"].replace(" ", "").upper()
    if bic and not _BIC.match(bic):
        form.problems["bic"] = "bic_format"
    form.changes["bic"] = bic or None


def iban_valid(iban: str) -> bool:
    """ISO 13616: two letters, two check digits, at most 30 more letters or digits, mod 97 = 1."""
    if not (15 <= len(iban) <= 34 and iban.isascii() and iban.isalnum()):
        return False
    if not (iban[:2].isalpha() and iban[2:4].isdigit()):
        return False
    rearranged = iban[4:] + iban[:4]
    number = "".join(str(int(char, 36)) for char in rearranged)
    return int(number) % 97 == 1
