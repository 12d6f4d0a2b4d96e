"""The product list's query: `freeTextSearch`, `queryFilter`, `changesSince` and `deletedOnly`,
ordered by UpdatedAt, then ProductGuid."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, or_

from bilag.api.filters import FilterTerm, filter_clauses
from bilag.api.listing import Lifecycle, lifecycle_conditions, read_page
from bilag.api.paging import Paging
from bilag.api.product_records import FILTERABLE, TEXT_COLUMNS
from bilag.storage.db import Database
from bilag.storage.models import Product

ORDER = (Product.updated_at, Product.guid)
LIFECYCLE = Lifecycle(Product.created_at, Product.updated_at, Product.deleted_at)


@dataclass(frozen=True)
class ProductQuery:
    search: str | None = None  # a substring of Name or ProductNumber, in any case
    terms: tuple[FilterTerm, ...] = ()
    changes_since: datetime | None = None
    deleted: bool = False  # True: deleted only; False: not deleted
    paging: Paging = Paging()


def list_products(
    database: Database, organization_id: int, query: ProductQuery
) -> tuple[list[Product], int]:
    """One page of matching products and how many match in all."""
    columns = {wire: getattr(Product, TEXT_COLUMNS[wire]) for wire in FILTERABLE}
    conditions: list[ColumnElement[bool]] = [Product.organization_id == organization_id]
    conditions += filter_clauses(query.terms, columns)
    conditions += lifecycle_conditions(LIFECYCLE, query.deleted, query.changes_since)
    if query.search is not None:
        wanted = query.search.lower()
        conditions.append(
            or_(
                func.lower(Product.name).contains(wanted, autoescape=True),
                func.lower(Product.product_number).contains(wanted, autoescape=True),
            )
        )
    return read_page(database, Product, Product.guid, ORDER, conditions, query.paging)
