"""Purchase vouchers on the wire, incoming: Dinero's create (v1, v1.1, v1.2), update and line
bodies bound into `PurchaseContent`, with the field rules of reference §3.7.

Binding is lenient as everywhere: names in any case, unknown properties ignored, and an empty
string for an optional id, date or key counts as absent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from bilag.api.binding import Prop, bind_element, bind_object
from bilag.api.errors import validation_failure
from bilag.api.manual_voucher_models import parse_date
from bilag.ledger.money import ZERO, parse_kroner
from bilag.ledger.purchases import REGIONS
from bilag.ledger.vat import canonical_code
from bilag.storage.purchases import PurchaseContent, PurchaseDraftLine

MAX_LINES = 500
HOME_CURRENCY = "DKK"
BLANK_MEANS_ABSENT = ("contactguid", "fileguid", "paymentdate", "voucherdate", "currencykey")
_VOUCHER_PROPS = (
    Prop("VoucherDate", max_length=10),
    Prop("DepositAccountNumber", "int"),
    Prop("RegionKey", choices=REGIONS),
    Prop("FileGuid", max_length=64),
    Prop("ContactGuid", "guid"),
    Prop("PaymentDate", max_length=10),
    Prop("CurrencyKey", max_length=10),
    Prop("ExternalReference", max_length=128),
    Prop("Notes", max_length=2000),
)
_LINE_PROPS = (
    Prop("Description", max_length=500),
    Prop("AccountNumber", "int"),
    Prop("VatCode", max_length=10),
    Prop("AccountTagName", max_length=100),
)
TYPE_PROP = Prop("PurchaseType", required=True, choices=("cash", "credit"))
OPTIONAL_TYPE_PROP = Prop("PurchaseType", choices=("cash", "credit"))


@dataclass(frozen=True)
class Dialect:
    """What one version of the create or update body accepts."""

    tags: bool = False  # AccountTagName on lines (v1.2 POST, v1.1 PUT)
    legacy: bool = False  # v1 POST: PurchaseType may be left out, Notes, Amount optional


V1_2 = Dialect(tags=True)
V1_1 = Dialect()
LEGACY = Dialect(legacy=True)


def cleaned(body: Mapping[str, Any]) -> dict[str, Any]:
    """The body with blank optional ids, dates and keys left out."""
    return {
        key: value
        for key, value in body.items()
        if not (
            isinstance(key, str)
            and key.lower() in BLANK_MEANS_ABSENT
            and isinstance(value, str)
            and not value.strip()
        )
    }


def by_lower_name(body: Mapping[str, Any]) -> dict[str, Any]:
    return {key.lower(): value for key, value in body.items() if isinstance(key, str)}


def parse_purchase(raw: Mapping[str, Any], dialect: Dialect) -> PurchaseContent:
    """A create or update body: every malformed property named in one 400, then §3.7's rules."""
    body = cleaned(raw)
    values = bind_object(body, _VOUCHER_PROPS)
    type_prop = OPTIONAL_TYPE_PROP if dialect.legacy else TYPE_PROP
    purchase_type = bind_object(body, (type_prop,))["PurchaseType"]
    lines = parse_lines(body, dialect)
    voucher_date = parse_date(values["VoucherDate"], "VoucherDate")
    payment_date = parse_date(values["PaymentDate"], "PaymentDate")
    if purchase_type is None:  # legacy: a due date without a paying account means credit
        credit = payment_date is not None and values["DepositAccountNumber"] is None
        purchase_type = "credit" if credit else "cash"
    currency = (values["CurrencyKey"] or "").strip().upper() or None
    cash = purchase_type == "cash"
    if cash and payment_date not in (None, voucher_date):  # the read model echoes VoucherDate
        raise validation_failure({"PaymentDate": "PaymentDate should not be set on cash purchases"})
    if currency not in (None, HOME_CURRENCY):
        message = (
            "CurrencyKey should not be set on cash purchases."
            if cash
            else f"bilag keeps no exchange rates, so purchases must be in {HOME_CURRENCY}."
        )
        raise validation_failure({"CurrencyKey": message})
    return PurchaseContent(
        voucher_date=voucher_date,
        lines=lines,
        purchase_type=purchase_type,
        file_guid=_file_guid(values["FileGuid"]),
        external_reference=values["ExternalReference"],
        deposit_account_number=values["DepositAccountNumber"] if cash else None,
        region_key=(values["RegionKey"] or "DK") if cash else None,
        contact_guid=values["ContactGuid"],
        payment_date=payment_date,
        currency_key=HOME_CURRENCY,
        notes=values["Notes"] if dialect.legacy else None,
    )


def _file_guid(raw: str | None) -> str | None:
    return (raw or "").strip().lower() or None


def parse_lines(body: Mapping[str, Any], dialect: Dialect) -> list[PurchaseDraftLine]:
    raw_lines = by_lower_name(body).get("lines")
    if raw_lines is None:
        raw_lines = []
    if not isinstance(raw_lines, list):
        raise validation_failure({"Lines": "Lines must be an array of lines."})
    if len(raw_lines) > MAX_LINES:
        raise validation_failure({"Lines": f"A voucher may have at most {MAX_LINES} lines."})
    problems: dict[str, str] = {}
    lines = [
        _parse_line(raw, f"Lines[{index}]", dialect, problems)
        for index, raw in enumerate(raw_lines)
    ]
    if problems:
        raise validation_failure(problems)
    return [line for line in lines if line is not None]


def _parse_line(
    raw: Any, where: str, dialect: Dialect, problems: dict[str, str]
) -> PurchaseDraftLine | None:
    values = bind_element(raw, _LINE_PROPS, where, problems)
    if values is None:
        return None
    amount = by_lower_name(raw).get("amount")
    if amount is None:
        if not dialect.legacy:
            problems[f"{where}.Amount"] = f"{where}.Amount is required."
            return None
        amount = ZERO
    try:
        kroner = parse_kroner(amount)
    except ValueError as problem:
        problems[f"{where}.Amount"] = f"{where}.Amount {problem}."
        return None
    code = values["VatCode"]
    tag = (values["AccountTagName"] or "").strip().lstrip("#") or None
    return PurchaseDraftLine(
        amount=kroner,
        account=values["AccountNumber"],
        vat_code=None if code is None or not code.strip() else canonical_code(code.strip()),
        description=values["Description"] or "",
        account_tag_name=tag if dialect.tags else None,
    )


def parse_wire_date(raw: Any, field: str) -> date | None:
    """A `date-time` property as Dinero sends it: `yyyy-MM-dd`, or a date-time whose day counts."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if not isinstance(raw, str):
        raise validation_failure({field: f"{field} must be a date in yyyy-MM-dd format."})
    return parse_date(raw.strip()[:10], field)
