"""The `bilag` group itself: its commands, its help, and errors without tracebacks."""

from __future__ import annotations

from click.testing import CliRunner

from bilag.cli import main

COMMANDS = {
    "serve", "migrate", "demo", "user", "org", "member", "app", "apikey", "client", "usage", "keys",
    "outbox", "sandbox",
}  # fmt: skip


def test_every_command_is_there_with_help() -> None:
    assert set(main.commands) == COMMANDS
    for name in COMMANDS:
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0, result.output
        assert "Usage: main" in result.output or f"{name}" in result.output


def test_an_unknown_command_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["frobnicate"])
    assert result.exit_code == 2
    assert "No such command" in result.output


def test_an_unreachable_database_is_a_message_not_a_traceback() -> None:
    env = {"BILAG_DATABASE_URL": "postgresql+psycopg://nobody@127.0.0.1:1/none"}
    result = CliRunner().invoke(main, ["usage"], env=env)
    assert result.exit_code == 1
    assert "Error: the database cannot be used" in result.output
    assert "Traceback" not in result.output


def test_a_bad_setting_is_a_message() -> None:
    result = CliRunner().invoke(main, ["usage"], env={"BILAG_RATE_LIMIT_PER_MINUTE": "many"})
    assert result.exit_code == 1
    assert "BILAG_ setting" in result.output
