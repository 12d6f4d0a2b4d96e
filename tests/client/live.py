"""A live bilag for the end-to-end tests: `bilag serve` in a subprocess on a free port, with the
demo seeded, and the demo user authorizing the SDK through the real login and consent pages."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from bilag.client import (
    Endpoints,
    FileTokenStore,
    OAuthApp,
    exchange_code,
    read_callback,
    start_authorization,
)
from tests.conftest import free_port
from tests.functional.browser import authorize

BILAG = Path(sys.executable).with_name("bilag")


@dataclass(frozen=True)
class LiveBilag:
    base_url: str
    database_url: str
    demo: Mapping[str, Any]  # `bilag demo --json`

    @property
    def endpoints(self) -> Endpoints:
        return Endpoints.single_origin(self.base_url)

    @property
    def app(self) -> OAuthApp:
        application = self.demo["application"]
        own = [uri for uri in application["redirect_uris"] if uri.startswith(self.base_url)]
        return OAuthApp(application["client_id"], application["client_secret"], own[0])

    @property
    def user(self) -> tuple[str, str]:
        first = self.demo["users"][0]
        return first["email"], first["password"]

    def organization(self, name: str) -> int:
        return int(next(org["id"] for org in self.demo["organizations"] if org["name"] == name))

    def authorize_into(self, path: Path) -> FileTokenStore:
        """The demo user logs in, consents, and the SDK exchanges the code into `path`."""
        pending = start_authorization(self.app, self.endpoints)
        email, password = self.user
        with httpx.Client(timeout=30) as browser:
            callback = authorize(
                browser, pending.url, redirect_uri=self.app.redirect_uri, email=email,
                password=password,
            )  # fmt: skip
            code = read_callback(pending, url=callback.url, form=callback.form)
            store = FileTokenStore(path)
            exchange_code(self.app, pending, code, store, endpoints=self.endpoints, http=browser)
        return store


def _seed(env: Mapping[str, str]) -> dict[str, Any]:
    seeded = subprocess.run(
        [str(BILAG), "demo", "--json", "--no-books"], env=env, capture_output=True, text=True
    )
    assert seeded.returncode == 0, f"`bilag demo` failed: {seeded.stderr or seeded.stdout}"
    demo: dict[str, Any] = json.loads(seeded.stdout)
    return demo


@contextmanager
def live_bilag(database_url: str, *arguments: str, env: Mapping[str, str]) -> Iterator[LiveBilag]:
    """`bilag serve ARGUMENTS` on a free port with the settings in `env`, demo seeded."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    files = tempfile.mkdtemp(prefix="bilag-live-")
    server_env = {
        **os.environ,
        "BILAG_DATABASE_URL": database_url,
        "BILAG_BASE_URL": base_url,
        "BILAG_FILES_DIR": files,
        **env,
    }
    demo = _seed(server_env)
    log = Path(files) / "serve.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [str(BILAG), "serve", "--port", str(port), "--no-access-log", *arguments],
            env=server_env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_until_healthy(process, base_url, log)
        yield LiveBilag(base_url, database_url, demo)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        shutil.rmtree(files, ignore_errors=True)


def _wait_until_healthy(process: subprocess.Popen[bytes], base_url: str, log: Path) -> None:
    deadline = time.monotonic() + 120  # workers start slowly on a busy machine
    while True:
        if process.poll() is not None:
            raise AssertionError(f"bilag serve exited: {log.read_text(errors='replace')}")
        try:
            if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"bilag serve did not answer within 120 s: {log.read_text()}")
        time.sleep(0.1)
