"""Faults armed for a client's next API calls: answer 429 (as the rate limit does), 500 (as an
unexpected error does), or serve normally after a delay.

Faults are rows, so N holds across workers: each call takes one with a conditional UPDATE that
decrements `remaining` only while it is above 0, and the row goes when it reaches 0. Several
faults of one client are used up in the order they were armed. To keep the database out of the
common path, each app remembers which clients have faults for about a second (at once when this
process arms or clears one); a call of any other client asks nothing.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from sqlalchemy import delete, select, update

from bilag.identity.sandbox.errors import SandboxInputError
from bilag.storage.db import Database
from bilag.storage.models import SandboxFault

KINDS = ("429", "500", "slow")
CACHE_SECONDS = 1.0
MAX_COUNT = 10_000
MAX_DELAY_MS = 30_000
MAX_RETRY_AFTER = 3600
DEFAULT_RETRY_AFTER = 1


@dataclass(frozen=True)
class Fault:
    id: int
    client_id: str
    kind: str
    remaining: int
    delay_ms: int | None
    retry_after: int | None

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "client_id": self.client_id,
            "kind": self.kind,
            "remaining": self.remaining,
            "delay_ms": self.delay_ms,
            "retry_after": self.retry_after,
        }


class _Changes:
    def __init__(self) -> None:
        self.count = 0
        self._lock = threading.Lock()

    def bump(self) -> None:
        with self._lock:
            self.count += 1


_changes = _Changes()


def check_fault(kind: str, count: int, delay_ms: int | None, retry_after: int | None) -> None:
    """Refuse a fault that cannot be armed, naming the problem."""
    if kind not in KINDS:
        raise SandboxInputError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if not 1 <= count <= MAX_COUNT:
        raise SandboxInputError(f"count must be between 1 and {MAX_COUNT}")
    if kind == "slow":
        if delay_ms is None or not 1 <= delay_ms <= MAX_DELAY_MS:
            raise SandboxInputError(f"a slow fault needs delay_ms between 1 and {MAX_DELAY_MS}")
    elif delay_ms is not None:
        raise SandboxInputError("delay_ms applies only to slow faults")
    if retry_after is not None:
        if kind != "429":
            raise SandboxInputError("retry_after applies only to 429 faults")
        if not 1 <= retry_after <= MAX_RETRY_AFTER:
            raise SandboxInputError(f"retry_after must be between 1 and {MAX_RETRY_AFTER} seconds")


def arm_fault(
    database: Database,
    *,
    client_id: str,
    kind: str,
    count: int,
    delay_ms: int | None = None,
    retry_after: int | None = None,
    user_id: int | None = None,
) -> Fault:
    """Arm a fault for the client's next `count` API calls (the caller checked the client)."""
    check_fault(kind, count, delay_ms, retry_after)
    if kind == "429" and retry_after is None:
        retry_after = DEFAULT_RETRY_AFTER
    with database.write() as session:
        row = SandboxFault(
            client_id=client_id,
            kind=kind,
            remaining=count,
            delay_ms=delay_ms,
            retry_after=retry_after,
            created_by_user_id=user_id,
        )
        session.add(row)
        session.flush()
        fault = _fault(row)
    _changes.bump()
    return fault


def list_faults(database: Database, client_ids: list[str] | None = None) -> list[Fault]:
    """Armed faults, oldest first; only those of `client_ids` when given."""
    query = select(SandboxFault).where(SandboxFault.remaining > 0).order_by(SandboxFault.id)
    if client_ids is not None:
        query = query.where(SandboxFault.client_id.in_(client_ids))
    with database.read() as session:
        return [_fault(row) for row in session.scalars(query)]


def clear_faults(database: Database, client_ids: list[str] | None = None) -> int:
    """Disarm every fault (of `client_ids` when given); returns how many were disarmed."""
    statement = delete(SandboxFault)
    if client_ids is not None:
        statement = statement.where(SandboxFault.client_id.in_(client_ids))
    with database.write() as session:
        cleared = int(session.execute(statement).rowcount)  # type: ignore[attr-defined]
    _changes.bump()
    return cleared


_FAULT_COLUMNS = (
    SandboxFault.id,
    SandboxFault.client_id,
    SandboxFault.kind,
    SandboxFault.remaining,
    SandboxFault.delay_ms,
    SandboxFault.retry_after,
)


def _fault(row: SandboxFault) -> Fault:
    return Fault(row.id, row.client_id, row.kind, row.remaining, row.delay_ms, row.retry_after)


@dataclass(frozen=True)
class _Armed:
    clients: frozenset[str]
    read_at: float
    change: int


class FaultBoard:
    """One app's view of the armed faults: `take` uses one up for a client's call."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self._armed: _Armed | None = None

    def take(self, client_id: str) -> Fault | None:
        """Use one call of the client's oldest armed fault; None when it has none."""
        if client_id not in self._armed_clients():
            return None
        with self.database.write() as session:
            candidates = session.execute(
                select(SandboxFault.id)
                .where(SandboxFault.client_id == client_id, SandboxFault.remaining > 0)
                .order_by(SandboxFault.id)
            ).scalars()
            for fault_id in list(candidates):
                taken = session.execute(
                    update(SandboxFault)
                    .where(SandboxFault.id == fault_id, SandboxFault.remaining > 0)
                    .values(remaining=SandboxFault.remaining - 1)
                    .returning(*_FAULT_COLUMNS)
                    .execution_options(synchronize_session=False)
                ).first()
                if taken is None:
                    continue
                fault = Fault(*taken)
                if fault.remaining == 0:
                    session.execute(delete(SandboxFault).where(SandboxFault.id == fault_id))
                return fault
        self._armed = None  # this client has none left: look again on its next call
        return None

    def _armed_clients(self) -> frozenset[str]:
        armed, moment, change = self._armed, time.monotonic(), _changes.count
        if armed is not None and armed.change == change and moment - armed.read_at < CACHE_SECONDS:
            return armed.clients
        with self.database.engine.connect() as connection:
            query = select(SandboxFault.client_id).where(SandboxFault.remaining > 0).distinct()
            clients = frozenset(connection.execute(query).scalars())
        self._armed = _Armed(clients, moment, change)
        return clients
