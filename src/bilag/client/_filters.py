"""`queryFilter` values, built rather than typed (dinero-api.md §4.4).

A condition is `Property eq 'value'` or `Property contains 'value'`; a quote inside a value is
doubled; conditions are joined with `;` and AND-ed. Each list endpoint filters on a few properties
only, named in its `queryFilter` description in Dinero's OpenAPI document: `FILTERABLE` keeps them,
with their kind (text takes `eq` and `contains`; bool and whole numbers only `eq`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from bilag.client._errors import FilterError

Kind = Literal["text", "bool", "int"]

FILTERABLE: Mapping[str, Mapping[str, Kind]] = {
    "contacts": {
        "ExternalReference": "text",
        "Name": "text",
        "Email": "text",
        "VatNumber": "text",
        "EanNumber": "text",
        "IsPerson": "bool",
        "Phone": "text",
    },
    "products": {"Name": "text", "ProductNumber": "text", "ExternalReference": "text"},
    "invoices": {"ExternalReference": "text", "ContactGuid": "text", "Description": "text"},
    "sales": {"ExternalReference": "text", "ContactGuid": "text", "Description": "text"},
    "creditnotes": {"ExternalReference": "text", "ContactGuid": "text", "Description": "text"},
    "tradeoffers": {
        "ExternalReference": "text",
        "ContactName": "text",
        "Address": "text",
        "Comment": "text",
        "Description": "text",
        "HasGeneratedAnyVouchers": "bool",
        "Currency": "text",
        "Date": "text",
        "Number": "int",
    },
}


@dataclass(frozen=True)
class Condition:
    property: str
    operator: Literal["eq", "contains"]
    value: str

    def __str__(self) -> str:
        return f"{self.property} {self.operator} '{self.value.replace(chr(39), chr(39) * 2)}'"


def eq(property: str, value: str | int | bool) -> Condition:
    if isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = str(value)
    return Condition(property, "eq", text)


def contains(property: str, value: str) -> Condition:
    if not isinstance(value, str):
        raise FilterError([f"contains takes text, not {type(value).__name__}"])
    return Condition(property, "contains", value)


def _checked(endpoint: str, condition: Condition) -> Condition:
    allowed = FILTERABLE.get(endpoint)
    if allowed is None:
        raise FilterError([f"the {endpoint} endpoint has no queryFilter"])
    canonical = {name.lower(): name for name in allowed}.get(condition.property.lower())
    if canonical is None:
        names = ", ".join(allowed)
        raise FilterError([f"{endpoint} cannot filter on {condition.property}; only on {names}"])
    kind = allowed[canonical]
    if kind != "text" and condition.operator != "eq":
        raise FilterError([f"{canonical} takes eq only, not {condition.operator}"])
    if kind == "bool" and condition.value not in ("true", "false"):
        raise FilterError([f"{canonical} is true or false, not {condition.value!r}"])
    if kind == "int" and not condition.value.lstrip("-").isdigit():
        raise FilterError([f"{canonical} is a whole number, not {condition.value!r}"])
    return Condition(canonical, condition.operator, condition.value)


def query_filter(endpoint: str, *conditions: Condition) -> str | None:
    """The `queryFilter` text for `endpoint` (a key of `FILTERABLE`), or None for no conditions."""
    if not conditions:
        return None
    return ";".join(str(_checked(endpoint, condition)) for condition in conditions)
