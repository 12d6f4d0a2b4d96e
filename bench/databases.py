"""Where a benchmark's server keeps its data: a fresh SQLite file (the default), or a fresh
PostgreSQL database created for the run on a server the caller names and dropped afterwards."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


@contextmanager
def fresh_database(postgresql_url: str | None) -> Iterator[str | None]:
    """None (BenchServer then makes its own SQLite file), or the URL of a new, empty PostgreSQL
    database on the server of `postgresql_url`, dropped when the block ends."""
    if not postgresql_url:
        yield None
        return
    server = make_url(postgresql_url).set(drivername="postgresql+psycopg")
    name = f"bilag_bench_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield server.set(database=name).render_as_string(hide_password=False)
        finally:
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()
