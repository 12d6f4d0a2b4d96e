"""Responses counted per client id and organization by status class, for `bilag usage`.

Classes: `2xx`, `400`, `401`, `403`, `429`, `5xx`, `3xx`, and `4xx` for every other client error.
Requests without a valid token count under client id `-`. Organization 0 means none: the
organization list, paths without a valid token, and organization ids that do not exist.

Counts gather in memory and are added to the shared store (table `usage_counters` by upsert, or a
Redis hash by HINCRBY) every `flush_seconds` and when the app stops, so a figure can lag by that
much but is not lost by a clean stop.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol

from redis import Redis
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from bilag.storage.db import Database
from bilag.storage.models import UsageCounter

ANONYMOUS_CLIENT = "-"
STATUS_CLASSES = ("2xx", "400", "401", "403", "429", "4xx", "5xx", "3xx")
REDIS_USAGE_KEY = "bilag:usage"

UsageKey = tuple[str, int, str]


def status_class(status: int) -> str:
    if 200 <= status < 300:
        return "2xx"
    if status in (400, 401, 403, 429):
        return str(status)
    if status >= 500:
        return "5xx"
    if 300 <= status < 400:
        return "3xx"
    return "4xx"


class UsageSink(Protocol):
    def add(self, counts: Counter[UsageKey]) -> None: ...


class DatabaseUsageSink:
    def __init__(self, database: Database) -> None:
        self.database = database
        self._insert = sqlite_insert if database.is_sqlite else postgresql_insert

    def add(self, counts: Counter[UsageKey]) -> None:
        table = UsageCounter.__table__
        with self.database.counters() as session:
            for (client_id, organization_id, status), count in sorted(counts.items()):
                statement = self._insert(table).values(
                    client_id=client_id, organization_id=organization_id, status=status, count=count
                )
                session.execute(
                    statement.on_conflict_do_update(
                        index_elements=["client_id", "organization_id", "status"],
                        set_={"count": table.c.count + statement.excluded.count},
                    )
                )


class RedisUsageSink:
    def __init__(self, redis_client: Redis) -> None:
        self.redis = redis_client

    def add(self, counts: Counter[UsageKey]) -> None:
        pipeline = self.redis.pipeline(transaction=False)
        for (client_id, organization_id, status), count in counts.items():
            pipeline.hincrby(REDIS_USAGE_KEY, f"{client_id}|{organization_id}|{status}", count)
        pipeline.execute()


class UsageRecorder:
    """Counts in memory; `flush()` hands the counts gathered so far to the sink."""

    def __init__(self, sink: UsageSink, flush_seconds: float = 1.0) -> None:
        self.sink = sink
        self.flush_seconds = flush_seconds
        self._pending: Counter[UsageKey] = Counter()
        self._lock = threading.Lock()
        self._last_flush = time.monotonic()

    def record(self, client_id: str | None, organization_id: int | None, status: int) -> None:
        key = (client_id or ANONYMOUS_CLIENT, organization_id or 0, status_class(status))
        with self._lock:
            self._pending[key] += 1

    def flush_due(self) -> bool:
        return bool(self._pending) and time.monotonic() - self._last_flush >= self.flush_seconds

    def flush(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, Counter()
            self._last_flush = time.monotonic()
        if not pending:
            return
        try:
            self.sink.add(pending)
        except Exception:
            with self._lock:
                self._pending.update(pending)
            raise


@dataclass(frozen=True)
class UsageRow:
    client_id: str
    organization_id: int | None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def usage_report(database: Database, redis_url: str | None = None) -> list[UsageRow]:
    """Every (client, organization) pair seen, with a count for each status class."""
    if redis_url:
        client = Redis.from_url(redis_url)
        try:
            raw = client.hgetall(REDIS_USAGE_KEY)
        finally:
            client.close()
        entries = []
        for name, value in raw.items():  # type: ignore[union-attr]
            client_id, organization_id, status = name.decode().rsplit("|", 2)
            entries.append((client_id, int(organization_id), status, int(value)))
    else:
        with database.read() as session:
            entries = [tuple(row) for row in session.execute(select(UsageCounter.__table__))]
    table: dict[tuple[str, int], dict[str, int]] = {}
    for client_id, organization_id, status, count in entries:
        counts = table.setdefault((client_id, organization_id), dict.fromkeys(STATUS_CLASSES, 0))
        counts[status] = counts.get(status, 0) + count
    return [
        UsageRow(client_id, organization_id or None, counts)
        for (client_id, organization_id), counts in sorted(table.items())
    ]
