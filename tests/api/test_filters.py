"""The queryFilter parser (Hypothesis) and what its conditions select on both databases."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from bilag.api.contact_records import FILTERABLE
from bilag.api.errors import DineroError
from bilag.api.filters import FilterTerm, format_filter, parse_filter
from bilag.config import Settings
from tests.factories import World


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Name eq 'John Doe'", [("Name", "eq", "John Doe")]),
        ("Name+eq+'John Doe'", [("Name", "eq", "John Doe")]),
        ("name CONTAINS 'amino'", [("Name", "contains", "amino")]),
        ("Name+eq+’John Doe’", [("Name", "eq", "John Doe")]),
        ("Name eq 'O''Brien'", [("Name", "eq", "O'Brien")]),
        ("Name eq 'O’Brien'", [("Name", "eq", "O’Brien")]),
        (
            "Name eq 'a;b' ; Email contains 'dk';",
            [("Name", "eq", "a;b"), ("Email", "contains", "dk")],
        ),
        ("IsPerson eq 'TRUE'", [("IsPerson", "eq", "true")]),
        ("  ExternalReference   eq   'shop:77'  ", [("ExternalReference", "eq", "shop:77")]),
        ("Phone eq ''", [("Phone", "eq", "")]),
    ],
)
def test_valid_filters(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert parse_filter(text, FILTERABLE) == tuple(FilterTerm(*term) for term in expected)


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("AMINO", "AMINO"),
        ("Name eq John", "single quotes"),
        ("Name like 'x'", "eq or contains"),
        ("Foo eq 'x'", "'Foo'"),
        ("IsPerson contains 'true'", "IsPerson"),
        ("IsPerson eq 'yes'", "IsPerson"),
        ("Name eq 'x' Email eq 'y'", "';'"),
        ("Name eq 'unterminated", "closing quote"),
        ("Nameeq'x'", "'Nameeq'"),
        ("Name eq'x'", "space"),
        (";", "property name"),
        ("Name eq 'a';;Email eq 'b'", "property name"),
        ("Name eq 'a\x00'", "NUL"),
        ("Street eq 'x'", "'Street'"),
    ],
)
def test_invalid_filters_are_400_with_code_46_naming_the_problem(text: str, named: str) -> None:
    with pytest.raises(DineroError) as raised:
        parse_filter(text, FILTERABLE)
    error = raised.value
    assert (error.code, error.status) == (46, 400)
    assert named in error.message
    assert error.validation_errors == {"queryFilter": error.message}


def _mixed_case(name: str, flips: list[bool]) -> str:
    return "".join(
        c.swapcase() if flip else c for c, flip in zip(name, flips + [False] * 40, strict=False)
    )


@st.composite
def terms(draw: st.DrawFn) -> FilterTerm:
    name = draw(st.sampled_from(sorted(FILTERABLE)))
    if FILTERABLE[name] == "bool":
        return FilterTerm(name, "eq", draw(st.sampled_from(["true", "false"])))
    operator = draw(st.sampled_from(["eq", "contains"]))
    value = draw(st.text(st.characters(exclude_characters="\x00"), max_size=20))
    return FilterTerm(name, operator, value)


@st.composite
def spellings(draw: st.DrawFn, chosen: list[FilterTerm]) -> str:
    """One of the many texts that mean `chosen`: any case, spaces or '+', extra separators."""
    parts = []
    for term in chosen:
        separator = draw(st.sampled_from([" ", "+", "  ", "+ +", "\t"]))
        name = _mixed_case(term.property, draw(st.lists(st.booleans(), max_size=20)))
        operator = _mixed_case(term.operator, draw(st.lists(st.booleans(), max_size=8)))
        value = term.value.replace("'", "''")
        if term.property == "IsPerson":
            value = _mixed_case(value, draw(st.lists(st.booleans(), max_size=5)))
        parts.append(f"{name}{separator}{operator}{separator}'{value}'")
    joiner = draw(st.sampled_from([";", " ; ", ";+"]))
    return joiner.join(parts) + draw(st.sampled_from(["", ";", " "]))


@hypothesis_settings(deadline=None)
@given(st.lists(terms(), min_size=1, max_size=4), st.data())
def test_generated_filters_round_trip(chosen: list[FilterTerm], data: st.DataObject) -> None:
    assert parse_filter(format_filter(chosen), FILTERABLE) == tuple(chosen)
    assert parse_filter(data.draw(spellings(chosen)), FILTERABLE) == tuple(chosen)


@hypothesis_settings(deadline=None)
@given(st.text(max_size=60))
def test_any_text_parses_or_is_refused_with_code_46(text: str) -> None:
    try:
        parsed = parse_filter(text, FILTERABLE)
    except DineroError as error:
        assert (error.code, error.status) == (46, 400)
    else:
        assert all(term.property in FILTERABLE for term in parsed)


@hypothesis_settings(deadline=None)
@given(st.lists(terms(), min_size=1, max_size=3), st.integers(0, 200), st.text(max_size=5))
def test_damaged_filters_are_refused_or_still_valid(
    chosen: list[FilterTerm], cut: int, junk: str
) -> None:
    text = format_filter(chosen)
    damaged = text[: cut % (len(text) + 1)] + junk
    try:
        parse_filter(damaged, FILTERABLE)
    except DineroError as error:
        assert error.code == 46


# -- through the API, on SQLite and PostgreSQL ---------------------------------------------------


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """The shared settings, with room for more than 100 calls a minute."""
    return Settings.from_env(
        env={},
        database_url=database_url,
        base_url="http://testserver",
        files_dir=tmp_path / "files",
        rate_limit_per_minute=1_000_000,
    )


CONTACTS = [
    {"Name": "Ærø Ølhandel", "Email": "info@aeroe.dk", "IsPerson": False, "Phone": "+45 11"},
    {"Name": "Jens Hansen", "Email": "JENS@example.COM", "IsPerson": True},
    {"Name": "100% Juice_Bar", "Email": None, "IsPerson": False, "ExternalReference": "shop:7"},
    {"Name": "Jensen & Co", "Email": "kontakt@jensen.dk", "IsPerson": False},
]


@pytest.fixture
def filled(api: TestClient, world: World, alice: dict[str, str]) -> str:
    path = f"/v1/{world.pro_org}/contacts"
    for contact in CONTACTS:
        body = {"CountryKey": "DK", "IsMember": False, "UseCvr": False, **contact}
        assert api.post(path, json=body, headers=alice).status_code == 200
    return path


def _names(api: TestClient, path: str, headers: dict[str, str], query_filter: str) -> set[str]:
    response = api.get(path, params={"queryFilter": query_filter}, headers=headers)
    assert response.status_code == 200, response.text
    return {row["name"] for row in response.json()["Collection"]}


@pytest.mark.parametrize(
    ("query_filter", "expected"),
    [
        ("Name eq 'jens hansen'", {"Jens Hansen"}),
        ("Name contains 'JENS'", {"Jens Hansen", "Jensen & Co"}),
        ("Name contains 'ølhandel'", {"Ærø Ølhandel"}),
        ("Name contains 'ÆRØ'", {"Ærø Ølhandel"}),
        ("Name contains '%'", {"100% Juice_Bar"}),
        ("Name contains '_'", {"100% Juice_Bar"}),
        ("Email eq 'jens@example.com'", {"Jens Hansen"}),
        ("Email contains '.dk';IsPerson eq 'false'", {"Ærø Ølhandel", "Jensen & Co"}),
        ("IsPerson eq 'True'", {"Jens Hansen"}),
        ("ExternalReference eq 'SHOP:7'", {"100% Juice_Bar"}),
        ("Phone contains '45'", {"Ærø Ølhandel"}),
        ("Name contains 'jens';Name contains 'co'", {"Jensen & Co"}),
        ("Name eq 'nobody'", set()),
    ],
)
def test_filters_select_case_insensitively(
    api: TestClient, filled: str, alice: dict[str, str], query_filter: str, expected: set[str]
) -> None:
    assert _names(api, filled, alice, query_filter) == expected


def test_a_bad_filter_through_the_api_is_400_code_46(
    api: TestClient, filled: str, alice: dict[str, str]
) -> None:
    response = api.get(filled, params={"queryFilter": "AMINO"}, headers=alice)
    assert response.status_code == 400
    assert response.json()["code"] == 46


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=40))
def test_no_filter_text_makes_the_api_fail(
    api: TestClient, world: World, alice: dict[str, str], text: str
) -> None:
    response = api.get(f"/v2/{world.pro_org}/contacts", params={"queryFilter": text}, headers=alice)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.json()["code"] == 46
