"""The sandbox clock: one shared offset that moves forward only, read by every app on the
database, and applied only inside a sandbox app's requests."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
import time_machine

from bilag.identity.sandbox import clock
from bilag.identity.sandbox.clock import ClockRefused, SandboxClock
from bilag.storage.db import Database

FROZEN = datetime(2026, 11, 26, 12, 0, 0, tzinfo=UTC)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = Database(database_url)
    yield db
    db.dispose()


def test_advances_add_up_and_reset_goes_back_to_zero(database: Database) -> None:
    assert clock.read_offset(database) == 0
    assert clock.advance_clock(database, 3600) == 3600
    assert clock.advance_clock(database, 61) == 3661
    assert clock.read_offset(database) == 3661
    clock.reset_clock(database)
    assert clock.read_offset(database) == 0


@pytest.mark.parametrize("seconds", [0, -5, True])
def test_the_clock_never_moves_back(database: Database, seconds: int) -> None:
    clock.advance_clock(database, 10)
    with pytest.raises(ClockRefused, match="forward only"):
        clock.advance_clock(database, seconds)
    assert clock.read_offset(database) == 10


def test_the_clock_goes_at_most_a_century_ahead(database: Database) -> None:
    clock.advance_clock(database, clock.MAX_OFFSET_SECONDS - 5)
    with pytest.raises(ClockRefused, match="at most"):
        clock.advance_clock(database, 6)
    assert clock.read_offset(database) == clock.MAX_OFFSET_SECONDS - 5
    with pytest.raises(ClockRefused, match="at most"):
        clock.advance_clock(database, 10**30)  # more than any database integer holds
    assert clock.read_offset(database) == clock.MAX_OFFSET_SECONDS - 5


def test_every_app_on_the_database_sees_an_advance_of_this_process_at_once(
    database: Database, database_url: str
) -> None:
    other = Database(database_url)
    try:
        first, second = SandboxClock(database), SandboxClock(other)
        assert (first.offset_seconds(), second.offset_seconds()) == (0, 0)
        clock.advance_clock(other, 90)
        assert (first.offset_seconds(), second.offset_seconds()) == (90, 90)
    finally:
        other.dispose()


def test_the_offset_applies_only_on_a_sandbox_clock(database: Database) -> None:
    clock.advance_clock(database, 7200)
    with time_machine.travel(FROZEN, tick=False):
        assert clock.epoch_seconds() == int(FROZEN.timestamp())
        with clock.running_on(SandboxClock(database)):
            assert clock.epoch_seconds() == int(FROZEN.timestamp()) + 7200
            assert clock.epoch_ms() == int(FROZEN.timestamp()) * 1000 + 7_200_000
            assert clock.now() == datetime(2026, 11, 26, 14, 0, 0)
        assert clock.now() == datetime(2026, 11, 26, 12, 0, 0)
