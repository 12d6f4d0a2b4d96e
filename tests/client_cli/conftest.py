"""One live `bilag serve` per test module (a SQLite file, the demo, and an application whose
redirect URI is a loopback address), and `bilag-client` run in-process against it over HTTP."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner, Result

from bilag.cli import main as bilag_main
from bilag.client_cli import Runtime, main
from tests.conftest import free_port
from tests.functional.browser import authorize

BILAG = Path(sys.executable).with_name("bilag")
PEPPER = "client-cli-test-pepper"


@dataclass
class Server:
    base_url: str
    demo: dict[str, Any]
    client_id: str
    client_secret: str
    redirect_uri: str

    def org(self, name: str) -> int:
        return next(o["id"] for o in self.demo["organizations"] if o["name"] == name)

    def api_key(self, name: str) -> str:
        return str(next(o["apiKey"] for o in self.demo["organizations"] if o["name"] == name))

    def password(self, email: str) -> str:
        return str(next(u["password"] for u in self.demo["users"] if u["email"] == email))


def _bilag(env: dict[str, str], *args: str) -> str:
    """The server's own `bilag` command, in-process (starting it in a subprocess is slow)."""
    result = CliRunner().invoke(bilag_main, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def _fields(output: str) -> dict[str, str]:
    pairs = (line.partition(": ") for line in output.splitlines())
    return {name: value for name, sep, value in pairs if sep}


def _wait_until_up(process: subprocess.Popen[str], base_url: str) -> None:
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            raise AssertionError(f"bilag serve exited: {process.stdout.read()}")  # type: ignore[union-attr]
        try:
            if httpx.get(f"{base_url}/healthz", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError("bilag serve did not answer within 60 s")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("bilag")
    shutil.copy(sqlite_template, root / "bilag.db")
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = {
        "BILAG_DATABASE_URL": f"sqlite:///{root / 'bilag.db'}",
        "BILAG_SECRET_PEPPER": PEPPER,
        "BILAG_BASE_URL": base_url,
        "BILAG_FILES_DIR": str(root / "files"),
    }
    demo = json.loads(_bilag(env, "demo", "--json"))
    redirect_uri = f"http://127.0.0.1:{free_port()}/callback"
    created = _fields(
        _bilag(env, "app", "create", "--name", "bilag-client tests", "--redirect-uri", redirect_uri)
    )
    process = subprocess.Popen(
        [str(BILAG), "serve", "--port", str(port), "--no-access-log"],
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        _wait_until_up(process, base_url)
        yield Server(base_url, demo, created["client_id"], created["client_secret"], redirect_uri)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        process.stdout.close()  # type: ignore[union-attr]


@dataclass
class BilagClient:
    """`bilag-client` with its own token file, as one user on one machine would run it."""

    server: Server
    token_file: Path
    email: str = "demo@bilag.dk"
    opened: list[str] = field(default_factory=list)

    def browser(self, url: str) -> None:
        """The user in their browser: logs in, consents, and is sent back to the loopback."""
        self.opened.append(url)
        with httpx.Client(follow_redirects=False) as browser:
            callback = authorize(
                browser,
                url,
                redirect_uri=self.server.redirect_uri,
                email=self.email,
                password=self.server.password(self.email),
            )
        assert callback.form is not None  # the SDK asks for form_post
        httpx.post(callback.url, data=callback.form).raise_for_status()

    def __call__(self, *args: str, input: str | None = None) -> Result:
        env = {
            "BILAG_CLIENT_TOKEN_FILE": str(self.token_file),
            "BILAG_CLIENT_BASE_URL": None,
            "BILAG_CLIENT_ID": None,
            "BILAG_CLIENT_SECRET": None,
            "BILAG_CLIENT_API_KEY": None,
            "BILAG_CLIENT_ORG": None,
            "COLUMNS": None,  # piped output keeps rows whole, whatever terminal runs pytest
        }
        runtime = Runtime(open_browser=self.browser)
        result = CliRunner().invoke(main, list(args), env=env, input=input, obj=runtime)
        assert "Traceback" not in result.output, result.output
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result

    def ok(self, *args: str, input: str | None = None) -> Result:
        result = self(*args, input=input)
        assert result.exit_code == 0, result.output
        return result

    def json(self, *args: str) -> Any:
        """The command with --json: stdout must be JSON and nothing else."""
        return json.loads(self.ok(*args, "--json").stdout)

    def fails(self, *args: str) -> Result:
        result = self(*args)
        assert result.exit_code != 0, result.output
        assert result.stderr.startswith("Error: ") and not result.stdout, result.output
        return result

    def app_options(self) -> list[str]:
        return [
            "--base-url",
            self.server.base_url,
            "--client-id",
            self.server.client_id,
            "--client-secret",
            self.server.client_secret,
        ]
