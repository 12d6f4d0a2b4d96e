"""Run the real `bilag` command in-process (click's CliRunner) against the test database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from bilag.cli import main
from bilag.storage.db import Database

PEPPER = "cli-test-pepper"
BASE_URL = "http://127.0.0.1:8000"


@dataclass(frozen=True)
class Bilag:
    database_url: str
    files_dir: str
    pepper: str = PEPPER

    @property
    def env(self) -> dict[str, str]:
        return {
            "BILAG_DATABASE_URL": self.database_url,
            "BILAG_SECRET_PEPPER": self.pepper,
            "BILAG_BASE_URL": BASE_URL,
            "BILAG_FILES_DIR": self.files_dir,
        }

    def __call__(self, *args: str, input: str | None = None) -> Result:
        result = CliRunner().invoke(main, list(args), env=self.env, input=input)
        assert "Traceback" not in result.output, result.output
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result

    def ok(self, *args: str) -> Result:
        result = self(*args)
        assert result.exit_code == 0, result.output
        return result

    def fails(self, *args: str) -> Result:
        result = self(*args)
        assert result.exit_code != 0, result.output
        assert "Error:" in result.output
        return result


@pytest.fixture
def bilag(database_url: str, tmp_path: Path) -> Bilag:
    return Bilag(database_url, str(tmp_path / "files"))


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    handle = Database(database_url)
    yield handle
    handle.dispose()


def fields_of(output: str) -> dict[str, str]:
    """The `name: value` lines a command prints."""
    fields = {}
    for line in output.splitlines():
        name, separator, value = line.partition(": ")
        if separator and " " not in name:
            fields[name] = value
    return fields
