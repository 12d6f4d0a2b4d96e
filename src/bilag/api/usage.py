"""Responses counted per client id and organization by status class, for `bilag usage`.

Classes: `2xx`, `400`, `401`, `403`, `429`, `5xx`, `3xx`, and `4xx` for every other client error.
Requests without a valid token count under client id `-`. Organization 0 means none: the
organization list, paths without a valid token, and organization ids that do not exist.

Counts gather in memory and are added to the shared store (table `usage_counters` by upsert, or a
Redis hash by HINCRBY) every `flush_seconds` and when the app stops, so a figure can lag by that
much but is not lost by a clean stop. The same flush adds them to hour buckets for the developer
portal's chart (table `usage_hourly`, or a Redis hash per client and hour with a TTL; see
`identity.usage_figures`); buckets older than `HOURLY_RETENTION` are dropped.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Protocol

from redis import Redis
from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from bilag.identity.usage_figures import HOURLY_RETENTION, hour_from_epoch, redis_hour_key
from bilag.storage.db import Database
from bilag.storage.models import UsageCounter, UsageHourly, utcnow

ANONYMOUS_CLIENT = "-"
STATUS_CLASSES = ("2xx", "400", "401", "403", "429", "4xx", "5xx", "3xx")
REDIS_USAGE_KEY = "bilag:usage"

UsageKey = tuple[str, int, str]
HourlyKey = tuple[str, int, str, int]  # ..., the hour as hours since the epoch
_PRUNE_EVERY_SECONDS = 3600.0


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
    def add(self, counts: Counter[UsageKey], hourly: Counter[HourlyKey] | None = None) -> None: ...


class DatabaseUsageSink:
    def __init__(self, database: Database) -> None:
        self.database = database
        self._insert = sqlite_insert if database.is_sqlite else postgresql_insert
        self._last_prune = float("-inf")

    def add(self, counts: Counter[UsageKey], hourly: Counter[HourlyKey] | None = None) -> None:
        table = UsageCounter.__table__
        hours = UsageHourly.__table__
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
            for (client_id, organization_id, status, hour), count in sorted((hourly or {}).items()):
                statement = self._insert(hours).values(
                    client_id=client_id,
                    organization_id=organization_id,
                    hour=hour_from_epoch(hour * 3600),
                    status=status,
                    count=count,
                )
                session.execute(
                    statement.on_conflict_do_update(
                        index_elements=["client_id", "organization_id", "hour", "status"],
                        set_={"count": hours.c.count + statement.excluded.count},
                    )
                )
            if hourly and time.monotonic() - self._last_prune >= _PRUNE_EVERY_SECONDS:
                self._last_prune = time.monotonic()
                cutoff = utcnow() - HOURLY_RETENTION
                session.execute(delete(UsageHourly).where(UsageHourly.hour < cutoff))


class RedisUsageSink:
    def __init__(self, redis_client: Redis) -> None:
        self.redis = redis_client

    def add(self, counts: Counter[UsageKey], hourly: Counter[HourlyKey] | None = None) -> None:
        pipeline = self.redis.pipeline(transaction=False)
        for (client_id, organization_id, status), count in counts.items():
            pipeline.hincrby(REDIS_USAGE_KEY, f"{client_id}|{organization_id}|{status}", count)
        touched: set[str] = set()
        for (client_id, organization_id, status, hour), count in (hourly or {}).items():
            key = redis_hour_key(client_id, hour_from_epoch(hour * 3600))
            pipeline.hincrby(key, f"{organization_id}|{status}", count)
            touched.add(key)
        for key in touched:
            pipeline.expire(key, int(HOURLY_RETENTION.total_seconds()))
        pipeline.execute()


class UsageRecorder:
    """Counts in memory; `flush()` hands the counts gathered so far to the sink."""

    def __init__(self, sink: UsageSink, flush_seconds: float = 1.0) -> None:
        self.sink = sink
        self.flush_seconds = flush_seconds
        self._pending: Counter[HourlyKey] = Counter()
        self._lock = threading.Lock()
        self._flushing = threading.Lock()  # a caller's flush waits for one already under way
        self._last_flush = time.monotonic()

    def record(self, client_id: str | None, organization_id: int | None, status: int) -> None:
        hour = int(time.time()) // 3600
        key = (client_id or ANONYMOUS_CLIENT, organization_id or 0, status_class(status), hour)
        with self._lock:
            self._pending[key] += 1

    def flush_due(self) -> bool:
        return bool(self._pending) and time.monotonic() - self._last_flush >= self.flush_seconds

    def flush(self) -> None:
        with self._flushing:
            self._flush()

    def _flush(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, Counter()
            self._last_flush = time.monotonic()
        if not pending:
            return
        totals: Counter[UsageKey] = Counter()
        for (client_id, organization_id, status, _hour), count in pending.items():
            totals[(client_id, organization_id, status)] += count
        try:
            self.sink.add(totals, pending)
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
