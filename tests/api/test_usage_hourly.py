"""Usage in hour buckets per client, organization and status class (database and Redis), and the
rate limiter's `peek`, which reads the window without adding to it."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from redis import Redis
from starlette.testclient import TestClient

from bilag.api.limits import DatabaseRateLimiter, RateLimiter, RedisRateLimiter
from bilag.api.usage import DatabaseUsageSink, HourlyKey, UsageKey
from bilag.config import Settings
from bilag.identity.usage_figures import (
    HourCount,
    hour_from_epoch,
    hourly_counts,
    redis_hour_key,
)
from bilag.storage.db import Database
from bilag.storage.models import utcnow
from tests.api.conftest import Minter
from tests.factories import World, make_world

T0 = 1_700_000_000_000


def _traffic(api: TestClient, world: World, headers: dict[str, str]) -> None:
    for _ in range(3):
        assert api.get(f"/v1/{world.pro_org}/contacts", headers=headers).status_code == 200
    assert api.get(f"/v1/{world.free_org}/contacts", headers=headers).status_code == 403
    assert api.get(f"/v1/{world.pro_org}/contacts?pageSize=0", headers=headers).status_code == 400


def _this_hours(counts: list[HourCount]) -> dict[tuple[int, str], int]:
    """{(organization, status): count}, all in one hour bucket (the hour of the calls)."""
    assert len({count.hour for count in counts}) == 1, counts
    assert counts[0].hour.minute == 0 and counts[0].hour.second == 0
    return {(count.organization_id, count.status): count.count for count in counts}


def _expected(world: World) -> dict[tuple[int, str], int]:
    return {(world.pro_org, "2xx"): 3, (world.free_org, "403"): 1, (world.pro_org, "400"): 1}


def test_the_flush_adds_hour_buckets_in_the_database(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    before = utcnow() - timedelta(hours=1)
    _traffic(api, world, alice)
    app.state.api.usage.flush()
    database = app.state.services.database
    assert _this_hours(hourly_counts(database, world.client_id, before)) == _expected(world)
    _traffic(api, world, alice)
    app.state.api.usage.flush()
    doubled = {key: 2 * value for key, value in _expected(world).items()}
    assert _this_hours(hourly_counts(database, world.client_id, before)) == doubled
    assert hourly_counts(database, "isv_nobody", before) == []


def test_old_hour_buckets_are_dropped(database_url: str) -> None:
    database = Database(database_url)
    try:
        sink = DatabaseUsageSink(database)
        long_ago = int(time.time()) // 3600 - 24 * 10
        now_hour = int(time.time()) // 3600
        totals: Counter[UsageKey] = Counter({("isv_a", 7, "2xx"): 2})
        hourly: Counter[HourlyKey] = Counter({("isv_a", 7, "2xx", long_ago): 1})
        sink.add(totals, hourly)  # the first add prunes before... nothing is old yet
        sink._last_prune = float("-inf")  # let the next add prune again
        sink.add(Counter({("isv_a", 7, "2xx"): 1}), Counter({("isv_a", 7, "2xx", now_hour): 1}))
        since = hour_from_epoch(long_ago * 3600)
        left = hourly_counts(database, "isv_a", since)
        assert [(c.hour, c.count) for c in left] == [(hour_from_epoch(now_hour * 3600), 1)]
    finally:
        database.dispose()


@pytest.mark.redis
def test_with_redis_the_hour_buckets_live_in_redis_with_a_ttl(
    redis_url: str, sqlite_url: str
) -> None:
    from bilag.app import create_app

    settings = Settings.from_env(
        env={}, database_url=sqlite_url, redis_url=redis_url, base_url="http://testserver"
    )
    app = create_app(settings)
    services = app.state.services
    world = make_world(services.database, pepper=settings.secret_pepper)
    headers = Minter(services.database, services.keys, settings, world).headers()
    before = utcnow() - timedelta(hours=1)
    with TestClient(app) as api:
        _traffic(api, world, headers)
    counts = hourly_counts(services.database, world.client_id, before, redis_url=redis_url)
    assert _this_hours(counts) == _expected(world)
    assert hourly_counts(services.database, world.client_id, before) == []  # not in the database
    redis = Redis.from_url(redis_url)
    ttl = redis.ttl(redis_hour_key(world.client_id, counts[0].hour))
    assert 7 * 86400 < int(ttl) <= 8 * 86400  # type: ignore[arg-type]
    redis.close()
    services.database.dispose()


@pytest.fixture(params=["database", pytest.param("redis", marks=pytest.mark.redis)])
def limiter(request: pytest.FixtureRequest, database_url: str) -> Iterator[RateLimiter]:
    if request.param == "database":
        database = Database(database_url)
        yield DatabaseRateLimiter(database, limit=100)
        database.dispose()
        return
    client = Redis.from_url(request.getfixturevalue("redis_url"))
    yield RedisRateLimiter(client, limit=100)
    client.close()


def test_peek_reads_the_window_without_adding_a_hit(limiter: RateLimiter) -> None:
    assert limiter.peek("7:isv_a", now_ms=T0) == 0
    for offset in range(37):
        assert limiter.hit("7:isv_a", now_ms=T0 + offset).allowed
    assert limiter.peek("7:isv_a", now_ms=T0 + 100) == 37
    assert limiter.peek("7:isv_a", now_ms=T0 + 100) == 37  # peeking twice adds nothing
    assert limiter.peek("8:isv_a", now_ms=T0 + 100) == 0
    assert limiter.peek("7:isv_a", now_ms=T0 + 60_010) == 26  # the oldest 11 have left
    assert limiter.hit("7:isv_a", now_ms=T0 + 200).allowed  # 38 hits, still room


def test_the_budget_of_a_path_matches_the_limiter_key(
    app: Any, api: TestClient, world: World, alice: dict[str, str], tmp_path: Path
) -> None:
    from bilag.api.limits import rate_key

    for _ in range(4):
        assert api.get(f"/v1/{world.pro_org}/contacts", headers=alice).status_code == 200
    limiter = app.state.api.limiter
    assert limiter.peek(rate_key(world.pro_org, world.client_id)) == 4
    assert rate_key(world.pro_org, world.client_id) == f"{world.pro_org}:{world.client_id}"
