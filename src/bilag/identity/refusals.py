"""Token-endpoint and API refusals in the Debugger's log, at a bounded cost under a flood.

A refusal gets an error id the moment it is answered (`admit`), so the response can carry it,
and its row is written afterwards (`store`). Refusals with the same `coalesce_key` (e.g. every
429 of one client and organization) within `window_seconds` share the first one's error id and
row: only that first one is written, the rest are counted in memory and added to the row's
`occurrences` later (`flush`, or the next write); past `max_stores_per_second` new rows, a
refusal joins an overflow slot of its kind. Rows are pruned to the newest
`keep_per_application` per application (`keep_unowned` for refusals of no known application).
Successful requests never reach this module.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
import weakref
from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bilag.identity.debugger import KEEP_PER_APPLICATION, KEEP_UNOWNED, prune_failures
from bilag.identity.debugger_reasons import FailureReason
from bilag.identity.refusals_reasons import API_REASONS, TOKEN_REASONS
from bilag.storage.db import Database
from bilag.storage.models import Application, AuthorizationFailure, utcnow

COALESCE_SECONDS = 5.0
MAX_STORES_PER_SECOND = 20
_MAX_SLOTS = 2000

REFUSAL_REASONS: dict[str, dict[str, FailureReason]] = {"token": TOKEN_REASONS, "api": API_REASONS}


@dataclass(frozen=True)
class Refusal:
    kind: str  # token | api
    reason: str  # a key of TOKEN_REASONS or API_REASONS
    http_status: int
    detail: str = ""
    client_id: str | None = None
    organization_id: int | None = None
    request: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Slot:
    error_id: str
    opened: float
    extra: int = 0


class RefusalLog:
    def __init__(
        self,
        database: Database,
        *,
        window_seconds: float = COALESCE_SECONDS,
        keep_per_application: int = KEEP_PER_APPLICATION,
        keep_unowned: int = KEEP_UNOWNED,
        max_stores_per_second: int = MAX_STORES_PER_SECOND,
    ) -> None:
        self.database = database
        self.window_seconds = window_seconds
        self.keep_per_application = keep_per_application
        self.keep_unowned = keep_unowned
        self.max_stores_per_second = max_stores_per_second
        self._second = 0
        self._stores = 0
        self._slots: dict[Hashable, _Slot] = {}
        self._unwritten: Counter[str] = Counter()
        self._lock = threading.Lock()

    def admit(self, coalesce_key: tuple[Hashable, ...]) -> tuple[str, bool]:
        """The error id for this refusal, and whether its row must be written.

        Past `max_stores_per_second` new rows in this process, a refusal joins its kind's
        overflow slot instead, so that a flood of ever-different keys (random client ids or
        paths) still writes a bounded number of rows.
        """
        now = time.monotonic()
        with self._lock:
            found = self._open_slot(coalesce_key, now)
            if found is None and self._stores_in(now) >= self.max_stores_per_second:
                coalesce_key = ("overflow", coalesce_key[0])
                found = self._open_slot(coalesce_key, now)
            if found is not None:
                found.extra += 1
                return found.error_id, False
            previous = self._slots.get(coalesce_key)
            if previous is not None and previous.extra:
                self._unwritten[previous.error_id] += previous.extra
            if len(self._slots) >= _MAX_SLOTS:
                self._retire_closed_slots(now)
            error_id = secrets.token_hex(10)
            self._slots[coalesce_key] = _Slot(error_id, now)
            self._stores += 1
            return error_id, True

    def _open_slot(self, key: Hashable, now: float) -> _Slot | None:
        slot = self._slots.get(key)
        return slot if slot is not None and now - slot.opened < self.window_seconds else None

    def _stores_in(self, now: float) -> int:
        """New rows admitted in the current second."""
        if int(now) != self._second:
            self._second, self._stores = int(now), 0
        return self._stores

    def record(self, refusal: Refusal, coalesce_key: tuple[Hashable, ...]) -> str:
        """Admit and, if it is the first of its kind in the window, store; returns the id."""
        error_id, must_store = self.admit(coalesce_key)
        if must_store:
            self.store(error_id, refusal)
        return error_id

    def store(self, error_id: str, refusal: Refusal) -> None:
        known = REFUSAL_REASONS[refusal.kind][refusal.reason]
        cause = f"{known.cause} {refusal.detail}".strip() if refusal.detail else known.cause
        with self.database.write() as session:
            application_id = _application_id(session, refusal.client_id)
            session.add(
                AuthorizationFailure(
                    error_id=error_id,
                    application_id=application_id,
                    client_id=_clip(refusal.client_id, 200),
                    error=known.error,
                    reason=refusal.reason,
                    description=_clip(cause, 2000),
                    fix=known.fix,
                    parameters="{}",
                    kind=refusal.kind,
                    http_status=refusal.http_status,
                    organization_id=refusal.organization_id,
                    request=json.dumps(refusal.request),
                    occurrences=1,
                    last_seen_at=utcnow(),
                )
            )
            session.flush()
            prune_failures(session, application_id, self._keep(application_id))
            self._write_counts(session)

    def flush(self, *, everything: bool = False) -> None:
        """Add the counts of coalesced refusals whose window has closed (or of every window,
        `everything`, when the process stops) to their rows."""
        with self._lock:
            self._retire_closed_slots(float("inf") if everything else time.monotonic())
            if not self._unwritten:
                return
        with self.database.write() as session:
            self._write_counts(session)

    def _keep(self, application_id: int | None) -> int:
        return self.keep_per_application if application_id is not None else self.keep_unowned

    def _retire_closed_slots(self, now: float) -> None:
        for key, slot in list(self._slots.items()):
            if now - slot.opened >= self.window_seconds:
                if slot.extra:
                    self._unwritten[slot.error_id] += slot.extra
                del self._slots[key]

    def _write_counts(self, session: Session) -> None:
        with self._lock:
            counts, self._unwritten = self._unwritten, Counter()
        now = utcnow()
        for error_id, extra in sorted(counts.items()):
            session.execute(
                update(AuthorizationFailure)
                .where(AuthorizationFailure.error_id == error_id)
                .values(occurrences=AuthorizationFailure.occurrences + extra, last_seen_at=now)
            )


_logs: weakref.WeakKeyDictionary[Database, RefusalLog] = weakref.WeakKeyDictionary()
_logs_lock = threading.Lock()


def refusal_log(database: Database) -> RefusalLog:
    """The one RefusalLog of this process for this database (token endpoint and API share it)."""
    with _logs_lock:
        log = _logs.get(database)
        if log is None:
            log = _logs[database] = RefusalLog(database)
        return log


def _application_id(session: Session, client_id: str | None) -> int | None:
    if not client_id or len(client_id) > 120:
        return None
    found = session.scalar(select(Application.id).where(Application.client_id == client_id))
    return int(found) if found is not None else None


def _clip(value: str | None, limit: int) -> str | None:
    if value is None:
        return None
    value = value.replace("\x00", "\ufffd")
    return value if len(value) <= limit else value[: limit - 1] + "…"
