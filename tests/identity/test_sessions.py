"""Browser sessions: handles stored hashed, ending and expiry, CSRF tokens, max_age."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import select

from bilag.identity.hashing import digest
from bilag.identity.sessions import (
    end_session,
    get_live_session,
    login_csrf_token,
    login_csrf_valid,
    new_login_csrf_cookie,
    start_session,
)
from bilag.identity.users import create_user
from bilag.storage.db import Database
from bilag.storage.models import BrowserSession, utcnow


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    yield database
    database.dispose()


@pytest.fixture
def user_id(database: Database) -> int:
    with database.write() as session:
        return create_user(
            session, email="Carla@Example.com", name="Carla Ø", password="long enough"
        ).id


def test_a_session_is_found_by_its_handle_which_is_stored_only_hashed(
    database: Database, user_id: int
) -> None:
    with database.write() as session:
        handle = start_session(session, user_id)
    with database.read() as session:
        row = session.scalars(select(BrowserSession)).one()
        live = get_live_session(session, handle)
    assert row.id_hash == digest(handle) and handle not in (row.id_hash, row.sid)
    assert live is not None
    assert live.user_id == user_id and live.user_email == "carla@example.com"
    assert live.user_name == "Carla Ø"
    assert live.sid == row.sid and live.auth_time == row.auth_time


def test_each_login_gets_its_own_handle_sid_and_csrf_secret(
    database: Database, user_id: int
) -> None:
    with database.write() as session:
        first, second = start_session(session, user_id), start_session(session, user_id)
    with database.read() as session:
        a, b = get_live_session(session, first), get_live_session(session, second)
    assert a is not None and b is not None
    assert first != second and a.sid != b.sid and a.csrf_token != b.csrf_token


@pytest.mark.parametrize("handle", [None, "", "unknown", "x" * 5000])
def test_unknown_handles_find_nothing(database: Database, user_id: int, handle: str | None) -> None:
    with database.write() as session:
        start_session(session, user_id)
        assert end_session(session, handle) is False
    with database.read() as session:
        assert get_live_session(session, handle) is None


def test_an_ended_session_is_gone_and_ends_once(database: Database, user_id: int) -> None:
    with database.write() as session:
        handle = start_session(session, user_id)
    with database.write() as session:
        assert end_session(session, handle) is True
        assert end_session(session, handle) is False
    with database.read() as session:
        assert get_live_session(session, handle) is None
        assert session.scalars(select(BrowserSession.ended_at)).one() is not None


def test_an_expired_session_is_gone(database: Database, user_id: int) -> None:
    with database.write() as session:
        handle = start_session(session, user_id, lifetime=timedelta(seconds=-1))
    with database.read() as session:
        assert get_live_session(session, handle) is None


def test_csrf_token_is_bound_to_the_session(database: Database, user_id: int) -> None:
    with database.write() as session:
        first, second = start_session(session, user_id), start_session(session, user_id)
    with database.read() as session:
        a, b = get_live_session(session, first), get_live_session(session, second)
    assert a is not None and b is not None
    assert a.csrf_token_valid(a.csrf_token)
    assert not a.csrf_token_valid(b.csrf_token)
    assert not a.csrf_token_valid(None)
    assert not a.csrf_token_valid("")
    assert not a.csrf_token_valid(a.csrf_secret)


def test_login_older_than_max_age(database: Database, user_id: int) -> None:
    with database.write() as session:
        handle = start_session(session, user_id)
    with database.read() as session:
        live = get_live_session(session, handle)
    assert live is not None
    later = live.auth_time + timedelta(seconds=301)
    assert live.login_older_than(300, now=later)
    assert not live.login_older_than(301, now=later)
    assert not live.login_older_than(3600, now=utcnow())


def test_login_csrf_is_a_signed_double_submit_cookie() -> None:
    cookie = new_login_csrf_cookie()
    token = login_csrf_token(cookie, "pepper")
    assert login_csrf_valid(cookie, token, "pepper")
    assert not login_csrf_valid(cookie, token, "another pepper")
    assert not login_csrf_valid(new_login_csrf_cookie(), token, "pepper")
    assert not login_csrf_valid(cookie, cookie, "pepper")
    assert not login_csrf_valid(None, token, "pepper")
    assert not login_csrf_valid(cookie, None, "pepper")
    assert not login_csrf_valid(cookie, "ø" + token, "pepper")
