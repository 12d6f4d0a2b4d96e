"""The purchase-voucher template's form: reading it, the VAT it computes, the API body it becomes
and the API's validation errors put back on the fields they name."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from bilag.ledger.accounts import Account
from bilag.ledger.purchases import applied_vat_type, line_amounts
from bilag.ledger.vat import VAT_TYPES, VatKind, VatType, get_vat_type
from bilag.web.amounts import parse_amount
from bilag.web.forms import Fields, single

# The VAT codes a purchase line can carry: purchase VAT and the reverse-charge codes.
PURCHASE_VAT_TYPES = tuple(
    vat for vat in VAT_TYPES if vat.kind in (VatKind.PURCHASE, VatKind.REVERSE_CHARGE)
)
FIELDS = ("voucher_date", "contact", "description", "amount", "account", "vat_code", "deposit")
# The API's property names (Dinero's validationErrors keys) and the form field each belongs to.
API_FIELDS = {
    "voucherdate": "voucher_date",
    "contactguid": "contact",
    "lines[0].description": "description",
    "lines[0].amount": "amount",
    "lines[0].accountnumber": "account",
    "lines[0].vatcode": "vat_code",
    "depositaccountnumber": "deposit",
    "fileguid": "file",
    "file": "file",
}


@dataclass(frozen=True)
class PurchaseForm:
    voucher_date: str = ""
    contact: str = ""
    description: str = ""
    amount: str = ""
    account: str = ""
    vat_code: str = ""  # empty: the account's own
    deposit: str = ""
    file_guid: str = ""  # a receipt uploaded on an earlier post of this form
    file_name: str = ""


@dataclass(frozen=True)
class VatPreview:
    code: str | None
    excl_vat: Decimal
    vat: Decimal
    incl_vat: Decimal
    reverse_charge: bool


def blank_form(today: date, deposit: int | None) -> PurchaseForm:
    return PurchaseForm(
        voucher_date=today.isoformat(), deposit="" if deposit is None else str(deposit)
    )


def read_purchase_form(fields: Fields) -> PurchaseForm:
    """The form's values as typed (a repeated or overlong field is a 400 page)."""
    values = {name: (single(fields, name, max_length=500) or "").strip() for name in FIELDS}
    file_guid = (single(fields, "file_guid", max_length=64) or "").strip().lower()
    file_name = (single(fields, "file_name", max_length=255) or "").strip()
    return PurchaseForm(**values, file_guid=file_guid, file_name=file_name)


def with_file(form: PurchaseForm, file_guid: str, file_name: str) -> PurchaseForm:
    return replace(form, file_guid=file_guid, file_name=file_name)


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() and len(text) < 10 else None


def local_problems(form: PurchaseForm) -> dict[str, str]:
    """What the form itself can tell is wrong, by field, before asking the API."""
    problems: dict[str, str] = {}
    amount = parse_amount(form.amount)
    if amount is None:
        problems["amount"] = "amount_invalid"
    elif amount <= 0:
        problems["amount"] = "amount_positive"
    if _int(form.account) is None:
        problems["account"] = "account_required"
    if form.vat_code and get_vat_type(form.vat_code) not in PURCHASE_VAT_TYPES:
        problems["vat_code"] = "vat_code_invalid"
    try:
        date.fromisoformat(form.voucher_date)
    except ValueError:
        problems["voucher_date"] = "date_invalid"
    if _int(form.deposit) is None:
        problems["deposit"] = "deposit_required"
    return problems


def vat_preview(form: PurchaseForm, chart: dict[int, Account]) -> VatPreview | None:
    """The line's amounts excl. and incl. VAT and its VAT, as booking would compute them."""
    amount, number = parse_amount(form.amount), _int(form.account)
    if amount is None or number is None:
        return None
    account = chart.get(number)
    vat_type: VatType | None = applied_vat_type(form.vat_code or None, account)
    amounts = line_amounts(amount, vat_type)
    reverse = vat_type is not None and vat_type.kind is VatKind.REVERSE_CHARGE
    code = None if vat_type is None else vat_type.code
    return VatPreview(code, amounts.excl_vat, amounts.vat, amounts.incl_vat, reverse)


def api_body(form: PurchaseForm) -> dict[str, Any]:
    """The v1.2 create body of a cash purchase with one line; call after `local_problems`."""
    amount = parse_amount(form.amount)
    line: dict[str, Any] = {
        "Description": form.description,
        "AccountNumber": _int(form.account),
        "Amount": float(amount) if amount is not None else None,
    }
    if form.vat_code:
        line["VatCode"] = form.vat_code
    return {
        "VoucherDate": form.voucher_date,
        "PurchaseType": "cash",
        "DepositAccountNumber": _int(form.deposit),
        "ContactGuid": form.contact or None,
        "FileGuid": form.file_guid or None,
        "Lines": [line],
    }


def api_field_errors(reply_json: object) -> dict[str, str]:
    """Dinero's `validationErrors` by form field; what belongs to no field goes under ""."""
    if not isinstance(reply_json, dict):
        return {}
    found = reply_json.get("validationErrors") or {}
    errors: dict[str, str] = {}
    if isinstance(found, dict):
        for name, message in found.items():
            field = API_FIELDS.get(str(name).lower(), "")
            errors[field] = (
                f"{errors[field]} {message}".strip() if field in errors else str(message)
            )
    return errors
