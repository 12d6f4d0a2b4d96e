"""`bilag serve` really serves: the console script in a subprocess on a free port."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from bilag.cli._shell import is_migrated
from bilag.storage.db import Database
from bilag.storage.models import SigningKey
from tests.conftest import free_port

BILAG = Path(sys.executable).with_name("bilag")

pytestmark = pytest.mark.slow


@contextmanager
def serving(database_url: str, *arguments: str, **extra_env: str) -> Iterator[str]:
    port = free_port()
    env = {**os.environ, "BILAG_DATABASE_URL": database_url, **extra_env}
    env.pop("BILAG_BASE_URL", None)
    process = subprocess.Popen(
        [str(BILAG), "serve", "--port", str(port), "--no-access-log", *arguments],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise AssertionError(f"bilag serve exited: {process.stdout.read()}")  # type: ignore[union-attr]
            try:
                if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError("bilag serve did not answer within 60 s")
            time.sleep(0.1)
        yield base_url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        process.stdout.close()  # type: ignore[union-attr]


def test_serve_answers_healthz(database_url: str) -> None:
    with serving(database_url) as base_url:
        response = httpx.get(f"{base_url}/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_serve_trusts_the_forwarded_scheme_of_a_local_proxy(sqlite_url: str) -> None:
    with serving(sqlite_url) as base_url:
        response = httpx.get(
            f"{base_url}/healthz/",
            headers={"Host": "api.dinero.dk", "X-Forwarded-Proto": "https"},
        )
    assert response.status_code in {301, 307, 308}
    assert response.headers["location"] == "https://api.dinero.dk/healthz"


def test_serve_migrates_a_new_database_first(tmp_path: Path) -> None:
    database_url = f"sqlite:///{tmp_path / 'var' / 'bilag.db'}"
    with serving(database_url) as base_url:
        assert httpx.get(f"{base_url}/healthz").status_code == 200
    database = Database(database_url)
    try:
        assert is_migrated(database)
    finally:
        database.dispose()


def test_serve_with_two_workers(sqlite_url: str) -> None:
    with serving(sqlite_url, "--workers", "2") as base_url:
        with httpx.Client(timeout=30) as client:
            statuses = {client.get(f"{base_url}/healthz").status_code for _ in range(20)}
    assert statuses == {200}


SLOW_WORKER_START = """
import sys, time
if "--multiprocessing-fork" in sys.argv:  # a worker that uvicorn spawned, not the server itself
    time.sleep(7)
"""


def test_serve_waits_for_workers_that_start_slowly(sqlite_url: str, tmp_path: Path) -> None:
    """On a busy machine a worker may need longer than uvicorn's 5 s to answer its first ping;
    it must be given the time instead of being killed and replaced forever."""
    (tmp_path / "sitecustomize.py").write_text(SLOW_WORKER_START)
    path = os.pathsep.join(filter(None, [str(tmp_path), os.environ.get("PYTHONPATH")]))
    with serving(sqlite_url, "--workers", "2", PYTHONPATH=path) as base_url:
        assert httpx.get(f"{base_url}/healthz").status_code == 200


def test_serve_makes_the_signing_key_before_the_workers_start(database_url: str) -> None:
    with serving(database_url, "--workers", "2"):
        database = Database(database_url)
        try:
            with database.read() as session:
                kids = session.scalars(select(SigningKey.kid)).all()
        finally:
            database.dispose()
    assert len(kids) == 1
