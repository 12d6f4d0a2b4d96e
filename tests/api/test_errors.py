"""Every failure on an API path is Dinero's error body with a 4xx, and changes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from fastapi import APIRouter, FastAPI
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from starlette.testclient import TestClient

from bilag.api.errors import DineroRoute, install_error_handlers
from bilag.config import Settings
from bilag.storage.models import Contact
from tests.factories import World

ERROR_KEYS = {"code", "message", "validationErrors", "languageSpecificMessages"}
VALID = {"Name": "Jens", "CountryKey": "DK", "IsPerson": True, "IsMember": False, "UseCvr": False}
HYPOTHESIS = hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


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


def _count(app: Any) -> int:
    with app.state.services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(Contact)) or 0)


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/v1/{org}/nothing", 404),
        ("GET", "/v1", 404),
        ("GET", "/v3/{org}/contacts", 404),
        ("GET", "/v1/{org}/contacts/{guid}/notes/x/y", 404),
        ("DELETE", "/v1/organizations", 405),
        ("PUT", "/v1/{org}/contacts", 405),
        ("POST", "/v1.1/organizations", 405),
    ],
)
def test_unknown_paths_and_methods_get_dinero_bodies(
    api: TestClient, world: World, alice: dict[str, str], method: str, path: str, status: int
) -> None:
    url = path.format(org=world.pro_org, guid="5b0c6a52-0d1e-4c34-9b0f-1f6f0d2a9e11")
    response = api.request(method, url, headers=alice)
    assert response.status_code == status
    assert set(response.json()) == ERROR_KEYS
    assert response.json()["code"] == 40
    if status == 405:
        assert response.headers["allow"]
        assert method in response.json()["message"]


def test_paths_outside_the_api_keep_their_own_errors(api: TestClient) -> None:
    response = api.get("/no/such/page")
    assert response.status_code == 404
    assert "languageSpecificMessages" not in response.text


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"{bad", 400, 42),
        (b"", 400, 42),
        (b"   ", 400, 42),
        (b"[]", 400, 42),
        (b'"text"', 400, 42),
        (b"null", 400, 42),
        (b"42", 400, 42),
        (b'{"Name": "\\ud800"}', 400, 42),
        (b"\xff\xfe{}", 400, 42),
        (b"[" * 5000 + b"]" * 5000, 400, 42),
        (b'{"Name": "' + b"x" * (1024 * 1024) + b'"}', 413, 43),
    ],
)
def test_malformed_bodies_are_refused_and_nothing_is_written(
    app: Any,
    api: TestClient,
    world: World,
    alice: dict[str, str],
    body: bytes,
    status: int,
    code: int,
) -> None:
    headers = {**alice, "Content-Type": "application/json"}
    response = api.post(f"/v1/{world.pro_org}/contacts", content=body, headers=headers)
    assert response.status_code == status
    assert response.json()["code"] == code
    assert set(response.json()) == ERROR_KEYS
    assert _count(app) == 0


def test_a_body_too_large_without_content_length_is_refused(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    def chunks() -> Any:
        yield b'{"Name": "'
        for _ in range(40):
            yield b"x" * 65536
        yield b'"}'

    response = api.post(f"/v1/{world.pro_org}/contacts", content=chunks(), headers=alice)
    assert response.status_code == 413
    assert _count(app) == 0


def test_json_without_a_json_content_type_is_still_read(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    headers = {**alice, "Content-Type": "application/x-www-form-urlencoded"}
    response = api.post(
        f"/v1/{world.pro_org}/contacts", content=json.dumps(VALID).encode(), headers=headers
    )
    assert response.status_code == 200


def test_auth_is_checked_before_the_body(api: TestClient, world: World) -> None:
    response = api.post(f"/v1/{world.pro_org}/contacts", content=b"{bad")
    assert response.status_code == 401


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
contact_like = st.fixed_dictionaries(
    {},
    optional={
        name: json_values
        for name in [
            "Name",
            "CountryKey",
            "IsPerson",
            "IsMember",
            "UseCvr",
            "ContactGuid",
            "ExternalReference",
            "PaymentConditionType",
            "PaymentConditionNumberOfDays",
            "Email",
            "PreferredInvoiceCurrencyKey",
        ]
    },
)


@HYPOTHESIS
@given(body=st.one_of(json_values, contact_like, contact_like.map(lambda d: {**VALID, **d})))
def test_any_json_body_is_created_or_refused_with_nothing_written(
    app: Any, api: TestClient, world: World, alice: dict[str, str], body: Any
) -> None:
    before = _count(app)
    response = api.post(f"/v1/{world.pro_org}/contacts", json=body, headers=alice)
    assert response.status_code in (200, 400), response.text
    if response.status_code == 400:
        assert response.json()["code"] == 42
        assert response.json()["validationErrors"]
        assert _count(app) == before
    else:
        assert _count(app) == before + 1


list_parameters = st.dictionaries(
    st.sampled_from(
        ["page", "pageSize", "PAGESIZE", "fields", "queryFilter", "changesSince", "deletedOnly"]
    )
    | st.text(max_size=8),
    st.text(max_size=25) | st.integers().map(str),
    max_size=4,
)


@HYPOTHESIS
@given(params=list_parameters, version=st.sampled_from(["v1", "v2"]))
def test_any_list_query_is_answered_with_200_or_400(
    api: TestClient, world: World, alice: dict[str, str], params: dict[str, str], version: str
) -> None:
    response = api.get(f"/{version}/{world.pro_org}/contacts", params=params, headers=alice)
    assert response.status_code in (200, 400), response.text
    if response.status_code == 400:
        assert response.json()["code"] in (43, 44, 45, 46)


@HYPOTHESIS
@given(params=list_parameters)
def test_any_organization_list_query_is_answered_with_200_or_400(
    api: TestClient, alice: dict[str, str], params: dict[str, str]
) -> None:
    response = api.get("/v1/organizations", params=params, headers=alice)
    assert response.status_code in (200, 400)


@HYPOTHESIS
@given(organization=st.text(min_size=1, max_size=15), guid=st.text(min_size=1, max_size=40))
def test_any_path_is_answered_with_a_4xx_or_200(
    api: TestClient, alice: dict[str, str], organization: str, guid: str
) -> None:
    url = f"/v1/{quote(organization, safe='')}/contacts/{quote(guid, safe='')}"
    response = api.get(url, headers=alice)
    assert 400 <= response.status_code < 500
    assert set(response.json()) == ERROR_KEYS


def test_an_unexpected_failure_is_code_50_and_nothing_more() -> None:
    router = APIRouter(route_class=DineroRoute)

    @router.get("/v1/broken")
    def broken() -> None:
        raise RuntimeError("secret internals")

    app = FastAPI()
    app.include_router(router)
    install_error_handlers(app)
    with TestClient(app) as client:
        response = client.get("/v1/broken")
    assert response.status_code == 500
    assert response.json()["code"] == 50
    assert "secret" not in response.text
