"""The Debugger's log underneath the pages: secrets redacted from the request as received,
floods coalesced into one row with a count, a bounded number of rows per application."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from bilag.identity.debugger import get_public_failure, prune_failures, record_failure
from bilag.identity.refusals import Refusal, RefusalLog
from bilag.identity.refusals_snapshot import (
    BODY_PREFIX_BYTES,
    redact_body,
    redact_credentials,
    redact_headers,
    redact_parameters,
    request_snapshot,
)
from bilag.storage.db import Database
from bilag.storage.models import AuthorizationFailure


@pytest.fixture
def database(database_url: str):  # type: ignore[no-untyped-def]
    handle = Database(database_url)
    yield handle
    handle.dispose()


def _rows(database: Database) -> list[AuthorizationFailure]:
    with database.read() as session:
        return list(session.scalars(select(AuthorizationFailure)))


def _refusal(reason: str = "rate_limited", status: int = 429) -> Refusal:
    return Refusal(kind="api", reason=reason, http_status=status, client_id="isv_nobody")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "grant_type=refresh_token&refresh_token=abc",
            "grant_type=refresh_token&refresh_token=[redacted]",
        ),
        (
            "client_secret=s3cr3t&code=xyz&state=keep",
            "client_secret=[redacted]&code=[redacted]&state=keep",
        ),
        ("Password=hunter2", "Password=[redacted]"),
        ("code_verifier=v&codex=keep", "code_verifier=[redacted]&codex=keep"),
    ],
)
def test_secret_parameters_are_redacted(text: str, expected: str) -> None:
    assert redact_parameters(text) == expected


def test_json_bodies_lose_their_secrets_even_when_cut_off() -> None:
    body = json.dumps({"password": "hunter2", "Name": "Kept", "code": 12345}).encode()
    redacted = redact_body(body, "application/json")
    assert "hunter2" not in redacted and "12345" not in redacted and '"Kept"' in redacted
    cut = b'{"Name": "x", "client_secret": "abcdefghij'
    assert "abcdefghij" not in redact_body(cut, "application/json")
    long_body = b"a=" + b"x" * (2 * BODY_PREFIX_BYTES)
    assert redact_body(long_body, "application/x-www-form-urlencoded").endswith("…")
    assert redact_body(b"\xff\xfe\x00binary", "image/png").startswith("(")


def test_headers_keep_only_the_scheme_and_a_prefix_of_credentials() -> None:
    headers = redact_headers(
        [
            ("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.payload.signature"),
            ("Cookie", "bilag_session=abc"),
            ("X-Api-Key", "key-123"),
            ("Accept", "application/json"),
        ]
    )
    assert headers == [
        ["Authorization", "Bearer eyJhbG…"],
        ["X-Api-Key", "[redacted]"],
        ["Accept", "application/json"],
    ]
    assert redact_credentials("Basic abc") == "Basic [redacted]"
    snapshot = request_snapshot("GET", "/v1/1/contacts", "access_token=t&page=0", [], b"")
    assert snapshot["query"] == "access_token=[redacted]&page=0" and snapshot["body"] == ""


def test_a_flood_is_one_row_with_a_count(database: Database) -> None:
    log = RefusalLog(database)
    key = ("api", 429, "isv_nobody", 7)
    first, stored = log.admit(key)
    assert stored
    log.store(first, _refusal())
    repeats = [log.admit(key) for _ in range(9)]
    assert repeats == [(first, False)] * 9
    other, stored_other = log.admit(("api", 429, "isv_nobody", 8))
    assert other != first and stored_other
    log.window_seconds = 0  # close the window rather than wait for it
    log.flush()
    (row,) = _rows(database)
    assert row.error_id == first and row.occurrences == 10 and row.kind == "api"


def test_ever_different_keys_join_an_overflow_slot(database: Database) -> None:
    log = RefusalLog(database, max_stores_per_second=3)
    admitted = [log.admit(("api", 401, f"isv_{n}", 0, "GET", f"/v1/{n}")) for n in range(10)]
    stored = [error_id for error_id, must_store in admitted if must_store]
    assert len(stored) <= 3 + 2  # the cap, plus an overflow slot per second boundary crossed
    assert len({error_id for error_id, _ in admitted}) == len(stored)


def test_pruning_keeps_the_newest_per_application(database: Database) -> None:
    with database.write() as session:
        ids = [record_failure(session, reason="missing_parameter") for _ in range(4)]
    with database.write() as session:
        prune_failures(session, None, keep=2)
    with database.read() as session:
        left = session.scalar(select(func.count()).select_from(AuthorizationFailure))
    assert left == 2
    assert {row.error_id for row in _rows(database)} <= set(ids)


def test_the_public_error_page_never_shows_an_api_refusal(database: Database) -> None:
    log = RefusalLog(database)
    error_id = log.record(_refusal("no_pro", 403), ("api", 403, "no_pro"))
    with database.read() as session:
        assert get_public_failure(session, error_id) is None
        authorization_id = record_failure(session, reason="access_denied")
        assert get_public_failure(session, authorization_id) is not None
