"""Shared fixtures: a freshly migrated database per test, on SQLite and on PostgreSQL.

With CI=true PostgreSQL and Redis are required and their absence fails the run. Without it, tests
that need them are skipped with a visible reason.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from bilag.config import Settings
from bilag.storage.migrate import upgrade
from tests.postgres_pool import PostgresPool

CI = os.environ.get("CI", "").lower() == "true"
POSTGRES_ADMIN_URL = os.environ.get(
    "BILAG_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REDIS_URL = os.environ.get("BILAG_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
EVERY_POSTGRES_CASE = os.environ.get("BILAG_TEST_EVERY_POSTGRES_CASE", "") == "1"
_POOLED_KEYS = 4
# Longest first, and started first, so that with `--dist loadfile` no worker begins one of them
# near the end.
LONG_FILES = (
    "tests/client/test_live_server.py",
    "tests/api/test_dinero_conformance.py",
    "tests/api/test_books_stateful.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Start the longest files first, and run each test function on PostgreSQL once, not once
    per case of its other parameters.

    Every test runs on SQLite with all its cases, and on PostgreSQL with its first case: the cases
    of one function (the bad inputs of a 400 test, say) take the same path to the database.
    BILAG_TEST_EVERY_POSTGRES_CASE=1 runs every case on both.
    """

    def rank(item: pytest.Item) -> int:
        path = item.nodeid.split("::")[0]
        return LONG_FILES.index(path) if path in LONG_FILES else len(LONG_FILES)

    items.sort(key=rank)
    if EVERY_POSTGRES_CASE:
        return
    seen: set[str] = set()
    kept: list[pytest.Item] = []
    repeated: list[pytest.Item] = []
    for item in items:
        params = getattr(item, "callspec", None) and item.callspec.params  # type: ignore[attr-defined]
        if params and params.get("database_url") == "postgres" and len(params) > 1:
            function = item.nodeid.split("[")[0]
            if function in seen:
                repeated.append(item)
                continue
            seen.add(function)
        kept.append(item)
    if repeated:
        config.hook.pytest_deselected(items=repeated)
        items[:] = kept


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashing() -> Iterator[None]:
    """Argon2id at test-sized costs for users the tests make in this process.

    The production parameters cost almost a second a hash on a small machine, and nearly every
    test makes two users. Servers the tests start as subprocesses keep the real costs, and
    tests/identity/test_users.py checks that those are what bilag uses.
    """
    from argon2 import PasswordHasher

    from bilag.identity import users

    production = users._hasher
    users._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    users._hasher = production


@pytest.fixture(autouse=True, scope="session")
def pooled_signing_keys() -> Iterator[None]:
    """Signing keys drawn from a few real RSA keys made once per process, under fresh kids.

    Every test's database makes its own signing key on the first token, and a 2048-bit key takes
    tens of milliseconds to make. Consecutive keys still differ, so a rotation changes the key.
    Servers the tests start as subprocesses make theirs as bilag does.
    """
    from joserfc.jwk import RSAKey

    from bilag.identity import keys

    production = keys.generate_private_key
    pool: list[RSAKey] = []
    made = itertools.count()

    def pooled(parameters: dict[str, str]) -> RSAKey:
        index = next(made) % _POOLED_KEYS
        if index == len(pool):
            pool.append(production(parameters))
            return pool[index]
        return RSAKey.import_key(pool[index].private_key, parameters)  # type: ignore[arg-type]

    keys.generate_private_key = pooled
    yield
    keys.generate_private_key = production


def _unavailable(what: str, error: Exception) -> None:
    message = f"{what} is not reachable ({error})"
    if CI:
        pytest.fail(f"{message}; CI=true requires it", pytrace=False)
    pytest.skip(message)


def _admin_engine():  # type: ignore[no-untyped-def]
    from sqlalchemy import create_engine

    return create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str]:
    from sqlalchemy import text

    name = f"bilag_tmpl_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    try:
        engine = _admin_engine()
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - any connection failure means "not reachable"
        _unavailable("PostgreSQL", exc)
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    upgrade(f"{base}/{name}")
    yield name
    from bilag.storage.db import Database  # noqa: F401 - engines are disposed by then

    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(scope="session")
def postgres_pool(postgres_template: str) -> Iterator[PostgresPool]:
    engine = _admin_engine()
    pool = PostgresPool(engine, POSTGRES_ADMIN_URL.rsplit("/", 1)[0], postgres_template)
    yield pool
    pool.close()
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A freshly migrated, empty database for one test."""
    if request.param == "sqlite":
        path = tmp_path / "bilag.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    yield from _postgres_database(request)


@pytest.fixture
def postgres_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """A freshly migrated PostgreSQL database, for tests that run on PostgreSQL only."""
    yield from _postgres_database(request)


def _postgres_database(request: pytest.FixtureRequest) -> Iterator[str]:
    """An empty migrated database of this process's pool (see tests/postgres_pool.py)."""
    pool: PostgresPool = request.getfixturevalue("postgres_pool")
    name = pool.take()
    yield pool.url(name)
    pool.give_back(name)


@pytest.fixture
def sqlite_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A freshly migrated SQLite database, for tests that need only one backend."""
    path = tmp_path / "bilag.db"
    shutil.copy(request.getfixturevalue("sqlite_template"), path)
    return f"sqlite:///{path}"


@pytest.fixture
def redis_url() -> Iterator[str]:
    import redis

    try:
        client = redis.Redis.from_url(REDIS_URL)
        client.ping()
    except Exception as exc:  # noqa: BLE001
        _unavailable("Redis", exc)
    client.flushdb()
    yield REDIS_URL
    client.flushdb()
    client.close()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings.from_env(
        env={},
        database_url=database_url,
        base_url="http://testserver",
        files_dir=tmp_path / "files",
        webhook_private_targets=True,  # the receivers listen on 127.0.0.1; see test_webhook_targets
    )


@pytest.fixture
def app(settings: Settings):  # type: ignore[no-untyped-def]
    from bilag.app import create_app

    application = create_app(settings)
    yield application
    application.state.services.database.dispose()


@pytest.fixture
def client(app):  # type: ignore[no-untyped-def]
    """An in-process client (starlette TestClient) for the app."""
    from starlette.testclient import TestClient

    with TestClient(app, base_url="http://testserver") as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def live_overrides() -> dict[str, object]:
    """Settings a module's live server takes on top of the defaults (e.g. `smtp_url`)."""
    return {}


@pytest.fixture
def live_server(
    database_url: str, tmp_path: Path, live_overrides: dict[str, object]
) -> Iterator[str]:
    """The app served by a real uvicorn on a free port, in a thread; yields its base URL."""
    import uvicorn

    from bilag.app import create_app

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    settings = Settings.from_env(
        env={},
        database_url=database_url,
        base_url=base_url,
        files_dir=tmp_path / "files",
        webhook_private_targets=True,
        **live_overrides,
    )
    application = create_app(settings)
    config = uvicorn.Config(application, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    yield base_url
    server.should_exit = True
    thread.join(timeout=10)
    application.state.services.database.dispose()
