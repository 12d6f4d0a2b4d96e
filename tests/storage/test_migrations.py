"""Migrations give one schema on SQLite and PostgreSQL, and match the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bilag.storage.db import Database
from bilag.storage.models import Base


def test_migrated_schema_matches_models(database_url: str) -> None:
    database = Database(database_url)
    try:
        with database.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
    finally:
        database.dispose()
    assert differences == []


def test_sqlite_is_tuned_as_designed(sqlite_url: str) -> None:
    database = Database(sqlite_url)
    try:
        with database.write() as session:
            journal = session.connection().exec_driver_sql("PRAGMA journal_mode").scalar()
            sync = session.connection().exec_driver_sql("PRAGMA synchronous").scalar()
            fks = session.connection().exec_driver_sql("PRAGMA foreign_keys").scalar()
            folded = session.connection().exec_driver_sql("SELECT lower('ÆBLE Ø')").scalar()
    finally:
        database.dispose()
    assert (journal, sync, fks) == ("wal", 2, 1)
    assert folded == "æble ø"
