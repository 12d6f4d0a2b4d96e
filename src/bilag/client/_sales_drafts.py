"""Invoices, sales credit notes, their payments and products, checked before they are sent
(dinero-api.md §3.4–§3.6; bilag's `api/sales_models.py` and `api/product_records.py` check the
same).

A product line sells `quantity` of `base_amount` (excl. VAT unless the document shows lines incl.
VAT) on `account_number`; a text line only prints its description.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from bilag.client._drafts import (
    MAX_REFERENCE,
    Number,
    _amount_problem,
    _clean,
    _date_problem,
    _guid_problem,
    _int_problem,
    _text_problems,
    money,
    wire_date,
)

UNITS = (
    "hours", "parts", "km", "day", "week", "month", "kilogram", "cubicMetre", "set", "litre",
    "box", "case", "carton", "metre", "package", "shipment", "squareMetre", "session", "tonne",
)  # fmt: skip
PAYMENT_CONDITIONS = ("Netto", "NettoCash", "CurrentMonthOut", "Paid")
LANGUAGES = ("da-DK", "en-GB")
MAX_LINES = 1000


def _choice_problem(name: str, value: object, choices: Sequence[str]) -> list[str]:
    if value is None or value in choices:
        return []
    return [f"{name} is one of {', '.join(choices)}, not {value!r}"]


def _range_problem(name: str, value: Number | None, low: int, high: int) -> list[str]:
    if value is None:
        return []
    found = _amount_problem(name, value)
    if not found and not low <= Decimal(value) <= high:
        found.append(f"{name} must be from {low} to {high}, not {value}")
    return found


def _optional_money(value: Number | None) -> float | None:
    return None if value is None else money(value)


@dataclass
class InvoiceLine:
    """One line of an invoice or credit note. `InvoiceLine.text("...")` makes a heading line."""

    description: str | None = None
    base_amount: Number = 0
    quantity: Number = 1
    account_number: int | None = None
    unit: str = "parts"
    discount: Number = 0  # percent, 0 to 100
    product_guid: str | None = None
    comments: str | None = None
    line_type: Literal["Product", "Text"] = "Product"

    @classmethod
    def text(cls, description: str) -> InvoiceLine:
        return cls(description=description, line_type="Text")

    def problems(self, at: str) -> list[str]:
        found = _text_problems(f"{at}.Description", self.description, limit=2000)
        if self.line_type == "Text":
            if not (isinstance(self.description, str) and self.description.strip()):
                found.append(f"{at}.Description is required on a text line")
            return found
        if self.line_type != "Product":
            return [*found, f"{at}.LineType is Product or Text, not {self.line_type!r}"]
        found += _amount_problem(f"{at}.BaseAmountValue", self.base_amount)
        found += _amount_problem(f"{at}.Quantity", self.quantity)
        if self.account_number is None:
            found.append(f"{at}.AccountNumber is required on a product line")
        found += _int_problem(f"{at}.AccountNumber", self.account_number)
        found += _choice_problem(f"{at}.Unit", self.unit, UNITS)
        found += _range_problem(f"{at}.Discount", self.discount, 0, 100)
        found += _guid_problem(f"{at}.ProductGuid", self.product_guid)
        found += _text_problems(f"{at}.Comments", self.comments, limit=2000)
        if self.product_guid is None and not (self.description or "").strip():
            found.append(f"{at}.Description is required on a line without a ProductGuid")
        return found

    def to_wire(self) -> dict[str, Any]:
        if self.line_type == "Text":
            return {"LineType": "Text", "Description": self.description}
        return _clean(
            {
                "LineType": "Product",
                "Description": self.description,
                "BaseAmountValue": money(self.base_amount),
                "Quantity": money(self.quantity),
                "AccountNumber": self.account_number,
                "Unit": self.unit,
                "Discount": money(self.discount),
                "ProductGuid": self.product_guid,
                "Comments": self.comments,
            }
        )


@dataclass
class _SalesDocumentDraft:
    lines: Sequence[InvoiceLine]
    date: datetime.date | str | None = None  # today, when left out
    contact_guid: str | None = None  # optional on a draft, needed to book
    currency: str | None = None  # DKK, when left out
    language: Literal["da-DK", "en-GB"] | None = None
    description: str | None = None
    comment: str | None = None
    address: str | None = None  # the contact's, when left out
    external_reference: str | None = None
    show_lines_incl_vat: bool | None = None
    invoice_template_id: str | None = None
    guid: str | None = None  # chosen by the client, or by the server when left out

    def problems(self) -> list[str]:
        found = _date_problem("Date", self.date, required=False)
        if not self.lines:
            found.append("ProductLines needs at least one line")
        if len(self.lines) > MAX_LINES:
            found.append(f"ProductLines holds at most {MAX_LINES} lines, not {len(self.lines)}")
        for index, line in enumerate(self.lines):
            found += line.problems(f"ProductLines[{index}]")
        for name, guid in (
            ("ContactGuid", self.contact_guid),
            ("InvoiceTemplateId", self.invoice_template_id),
            ("Guid", self.guid),
        ):
            found += _guid_problem(name, guid)
        found += _text_problems("Currency", self.currency, limit=3)
        found += _choice_problem("Language", self.language, LANGUAGES)
        found += _text_problems("Description", self.description, limit=2000)
        found += _text_problems("Comment", self.comment, limit=10000)
        found += _text_problems("Address", self.address, limit=2000)
        found += _text_problems("ExternalReference", self.external_reference, limit=MAX_REFERENCE)
        return found

    def to_wire(self) -> dict[str, Any]:
        return _clean(
            {
                "Date": wire_date(self.date),
                "ProductLines": [line.to_wire() for line in self.lines],
                "ContactGuid": self.contact_guid,
                "Currency": self.currency,
                "Language": self.language,
                "Description": self.description,
                "Comment": self.comment,
                "Address": self.address,
                "ExternalReference": self.external_reference,
                "ShowLinesInclVat": self.show_lines_incl_vat,
                "InvoiceTemplateId": self.invoice_template_id,
                "Guid": self.guid,
            }
        )


@dataclass
class InvoiceDraft(_SalesDocumentDraft):
    payment_condition_type: Literal["Netto", "NettoCash", "CurrentMonthOut", "Paid"] | None = None
    payment_condition_days: int | None = None
    reminder_fee: Number | None = None
    reminder_interest_rate: Number | None = None

    def problems(self) -> list[str]:
        found = super().problems()
        found += _choice_problem(
            "PaymentConditionType", self.payment_condition_type, PAYMENT_CONDITIONS
        )
        found += _int_problem("PaymentConditionNumberOfDays", self.payment_condition_days)
        if isinstance(self.payment_condition_days, int) and self.payment_condition_days < 0:
            found.append("PaymentConditionNumberOfDays must not be negative")
        found += _range_problem("ReminderFee", self.reminder_fee, 0, 100)
        found += _range_problem("ReminderInterestRate", self.reminder_interest_rate, 0, 100)
        return found

    def to_wire(self) -> dict[str, Any]:
        extra = {
            "PaymentConditionType": self.payment_condition_type,
            "PaymentConditionNumberOfDays": self.payment_condition_days,
            "ReminderFee": _optional_money(self.reminder_fee),
            "ReminderInterestRate": _optional_money(self.reminder_interest_rate),
        }
        return {**super().to_wire(), **_clean(extra)}


@dataclass
class SalesCreditNoteDraft(_SalesDocumentDraft):
    credit_note_for: str | None = None  # the invoice it credits, if any

    def problems(self) -> list[str]:
        return super().problems() + _guid_problem("CreditNoteFor", self.credit_note_for)

    def to_wire(self) -> dict[str, Any]:
        return {**super().to_wire(), **_clean({"CreditNoteFor": self.credit_note_for})}


@dataclass
class PaymentDraft:
    """A payment of a booked invoice (or a refund of a booked credit note)."""

    amount: Number  # in DKK; differs from 0
    deposit_account_number: int
    description: str
    payment_date: datetime.date | str | None = None  # today, when left out
    amount_in_foreign_currency: Number | None = None  # for documents not in DKK
    remainder_is_fee: bool = False
    external_reference: str | None = None

    def problems(self) -> list[str]:
        found = _amount_problem("Amount", self.amount)
        if not found and Decimal(self.amount) == 0:
            found.append("Amount must differ from 0")
        if self.deposit_account_number is None:
            found.append("DepositAccountNumber is required")
        found += _int_problem("DepositAccountNumber", self.deposit_account_number)
        if not (isinstance(self.description, str) and self.description.strip()):
            found.append("Description is required")
        found += _text_problems("Description", self.description, limit=500)
        found += _date_problem("PaymentDate", self.payment_date, required=False)
        if self.amount_in_foreign_currency is not None:
            found += _amount_problem("AmountInForeignCurrency", self.amount_in_foreign_currency)
        found += _text_problems("ExternalReference", self.external_reference, limit=MAX_REFERENCE)
        return found

    def to_wire(self) -> dict[str, Any]:
        return _clean(
            {
                "Amount": money(self.amount),
                "DepositAccountNumber": self.deposit_account_number,
                "Description": self.description,
                "PaymentDate": wire_date(self.payment_date),
                "AmountInForeignCurrency": _optional_money(self.amount_in_foreign_currency),
                "RemainderIsFee": self.remainder_is_fee,
                "ExternalReference": self.external_reference,
            }
        )
