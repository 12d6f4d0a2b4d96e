"""Refused token requests reach the Debugger's log once each, secrets redacted, with the error
id in `X-Bilag-Error-Id` and the RFC 6749 error body exactly as before."""

from __future__ import annotations

import json

from sqlalchemy import func, select, update
from starlette.testclient import TestClient

from bilag.identity.context import Services
from bilag.identity.debugger import RecordedFailure, failures_for_owner, get_failure
from bilag.identity.users import get_user_by_email
from bilag.storage.models import AuthorizationFailure, Grant
from tests.factories import World
from tests.identity.conftest import basic, issue_code, new_pkce, post_code, post_refresh, tokens_for


def _owner_id(services: Services, world: World) -> int:
    with services.database.read() as session:
        user = get_user_by_email(session, world.alice_email)
        assert user is not None
        return user.id


def _failure(services: Services, world: World, error_id: str) -> RecordedFailure:
    with services.database.read() as session:
        found = get_failure(session, error_id, _owner_id(services, world))
    assert found is not None
    return found


def _row_count(services: Services) -> int:
    with services.database.read() as session:
        return int(session.scalar(select(func.count()).select_from(AuthorizationFailure)) or 0)


def test_a_wrong_secret_is_recorded_with_the_secret_redacted(
    client: TestClient, services: Services, world: World
) -> None:
    answer = client.post(
        "/connect/token",
        data={"grant_type": "authorization_code", "code": "abc"},
        headers={**basic(world.client_id, "not-the-secret"), "Cookie": "bilag_session=xyz"},
    )
    assert answer.status_code == 401
    assert answer.json() == {
        "error": "invalid_client",
        "error_description": "unknown client or wrong client secret",
    }
    failure = _failure(services, world, answer.headers["x-bilag-error-id"])
    assert (failure.kind, failure.reason, failure.http_status) == (
        "token",
        "client_authentication_failed",
        401,
    )
    assert failure.client_id == world.client_id and failure.application_name is not None
    assert "generate a new one" in failure.fix
    request = failure.request
    assert request is not None and request["method"] == "POST"
    assert request["path"] == "/connect/token"
    headers = {name.lower(): value for name, value in request["headers"]}
    assert "cookie" not in headers
    assert headers["authorization"].startswith("Basic ") and headers["authorization"].endswith("…")
    assert basic(world.client_id, "not-the-secret")["Authorization"] != headers["authorization"]
    assert request["body"] == "grant_type=authorization_code&code=[redacted]"


def test_a_bad_pkce_verifier_is_recorded_without_the_code_or_verifier(
    client: TestClient, services: Services, world: World
) -> None:
    code = issue_code(services.database, services.settings, world, pkce=new_pkce())
    wrong = new_pkce().verifier
    answer = post_code(client, world, code, code_verifier=wrong)
    assert answer.status_code == 400
    assert answer.json() == {
        "error": "invalid_grant",
        "error_description": "code_verifier does not match the code_challenge",
    }
    failure = _failure(services, world, answer.headers["x-bilag-error-id"])
    assert failure.reason == "invalid_pkce" and failure.error == "invalid_grant"
    stored = json.dumps(failure.request)
    for secret in (code, wrong, world.client_secret):
        assert secret not in stored
    assert "client_secret=[redacted]" in stored and "code_verifier=[redacted]" in stored


def test_a_refresh_token_replay_is_recorded_as_replay_detection(
    client: TestClient, services: Services, world: World
) -> None:
    first = tokens_for(client, services, world)
    assert post_refresh(client, world, first["refresh_token"]).status_code == 200
    with services.database.write() as session:  # no grace: the retry below is a replay
        session.execute(update(Grant).values(refresh_grace_seconds=0))
    replay = post_refresh(client, world, first["refresh_token"])
    assert replay.status_code == 400 and replay.json()["error"] == "invalid_grant"
    failure = _failure(services, world, replay.headers["x-bilag-error-id"])
    assert failure.reason == "refresh_token_replay"
    assert (
        "replay detection" in failure.description and "whole authorization" in failure.description
    )
    assert first["refresh_token"] not in json.dumps(failure.request)
    again = post_refresh(client, world, first["refresh_token"])  # the grant is gone now
    assert _failure(services, world, again.headers["x-bilag-error-id"]).reason in {
        "grant_revoked",
        "refresh_token_replay",
    }


def test_each_kind_of_token_refusal_is_recorded_once(
    client: TestClient, services: Services, world: World
) -> None:
    secret = {"client_id": world.client_id, "client_secret": world.client_secret}
    answers = {
        "unsupported_grant_type": client.post(
            "/connect/token", data={"grant_type": "password", **secret}
        ),
        "client_credentials_refused": client.post(
            "/connect/token", data={"grant_type": "client_credentials", **secret}
        ),
        "invalid_code": post_code(client, world, "no-such-code"),
        "token_missing_parameter": client.post("/connect/token", data=secret),
        "client_authentication_missing": client.post(
            "/connect/token", data={"grant_type": "authorization_code"}
        ),
        "token_malformed_request": client.post(
            "/connect/token", content=b"{}", headers={"Content-Type": "application/json"}
        ),
    }
    owner = _owner_id(services, world)
    for reason, answer in answers.items():
        assert answer.status_code in (400, 401), reason
        assert set(answer.json()) <= {"error", "error_description"}
        error_id = answer.headers["x-bilag-error-id"]
        with services.database.read() as session:
            found = get_failure(session, error_id, owner)
        assert found is not None and found.reason == reason, (reason, found)
        assert found.kind == "token" and found.occurrences == 1
    assert _row_count(services) == len(answers)
    with services.database.read() as session:
        listed = failures_for_owner(session, owner, client_id=world.client_id)
    # Requests that named the client are the owner's; the anonymous ones are not listed.
    assert {f.reason for f in listed} >= {"unsupported_grant_type", "invalid_code"}
    assert "client_authentication_missing" not in {f.reason for f in listed}


def test_a_successful_exchange_writes_no_failure(
    client: TestClient, services: Services, world: World
) -> None:
    answer = tokens_for(client, services, world)
    assert "access_token" in answer
    assert _row_count(services) == 0
