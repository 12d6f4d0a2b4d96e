"""The database handle: one engine per URL, SQLite tuned as DESIGN.md says.

SQLite runs in WAL mode with `synchronous=FULL`, a busy timeout and foreign keys on. `read()`
opens a deferred transaction; `write()` starts with `BEGIN IMMEDIATE` so that two writers never
deadlock on a lock upgrade. `counters()` is a write transaction for rate-limit windows and usage
counts, which need atomicity across workers but not an fsync per request (`synchronous=NORMAL`).
PostgreSQL uses one engine for all three.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker


def _fold(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def _sqlite_engine(url: str, *, begin: str, synchronous: str) -> Engine:
    # Keep as many connections as the thread pool has threads (anyio: 40), so that busy
    # moments reuse connections instead of opening new ones (each runs the PRAGMAs below).
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False, "timeout": 30},
        pool_size=40,
        max_overflow=10,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()
        # SQLite's own lower() folds ASCII only; Danish names need æ, ø and å folded too.
        dbapi_connection.create_function("lower", 1, _fold, deterministic=True)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: object) -> None:
        connection.exec_driver_sql(begin)  # type: ignore[attr-defined]

    return engine


class Database:
    """Owns the engines for one database URL and hands out sessions."""

    def __init__(self, url: str) -> None:
        self.url = url
        parsed = make_url(url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if self.is_sqlite:
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            self.engine = _sqlite_engine(url, begin="BEGIN", synchronous="FULL")
            self.write_engine = _sqlite_engine(url, begin="BEGIN IMMEDIATE", synchronous="FULL")
            self.counter_engine = _sqlite_engine(url, begin="BEGIN IMMEDIATE", synchronous="NORMAL")
        else:
            if parsed.drivername == "postgresql":
                url = str(parsed.set(drivername="postgresql+psycopg"))
                self.url = url
            self.engine = create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)
            self.write_engine = self.engine
            self.counter_engine = self.engine
        self._writer_lock = threading.RLock()
        self._read = sessionmaker(self.engine, expire_on_commit=False)
        self._write = sessionmaker(self.write_engine, expire_on_commit=False)
        self._counters = sessionmaker(self.counter_engine, expire_on_commit=False)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session, session.begin():
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self._writer_turn(), self._write() as session, session.begin():
            yield session

    @contextmanager
    def counters(self) -> Iterator[Session]:
        with self._writer_turn(), self._counters() as session, session.begin():
            yield session

    def _writer_turn(self) -> AbstractContextManager[object]:
        """SQLite has one writer at a time. Threads of this process queue on a lock, woken the
        moment the writer before them finishes, instead of sleeping in SQLite's busy handler;
        other processes still meet SQLite's own lock and busy timeout."""
        return self._writer_lock if self.is_sqlite else nullcontext()

    def dispose(self) -> None:
        for engine in {self.engine, self.write_engine, self.counter_engine}:
            engine.dispose()
