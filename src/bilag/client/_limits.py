"""Staying under Dinero's rate limit (100 requests a minute per organization and client id), and
counting what happened.

A limiter answers `reserve(key)` with 0 when a request may go now (and records it), or with the
seconds to wait before asking again. `FileRateLimiter` keeps each key's window in a small JSON file
under an `flock`, so every process using the same directory (the token store's) shares one window.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Protocol

from bilag.client._tokens import atomic_write, file_lock

WINDOW_SECONDS = 60.0
DEFAULT_LIMIT = 95  # Dinero allows 100; a few spare for clocks that disagree a little


class RateLimiter(Protocol):
    def reserve(self, key: str) -> float: ...


def _wait(hits: list[float], limit: int, now: float) -> float:
    """0 (and `now` recorded) when a request may go, else the seconds until a slot frees."""
    hits[:] = [hit for hit in hits if hit > now - WINDOW_SECONDS]
    if len(hits) < limit:
        hits.append(now)
        return 0.0
    return max(hits[0] + WINDOW_SECONDS - now, 0.001)


class MemoryRateLimiter:
    """A sliding window per key, for the clients of one process."""

    def __init__(self, limit: int = DEFAULT_LIMIT, clock: Callable[[], float] = time.time) -> None:
        self.limit = limit
        self.clock = clock
        self._windows: dict[str, list[float]] = {}
        self._lock = threading.Lock()

    def reserve(self, key: str) -> float:
        with self._lock:
            return _wait(self._windows.setdefault(key, []), self.limit, self.clock())


class FileRateLimiter:
    """A sliding window per key in `directory`, shared by every process that uses it."""

    def __init__(
        self,
        directory: str | Path,
        limit: int = DEFAULT_LIMIT,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.directory = Path(directory)
        self.limit = limit
        self.clock = clock

    def _path(self, key: str) -> Path:
        safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in key)
        return self.directory / f"ratelimit-{safe}.json"

    def reserve(self, key: str) -> float:
        path = self._path(key)
        with file_lock(path.with_name(path.name + ".lock")):
            try:
                hits = [float(t) for t in json.loads(path.read_text(encoding="utf-8"))]
            except (FileNotFoundError, ValueError):
                hits = []
            wait = _wait(hits, self.limit, self.clock())
            if wait == 0.0:
                atomic_write(path, json.dumps(hits).encode())
            return wait


@dataclass
class Counters:
    """What a client did: calls sent, waits (limiter and 429), and error answers by status."""

    calls: int = 0
    limiter_waits: int = 0
    rate_limited_waits: int = 0
    errors_by_status: Counter[int] = field(default_factory=Counter)
    errors_by_code: Counter[int] = field(default_factory=Counter)

    @property
    def waits(self) -> int:
        return self.limiter_waits + self.rate_limited_waits

    @property
    def client_errors(self) -> int:
        return sum(n for status, n in self.errors_by_status.items() if 400 <= status < 500)


def retry_after_seconds(value: str | None, now: float, default: float = 60.0) -> float:
    """`Retry-After` as seconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if value is None or not value.strip():
        return default
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return default
    return max(when.timestamp() - now, 0.0)
