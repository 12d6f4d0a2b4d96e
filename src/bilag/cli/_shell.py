"""What every command shares: settings, the database, output, and errors without tracebacks."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from rich.console import Console
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from bilag.config import Settings
from bilag.storage.db import Database
from bilag.storage.migrate import alembic_config, upgrade


class CliError(click.ClickException):
    """A problem the user can fix: printed as `Error: <message>`, exit status 1."""


class BilagGroup(click.Group):
    """A command group that turns any failure into a one-line message and a non-zero exit."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except ValueError as error:
            raise CliError(str(error)) from None
        except OperationalError as error:
            raise CliError(f"the database cannot be used: {_first_line(error.orig)}") from None
        except SQLAlchemyError as error:
            raise CliError(f"database error: {_first_line(error)}") from None
        except Exception as error:  # noqa: BLE001 - the promise is: never a traceback
            raise CliError(f"unexpected {type(error).__name__}: {error}") from None


def _first_line(error: object) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__


def load_settings() -> Settings:
    try:
        return Settings.from_env()
    except ValueError as error:
        raise CliError(f"a BILAG_ setting in the environment is not valid: {error}") from None


def shown_url(database_url: str) -> str:
    """The database URL with any password masked, for messages."""
    return make_url(database_url).render_as_string(hide_password=True)


def is_migrated(database: Database) -> bool:
    heads = set(ScriptDirectory.from_config(alembic_config(database.url)).get_heads())
    with database.engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    return current == heads


def migrate_if_needed(settings: Settings) -> bool:
    """Upgrade the database to the newest schema unless it is there; True if it upgraded."""
    database = Database(settings.database_url)
    try:
        if is_migrated(database):
            return False
    finally:
        database.dispose()
    upgrade(settings.database_url)
    return True


@contextmanager
def open_database(settings: Settings, *, migrate: bool = False) -> Iterator[Database]:
    """The database, migrated first when `migrate`; otherwise it must already be migrated."""
    if migrate:
        migrate_if_needed(settings)
    database = Database(settings.database_url)
    try:
        if not migrate and not is_migrated(database):
            raise CliError(
                f"the database {shown_url(settings.database_url)} is not migrated to this "
                "version of bilag; run `bilag migrate` first"
            )
        yield database
    finally:
        database.dispose()


def console() -> Console:
    """Rich output on stdout; wide enough for keys and secrets when stdout is not a terminal."""
    return Console(width=None if sys.stdout.isatty() else 160, highlight=False)


def echo_fields(**fields: object) -> None:
    """`name: value` lines that a script can read back, e.g. a client id and its secret."""
    for name, value in fields.items():
        shown = ("true" if value else "false") if isinstance(value, bool) else value
        click.echo(f"{name}: {shown}")
