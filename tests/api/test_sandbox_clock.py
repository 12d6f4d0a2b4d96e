"""The sandbox clock moved over its endpoint: access tokens, codes and sessions expire, the rate
window moves on, and what is issued afterwards carries the moved time."""

from __future__ import annotations

import base64
import time
from pathlib import Path
from typing import Any

import jwt
import pytest
import time_machine
from starlette.testclient import TestClient

from bilag.config import Settings
from bilag.identity.context import Services
from bilag.identity.sandbox import clock
from bilag.identity.sessions import SESSION_LIFETIME
from bilag.identity.tokens import LEEWAY_SECONDS
from tests.factories import PASSWORD, World
from tests.identity.conftest import issue_code, post_code
from tests.web.browser import forms

LIMIT = 3


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings.from_env(
        env={},
        database_url=database_url,
        base_url="http://testserver",
        files_dir=tmp_path / "files",
        rate_limit_per_minute=LIMIT,
        sandbox=True,
    )


def advance(api: TestClient, world: World, seconds: int) -> None:
    raw = f"{world.bob_email}:{PASSWORD}".encode()
    basic = {"Authorization": "Basic " + base64.b64encode(raw).decode("ascii")}
    moved = api.post("/sandbox/clock", json={"advance_seconds": seconds}, headers=basic)
    assert moved.status_code == 200, moved.text


def test_an_access_token_expires_when_the_clock_passes_its_lifetime(
    api: TestClient, settings: Settings, world: World, alice: dict[str, str]
) -> None:
    assert api.get("/v1/organizations", headers=alice).status_code == 200
    advance(api, world, settings.access_token_lifetime + LEEWAY_SECONDS + 1)
    expired = api.get("/v1/organizations", headers=alice)
    assert expired.status_code == 401
    assert 'error="invalid_token"' in expired.headers["www-authenticate"]


def test_the_rate_window_moves_on_with_the_clock(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    path = f"/v1/{world.pro_org}/contacts"
    assert [api.get(path, headers=alice).status_code for _ in range(LIMIT)] == [200] * LIMIT
    assert api.get(path, headers=alice).status_code == 429
    advance(api, world, 60)
    assert api.get(path, headers=alice).status_code == 200


def test_an_authorization_code_expires(
    api: TestClient, services: Services, settings: Settings, world: World
) -> None:
    code = issue_code(services.database, settings, world)
    advance(api, world, settings.authorization_code_lifetime + 1)
    refused = post_code(api, world, code)
    assert refused.status_code == 400
    assert refused.json()["error"] == "invalid_grant"
    assert "expired" in refused.json()["error_description"]


def test_tokens_are_issued_on_the_moved_clock_and_still_work(
    api: TestClient, app: Any, services: Services, settings: Settings, world: World
) -> None:
    ten_years = 10 * 365 * 24 * 3600
    advance(api, world, ten_years)
    frozen = int(time.time())
    with time_machine.travel(frozen, tick=False):
        with clock.running_on(app.state.sandbox.clock):  # as the consent page issues it
            code = issue_code(services.database, settings, world)
        issued = post_code(api, world, code)
        assert issued.status_code == 200, issued.text
        token = issued.json()["access_token"]
        claims = jwt.decode(token, options={"verify_signature": False})
        assert claims["iat"] == frozen + ten_years
        assert claims["exp"] == frozen + ten_years + settings.access_token_lifetime
        headers = {"Authorization": f"Bearer {token}"}
        assert api.get("/v1/organizations", headers=headers).status_code == 200


def test_a_browser_session_expires(api: TestClient, world: World) -> None:
    login_page = api.get("/connect/login")
    fields = forms(login_page.text)["/connect/login"]
    fields.update(email=world.alice_email, password=PASSWORD)
    assert api.post("/connect/login", data=fields, follow_redirects=False).status_code == 303
    assert api.get("/connect/debugger", follow_redirects=False).status_code == 200
    advance(api, world, int(SESSION_LIFETIME.total_seconds()) + 1)
    gone = api.get("/connect/debugger", follow_redirects=False)
    assert gone.status_code == 302 and gone.headers["location"].startswith("/connect/login")


@pytest.mark.redis
def test_the_redis_rate_window_moves_on_with_the_clock(
    redis_url: str, sqlite_url: str, tmp_path: Path
) -> None:
    from bilag.app import create_app
    from tests.api.conftest import Minter
    from tests.factories import make_world

    settings = Settings.from_env(
        env={},
        database_url=sqlite_url,
        redis_url=redis_url,
        base_url="http://testserver",
        files_dir=tmp_path / "files",
        rate_limit_per_minute=LIMIT,
        sandbox=True,
    )
    app = create_app(settings)
    services = app.state.services
    try:
        world = make_world(services.database, pepper=settings.secret_pepper)
        headers = Minter(services.database, services.keys, settings, world).headers()
        path = f"/v1/{world.pro_org}/contacts"
        with TestClient(app) as api:
            assert [api.get(path, headers=headers).status_code for _ in range(LIMIT)] == [200] * 3
            assert api.get(path, headers=headers).status_code == 429
            advance(api, world, 60)
            assert api.get(path, headers=headers).status_code == 200
    finally:
        services.database.dispose()
