"""API refusals in the Debugger's log: each kind recorded once, secrets redacted, Dinero's error
body untouched, the error id in `X-Bilag-Error-Id`; floods coalesced; successes write nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from bilag.api.errors import DineroError, ErrorCode
from bilag.identity.debugger import RecordedFailure, failures_for_owner, get_failure
from bilag.identity.refusals import refusal_log
from bilag.identity.users import get_user_by_email
from bilag.storage.db import Database
from bilag.storage.models import AuthorizationFailure
from tests.api.conftest import READ, Minter
from tests.factories import World

QUOTA_BODY = "API calls quota exceeded! maximum admitted 100 per 1m."
DENIED_BODY = DineroError(
    ErrorCode.UNAUTHORIZED, "Authorization has been denied for this request.", 401
).body()


def _database(app: Any) -> Database:
    database: Database = app.state.services.database
    return database


def _alice_id(app: Any, world: World) -> int:
    with _database(app).read() as session:
        user = get_user_by_email(session, world.alice_email)
        assert user is not None
        return user.id


def _failure(app: Any, world: World, error_id: str) -> RecordedFailure:
    with _database(app).read() as session:
        found = get_failure(session, error_id, _alice_id(app, world))
    assert found is not None, error_id
    return found


def _rows(app: Any) -> int:
    with _database(app).read() as session:
        return int(session.scalar(select(func.count()).select_from(AuthorizationFailure)) or 0)


def test_each_kind_of_refusal_is_recorded_once_with_its_reason(
    app: Any, api: TestClient, world: World, minter: Minter, alice: dict[str, str]
) -> None:
    pro = f"/v1/{world.pro_org}/contacts"
    answers = {
        "missing_token": api.get(pro),
        "invalid_token": api.get(pro, headers={"Authorization": "Bearer not.a.token"}),
        "organization_not_reachable": api.get(f"/v1/{world.other_org}/contacts", headers=alice),
        "no_pro": api.get(f"/v1/{world.free_org}/contacts", headers=alice),
        "missing_scope": api.post(pro, json={"Name": "X"}, headers=minter.headers(scopes=READ)),
        "page_size_too_large": api.get(f"{pro}?pageSize=5000", headers=alice),
        "invalid_filter": api.get(f"{pro}?queryFilter=Nonsense", headers=alice),
    }
    for reason, answer in answers.items():
        assert answer.status_code in (400, 401, 403), reason
        failure = _failure(app, world, answer.headers["x-bilag-error-id"])
        assert (failure.kind, failure.reason, failure.occurrences) == ("api", reason, 1)
        assert failure.http_status == answer.status_code
        assert failure.request is not None and failure.request["path"].startswith("/v1/")
    assert _rows(app) == len(answers)
    reachable = _failure(
        app, world, answers["organization_not_reachable"].headers["x-bilag-error-id"]
    )
    assert "another Visma profile" in reachable.description
    assert reachable.client_id == world.client_id and reachable.organization_id == world.other_org
    no_pro = _failure(app, world, answers["no_pro"].headers["x-bilag-error-id"])
    assert "isPro" in no_pro.fix and no_pro.organization_id == world.free_org
    assert "many 400, 401 or 403" in no_pro.fix


def test_the_error_body_is_exactly_dineros(
    api: TestClient, world: World, alice: dict[str, str]
) -> None:
    answer = api.get(f"/v1/{world.other_org}/contacts", headers=alice)
    assert answer.status_code == 401
    assert answer.content == json.dumps(DENIED_BODY, separators=(",", ":")).encode()
    assert answer.headers["content-type"] == "application/json; charset=utf-8"
    assert len(answer.headers["x-bilag-error-id"]) == 20


def test_a_validation_error_keeps_the_fields_and_redacts_secrets(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    body = {"Name": "", "CountryKey": "DK", "password": "hunter2-secret", "IsPerson": "nope"}
    answer = api.post(
        f"/v1/{world.pro_org}/contacts?access_token=leaky-token",
        json=body,
        headers={**alice, "Cookie": "session=abc"},
    )
    assert answer.status_code == 400 and answer.json()["code"] == 42
    failure = _failure(app, world, answer.headers["x-bilag-error-id"])
    assert failure.reason == "validation_error"
    assert all(name in failure.description for name in answer.json()["validationErrors"])
    stored = json.dumps(failure.request)
    token = alice["Authorization"].removeprefix("Bearer ")
    for secret in ("hunter2-secret", "leaky-token", token, "session=abc"):
        assert secret not in stored
    assert failure.request is not None
    assert failure.request["query"] == "access_token=[redacted]"
    assert '"password": "[redacted]"' in failure.request["body"] or (
        '"password":"[redacted]"' in failure.request["body"]
    )
    headers = dict(failure.request["headers"])
    assert headers["authorization"] == f"Bearer {token[:6]}…"


def test_a_burst_beyond_the_limit_stores_one_429_with_a_count(
    app: Any, api: TestClient, world: World, alice: dict[str, str]
) -> None:
    path = f"/v1/{world.pro_org}/contacts"
    for _ in range(100):
        assert api.get(path, headers=alice).status_code == 200
    assert _rows(app) == 0  # the happy path writes nothing to the log
    refused = [api.get(path, headers=alice) for _ in range(7)]
    assert {answer.status_code for answer in refused} == {429}
    assert all(answer.text == QUOTA_BODY for answer in refused)
    ids = {answer.headers["x-bilag-error-id"] for answer in refused}
    assert len(ids) == 1  # one flood, one entry
    log = refusal_log(_database(app))
    log.window_seconds = 0  # close the window now rather than wait for it
    log.flush()
    failure = _failure(app, world, ids.pop())
    assert failure.reason == "rate_limited" and failure.occurrences == 7
    assert failure.organization_id == world.pro_org and "Retry-After" in failure.description
    assert _rows(app) == 1
    with _database(app).read() as session:
        listed = failures_for_owner(session, _alice_id(app, world), client_id=world.client_id)
    assert [f.reason for f in listed] == ["rate_limited"]


@pytest.mark.parametrize("keep", [3])
def test_the_log_is_pruned_per_application(
    app: Any, api: TestClient, world: World, alice: dict[str, str], keep: int
) -> None:
    log = refusal_log(_database(app))
    log.keep_per_application = keep
    for page_size in range(2001, 2006):  # five distinct paths' worth of refusals
        answer = api.get(f"/v1/{world.pro_org}/contacts?pageSize={page_size}", headers=alice)
        assert answer.status_code == 400
        log.window_seconds = 0
    with _database(app).read() as session:
        listed = failures_for_owner(session, _alice_id(app, world), client_id=world.client_id)
    assert len(listed) == keep
    assert _rows(app) == keep


def test_a_clean_stop_writes_the_counts_still_in_memory(app: Any, world: World) -> None:
    with TestClient(app) as api:
        answers = [api.get(f"/v1/{world.pro_org}/contacts") for _ in range(3)]
    ids = {answer.headers["x-bilag-error-id"] for answer in answers}
    assert len(ids) == 1
    failure = _failure(app, world, ids.pop())
    assert failure.reason == "missing_token" and failure.occurrences == 3
    assert failure.application_id is None  # no token: nobody's, open by its id only
