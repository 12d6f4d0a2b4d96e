"""Faults armed over the sandbox endpoint, met by the real API: 429 as the rate limit answers,
500 as an unexpected error does, slow then served; exactly N calls, and only the armed client."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from bilag.config import Settings
from bilag.identity.applications import create_application
from bilag.identity.sandbox import faults
from tests.api.conftest import Minter
from tests.factories import PASSWORD, World, make_world

QUOTA_BODY = "API calls quota exceeded! maximum admitted 100 per 1m."


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings.from_env(
        env={},
        database_url=database_url,
        base_url="http://testserver",
        files_dir=tmp_path / "files",
        sandbox=True,
    )


def arm(api: TestClient, world: World, **fault: Any) -> None:
    raw = f"{world.alice_email}:{PASSWORD}".encode()
    basic = {"Authorization": "Basic " + base64.b64encode(raw).decode("ascii")}
    armed = api.post("/sandbox/faults", json={"client_id": world.client_id, **fault}, headers=basic)
    assert armed.status_code == 201, armed.text


def other_client(minter: Minter, world: World) -> dict[str, str]:
    with minter.database.write() as session:
        application, _secret = create_application(
            session,
            name="Unfaulted Integration",
            pepper=minter.settings.secret_pepper,
            redirect_uris=[world.redirect_uri],
        )
        client_id = application.client_id
    return minter.headers(client_id=client_id)


def test_a_429_fault_answers_exactly_as_the_rate_limit(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    arm(api, world, kind="429", count=2, retry_after=7)
    path = f"/v1/{world.pro_org}/contacts"
    for _ in range(2):
        refused = api.get(path, headers=alice)
        assert refused.status_code == 429
        assert refused.text == QUOTA_BODY
        assert refused.headers["content-type"].startswith("text/plain")
        assert refused.headers["retry-after"] == "7"
    assert api.get(path, headers=alice).status_code == 200


def test_a_500_fault_answers_with_dineros_error_body(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    arm(api, world, kind="500", count=1)
    failed = api.get("/v1/organizations", headers=alice)
    assert failed.status_code == 500
    assert failed.json() == {
        "code": 50,
        "message": "An unexpected error occurred.",
        "validationErrors": None,
        "languageSpecificMessages": [{"property": "message", "message": "Der opstod en fejl"}],
    }
    assert api.get("/v1/organizations", headers=alice).status_code == 200


def test_a_slow_fault_is_then_served_as_usual(
    api: TestClient, app: Any, world: World, alice: dict[str, str]
) -> None:
    arm(api, world, kind="slow", count=1, delay_ms=20)
    created = api.post(
        f"/v1/{world.pro_org}/contacts",
        json={"Name": "Langsom ApS", "CountryKey": "DK", "IsPerson": False, "IsMember": False,
              "UseCvr": False},
        headers=alice,
    )  # fmt: skip
    assert created.status_code == 200, created.text
    assert faults.list_faults(app.state.services.database) == []
    listed = api.get(f"/v1/{world.pro_org}/contacts", headers=alice).json()["Collection"]
    assert [contact["name"] for contact in listed] == ["Langsom ApS"]


def test_exactly_n_calls_of_the_armed_client_fail_and_no_other_client_s(
    api: TestClient, app: Any, world: World, minter: Minter, alice: dict[str, str]
) -> None:
    arm(api, world, kind="500", count=3)
    unfaulted = other_client(minter, world)
    path = f"/v1/{world.pro_org}/contacts"
    statuses = []
    for _ in range(5):
        assert api.get(path, headers=unfaulted).status_code == 200
        statuses.append(api.get(path, headers=alice).status_code)
    assert statuses == [500, 500, 500, 200, 200]
    assert faults.list_faults(app.state.services.database) == []


def test_faults_do_nothing_without_sandbox_mode(database_url: str, tmp_path: Path) -> None:
    from bilag.app import create_app

    settings = Settings.from_env(
        env={}, database_url=database_url, base_url="http://testserver", files_dir=tmp_path
    )
    plain = create_app(settings)
    services = plain.state.services
    try:
        world = make_world(services.database, pepper=settings.secret_pepper)
        faults.arm_fault(services.database, client_id=world.client_id, kind="500", count=2)
        alice = Minter(services.database, services.keys, settings, world).headers()
        with TestClient(plain) as api:
            for _ in range(3):
                assert api.get("/v1/organizations", headers=alice).status_code == 200
        assert [fault.remaining for fault in faults.list_faults(services.database)] == [2]
    finally:
        services.database.dispose()
