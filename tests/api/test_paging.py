"""page / pageSize, the collection envelope, and the maths that makes pages partition a list."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from starlette.testclient import TestClient

from bilag.api.errors import DineroError
from bilag.api.paging import MAX_PAGE_SIZE, Paging, envelope, make_paging
from bilag.config import Settings
from bilag.storage.models import Contact, utcnow
from tests.factories import World


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


@hypothesis_settings(deadline=None)
@given(st.integers(0, 2**31 - 1), st.integers(1, MAX_PAGE_SIZE))
def test_sizes_up_to_1000_and_pages_from_0_are_accepted(page: int, page_size: int) -> None:
    assert make_paging(page, page_size) == Paging(page, page_size)


@hypothesis_settings(deadline=None)
@given(st.integers(), st.integers())
def test_out_of_range_paging_is_400_code_43(page: int, page_size: int) -> None:
    valid = 0 <= page <= 2**31 - 1 and 1 <= page_size <= MAX_PAGE_SIZE
    try:
        make_paging(page, page_size)
    except DineroError as error:
        assert not valid
        assert (error.code, error.status) == (43, 400)
    else:
        assert valid


def test_defaults_are_page_0_of_100() -> None:
    assert make_paging(None, None) == Paging(0, 100)


@hypothesis_settings(deadline=None)
@given(st.lists(st.integers(), max_size=60), st.integers(1, 25))
def test_pages_partition_any_list(items: list[int], page_size: int) -> None:
    pages: list[int] = []
    page = 0
    while True:
        paging = make_paging(page, page_size)
        chunk = items[paging.offset : paging.offset + paging.limit]
        body = envelope(chunk, paging, matching=len(items))
        assert body["Pagination"] == {
            "MaxPageSizeAllowed": 1000,
            "PageSize": page_size,
            "Result": len(chunk),
            "ResultWithoutFilter": len(items),
            "Page": page,
        }
        if not chunk:
            break
        pages.extend(chunk)
        page += 1
    assert pages == items
    assert page == -(-len(items) // page_size)


# -- through the API -----------------------------------------------------------------------------

COUNT = 23


@pytest.fixture
def contacts_path(app: Any, world: World) -> str:
    """23 contacts, several sharing one UpdatedAt, so that the tie-break matters."""
    start = utcnow()
    with app.state.services.database.write() as session:
        for i in range(COUNT):
            stamp = start + timedelta(seconds=i // 3)
            session.add(
                Contact(
                    guid=str(uuid.uuid4()),
                    organization_id=world.pro_org,
                    name=f"Contact {i:02d}",
                    country_key="DK",
                    created_at=stamp,
                    updated_at=stamp,
                )
            )
    return f"/v1/{world.pro_org}/contacts"


def _all_guids(api: TestClient, path: str, headers: dict[str, str]) -> list[str]:
    body = api.get(path, params={"pageSize": 1000}, headers=headers).json()
    assert body["Pagination"]["Result"] == COUNT
    return [row["contactGuid"] for row in body["Collection"]]


@hypothesis_settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(page_size=st.integers(1, 30))
def test_api_pages_partition_the_list(
    api: TestClient, contacts_path: str, alice: dict[str, str], page_size: int
) -> None:
    everything = _all_guids(api, contacts_path, alice)
    seen: list[str] = []
    page = 0
    while True:
        response = api.get(
            contacts_path, params={"page": page, "pageSize": page_size}, headers=alice
        )
        assert response.status_code == 200
        body = response.json()
        assert body["Pagination"]["ResultWithoutFilter"] == COUNT
        assert body["Pagination"]["Result"] == len(body["Collection"])
        if not body["Collection"]:
            break
        seen += [row["contactGuid"] for row in body["Collection"]]
        page += 1
    assert seen == everything


def test_the_list_is_ordered_by_updated_at(
    api: TestClient, contacts_path: str, alice: dict[str, str]
) -> None:
    rows = api.get(contacts_path, params={"fields": "Name,UpdatedAt"}, headers=alice).json()
    stamps = [row["UpdatedAt"] for row in rows["Collection"]]
    assert stamps == sorted(stamps)
    assert [row["Name"][:9] for row in rows["Collection"]][:3] == ["Contact 0"] * 3


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("pageSize=1001", 43),
        ("pageSize=0", 43),
        ("pageSize=-1", 43),
        ("page=-1", 43),
        ("page=99999999999", 43),
        ("page=abc", 44),
        ("pageSize=1.5", 44),
        ("pageSize=١٠", 44),
    ],
)
def test_bad_paging_through_the_api(
    api: TestClient, world: World, alice: dict[str, str], query: str, code: int
) -> None:
    response = api.get(f"/v1/{world.pro_org}/contacts?{query}", headers=alice)
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert query.split("=")[0] in response.json()["message"]


def test_paging_names_are_case_insensitive_and_a_page_past_the_end_is_empty(
    api: TestClient, contacts_path: str, alice: dict[str, str]
) -> None:
    body = api.get(f"{contacts_path}?PAGESIZE=10&Page=5", headers=alice).json()
    assert body == {
        "Collection": [],
        "Pagination": {
            "MaxPageSizeAllowed": 1000,
            "PageSize": 10,
            "Result": 0,
            "ResultWithoutFilter": COUNT,
            "Page": 5,
        },
    }


def test_a_later_page_of_a_filtered_list_is_its_slice_of_the_whole(
    api: TestClient, contacts_path: str, alice: dict[str, str]
) -> None:
    """Page 0 and later pages are read by different queries; they must agree."""
    query = {"queryFilter": "Name contains 'contact 1'", "fields": "ContactGuid"}
    whole = api.get(contacts_path, params={**query, "pageSize": 1000}, headers=alice).json()
    guids = [row["ContactGuid"] for row in whole["Collection"]]
    assert len(guids) == 10  # Contact 10 .. Contact 19
    for page in (0, 1, 2, 3):
        body = api.get(
            contacts_path, params={**query, "page": page, "pageSize": 3}, headers=alice
        ).json()
        assert [row["ContactGuid"] for row in body["Collection"]] == guids[page * 3 : page * 3 + 3]
        assert body["Pagination"]["ResultWithoutFilter"] == 10
