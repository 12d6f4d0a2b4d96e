"""Walking a list endpoint page by page, sans I/O (dinero-api.md §4.1–4.2).

`page` is 0-based and `pageSize` at most 1000. Paged endpoints answer with
`{"Collection": [...], "Pagination": {"Page", "PageSize", "Result", "ResultWithoutFilter", ...}}`;
a few (files) answer with a bare array. The walk stops at the first page shorter than the page
size, at an empty page, or once `ResultWithoutFilter` rows have been seen, whichever comes first,
so it never asks for a page past the end when the total is known.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from bilag.client._errors import RequestValidationError

T = TypeVar("T")
MAX_PAGE_SIZE = 1000
SORT_ORDERS = ("ascending", "descending")


def check_page_size(page_size: int) -> int:
    if isinstance(page_size, bool) or not isinstance(page_size, int):
        raise RequestValidationError([f"pageSize must be a whole number, not {page_size!r}"])
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise RequestValidationError([f"pageSize must be 1 to {MAX_PAGE_SIZE}, not {page_size}"])
    return page_size


def sort_params(allowed: Sequence[str], sort: Sequence[str], order: str | None) -> dict[str, str]:
    """`sort` and `sortOrder` for a list that sorts on `allowed` (names in any case)."""
    canonical = {name.lower(): name for name in allowed}
    if isinstance(sort, str):
        sort = [sort]
    unknown = [name for name in sort if name.lower() not in canonical]
    problems = [f"sort takes {', '.join(allowed)}, not {', '.join(unknown)}"] if unknown else []
    if order is not None and order.lower() not in SORT_ORDERS:
        problems.append(f"sortOrder is ascending or descending, not {order!r}")
    if problems:
        raise RequestValidationError(problems)
    params = {"sort": ",".join(canonical[name.lower()] for name in sort)} if sort else {}
    if order is not None:
        params["sortOrder"] = order.lower()
    return params


class Pager(Generic[T]):
    def __init__(
        self,
        read_item: Callable[[Mapping[str, Any]], T],
        *,
        params: Mapping[str, str] | None = None,
        page_size: int = MAX_PAGE_SIZE,
        first_page: int = 0,
    ) -> None:
        self.read_item = read_item
        self.base_params = {k: v for k, v in (params or {}).items() if v is not None}
        self.page_size = check_page_size(page_size)
        self.page = first_page
        self.seen = 0
        self.done = False

    def params(self) -> dict[str, str]:
        return {**self.base_params, "page": str(self.page), "pageSize": str(self.page_size)}

    def accept(self, payload: Any) -> list[T]:
        """The items of the page just read; sets `done` when it was the last."""
        total: int | None = None
        if isinstance(payload, dict):
            rows = payload.get("Collection") or []
            pagination = payload.get("Pagination") or {}
            if isinstance(pagination.get("ResultWithoutFilter"), int):
                total = pagination["ResultWithoutFilter"]
        elif isinstance(payload, list):
            rows = payload
        else:
            raise ValueError(f"a list page is an object or an array, not {type(payload).__name__}")
        items = [self.read_item(row) for row in rows]
        self.seen += len(items)
        self.page += 1
        short = len(items) < self.page_size
        self.done = short or (total is not None and self.seen >= total)
        return items
