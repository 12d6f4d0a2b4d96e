"""Responses counted per client and organization by status class, as `bilag usage` shows them."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from redis import Redis
from starlette.testclient import TestClient

from bilag.api.usage import UsageRow, status_class, usage_report
from bilag.config import Settings
from tests.api.conftest import Minter
from tests.factories import World, make_world


@pytest.mark.parametrize(
    ("status", "expected"),
    [(200, "2xx"), (204, "2xx"), (400, "400"), (401, "401"), (403, "403"), (404, "4xx")]
    + [(405, "4xx"), (413, "4xx"), (429, "429"), (500, "5xx"), (503, "5xx"), (307, "3xx")],
)
def test_status_classes(status: int, expected: str) -> None:
    assert status_class(status) == expected


def _some_traffic(api: TestClient, world: World, headers: dict[str, str]) -> None:
    assert api.get("/v1/organizations", headers=headers).status_code == 200
    assert api.get(f"/v1/{world.pro_org}/contacts", headers=headers).status_code == 200
    assert api.get(f"/v1/{world.pro_org}/contacts", headers=headers).status_code == 200
    assert (
        api.get(f"/v1/{world.pro_org}/contacts?pageSize=5000", headers=headers).status_code == 400
    )
    assert api.get(f"/v1/{world.free_org}/contacts", headers=headers).status_code == 403
    assert api.get(f"/v1/{world.other_org}/contacts", headers=headers).status_code == 401
    assert api.get("/v1/999999/contacts", headers=headers).status_code == 401  # no such org
    assert api.get(f"/v1/{world.pro_org}/contacts").status_code == 401
    assert api.get("/v1/organizations", headers={"Authorization": "Bearer x"}).status_code == 401
    assert api.get("/v1/nowhere").status_code == 404
    assert api.get("/healthz").status_code == 200  # not an API path: not counted


def _by_key(rows: list[UsageRow]) -> dict[tuple[str, int | None], dict[str, int]]:
    return {
        (row.client_id, row.organization_id): {k: v for k, v in row.counts.items() if v}
        for row in rows
    }


def _expected(world: World) -> dict[tuple[str, int | None], dict[str, int]]:
    return {
        ("-", None): {"401": 2, "4xx": 1},
        (world.client_id, None): {"2xx": 1, "401": 1},
        (world.client_id, world.pro_org): {"2xx": 2, "400": 1},
        (world.client_id, world.free_org): {"403": 1},
        (world.client_id, world.other_org): {"401": 1},
    }


def test_responses_are_counted_by_client_organization_and_status(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    _some_traffic(api, world, alice)
    app.state.api.usage.flush()
    rows = usage_report(app.state.services.database)
    assert _by_key(rows) == _expected(world)
    assert sum(row.total for row in rows) == 10


def test_counts_reach_the_database_when_the_app_stops(
    app: Any, world: World, alice: dict[str, str]
) -> None:
    with TestClient(app) as api:
        _some_traffic(api, world, alice)
    assert _by_key(usage_report(app.state.services.database)) == _expected(world)


def test_counts_reach_the_database_while_the_app_idles(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    _some_traffic(api, world, alice)
    deadline = time.monotonic() + 30
    while _by_key(usage_report(app.state.services.database)) != _expected(world):
        assert time.monotonic() < deadline, "the counts were never flushed"
        time.sleep(0.1)


def test_counts_add_up_across_flushes(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    for _ in range(3):
        api.get("/v1/organizations", headers=alice)
        app.state.api.usage.flush()
    rows = _by_key(usage_report(app.state.services.database))
    assert rows[(world.client_id, None)] == {"2xx": 3}


@pytest.mark.redis
def test_with_redis_configured_counts_live_in_redis(
    redis_url: str, sqlite_url: str, tmp_path: Path
) -> None:
    from bilag.app import create_app

    settings = Settings.from_env(
        env={}, database_url=sqlite_url, redis_url=redis_url, base_url="http://testserver"
    )
    app = create_app(settings)
    services = app.state.services
    world = make_world(services.database, pepper=settings.secret_pepper)
    headers = Minter(services.database, services.keys, settings, world).headers()
    with TestClient(app) as api:
        _some_traffic(api, world, headers)
    assert _by_key(usage_report(services.database, redis_url)) == _expected(world)
    assert usage_report(services.database) == []
    redis = Redis.from_url(redis_url)
    assert redis.hget("bilag:usage", f"{world.client_id}|{world.pro_org}|2xx") == b"2"
    redis.close()
    services.database.dispose()
