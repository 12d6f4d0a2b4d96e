"""The rate limit: at most N requests in any 60 seconds per (organization, client id).

A true sliding window (a log of hit times), shared by every worker process. By default the log is
a row of `rate_windows` changed under a row lock (PostgreSQL: insert-on-conflict, then
SELECT ... FOR UPDATE; SQLite: the write lock of BEGIN IMMEDIATE). With Redis configured it is a
sorted set changed by one Lua script, which Redis runs atomically. A refused request is not logged,
so a client that keeps knocking still gets in as soon as its oldest hit leaves the window.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from typing import Protocol

from redis import Redis
from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from starlette.responses import PlainTextResponse

from bilag.api.errors import ApiFailure
from bilag.identity.sandbox import clock
from bilag.storage.db import Database
from bilag.storage.models import RateWindow

WINDOW_MS = 60_000
QUOTA_MESSAGE = "API calls quota exceeded! maximum admitted {limit} per 1m."


class RateLimited(ApiFailure):
    """Answered as Dinero answers it: 429, a plain-text body and `Retry-After`."""

    def __init__(self, limit: int, retry_after: int) -> None:
        super().__init__(QUOTA_MESSAGE.format(limit=limit))
        self.retry_after = retry_after

    def response(self) -> PlainTextResponse:
        return PlainTextResponse(
            str(self), status_code=429, headers={"Retry-After": str(self.retry_after)}
        )


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    retry_after: int  # whole seconds until a slot frees; 0 when allowed


class RateLimiter(Protocol):
    limit: int

    def hit(self, key: str, now_ms: int | None = None) -> RateDecision: ...

    def peek(self, key: str, now_ms: int | None = None) -> int:
        """How many requests the window holds now, without adding one."""
        ...


def rate_key(organization_id: int, client_id: str) -> str:
    return f"{organization_id}:{client_id}"


def _now_ms() -> int:
    return clock.epoch_ms()  # real time, unless a sandbox moved its clock


def _retry_after(oldest_ms: int, now_ms: int) -> int:
    return max(1, math.ceil((oldest_ms + WINDOW_MS - now_ms) / 1000))


class DatabaseRateLimiter:
    def __init__(self, database: Database, limit: int) -> None:
        self.database = database
        self.limit = limit
        self._insert = sqlite_insert if database.is_sqlite else postgresql_insert

    def hit(self, key: str, now_ms: int | None = None) -> RateDecision:
        query = select(RateWindow.hits).where(RateWindow.key == key).with_for_update()
        with self.database.counters() as session:
            hits = session.scalar(query)
            if hits is None:
                ensure_row = self._insert(RateWindow).values(key=key, hits="")
                session.execute(ensure_row.on_conflict_do_nothing(index_elements=["key"]))
                hits = session.scalar(query) or ""
            now = _now_ms() if now_ms is None else now_ms
            cutoff = now - WINDOW_MS
            recent = sorted(int(t) for t in hits.split(",") if t and int(t) > cutoff)
            if len(recent) >= self.limit:
                return RateDecision(False, _retry_after(recent[0], now))
            recent.append(now)
            hits = ",".join(str(t) for t in recent)
            session.execute(update(RateWindow).where(RateWindow.key == key).values(hits=hits))
        return RateDecision(True, 0)

    def peek(self, key: str, now_ms: int | None = None) -> int:
        with self.database.read() as session:
            hits = session.scalar(select(RateWindow.hits).where(RateWindow.key == key)) or ""
        cutoff = (_now_ms() if now_ms is None else now_ms) - WINDOW_MS
        return sum(1 for t in hits.split(",") if t and int(t) > cutoff)


_SLIDING_WINDOW = """
local key = KEYS[1]
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) >= limit then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return {0, tonumber(oldest[2])}
end
redis.call('ZADD', key, now, ARGV[4])
redis.call('PEXPIRE', key, window)
return {1, 0}
"""


class RedisRateLimiter:
    def __init__(self, redis_client: Redis, limit: int, prefix: str = "bilag:rate:") -> None:
        self.limit = limit
        self._prefix = prefix
        self._redis = redis_client
        self._script = redis_client.register_script(_SLIDING_WINDOW)

    def hit(self, key: str, now_ms: int | None = None) -> RateDecision:
        now = _now_ms() if now_ms is None else now_ms
        member = f"{now}-{uuid.uuid4().hex[:12]}"
        allowed, oldest = self._script(
            keys=[self._prefix + key], args=[now, WINDOW_MS, self.limit, member]
        )
        if int(allowed):
            return RateDecision(True, 0)
        return RateDecision(False, _retry_after(int(oldest), now))

    def peek(self, key: str, now_ms: int | None = None) -> int:
        now = _now_ms() if now_ms is None else now_ms
        return int(self._redis.zcount(self._prefix + key, f"({now - WINDOW_MS}", "+inf"))
