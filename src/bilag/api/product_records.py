"""Products between the wire and the table: the bindings, the read model and the queries.

A product is booked to an account of the organization's chart; its amounts incl. VAT follow that
account's VAT code (`ledger.products`). `BaseAmountValue` and `Quantity` are stored as plain
decimal text, so they come back as they were sent.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bilag.api.binding import Prop, bind_object
from bilag.api.contact_changes import item_is_deleted
from bilag.api.contact_records import wire_time
from bilag.api.errors import DineroError, ErrorCode, validation_failure
from bilag.api.filters import FilterKind
from bilag.api.purchase_booking import chart_of
from bilag.ledger.accounts import Account
from bilag.ledger.products import product_amounts, sales_vat_rate
from bilag.storage.db import Database
from bilag.storage.models import Product, utcnow

UNITS = (
    "hours", "parts", "km", "day", "week", "month", "kilogram", "cubicMetre", "set", "litre",
    "box", "case", "carton", "metre", "package", "shipment", "squareMetre", "session", "tonne",
)  # fmt: skip
LIST_FIELDS = (
    "ProductGuid", "Name", "ProductNumber", "Quantity", "Unit", "AccountNumber",
    "BaseAmountValue", "BaseAmountValueInclVat", "TotalAmount", "TotalAmountInclVat",
    "ExternalReference", "Comment", "CreatedAt", "UpdatedAt", "DeletedAt",
)  # fmt: skip
FILTERABLE: dict[str, FilterKind] = {
    "Name": "text",
    "ProductNumber": "text",
    "ExternalReference": "text",
}
TEXT_COLUMNS = {
    "ProductNumber": "product_number",
    "Name": "name",
    "ExternalReference": "external_reference",
    "Comment": "comment",
}
SIGNIFICANT_DIGITS = 17  # what the double of Dinero's schema holds
DECIMAL_PLACES = 20


def _text(name: str) -> Prop:
    length = Product.__table__.c[TEXT_COLUMNS[name]].type.length  # type: ignore[attr-defined]
    return Prop(name, "text", max_length=length)


PROPS = (
    *(_text(name) for name in TEXT_COLUMNS),
    Prop("BaseAmountValue", "number", required=True),
    Prop("Quantity", "number", required=True),
    Prop("AccountNumber", "int", required=True),
    Prop("Unit", choices=UNITS, required=True),
)


def bind_product(body: dict[str, Any]) -> dict[str, Any]:
    """The validated ProductCreateModel or ProductUpdateModel (they are the same), by wire name,
    with the two numbers as plain decimal text."""
    values = bind_object(body, PROPS)
    problems: dict[str, str] = {}
    for name in ("BaseAmountValue", "Quantity"):
        number: Decimal = values[name].normalize() or Decimal(0)  # no -0, no trailing zeros
        digits, exponent = number.as_tuple().digits, number.as_tuple().exponent
        if len(digits) > SIGNIFICANT_DIGITS:
            problems[name] = f"{name} must have at most {SIGNIFICANT_DIGITS} significant digits."
        elif isinstance(exponent, int) and -exponent > DECIMAL_PLACES:
            problems[name] = f"{name} must have at most {DECIMAL_PLACES} decimals."
        values[name] = format(number, "f")
    if problems:
        raise validation_failure(problems)
    return values


def _columns(values: Mapping[str, Any]) -> dict[str, Any]:
    columns = {TEXT_COLUMNS[name]: values[name] for name in TEXT_COLUMNS}
    columns.update(
        base_amount=values["BaseAmountValue"],
        quantity=values["Quantity"],
        account_number=values["AccountNumber"],
        unit=values["Unit"],
    )
    return columns


def check_account(chart: Mapping[int, Account], number: int) -> None:
    if number not in chart:
        raise validation_failure(
            {"AccountNumber": f"AccountNumber {number} is not an account of the chart."}
        )


def read_model(product: Product, chart: Mapping[int, Account]) -> dict[str, Any]:
    base, quantity = Decimal(product.base_amount), Decimal(product.quantity)
    account = chart.get(product.account_number)
    vat_rate = sales_vat_rate(None if account is None else account.vat_code)
    amounts = product_amounts(base, quantity, vat_rate)
    model: dict[str, Any] = {
        "ProductGuid": product.guid,
        "CreatedAt": wire_time(product.created_at),
        "UpdatedAt": wire_time(product.updated_at),
        "DeletedAt": wire_time(product.deleted_at),
        "BaseAmountValue": float(base),
        "Quantity": float(quantity),
        "AccountNumber": product.account_number,
        "Unit": product.unit,
        "BaseAmountValueInclVat": float(amounts.base_incl_vat),
        "TotalAmount": float(amounts.total),
        "TotalAmountInclVat": float(amounts.total_incl_vat),
    }
    model.update({name: getattr(product, column) for name, column in TEXT_COLUMNS.items()})
    return model


def product_not_found(guid: str) -> DineroError:
    message = f"No product with ProductGuid {guid} in this organization."
    return DineroError(ErrorCode.NOT_FOUND, message, 404)


def insert_product(database: Database, organization_id: int, values: Mapping[str, Any]) -> str:
    guid = str(uuid.uuid4())
    now = utcnow()
    with database.write() as session:
        check_account(chart_of(session, organization_id), values["AccountNumber"])
        session.add(
            Product(
                **_columns(values),
                guid=guid,
                organization_id=organization_id,
                created_at=now,
                updated_at=now,
            )
        )
    return guid


def read_product(
    database: Database, organization_id: int, guid: str
) -> tuple[Product, dict[int, Account]]:
    """The organization's product, deleted or not, and its chart; 404 when there is none."""
    with database.read() as session:
        product = session.scalars(
            select(Product).where(Product.guid == guid, Product.organization_id == organization_id)
        ).first()
        if product is None:
            raise product_not_found(guid)
        return product, chart_of(session, organization_id)


def _lock_live_product(session: Session, organization_id: int, guid: str) -> Product:
    product = session.scalars(
        select(Product)
        .where(Product.guid == guid, Product.organization_id == organization_id)
        .with_for_update()
    ).first()
    if product is None:
        raise product_not_found(guid)
    if product.deleted_at is not None:
        raise item_is_deleted(f"ProductGuid {guid}")
    return product


def replace_product(
    database: Database, organization_id: int, guid: str, values: Mapping[str, Any]
) -> None:
    with database.write() as session:
        product = _lock_live_product(session, organization_id, guid)
        check_account(chart_of(session, organization_id), values["AccountNumber"])
        for column, value in _columns(values).items():
            setattr(product, column, value)
        product.updated_at = utcnow()


def delete_product(database: Database, organization_id: int, guid: str) -> None:
    with database.write() as session:
        product = _lock_live_product(session, organization_id, guid)
        product.deleted_at = product.updated_at = utcnow()


def read_chart(database: Database, organization_id: int) -> dict[int, Account]:
    with database.read() as session:
        return chart_of(session, organization_id)
