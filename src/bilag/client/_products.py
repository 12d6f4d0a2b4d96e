# Generated from _async_products.py by tools/unasync.py: edit that file, not this one.
"""`books.products`: what invoice lines can be made from (a line names a product's guid)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import TYPE_CHECKING

from bilag.client import _product_calls as calls
from bilag.client._filters import Condition
from bilag.client._paging import MAX_PAGE_SIZE
from bilag.client._product_drafts import ProductDraft
from bilag.client._product_models import Product

if TYPE_CHECKING:
    from bilag.client._client import Client


class Products:
    def __init__(self, client: Client, organization_id: int) -> None:
        self._client = client
        self._org = organization_id

    def list(
        self,
        *conditions: Condition,
        search: str | None = None,
        changes_since: datetime.datetime | None = None,
        deleted_only: bool | None = None,
        page_size: int = MAX_PAGE_SIZE,
    ) -> Iterator[Product]:
        """Filter with `eq`/`contains` on Name, ProductNumber or ExternalReference, or `search`
        Name and ProductNumber for a piece of text."""
        listing = calls.products(
            self._org,
            *conditions,
            search=search,
            changes_since=changes_since,
            deleted_only=deleted_only,
            page_size=page_size,
        )
        return self._client.iterate(listing)

    def get(self, guid: str) -> Product:
        """A product, deleted or not."""
        return self._client.execute(calls.product(self._org, guid))

    def create(self, draft: ProductDraft) -> str:
        """The new product's guid."""
        return self._client.execute(calls.create_product(self._org, draft))

    def update(self, guid: str, draft: ProductDraft) -> None:
        """Replace the product with `draft` (every field: what is left out is cleared)."""
        self._client.execute(calls.update_product(self._org, guid, draft))

    def delete(self, guid: str) -> None:
        """Delete the product; it stays readable and is listed with `deleted_only=True`."""
        self._client.execute(calls.delete_product(self._org, guid))
