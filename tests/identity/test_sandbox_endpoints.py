"""The sandbox controls over HTTP: who may use which, and bad input named, never a 500."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from bilag.config import Settings
from bilag.identity.applications import create_application
from bilag.identity.context import Services
from bilag.identity.sandbox import faults
from tests.factories import PASSWORD, World


def basic(email: str, password: str = PASSWORD) -> dict[str, str]:
    raw = f"{email}:{password}".encode()
    return {"Authorization": "Basic " + base64.b64encode(raw).decode("ascii")}


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings.from_env(
        env={},
        database_url=database_url,
        base_url="http://testserver",
        files_dir=tmp_path / "files",
        sandbox=True,
    )


@pytest.fixture
def alice(world: World) -> dict[str, str]:
    return basic(world.alice_email)


@pytest.fixture
def bob(world: World) -> dict[str, str]:
    return basic(world.bob_email)


def refusal(response: Any, status: int, words: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert words in body["message"], body
    assert response.headers["cache-control"] == "no-store"


def test_every_control_needs_a_user_s_password(client: TestClient, world: World) -> None:
    calls = [
        ("POST", "/sandbox/users"),
        ("POST", "/sandbox/organizations"),
        ("POST", f"/sandbox/organizations/{world.pro_org}/reset"),
        ("GET", "/sandbox/clock"),
        ("POST", "/sandbox/clock"),
        ("GET", "/sandbox/faults"),
        ("POST", "/sandbox/faults"),
        ("DELETE", "/sandbox/faults"),
    ]
    for number, (method, path) in enumerate(calls):
        missing = client.request(method, path)
        refusal(missing, 401, "HTTP Basic")
        assert missing.headers["www-authenticate"].startswith("Basic")
        wrong = client.request(method, path, headers=basic(f"nobody{number}@example.com"))
        refusal(wrong, 401, "wrong e-mail or password")
    refusal(client.get("/sandbox/clock", headers={"Authorization": "Basic !!"}), 401, "Base64")


def test_repeated_wrong_passwords_are_throttled(client: TestClient, world: World) -> None:
    for _ in range(5):
        client.get("/sandbox/clock", headers=basic(world.bob_email, "guess guess"))
    refusal(client.get("/sandbox/clock", headers=basic(world.bob_email)), 429, "too many")


def test_test_users_and_organizations(client: TestClient, alice: dict[str, str]) -> None:
    made = client.post(
        "/sandbox/users",
        json={"email": "tester@example.com", "name": "Test Person", "password": "long enough"},
        headers=alice,
    )
    assert made.status_code == 201, made.text
    assert made.json()["email"] == "tester@example.com"
    tester = basic("tester@example.com", "long enough")
    organization = client.post(
        "/sandbox/organizations", json={"name": "Test ApS", "pro": True}, headers=tester
    )
    assert organization.status_code == 201, organization.text
    assert organization.json()["owner"] == "tester@example.com"
    assert organization.json()["pro"] is True
    given = client.post(
        "/sandbox/organizations",
        json={"name": "Gratis", "owner_email": "tester@example.com"},
        headers=alice,
    )
    assert given.status_code == 201 and given.json()["pro"] is False
    reset = client.post(f"/sandbox/organizations/{given.json()['id']}/reset", headers=tester)
    assert reset.status_code == 200 and reset.json()["reset"] is True


BAD_INPUT: list[tuple[str, Any, int, str]] = [
    ("/sandbox/users", b"{not json", 400, "not valid JSON"),
    ("/sandbox/users", b"[1, 2]", 400, "must be a JSON object"),
    ("/sandbox/users", {"email": "x@example.com", "pasword": "12345678"}, 400, "'pasword'"),
    ("/sandbox/users", {"email": "x@example.com"}, 400, "password is required"),
    ("/sandbox/users", {"email": 5, "password": "12345678"}, 400, "email must be a string"),
    ("/sandbox/users", {"email": "nobody", "password": "12345678"}, 400, "e-mail address"),
    ("/sandbox/users", {"email": "x@example.com", "password": "short"}, 400, "8 characters"),
    ("/sandbox/users", {"email": "bob@example.com", "password": "12345678"}, 409, "exists"),
    ("/sandbox/organizations", {}, 400, "name is required"),
    ("/sandbox/organizations", {"name": " "}, 400, "needs a name"),
    ("/sandbox/organizations", {"name": "A", "pro": "yes"}, 400, "pro must be true or false"),
    ("/sandbox/organizations", {"name": "A", "owner_email": "no@x.dk"}, 400, "no user has"),
    ("/sandbox/organizations/abc/reset", None, 400, "not an organization id"),
    ("/sandbox/organizations/999999/reset", None, 404, "no organization 999999"),
    ("/sandbox/clock", {}, 400, "advance_seconds"),
    ("/sandbox/clock", {"advance_seconds": 5, "reset": True}, 400, "either"),
    ("/sandbox/clock", {"advance_seconds": -5}, 400, "forward only"),
    ("/sandbox/clock", {"advance_seconds": "60"}, 400, "whole number"),
    ("/sandbox/clock", {"advance_seconds": 10**12}, 400, "at most"),
    ("/sandbox/faults", {"kind": "429", "count": 1}, 400, "client_id is required"),
    ("/sandbox/faults", {"client_id": "isv_x", "count": 1}, 400, "kind is required"),
    ("/sandbox/faults", {"client_id": "isv_x", "kind": "404", "count": 1}, 400, "kind must"),
    ("/sandbox/faults", {"client_id": "isv_x", "kind": "500"}, 400, "count is required"),
    ("/sandbox/faults", {"client_id": "isv_x", "kind": "slow", "count": 1}, 400, "delay_ms"),
    ("/sandbox/faults", {"client_id": "isv_x", "kind": 500, "count": 1}, 404, "'isv_x'"),
]


def test_bad_input_is_named(client: TestClient, alice: dict[str, str]) -> None:
    for path, body, status, words in BAD_INPUT:
        if isinstance(body, bytes):
            response = client.post(path, content=body, headers=alice)
        else:
            response = client.post(path, json=body, headers=alice)
        refusal(response, status, words)


def test_only_a_member_resets_an_organization(
    client: TestClient, world: World, bob: dict[str, str]
) -> None:
    refused = client.post(f"/sandbox/organizations/{world.pro_org}/reset", headers=bob)
    refusal(refused, 403, "not a member of organization")
    done = client.post(f"/sandbox/organizations/{world.other_org}/reset", headers=bob)
    assert done.status_code == 200, done.text


def test_only_the_owner_of_an_application_arms_or_clears_its_faults(
    client: TestClient, services: Services, world: World, alice: dict[str, str], bob: dict[str, str]
) -> None:
    body = {"client_id": world.client_id, "kind": "429", "count": 2}
    refusal(client.post("/sandbox/faults", json=body, headers=bob), 403, "does not own")
    refusal(
        client.delete("/sandbox/faults", params={"client_id": world.client_id}, headers=bob),
        403,
        "does not own",
    )
    assert client.get("/sandbox/faults", headers=bob).json() == {"faults": []}
    armed = client.post("/sandbox/faults", json=body, headers=alice)
    assert armed.status_code == 201, armed.text
    assert armed.json()["remaining"] == 2 and armed.json()["retry_after"] == 1
    assert client.delete("/sandbox/faults", headers=bob).json() == {"cleared": 0}
    [listed] = client.get("/sandbox/faults", headers=alice).json()["faults"]
    assert listed["client_id"] == world.client_id
    cleared = client.delete("/sandbox/faults", params={"client_id": world.client_id}, headers=alice)
    assert cleared.json() == {"cleared": 1}
    assert faults.list_faults(services.database) == []


def test_anyone_may_fault_an_application_nobody_owns(
    client: TestClient, services: Services, world: World, bob: dict[str, str]
) -> None:
    with services.database.write() as session:
        application, _secret = create_application(
            session,
            name="Nobody's",
            pepper=services.settings.secret_pepper,
            redirect_uris=[world.redirect_uri],
        )
        client_id = application.client_id
    armed = client.post(
        "/sandbox/faults", json={"client_id": client_id, "kind": "429", "count": 1}, headers=bob
    )
    assert armed.status_code == 201, armed.text
    [listed] = client.get("/sandbox/faults", headers=bob).json()["faults"]
    assert listed["client_id"] == client_id
    assert client.delete("/sandbox/faults", headers=bob).json() == {"cleared": 1}


def test_the_clock_moves_forward_and_back_to_zero(
    client: TestClient, alice: dict[str, str]
) -> None:
    assert client.get("/sandbox/clock", headers=alice).json()["offset_seconds"] == 0
    moved = client.post("/sandbox/clock", json={"advance_seconds": 3600}, headers=alice)
    assert moved.status_code == 200 and moved.json()["offset_seconds"] == 3600
    back = client.post("/sandbox/clock", json={"reset": True}, headers=alice)
    assert back.json()["offset_seconds"] == 0


def test_without_sandbox_mode_every_control_is_404(
    database_url: str, tmp_path: Path, world: World
) -> None:
    from bilag.app import create_app

    settings = Settings.from_env(
        env={}, database_url=database_url, base_url="http://testserver", files_dir=tmp_path
    )
    plain = create_app(settings)
    try:
        with TestClient(plain) as client:
            for method, path in [
                ("GET", "/sandbox/clock"),
                ("POST", "/sandbox/users"),
                ("POST", f"/sandbox/organizations/{world.pro_org}/reset"),
                ("DELETE", "/sandbox/faults"),
            ]:
                answer = client.request(method, path, headers=basic(world.alice_email))
                refusal(answer, 404, "sandbox mode is off")
    finally:
        plain.state.services.database.dispose()
