"""The sandbox clock: real time plus an offset that only moves forward (or back to 0 on reset).

The offset is one database row, so every worker agrees; each worker reads it at most about once a
second. `now()`, `epoch_seconds()` and `epoch_ms()` are what token issuance and verification,
authorization codes, browser sessions, refresh tokens and the rate limit ask for the time. They
see the offset only inside a request to an app in sandbox mode (`SandboxClockMiddleware` puts
the app's clock in a context variable, which the thread pool inherits); everywhere else they are
plain UTC time.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from starlette.types import ASGIApp, Receive, Scope, Send

from bilag.storage.db import Database
from bilag.storage.models import SandboxClockOffset

CACHE_SECONDS = 1.0
MAX_OFFSET_SECONDS = 100 * 366 * 24 * 3600  # a century ahead is the farthest the clock goes
_ROW_ID = 1


class ClockRefused(ValueError):
    """An advance that is not a positive number of seconds, or goes past MAX_OFFSET_SECONDS."""


class _Changes:
    """Counts offset changes made by this process, so its clocks drop their cache at once."""

    def __init__(self) -> None:
        self.count = 0
        self._lock = threading.Lock()

    def bump(self) -> None:
        with self._lock:
            self.count += 1


_changes = _Changes()


@dataclass(frozen=True)
class _Reading:
    offset: int
    read_at: float
    change: int


class SandboxClock:
    """One app's view of the shared offset, cached for CACHE_SECONDS."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._reading: _Reading | None = None

    def offset_seconds(self) -> int:
        reading, moment, change = self._reading, time.monotonic(), _changes.count
        if reading is not None and reading.change == change:
            if moment - reading.read_at < CACHE_SECONDS:
                return reading.offset
        offset = read_offset(self.database)
        self._reading = _Reading(offset, moment, change)
        return offset


_current: ContextVar[SandboxClock | None] = ContextVar("bilag_sandbox_clock", default=None)


def current_offset() -> int:
    clock = _current.get()
    return 0 if clock is None else clock.offset_seconds()


def now() -> datetime:
    """Now, as the naive UTC datetime every table stores, moved by the sandbox offset."""
    real = datetime.now(UTC).replace(tzinfo=None)
    offset = current_offset()
    return real + timedelta(seconds=offset) if offset else real


def epoch_seconds() -> int:
    return int(time.time()) + current_offset()


def epoch_ms() -> int:
    return int(time.time() * 1000) + current_offset() * 1000


@contextmanager
def running_on(sandbox_clock: SandboxClock) -> Iterator[None]:
    """Run the block on `sandbox_clock`, as a request to a sandbox app runs."""
    token = _current.set(sandbox_clock)
    try:
        yield
    finally:
        _current.reset(token)


class SandboxClockMiddleware:
    """Runs every request of the app on its sandbox clock."""

    def __init__(self, app: ASGIApp, clock: SandboxClock) -> None:
        self.app = app
        self.clock = clock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        with running_on(self.clock):
            await self.app(scope, receive, send)


def read_offset(database: Database) -> int:
    with database.engine.connect() as connection:
        query = select(SandboxClockOffset.offset_seconds).where(SandboxClockOffset.id == _ROW_ID)
        return int(connection.execute(query).scalar() or 0)


def advance_clock(database: Database, seconds: int) -> int:
    """Move the clock `seconds` forward; returns the new offset."""
    if isinstance(seconds, bool) or not isinstance(seconds, int) or seconds < 1:
        raise ClockRefused("the clock moves forward only: give a whole number of seconds, >= 1")
    if seconds > MAX_OFFSET_SECONDS:
        raise ClockRefused(f"the clock runs at most {MAX_OFFSET_SECONDS} seconds (100 years) ahead")
    offset_column = SandboxClockOffset.offset_seconds
    with database.write() as session:
        insert = sqlite_insert if database.is_sqlite else postgresql_insert
        first_row = insert(SandboxClockOffset).values(
            id=_ROW_ID, offset_seconds=0, updated_at=_real_now()
        )
        session.execute(first_row.on_conflict_do_nothing(index_elements=["id"]))
        moved = session.execute(
            update(SandboxClockOffset)
            .where(SandboxClockOffset.id == _ROW_ID, offset_column + seconds <= MAX_OFFSET_SECONDS)
            .values(offset_seconds=offset_column + seconds, updated_at=_real_now())
        )
        offset = session.scalar(select(offset_column).where(SandboxClockOffset.id == _ROW_ID)) or 0
        if moved.rowcount != 1:  # type: ignore[attr-defined]
            raise ClockRefused(
                f"the clock runs at most {MAX_OFFSET_SECONDS} seconds (100 years) ahead; "
                f"it is {offset} seconds ahead now"
            )
    _changes.bump()
    return offset


def reset_clock(database: Database) -> None:
    """Back to real time."""
    with database.write() as session:
        session.execute(
            update(SandboxClockOffset)
            .where(SandboxClockOffset.id == _ROW_ID)
            .values(offset_seconds=0, updated_at=_real_now())
        )
    _changes.bump()


def _real_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
