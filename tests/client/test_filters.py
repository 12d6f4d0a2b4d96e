"""The queryFilter builder: quoting, and what each endpoint can filter on."""

from __future__ import annotations

import httpx
import pytest

from bilag.client import Client, FilterError, contains, eq, query_filter
from tests.client.fake_dinero import FakeClock, FakeDinero


def test_values_are_quoted_and_quotes_doubled() -> None:
    text = query_filter("contacts", eq("name", "O'Brien & Søn"), contains("Email", "@x.dk"))
    assert text == "Name eq 'O''Brien & Søn';Email contains '@x.dk'"


def test_booleans_and_numbers() -> None:
    assert query_filter("contacts", eq("IsPerson", True)) == "IsPerson eq 'true'"
    assert query_filter("tradeoffers", eq("Number", 12)) == "Number eq '12'"
    assert query_filter("contacts") is None


@pytest.mark.parametrize(
    ("endpoint", "condition", "problem"),
    [
        ("contacts", eq("City", "Aarhus"), "cannot filter on City; only on ExternalReference"),
        ("contacts", contains("IsPerson", "tru"), "IsPerson takes eq only"),
        ("contacts", eq("IsPerson", "yes"), "IsPerson is true or false"),
        ("tradeoffers", eq("Number", "twelve"), "Number is a whole number"),
        ("entries", eq("Description", "x"), "the entries endpoint has no queryFilter"),
    ],
)
def test_what_the_endpoint_cannot_take_is_refused(endpoint, condition, problem) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(FilterError, match=problem):
        query_filter(endpoint, condition)


def test_contains_takes_text_only() -> None:
    with pytest.raises(FilterError):
        contains("Name", 5)  # type: ignore[arg-type]


def test_the_filter_reaches_the_server_encoded() -> None:
    dinero, clock = FakeDinero(), FakeClock()
    seen: list[str] = []

    def route(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.params["queryFilter"])
        return httpx.Response(200, json={"Collection": [], "Pagination": {}})

    dinero.routes[("GET", "/v1/9/contacts")] = route
    tokens = dinero.issue(expires_at=clock.now + 3600)
    client = Client(dinero.credentials(tokens, clock=clock), transport=dinero.transport())
    assert list(client.books(9).contacts.list(eq("ExternalReference", "shop:7 'a'"))) == []
    assert seen == ["ExternalReference eq 'shop:7 ''a'''"]
