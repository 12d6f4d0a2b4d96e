"""A trade offer to create, change or preview (`TradeOfferCreateModel`), checked before it is
sent: at least one line; a product line needs an amount, a quantity, an account and a unit, and
a description unless it names a product."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
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

MAX_LINES = 1000
UNITS = (
    "hours", "parts", "km", "day", "week", "month", "kilogram", "cubicMetre", "set", "litre",
    "box", "case", "carton", "metre", "package", "shipment", "squareMetre", "session", "tonne",
)  # fmt: skip
LANGUAGES = ("da-DK", "en-GB")


@dataclass
class TradeOfferLine:
    """A product line; `TradeOfferLine.text("...")` is a line of text only."""

    description: str | None = None
    quantity: Number = 1
    base_amount: Number = 0  # the unit price excluding VAT
    account_number: int | None = None
    unit: str | None = "parts"
    discount: Number = 0  # percent
    product_guid: str | None = None
    comments: str | None = None
    line_type: Literal["Product", "Text"] = "Product"

    @classmethod
    def text(cls, description: str) -> TradeOfferLine:
        return cls(description, line_type="Text")

    def problems(self, at: str) -> list[str]:
        if self.line_type == "Text":
            has_text = isinstance(self.description, str) and self.description.strip()
            return [] if has_text else [f"{at}.Description is required on a text line"]
        if self.line_type != "Product":
            return [f"{at}.LineType is Product or Text, not {self.line_type!r}"]
        found = _amount_problem(f"{at}.BaseAmountValue", self.base_amount)
        found += _amount_problem(f"{at}.Quantity", self.quantity)
        found += _amount_problem(f"{at}.Discount", self.discount)
        if self.account_number is None:
            found.append(f"{at}.AccountNumber is required on a product line")
        found += _int_problem(f"{at}.AccountNumber", self.account_number)
        if self.unit not in UNITS:
            found.append(f"{at}.Unit is one of {', '.join(UNITS)}, not {self.unit!r}")
        if self.product_guid is None and not (self.description or "").strip():
            found.append(f"{at}.Description is required on a line without a ProductGuid")
        found += _guid_problem(f"{at}.ProductGuid", self.product_guid)
        return found + _text_problems(f"{at}.Description", self.description, limit=2000)

    def to_wire(self) -> dict[str, Any]:
        if self.line_type == "Text":
            return {"LineType": "Text", "Description": self.description}
        return _clean(
            {
                "LineType": "Product",
                "Description": self.description,
                "Quantity": money(self.quantity),
                "BaseAmountValue": money(self.base_amount),
                "AccountNumber": self.account_number,
                "Unit": self.unit,
                "Discount": money(self.discount),
                "ProductGuid": self.product_guid,
                "Comments": self.comments,
            }
        )


@dataclass
class TradeOfferDraft:
    contact_guid: str | None
    lines: Sequence[TradeOfferLine] = field(default_factory=list)
    date: datetime.date | str | None = None  # today when left out
    description: str | None = None
    comment: str | None = None
    address: str | None = None
    external_reference: str | None = None
    currency: str | None = None  # DKK when left out
    language: Literal["da-DK", "en-GB"] | None = None
    show_lines_incl_vat: bool | None = None
    invoice_template_id: str | None = None
    guid: str | None = None  # create only: choose the new offer's guid

    def problems(self) -> list[str]:
        found = _guid_problem("ContactGuid", self.contact_guid)
        found += _date_problem("Date", self.date, required=False)
        if not self.lines:
            found.append("ProductLines must hold at least one line")
        if len(self.lines) > MAX_LINES:
            found.append(f"a trade offer has at most {MAX_LINES} lines, not {len(self.lines)}")
        for index, line in enumerate(self.lines):
            found += line.problems(f"ProductLines[{index}]")
        if self.currency is not None and not re.fullmatch(r"[A-Za-z]{3}", self.currency):
            found.append(f"Currency must be three letters, such as DKK, not {self.currency!r}")
        if self.language not in (None, *LANGUAGES):
            found.append(f"Language is da-DK or en-GB, not {self.language!r}")
        found += _text_problems("ExternalReference", self.external_reference, limit=MAX_REFERENCE)
        found += _text_problems("Description", self.description, limit=2000)
        found += _guid_problem("InvoiceTemplateId", self.invoice_template_id)
        return found + _guid_problem("Guid", self.guid)

    def to_wire(self) -> dict[str, Any]:
        return _clean(
            {
                "ContactGuid": self.contact_guid,
                "Guid": self.guid,
                "Date": wire_date(self.date),
                "ProductLines": [line.to_wire() for line in self.lines],
                "Description": self.description,
                "Comment": self.comment,
                "Address": self.address,
                "ExternalReference": self.external_reference,
                "Currency": self.currency.upper() if self.currency else None,
                "Language": self.language,
                "ShowLinesInclVat": self.show_lines_incl_vat,
                "InvoiceTemplateId": self.invoice_template_id,
            }
        )
