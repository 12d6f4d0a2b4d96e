"""`page` / `pageSize` and Dinero's collection envelope (reference §4.1, §4.2).

`page` is 0-based (default 0); `pageSize` defaults to 100 and may be at most 1000. A size beyond
that, a size below 1 or a negative page is error 43 (Limit Exceeded) with HTTP 400. A page past the
end is an empty collection, not an error. `Result` counts the rows in this page and
`ResultWithoutFilter` the rows that match before paging.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bilag.api.binding import QueryParameters
from bilag.api.errors import DineroError, ErrorCode

DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
MAX_PAGE = 2**31 - 1


@dataclass(frozen=True)
class Paging:
    page: int = 0
    page_size: int = DEFAULT_PAGE_SIZE

    @property
    def offset(self) -> int:
        return self.page * self.page_size

    @property
    def limit(self) -> int:
        return self.page_size


def make_paging(page: int | None, page_size: int | None) -> Paging:
    page = 0 if page is None else page
    page_size = DEFAULT_PAGE_SIZE if page_size is None else page_size
    if page_size > MAX_PAGE_SIZE:
        raise _limit("pageSize", f"pageSize may be at most {MAX_PAGE_SIZE}, not {page_size}.")
    if page_size < 1:
        raise _limit("pageSize", f"pageSize must be at least 1, not {page_size}.")
    if page < 0:
        raise _limit("page", f"page is 0-based and cannot be negative ({page}).")
    if page > MAX_PAGE:
        raise _limit("page", f"page may be at most {MAX_PAGE}, not {page}.")
    return Paging(page, page_size)


def paging_from_query(query: QueryParameters) -> Paging:
    return make_paging(query.integer("page"), query.integer("pageSize"))


def _limit(name: str, message: str) -> DineroError:
    return DineroError(ErrorCode.LIMIT_EXCEEDED, message, 400, {name: message})


def envelope(items: list[Any], paging: Paging, matching: int) -> dict[str, Any]:
    return {
        "Collection": items,
        "Pagination": {
            "MaxPageSizeAllowed": MAX_PAGE_SIZE,
            "PageSize": paging.page_size,
            "Result": len(items),
            "ResultWithoutFilter": matching,
            "Page": paging.page,
        },
    }
