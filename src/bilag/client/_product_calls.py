"""Products as `Call` and `Listing` values (dinero-api.md §2.4, §3.4)."""

from __future__ import annotations

import datetime

from bilag.client._base import Call
from bilag.client._calls import Listing, _nothing, utc_text
from bilag.client._drafts import require_valid
from bilag.client._errors import RequestValidationError
from bilag.client._filters import Condition, query_filter
from bilag.client._paging import MAX_PAGE_SIZE, check_page_size
from bilag.client._product_drafts import ProductDraft
from bilag.client._product_models import Product

PRODUCT_FIELDS = (
    "ProductGuid,Name,ProductNumber,Quantity,Unit,AccountNumber,BaseAmountValue,"
    "BaseAmountValueInclVat,TotalAmount,TotalAmountInclVat,ExternalReference,Comment,"
    "CreatedAt,UpdatedAt,DeletedAt"
)


def products(
    org: int,
    *conditions: Condition,
    search: str | None = None,
    changes_since: datetime.datetime | None = None,
    deleted_only: bool | None = None,
    page_size: int = MAX_PAGE_SIZE,
) -> Listing[Product]:
    params = {"fields": PRODUCT_FIELDS}
    if (text := query_filter("products", *conditions)) is not None:
        params["queryFilter"] = text
    if search is not None:
        params["freeTextSearch"] = search
    if changes_since is not None:
        if changes_since.tzinfo is None:
            raise RequestValidationError(["changesSince needs a timezone-aware datetime"])
        params["changesSince"] = utc_text(changes_since)
    if deleted_only is not None:
        params["deletedOnly"] = "true" if deleted_only else "false"
    path = f"/v1/{org}/products"
    return Listing(path, org, Product.from_wire, params, check_page_size(page_size))


def product(org: int, guid: str) -> Call[Product]:
    return Call("GET", f"/v1/{org}/products/{guid}", Product.from_wire, org)


def create_product(org: int, draft: ProductDraft) -> Call[str]:
    require_valid(draft)
    path = f"/v1/{org}/products"
    return Call("POST", path, lambda p: str(p["ProductGuid"]), org, body=draft.to_wire())


def update_product(org: int, guid: str, draft: ProductDraft) -> Call[None]:
    """Replace the product (every field: what is left out is cleared)."""
    require_valid(draft)
    return Call("PUT", f"/v1/{org}/products/{guid}", _nothing, org, body=draft.to_wire())


def delete_product(org: int, guid: str) -> Call[None]:
    return Call("DELETE", f"/v1/{org}/products/{guid}", _nothing, org)
