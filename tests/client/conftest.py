"""The real app in-process for the contract tests: a migrated SQLite file, the world of
tests/factories.py, and an SDK authorized the way a user would do it (login and consent)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from bilag.client import (
    Client,
    Endpoints,
    FileTokenStore,
    OAuthApp,
    OAuthCredentials,
    exchange_code,
    read_callback,
    start_authorization,
)
from bilag.config import Settings
from tests.factories import REDIRECT_URI, World, make_world
from tests.functional.browser import authorize

ORIGIN = "http://testserver"
ENDPOINTS = Endpoints.single_origin(ORIGIN)
LOOPBACK = "http://127.0.0.1:{port}/callback"


class InProcess(httpx.BaseTransport):
    """httpx's sync seam onto the app: Starlette's TestClient speaks httpx2, the SDK httpx."""

    def __init__(self, app: Any) -> None:
        self.test_client = TestClient(app, base_url=ORIGIN, follow_redirects=False)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        answer = self.test_client.request(
            request.method, str(request.url), headers=dict(request.headers), content=request.read()
        )
        return httpx.Response(
            answer.status_code, headers=answer.headers.multi_items(), content=answer.content
        )


@dataclass
class Bilag:
    app: Any
    world: World
    browser: TestClient
    settings: Settings
    loopback_uri: str
    transport: InProcess

    def oauth_app(self, redirect_uri: str = REDIRECT_URI) -> OAuthApp:
        return OAuthApp(self.world.client_id, self.world.client_secret, redirect_uri)

    def authorized_store(
        self, path: Path, response_mode: str = "query", app: OAuthApp | None = None
    ) -> FileTokenStore:
        """Alice logs in, consents, and the SDK exchanges the code into `path`."""
        app = app or self.oauth_app()
        pending = start_authorization(app, ENDPOINTS, response_mode=response_mode)  # type: ignore[arg-type]
        callback = authorize(
            self.browser,
            pending.url,
            redirect_uri=app.redirect_uri,
            email=self.world.alice_email,
            password=self.world.password,
        )
        code = read_callback(pending, url=callback.url, form=callback.form)
        store = FileTokenStore(path)
        with httpx.Client(transport=self.transport) as http:
            exchange_code(app, pending, code, store, endpoints=ENDPOINTS, http=http)
        return store


def bilag_in_process(sqlite_url: str, tmp_path: Path, **overrides: object) -> Iterator[Bilag]:
    from bilag.app import create_app
    from tests.conftest import free_port

    settings = Settings.from_env(
        env={},
        database_url=sqlite_url,
        base_url=ORIGIN,
        files_dir=tmp_path / "files",
        **overrides,
    )
    app = create_app(settings)
    loopback_uri = LOOPBACK.format(port=free_port())
    world = make_world(
        app.state.services.database,
        pepper=settings.secret_pepper,
        redirect_uris=[REDIRECT_URI, loopback_uri],
    )
    with TestClient(app, base_url=ORIGIN, follow_redirects=False) as browser:
        yield Bilag(app, world, browser, settings, loopback_uri, InProcess(app))
    app.state.services.database.dispose()


@pytest.fixture(scope="module")
def bilag(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bilag]:
    """One app per test module (making one costs seconds); tests keep to their own data."""
    directory = tmp_path_factory.mktemp("bilag")
    shutil.copy(sqlite_template, directory / "bilag.db")
    url = f"sqlite:///{directory / 'bilag.db'}"
    yield from bilag_in_process(url, directory, rate_limit_per_minute=100_000)


@pytest.fixture(scope="module")
def credentials(bilag: Bilag, tmp_path_factory: pytest.TempPathFactory) -> OAuthCredentials:
    store = bilag.authorized_store(tmp_path_factory.mktemp("tokens") / "tokens.json")
    return OAuthCredentials(bilag.oauth_app(), store, endpoints=ENDPOINTS)


@pytest.fixture
def client(bilag: Bilag, credentials: OAuthCredentials) -> Iterator[Client]:
    with Client(credentials, transport=bilag.transport) as sdk:
        yield sdk
