"""The limit holds across processes: two uvicorn workers, 150 concurrent calls, 100 get through."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from bilag.api.usage import usage_report
from bilag.config import Settings
from bilag.identity.keys import KeyStore
from bilag.storage.db import Database
from tests.api.conftest import Minter
from tests.conftest import free_port
from tests.factories import World, make_world

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


@contextmanager
def _serve(database_url: str, redis_url: str | None) -> Iterator[str]:
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "BILAG_DATABASE_URL": database_url, "BILAG_BASE_URL": base_url}
    env.pop("BILAG_REDIS_URL", None)
    if redis_url:
        env["BILAG_REDIS_URL"] = redis_url
    command = [sys.executable, "-m", "uvicorn", "bilag.app:asgi", "--factory"]
    command += ["--workers", "2", "--port", str(port), "--log-level", "warning"]
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, "uvicorn exited"
            assert time.monotonic() < deadline, "uvicorn did not start two workers"
            try:
                ready = httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200
            except httpx.TransportError:
                ready = False
            if ready and len(_children(server.pid)) >= 2:
                break
            time.sleep(0.2)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _world_and_token(database_url: str, base_url: str) -> tuple[World, dict[str, str]]:
    settings = Settings.from_env(env={}, database_url=database_url, base_url=base_url)
    database = Database(database_url)
    keys = KeyStore(database, rotation_days=90, token_lifetime=3600)
    world = make_world(database, pepper=settings.secret_pepper)
    headers = Minter(database, keys, settings, world).headers()
    database.dispose()
    return world, headers


def _fire(url: str, headers: dict[str, str], count: int) -> Counter[int]:
    with httpx.Client(timeout=60, limits=httpx.Limits(max_connections=count)) as client:
        with ThreadPoolExecutor(max_workers=count) as pool:
            statuses = pool.map(
                lambda _: client.get(url, headers=headers).status_code, range(count)
            )
            return Counter(statuses)


def _check_limit_across_workers(database_url: str, redis_url: str | None) -> None:
    with _serve(database_url, redis_url) as base_url:
        world, headers = _world_and_token(database_url, base_url)
        statuses = _fire(f"{base_url}/v1/{world.pro_org}/contacts", headers, 150)
        assert statuses == Counter({200: 100, 429: 50})
    # Each worker stored its usage counts when it stopped.
    database = Database(database_url)
    rows = {
        (row.client_id, row.organization_id): row.counts
        for row in usage_report(database, redis_url)
    }
    database.dispose()
    assert rows[(world.client_id, world.pro_org)]["2xx"] == 100
    assert rows[(world.client_id, world.pro_org)]["429"] == 50


def test_two_workers_share_the_database_limit(database_url: str) -> None:
    _check_limit_across_workers(database_url, None)


@pytest.mark.redis
def test_two_workers_share_the_redis_limit(sqlite_url: str, redis_url: str) -> None:
    _check_limit_across_workers(sqlite_url, redis_url)
