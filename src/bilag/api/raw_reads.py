"""Hot-path reads on a pooled DBAPI connection, skipping SQLAlchemy's Connection machinery.

Every API call asks the database which organizations the caller can reach, or whether it may use
one. Through a SQLAlchemy Connection such a one-row SELECT costs about six times what the driver
itself needs (autobegin, events, result processing), which is most of the call. A `RawRead` keeps
the statement as SQLAlchemy Core (one schema, both dialects), compiles it once per engine, and runs
the SQL on `engine.raw_connection()`. Rows are plain driver tuples: no type conversion, so SQLite
booleans arrive as 0 and 1 and callers wrap them in `bool()`. Only for SELECTs.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine, Select

from bilag.storage.db import Database


class RawRead:
    def __init__(self, statement: Select[Any]) -> None:
        self.statement = statement
        self._compiled: dict[Engine, tuple[str, tuple[str, ...] | None]] = {}
        self._lock = threading.Lock()

    def rows(self, database: Database, parameters: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        sql, order = self._compile(database.engine)
        arguments: Any = parameters if order is None else tuple(parameters[n] for n in order)
        connection = database.engine.raw_connection()
        try:
            cursor = connection.cursor()
            try:
                cursor.execute(sql, arguments)
                return list(cursor.fetchall())
            finally:
                cursor.close()
        finally:
            connection.close()

    def _compile(self, engine: Engine) -> tuple[str, tuple[str, ...] | None]:
        compiled = self._compiled.get(engine)
        if compiled is None:
            with self._lock:
                statement = self.statement.compile(dialect=engine.dialect)
                order = tuple(statement.positiontup or ()) if statement.positional else None
                compiled = self._compiled[engine] = (str(statement), order)
        return compiled
