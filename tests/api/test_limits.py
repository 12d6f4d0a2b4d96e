"""The rate limit: 100 requests in any 60 seconds per (organization, client id), then 429."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from redis import Redis
from starlette.testclient import TestClient

from bilag.api.limits import DatabaseRateLimiter, RateLimiter, RedisRateLimiter
from bilag.config import Settings
from bilag.identity.applications import create_application
from bilag.storage.db import Database
from tests.api.conftest import Minter
from tests.factories import World

T0 = 1_700_000_000_000  # epoch milliseconds
QUOTA_BODY = "API calls quota exceeded! maximum admitted 100 per 1m."


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


def test_the_101st_request_in_a_minute_is_refused(limiter: RateLimiter) -> None:
    decisions = [limiter.hit("42:isv_a", now_ms=T0 + i) for i in range(101)]
    assert all(decision.allowed for decision in decisions[:100])
    assert not decisions[100].allowed
    assert decisions[100].retry_after == 60


def test_the_window_slides_rather_than_resetting(limiter: RateLimiter) -> None:
    for i in range(50):
        assert limiter.hit("42:isv_a", now_ms=T0 + i).allowed
    for i in range(50):
        assert limiter.hit("42:isv_a", now_ms=T0 + 30_000 + i).allowed
    # A fixed one-minute bucket starting at T0 would open again here; a sliding window must not.
    refused = limiter.hit("42:isv_a", now_ms=T0 + 59_999)
    assert not refused.allowed and refused.retry_after == 1
    # Once the first 50 are 60 s old exactly 50 more get in, then the second 50 still count.
    admitted = [limiter.hit("42:isv_a", now_ms=T0 + 60_050).allowed for _ in range(51)]
    assert admitted == [True] * 50 + [False]
    assert limiter.hit("42:isv_a", now_ms=T0 + 60_050).retry_after == 30


def test_refused_requests_do_not_extend_the_wait(limiter: RateLimiter) -> None:
    for i in range(100):
        limiter.hit("7:isv_b", now_ms=T0 + i)
    for second in range(1, 60):
        assert not limiter.hit("7:isv_b", now_ms=T0 + second * 1000).allowed
    assert limiter.hit("7:isv_b", now_ms=T0 + 60_000).allowed


def test_organizations_and_clients_have_separate_windows(limiter: RateLimiter) -> None:
    for i in range(100):
        limiter.hit("1:isv_a", now_ms=T0 + i)
    assert not limiter.hit("1:isv_a", now_ms=T0 + 200).allowed
    assert limiter.hit("2:isv_a", now_ms=T0 + 200).allowed
    assert limiter.hit("1:isv_b", now_ms=T0 + 200).allowed


def _second_client(minter: Minter, world: World) -> str:
    with minter.database.write() as session:
        application, _secret = create_application(
            session,
            name="Other Integration",
            pepper=minter.settings.secret_pepper,
            redirect_uris=[world.redirect_uri],
        )
        return application.client_id


def _exhaust(api: TestClient, path: str, headers: dict[str, str]) -> None:
    for _ in range(100):
        assert api.get(path, headers=headers).status_code == 200


def test_the_api_answers_the_101st_call_with_dineros_429(
    api: TestClient, world: World, minter: Minter, alice: dict[str, str]
) -> None:
    path = f"/v1/{world.pro_org}/contacts"
    _exhaust(api, path, alice)
    response = api.get(path, headers=alice)
    assert response.status_code == 429
    assert response.text.startswith("API calls quota exceeded!")
    assert response.text == QUOTA_BODY
    assert response.headers["content-type"].startswith("text/plain")
    assert re.fullmatch(r"[1-9][0-9]?", response.headers["retry-after"])
    assert 1 <= int(response.headers["retry-after"]) <= 60
    # Another token of the same client for the same organization shares the window...
    assert api.get(path, headers=minter.headers()).status_code == 429
    # ...but another organization and another client each have their own.
    assert api.get(f"/v1/{world.free_org}/contacts", headers=alice).status_code == 403
    other_client = minter.headers(client_id=_second_client(minter, world))
    assert api.get(path, headers=other_client).status_code == 200


def test_the_organization_list_is_not_rate_limited(api: TestClient, alice: dict[str, str]) -> None:
    for _ in range(120):
        assert api.get("/v1/organizations", headers=alice).status_code == 200


def test_the_api_window_slides_with_the_clock(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    path = f"/v1/{world.pro_org}/contacts"
    with time_machine.travel(time.time(), tick=False) as clock:
        _exhaust(api, path, alice)
        assert api.get(path, headers=alice).headers["retry-after"] == "60"
        clock.shift(30)
        refused = api.get(path, headers=alice)
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "30"
        clock.shift(30.5)
        assert api.get(path, headers=alice).status_code == 200


@pytest.mark.redis
def test_with_redis_configured_the_limit_lives_in_redis(
    redis_url: str, sqlite_url: str, tmp_path: Path
) -> None:
    from bilag.app import create_app
    from tests.api.conftest import Minter as TokenMinter
    from tests.factories import make_world

    settings = Settings.from_env(
        env={}, database_url=sqlite_url, redis_url=redis_url, base_url="http://testserver"
    )
    app = create_app(settings)
    services = app.state.services
    world = make_world(services.database, pepper=settings.secret_pepper)
    headers = TokenMinter(services.database, services.keys, settings, world).headers()
    path = f"/v1/{world.pro_org}/contacts"
    with TestClient(app) as api:
        _exhaust(api, path, headers)
        assert api.get(path, headers=headers).status_code == 429
    redis = Redis.from_url(redis_url)
    assert redis.zcard(f"bilag:rate:{world.pro_org}:{world.client_id}") == 100
    redis.close()
    services.database.dispose()
