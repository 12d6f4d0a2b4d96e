"""Binding the create and update bodies of invoices, sales credit notes and trade offers
(reference §3.5, §3.6, §3.12): `InvoiceCreateModel`, `SalesCreditNoteCreateModel`,
`TradeOfferCreateModel` and their update and fetch twins.

`parse_sales_body` checks every property's type and shape and names each one at fault in a
single 400; `sales_content.resolve_content` then checks what needs the database (contact,
products, accounts) and prices the lines.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from bilag.api.binding import Prop, bind_element, bind_object
from bilag.api.errors import validation_failure
from bilag.api.manual_voucher_models import parse_date
from bilag.ledger.sales import PRODUCT, TEXT, SalesLine

MAX_LINES = 1000
UNITS = (
    "hours",
    "parts",
    "km",
    "day",
    "week",
    "month",
    "kilogram",
    "cubicMetre",
    "set",
    "litre",
    "box",
    "case",
    "carton",
    "metre",
    "package",
    "shipment",
    "squareMetre",
    "session",
    "tonne",
)
PAYMENT_CONDITIONS = ("Netto", "NettoCash", "CurrentMonthOut", "Paid")
LANGUAGES = ("da-DK", "en-GB")

_COMMON_PROPS = (
    Prop("ContactGuid", "guid"),
    Prop("Guid", "guid"),
    Prop("ShowLinesInclVat", "bool"),
    Prop("InvoiceTemplateId", "guid"),
    Prop("Currency", max_length=3),
    Prop("Language", choices=LANGUAGES),
    Prop("ExternalReference", max_length=128),
    Prop("Description", max_length=2000),
    Prop("Comment", max_length=10000),
    Prop("Date", max_length=10),
    Prop("Address", max_length=2000),
)
_INVOICE_PROPS = (
    Prop("PaymentConditionNumberOfDays", "int", minimum=0),
    Prop("PaymentConditionType", choices=PAYMENT_CONDITIONS),
    Prop("ReminderFee", "number", minimum=0, maximum=100),
    Prop("ReminderInterestRate", "number", minimum=0, maximum=100),
    Prop("IsMobilePayInvoiceEnabled", "bool"),
    Prop("IsPensoPayEnabled", "bool"),
)
_CREDIT_NOTE_PROPS = (Prop("CreditNoteFor", "guid"),)
_LINE_TYPE_PROPS = (Prop("LineType", choices=(PRODUCT, TEXT)),)
_TEXT_LINE_PROPS = (Prop("Description", required=True, max_length=2000),)
_PRODUCT_LINE_PROPS = (
    Prop("ProductGuid", "guid"),
    Prop("Description", max_length=2000),
    Prop("Comments", max_length=2000),
    Prop("BaseAmountValue", "number", required=True),
    Prop("Quantity", "number", required=True),
    Prop("AccountNumber", "int", required=True),
    Prop("Unit", choices=UNITS),
    Prop("Discount", "number", minimum=0, maximum=100),
)
TIMESTAMP_PROP = Prop("Timestamp", max_length=16)


@dataclass(frozen=True)
class SalesBody:
    """A bound body: the document's properties by wire name, and its lines."""

    values: Mapping[str, Any]
    lines: tuple[SalesLine, ...]
    document_date: date | None

    def get(self, name: str) -> Any:
        return self.values.get(name)


def parse_sales_body(body: Mapping[str, Any], kind: str, with_timestamp: bool) -> SalesBody:
    props = _COMMON_PROPS + (_INVOICE_PROPS if kind == "invoice" else ())
    props += _CREDIT_NOTE_PROPS if kind == "credit_note" else ()
    props += (Prop("Timestamp", required=True, max_length=16),) if with_timestamp else ()
    values = bind_object(body, props)
    document_date = parse_date(values["Date"], "Date")
    lines = _parse_lines(body)
    return SalesBody(values, lines, document_date)


def _parse_lines(body: Mapping[str, Any]) -> tuple[SalesLine, ...]:
    by_name = {key.lower(): value for key, value in body.items() if isinstance(key, str)}
    raw_lines = by_name.get("productlines")
    if not isinstance(raw_lines, list) or not raw_lines:
        raise validation_failure({"ProductLines": "ProductLines must hold at least one line."})
    if len(raw_lines) > MAX_LINES:
        message = f"A document may have at most {MAX_LINES} lines."
        raise validation_failure({"ProductLines": message})
    problems: dict[str, str] = {}
    lines = [
        _parse_line(raw, f"ProductLines[{index}]", problems) for index, raw in enumerate(raw_lines)
    ]
    if problems:
        raise validation_failure(problems)
    return tuple(line for line in lines if line is not None)


def _parse_line(raw: Any, where: str, problems: dict[str, str]) -> SalesLine | None:
    typed = bind_element(raw, _LINE_TYPE_PROPS, where, problems)
    if typed is None:
        return None
    if typed["LineType"] == TEXT:
        text = bind_element(raw, _TEXT_LINE_PROPS, where, problems)
        return None if text is None else SalesLine(line_type=TEXT, description=text["Description"])
    values = bind_element(raw, _PRODUCT_LINE_PROPS, where, problems)
    if values is None:
        return None
    if values["Unit"] is None:
        problems[f"{where}.Unit"] = f"{where}.Unit is required on a product line."
    if values["ProductGuid"] is None and not (values["Description"] or "").strip():
        message = f"{where}.Description is required on a line without a ProductGuid."
        problems[f"{where}.Description"] = message
    return SalesLine(
        line_type=PRODUCT,
        description=values["Description"] or "",
        base_amount=values["BaseAmountValue"],
        quantity=values["Quantity"],
        discount=values["Discount"] if values["Discount"] is not None else Decimal(0),
        account=values["AccountNumber"],
        unit=values["Unit"],
        comments=values["Comments"],
        product_guid=values["ProductGuid"],
    )
