"""Idempotency-Key on POST: one effect per key, the first response replayed, mismatches refused."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy import func, select, update
from starlette.testclient import TestClient

from bilag.api import idempotency
from bilag.storage.models import Contact, IdempotencyRecord
from tests.api.conftest import Minter
from tests.factories import World

CONTACT = {
    "Name": "Jens Hansen",
    "CountryKey": "DK",
    "IsPerson": True,
    "IsMember": False,
    "UseCvr": False,
}


def _contacts(app: Any) -> int:
    with app.state.services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(Contact)) or 0)


def _with_key(headers: dict[str, str], key: str) -> dict[str, str]:
    return {**headers, "Idempotency-Key": key}


def test_a_retry_replays_the_first_response_and_creates_nothing(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    path = f"/v1/{world.pro_org}/contacts"
    first = api.post(path, json=CONTACT, headers=_with_key(alice, "order-1"))
    again = api.post(path, json=CONTACT, headers=_with_key(alice, "order-1"))
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert again.headers["content-type"] == first.headers["content-type"]
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers
    assert _contacts(app) == 1


def test_without_a_key_every_post_has_its_effect(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    path = f"/v1/{world.pro_org}/contacts"
    guids = {api.post(path, json=CONTACT, headers=alice).json()["ContactGuid"] for _ in range(2)}
    assert len(guids) == 2
    assert _contacts(app) == 2


def test_the_same_key_with_another_body_is_refused(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    path = f"/v1/{world.pro_org}/contacts"
    api.post(path, json=CONTACT, headers=_with_key(alice, "k"))
    other = api.post(path, json={**CONTACT, "Name": "Other"}, headers=_with_key(alice, "k"))
    assert other.status_code == 422
    assert other.json()["code"] == 42
    assert "Idempotency-Key" in other.json()["validationErrors"]
    assert "different request" in other.json()["message"]
    assert _contacts(app) == 1


def test_keys_belong_to_an_organization_and_a_client(
    app: Any, api: TestClient, world: World, minter: Minter, alice: dict[str, str]
) -> None:
    bob = minter.headers(email=world.bob_email)
    api.post(f"/v1/{world.pro_org}/contacts", json=CONTACT, headers=_with_key(alice, "same"))
    bobs = api.post(f"/v1/{world.other_org}/contacts", json=CONTACT, headers=_with_key(bob, "same"))
    assert bobs.status_code == 200
    assert "idempotent-replayed" not in bobs.headers
    assert _contacts(app) == 2


def test_a_bad_key_is_a_400_naming_the_header(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    path = f"/v1/{world.pro_org}/contacts"
    for bad in ("has space", "x" * 256):
        response = api.post(path, json=CONTACT, headers=_with_key(alice, bad))
        assert response.status_code == 400
        assert "Idempotency-Key" in response.json()["validationErrors"]
    assert _contacts(app) == 0


def test_failed_requests_are_not_kept_so_a_fixed_retry_runs(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    path = f"/v1/{world.pro_org}/contacts"
    headers = _with_key(alice, "retry-me")
    refused = api.post(path, json=CONTACT, headers={**headers, "Authorization": "Bearer nope"})
    assert refused.status_code == 401
    created = api.post(path, json=CONTACT, headers=headers)
    assert created.status_code == 200
    assert "idempotent-replayed" not in created.headers
    assert _contacts(app) == 1


def test_a_kept_validation_error_is_replayed(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    path = f"/v1/{world.pro_org}/contacts"
    first = api.post(path, json={"Name": ""}, headers=_with_key(alice, "bad-body"))
    again = api.post(path, json={"Name": ""}, headers=_with_key(alice, "bad-body"))
    assert first.status_code == again.status_code == 400
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"


def test_a_replay_is_refused_once_the_grant_is_revoked(
    api: TestClient, world: World, minter: Minter
) -> None:
    token = minter.token()
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": "r"}
    path = f"/v1/{world.pro_org}/contacts"
    assert api.post(path, json=CONTACT, headers=headers).status_code == 200
    minter.revoke_grant(token)
    assert api.post(path, json=CONTACT, headers=headers).status_code == 401


def test_an_expired_key_runs_the_request_again(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    path = f"/v1/{world.pro_org}/contacts"
    api.post(path, json=CONTACT, headers=_with_key(alice, "old"))
    with app.state.services.database.write() as session:
        session.execute(update(IdempotencyRecord).values(expires_at=IdempotencyRecord.created_at))
    again = api.post(path, json=CONTACT, headers=_with_key(alice, "old"))
    assert again.status_code == 200
    assert "idempotent-replayed" not in again.headers
    assert _contacts(app) == 2


def test_two_concurrent_requests_with_one_key_create_one_contact(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    path = f"/v1/{world.pro_org}/contacts"
    start = threading.Barrier(4)
    answers: list[Any] = []

    def post() -> None:
        start.wait()
        answers.append(api.post(path, json=CONTACT, headers=_with_key(alice, "together")))

    threads = [threading.Thread(target=post) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [answer.status_code for answer in answers] == [200] * 4
    assert len({answer.json()["ContactGuid"] for answer in answers}) == 1
    assert _contacts(app) == 1


def test_a_body_too_large_to_keep_is_a_413(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    huge = b'{"Name": "' + b"x" * (8 * 1024 * 1024) + b'"}'
    response = api.post(
        f"/v1/{world.pro_org}/contacts",
        content=huge,
        headers={**_with_key(alice, "huge"), "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["code"] == 43
    assert _contacts(app) == 0


def _set_state(app: Any, state: str) -> None:
    with app.state.services.database.write() as session:
        session.execute(update(IdempotencyRecord).values(state=state))


def test_a_retry_while_the_first_runs_waits_for_its_response(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    path = f"/v1/{world.pro_org}/contacts"
    first = api.post(path, json=CONTACT, headers=_with_key(alice, "slow"))
    _set_state(app, "running")  # as if the first request were still being served
    finish = threading.Timer(0.3, _set_state, (app, "done"))
    finish.start()
    again = api.post(path, json=CONTACT, headers=_with_key(alice, "slow"))
    finish.join()
    assert again.status_code == 200
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    assert _contacts(app) == 1


def test_a_retry_gets_409_when_the_first_runs_too_long(
    app: Any,
    api: TestClient,
    world: World,
    alice: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(idempotency, "WAIT_SECONDS", 0.2)
    path = f"/v1/{world.pro_org}/contacts"
    api.post(path, json=CONTACT, headers=_with_key(alice, "stuck"))
    _set_state(app, "running")
    again = api.post(path, json=CONTACT, headers=_with_key(alice, "stuck"))
    assert again.status_code == 409
    assert again.json()["code"] == 45
    assert again.headers["retry-after"] == "1"
    assert _contacts(app) == 1
