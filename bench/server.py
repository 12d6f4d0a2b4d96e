"""The server under test: `bilag serve` with one worker on a SQLite file in a temporary
directory, with the demo seeded, and the tokens the benchmark needs."""

from __future__ import annotations

import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

import httpx

PEPPER = "bench-pepper"
SCOPES = ["dineropublicapi:read", "dineropublicapi:write", "offline_access"]


def bilag_command() -> str:
    beside_python = Path(sys.executable).with_name("bilag")
    found = str(beside_python) if beside_python.exists() else shutil.which("bilag")
    if found is None:
        raise SystemExit("the `bilag` command is not installed; run `make install` first")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Demo:
    client_id: str
    client_secret: str
    redirect_uri: str
    api_key: str
    user_email: str
    organization_id: int  # the Pro organization the API key belongs to

    @property
    def basic(self) -> str:
        pair = f"{self.client_id}:{self.client_secret}".encode()
        return "Basic " + base64.b64encode(pair).decode("ascii")


class BenchServer:
    """Context manager: seeds the demo, starts the server and stops it again."""

    def __init__(
        self,
        workers: int = 1,
        env: dict[str, str] | None = None,
        database_url: str | None = None,
    ) -> None:
        """`env` adds settings for the server (e.g. a higher rate limit); `database_url` replaces
        the fresh SQLite file with a database the caller provides (and empties)."""
        self.workers = workers
        self.directory = Path(tempfile.mkdtemp(prefix="bilag-bench-"))
        self.database_url = database_url or f"sqlite:///{self.directory / 'bilag.db'}"
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "BILAG_DATABASE_URL": self.database_url,
            "BILAG_BASE_URL": self.base_url,
            "BILAG_SECRET_PEPPER": PEPPER,
            "BILAG_FILES_DIR": str(self.directory / "files"),
            **(env or {}),
        }
        self.process: subprocess.Popen[bytes] | None = None
        self.demo = self._seed()

    def _seed(self) -> Demo:
        seeded = subprocess.run(
            [bilag_command(), "demo", "--json", "--no-books"],
            env=self.env,
            capture_output=True,
            text=True,
        )
        if seeded.returncode != 0:
            raise SystemExit(f"`bilag demo` failed: {seeded.stderr or seeded.stdout}")
        demo = json.loads(seeded.stdout)
        pro = next(org for org in demo["organizations"] if org["isPro"])
        app = demo["application"]
        own = [uri for uri in app["redirect_uris"] if uri.startswith(self.base_url)]
        return Demo(
            client_id=app["client_id"],
            client_secret=app["client_secret"],
            redirect_uri=(own or app["redirect_uris"])[0],
            api_key=pro["apiKey"],
            user_email=demo["users"][0]["email"],
            organization_id=int(pro["id"]),
        )

    def __enter__(self) -> BenchServer:
        command = [bilag_command(), "serve", "--port", str(self.port), "--no-access-log"]
        command += ["--workers", str(self.workers)]
        self.process = subprocess.Popen(
            command,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("`bilag serve` exited before it answered")
            try:
                if httpx.get(f"{self.base_url}/healthz", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                time.sleep(0.1)
        raise SystemExit("`bilag serve` did not answer /healthz within 60 s")

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        shutil.rmtree(self.directory, ignore_errors=True)

    # -- tokens ---------------------------------------------------------------------------

    def legacy_token(self) -> tuple[int, str | None]:
        """(HTTP status, access token) from the legacy API-key grant."""
        response = httpx.post(
            f"{self.base_url}/dineroapi/oauth/token",
            headers={"Authorization": self.demo.basic},
            data={
                "grant_type": "password",
                "username": self.demo.api_key,
                "password": self.demo.api_key,
                "scope": "read write",
            },
        )
        token = response.json().get("access_token") if response.status_code == 200 else None
        return response.status_code, token

    def code_grant_tokens(self, count: int) -> tuple[int, list[dict[str, str]]]:
        """(HTTP status, token responses) for `count` authorizations of the demo user.

        The codes are issued straight into the database (what the consent page's Accept does),
        then exchanged over HTTP at /connect/token like any client would.
        """
        replies = []
        for code in self._issue_codes(count):
            response = httpx.post(
                f"{self.base_url}/connect/token",
                headers={"Authorization": self.demo.basic},
                data={
                    "grant_type": "authorization_code",
                    "code": code,
                    "redirect_uri": self.demo.redirect_uri,
                },
            )
            if response.status_code != 200:
                return response.status_code, []
            replies.append(response.json())
        return 200, replies

    def _issue_codes(self, count: int) -> list[str]:
        from bilag.config import Settings
        from bilag.identity.applications import get_application
        from bilag.identity.codes import issue_authorization_code
        from bilag.identity.users import get_user_by_email
        from bilag.storage.db import Database
        from bilag.storage.models import utcnow

        settings = Settings.from_env(self.env)
        database = Database(self.database_url)
        try:
            with database.write() as session:
                application = get_application(session, self.demo.client_id)
                user = get_user_by_email(session, self.demo.user_email)
                assert application is not None and user is not None
                return [
                    issue_authorization_code(
                        session,
                        settings=settings,
                        application=application,
                        user_id=user.id,
                        redirect_uri=self.demo.redirect_uri,
                        scopes=SCOPES,
                        nonce=None,
                        code_challenge=None,
                        code_challenge_method=None,
                        session_id=None,
                        auth_time=utcnow(),
                    )
                    for _ in range(count)
                ]
        finally:
            database.dispose()

    def minted_token(self) -> str:
        """An access token made in-process, for when no token endpoint answers yet."""
        from bilag.config import Settings
        from bilag.identity.applications import get_application
        from bilag.identity.grants import create_grant
        from bilag.identity.keys import KeyStore
        from bilag.identity.tokens import issue_access_token
        from bilag.identity.users import get_user_by_email
        from bilag.storage.db import Database

        settings = Settings.from_env(self.env)
        database = Database(self.database_url)
        try:
            with database.write() as session:
                application = get_application(session, self.demo.client_id)
                user = get_user_by_email(session, self.demo.user_email)
                assert application is not None and user is not None
                grant = create_grant(
                    session, settings=settings, application=application, scopes=SCOPES,
                    user_id=user.id,
                )  # fmt: skip
                grant_id, subject = grant.id, user.sub
            keys = KeyStore(
                database,
                rotation_days=settings.key_rotation_days,
                token_lifetime=settings.access_token_lifetime,
            )
            token, _ = issue_access_token(
                keys, settings, grant_id=grant_id, client_id=self.demo.client_id,
                scopes=SCOPES, subject=subject,
            )  # fmt: skip
            return token
        finally:
            database.dispose()
