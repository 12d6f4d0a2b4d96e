"""Lists walk every page and stop at the right one."""

from __future__ import annotations

import httpx
import pytest

from bilag.client import Client, RequestValidationError
from tests.client.fake_dinero import FakeClock, FakeDinero


def contacts_server(total: int, dinero: FakeDinero, *, with_total: bool = True) -> list[int]:
    """Serves `total` contacts; returns the pages asked for."""
    asked: list[int] = []

    def route(request: httpx.Request) -> httpx.Response:
        page, size = int(request.url.params["page"]), int(request.url.params["pageSize"])
        asked.append(page)
        rows = [{"ContactGuid": f"g{i}", "Name": f"C{i}"} for i in range(total)]
        chunk = rows[page * size : (page + 1) * size]
        pagination = {"Page": page, "PageSize": size, "Result": len(chunk)}
        if with_total:
            pagination["ResultWithoutFilter"] = total
        return httpx.Response(200, json={"Collection": chunk, "Pagination": pagination})

    dinero.routes[("GET", "/v1/3/contacts")] = route
    return asked


def client(dinero: FakeDinero) -> Client:
    clock = FakeClock()
    tokens = dinero.issue(expires_at=clock.now + 3600)
    return Client(dinero.credentials(tokens, clock=clock), transport=dinero.transport())


@pytest.mark.parametrize(("total", "pages"), [(0, [0]), (5, [0, 1, 2]), (6, [0, 1, 2]), (1, [0])])
def test_every_item_once_and_no_page_past_the_end(total: int, pages: list[int]) -> None:
    dinero = FakeDinero()
    asked = contacts_server(total, dinero)
    names = [c.name for c in client(dinero).books(3).contacts.list(page_size=2)]
    assert names == [f"C{i}" for i in range(total)]
    assert asked == pages


def test_without_a_total_a_short_page_ends_the_walk() -> None:
    dinero = FakeDinero()
    asked = contacts_server(4, dinero, with_total=False)
    assert len(list(client(dinero).books(3).contacts.list(page_size=2))) == 4
    assert asked == [0, 1, 2]  # the empty third page says it is over


def test_bare_array_lists_page_too() -> None:
    dinero = FakeDinero()

    def files(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        rows = [[{"FileGuid": "a", "Size": 1}, {"FileGuid": "b", "Size": 2}], [{"FileGuid": "c"}]]
        assert request.url.params["fileStatus"] == "Unused"
        return httpx.Response(200, json=rows[page])

    dinero.routes[("GET", "/v1/3/files")] = files
    found = client(dinero).books(3).files.list(unused_only=True, page_size=2)
    assert [f.file_guid for f in found] == ["a", "b", "c"]


@pytest.mark.parametrize("size", [0, 1001, -1, True])
def test_page_sizes_outside_1_to_1000_are_refused_before_sending(size: int) -> None:
    dinero = FakeDinero()
    with pytest.raises(RequestValidationError, match="pageSize"):
        client(dinero).books(3).contacts.list(page_size=size)
    assert dinero.presented == []


def test_sort_names_are_checked_and_spelled_as_the_endpoint_spells_them() -> None:
    from bilag.client._paging import sort_params

    allowed = ("VoucherNumber", "VoucherDate", "Status", "Contact")
    assert sort_params(allowed, ["status", "VOUCHERDATE"], "Ascending") == {
        "sort": "Status,VoucherDate",
        "sortOrder": "ascending",
    }
    assert sort_params(allowed, "Contact", None) == {"sort": "Contact"}  # one name, not letters
    assert sort_params(allowed, (), None) == {}
    with pytest.raises(RequestValidationError) as refused:
        sort_params(allowed, ["Amount"], "up")
    assert refused.value.problems == [
        "sort takes VoucherNumber, VoucherDate, Status, Contact, not Amount",
        "sortOrder is ascending or descending, not 'up'",
    ]
