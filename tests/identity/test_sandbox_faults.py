"""Faults for a client's next calls: checked when armed, used up exactly N times across threads,
oldest first, and never touching another client."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from bilag.identity.sandbox import faults
from bilag.identity.sandbox.errors import SandboxInputError
from bilag.identity.sandbox.faults import FaultBoard
from bilag.storage.db import Database


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    db = Database(database_url)
    yield db
    db.dispose()


@pytest.mark.parametrize(
    ("kind", "count", "delay_ms", "retry_after", "problem"),
    [
        ("418", 1, None, None, "kind must be one of 429, 500, slow"),
        ("429", 0, None, None, "count must be between 1 and"),
        ("500", faults.MAX_COUNT + 1, None, None, "count must be between 1 and"),
        ("slow", 1, None, None, "a slow fault needs delay_ms"),
        ("slow", 1, faults.MAX_DELAY_MS + 1, None, "a slow fault needs delay_ms"),
        ("429", 1, 100, None, "delay_ms applies only to slow"),
        ("500", 1, None, 5, "retry_after applies only to 429"),
        ("429", 1, None, 0, "retry_after must be between"),
    ],
)
def test_a_fault_that_cannot_be_armed_is_refused_by_name(
    database: Database,
    kind: str,
    count: int,
    delay_ms: int | None,
    retry_after: int | None,
    problem: str,
) -> None:
    with pytest.raises(SandboxInputError, match=problem):
        faults.arm_fault(
            database,
            client_id="isv_a",
            kind=kind,
            count=count,
            delay_ms=delay_ms,
            retry_after=retry_after,
        )
    assert faults.list_faults(database) == []


def test_faults_are_used_up_oldest_first_and_then_go(database: Database) -> None:
    faults.arm_fault(database, client_id="isv_a", kind="429", count=2)
    faults.arm_fault(database, client_id="isv_a", kind="slow", count=1, delay_ms=5)
    board = FaultBoard(database)
    taken = [board.take("isv_a") for _ in range(4)]
    assert [fault.kind if fault else None for fault in taken] == ["429", "429", "slow", None]
    assert taken[0] is not None and taken[0].retry_after == faults.DEFAULT_RETRY_AFTER
    assert taken[2] is not None and taken[2].delay_ms == 5
    assert faults.list_faults(database) == []


def test_other_clients_are_never_hit(database: Database) -> None:
    faults.arm_fault(database, client_id="isv_a", kind="500", count=3)
    board = FaultBoard(database)
    assert board.take("isv_b") is None
    assert [fault.remaining for fault in faults.list_faults(database)] == [3]


def test_n_holds_when_many_threads_call_at_once(database: Database, database_url: str) -> None:
    faults.arm_fault(database, client_id="isv_a", kind="500", count=10)
    other = Database(database_url)
    boards = [FaultBoard(database), FaultBoard(other)]
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            taken = list(pool.map(lambda i: boards[i % 2].take("isv_a"), range(30)))
    finally:
        other.dispose()
    assert sum(fault is not None for fault in taken) == 10
    assert faults.list_faults(database) == []


def test_listing_and_clearing_can_be_limited_to_clients(database: Database) -> None:
    faults.arm_fault(database, client_id="isv_a", kind="500", count=1)
    faults.arm_fault(database, client_id="isv_b", kind="429", count=2, retry_after=30)
    listed = faults.list_faults(database, ["isv_b"])
    assert [(fault.client_id, fault.retry_after) for fault in listed] == [("isv_b", 30)]
    assert faults.clear_faults(database, ["isv_b"]) == 1
    assert [fault.client_id for fault in faults.list_faults(database)] == ["isv_a"]
    assert faults.clear_faults(database) == 1
    assert faults.list_faults(database) == []


def test_a_board_sees_faults_armed_by_this_process_at_once(database: Database) -> None:
    board = FaultBoard(database)
    assert board.take("isv_a") is None  # remembers: no faults armed
    faults.arm_fault(database, client_id="isv_a", kind="429", count=1)
    taken = board.take("isv_a")
    assert taken is not None and taken.kind == "429"
