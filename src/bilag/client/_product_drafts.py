"""A product as the SDK sends it (`ProductCreateModel`, the same as `ProductUpdateModel`),
checked before it is sent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bilag.client._drafts import (
    MAX_REFERENCE,
    Number,
    _amount_problem,
    _clean,
    _int_problem,
    _text_problems,
    money,
)
from bilag.client._sales_drafts import UNITS, _choice_problem


@dataclass
class ProductDraft:
    name: str
    base_amount: Number  # excl. VAT
    account_number: int
    quantity: Number = 1
    unit: str = "parts"
    product_number: str | None = None
    external_reference: str | None = None
    comment: str | None = None  # printed on invoices with the product

    def problems(self) -> list[str]:
        found = [] if isinstance(self.name, str) and self.name.strip() else ["Name is required"]
        found += _amount_problem("BaseAmountValue", self.base_amount)
        found += _amount_problem("Quantity", self.quantity)
        if self.account_number is None:
            found.append("AccountNumber is required")
        found += _int_problem("AccountNumber", self.account_number)
        found += _choice_problem("Unit", self.unit, UNITS)
        for name, value, limit in (
            ("Name", self.name, 500),
            ("ProductNumber", self.product_number, 100),
            ("Comment", self.comment, 128),
            ("ExternalReference", self.external_reference, MAX_REFERENCE),
        ):
            found += _text_problems(name, value, limit=limit)
        return found

    def to_wire(self) -> dict[str, Any]:
        return _clean(
            {
                "Name": self.name,
                "BaseAmountValue": money(self.base_amount),
                "Quantity": money(self.quantity),
                "AccountNumber": self.account_number,
                "Unit": self.unit,
                "ProductNumber": self.product_number,
                "ExternalReference": self.external_reference,
                "Comment": self.comment,
            }
        )
