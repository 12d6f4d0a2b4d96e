"""`bilag sandbox ...`: test data, reset, the clock and faults from the command line, refused
unless BILAG_SANDBOX is on; and `bilag serve --sandbox` turns the controls on (through the
environment, which its workers read)."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
import pytest
from sqlalchemy import func, select

from bilag.identity.applications import create_application
from bilag.identity.sandbox import clock, faults
from bilag.ledger.chart import STANDARD_CHART
from bilag.storage.db import Database
from bilag.storage.models import Account, Membership
from tests.cli.conftest import Bilag, fields_of
from tests.cli.test_serve import serving


@dataclass(frozen=True)
class SandboxBilag(Bilag):
    @property
    def env(self) -> dict[str, str]:
        return {**super().env, "BILAG_SANDBOX": "1"}


@pytest.fixture
def sandbox(bilag: Bilag) -> SandboxBilag:
    return SandboxBilag(bilag.database_url, bilag.files_dir)


def test_every_command_is_refused_without_sandbox_mode(bilag: Bilag) -> None:
    for command in (
        ["sandbox", "clock", "show"],
        ["sandbox", "clock", "advance", "60"],
        ["sandbox", "reset", "100001"],
        ["sandbox", "fault", "list"],
        ["sandbox", "org", "create", "--name", "X", "--owner", "a@example.com"],
    ):
        result = bilag.fails(*command)
        assert "sandbox mode is off: set BILAG_SANDBOX=1" in result.output


def test_users_organizations_and_reset(sandbox: SandboxBilag, database: Database) -> None:
    made = sandbox.ok(
        "sandbox", "user", "create", "--email", "t@example.com", "--name", "T", "--password",
        "long enough",
    )  # fmt: skip
    assert fields_of(made.output)["email"] == "t@example.com"
    pro = fields_of(
        sandbox.ok("sandbox", "org", "create", "--name", "Pro ApS", "--owner", "t@example.com",
                   "--pro").output
    )  # fmt: skip
    assert pro["pro"] == "true" and pro["owner"] == "t@example.com"
    free = fields_of(
        sandbox.ok("sandbox", "org", "create", "--name", "Fri", "--owner", "t@example.com").output
    )
    assert free["pro"] == "false"
    with database.write() as session:
        session.execute(Account.__table__.delete().where(Account.organization_id == int(pro["id"])))
    reset = sandbox.ok("sandbox", "reset", pro["id"])
    assert f"Organization {pro['id']} is reset" in reset.output
    with database.read() as session:
        accounts = session.scalar(
            select(func.count()).where(Account.organization_id == int(pro["id"]))
        )
        owners = session.scalar(
            select(func.count()).where(Membership.organization_id == int(pro["id"]))
        )
    assert (accounts, owners) == (len(STANDARD_CHART), 1)
    assert (
        "no user has the e-mail"
        in sandbox.fails(
            "sandbox", "org", "create", "--name", "X", "--owner", "nobody@example.com"
        ).output
    )
    assert "no organization 999999" in sandbox.fails("sandbox", "reset", "999999").output


def test_the_clock(sandbox: SandboxBilag, database: Database) -> None:
    assert fields_of(sandbox.ok("sandbox", "clock", "show").output)["offset_seconds"] == "0"
    moved = sandbox.ok("sandbox", "clock", "advance", "3600")
    assert fields_of(moved.output)["offset_seconds"] == "3600"
    assert clock.read_offset(database) == 3600
    sandbox.fails("sandbox", "clock", "advance", "0")
    sandbox.ok("sandbox", "clock", "reset")
    assert clock.read_offset(database) == 0


def test_faults(sandbox: SandboxBilag, database: Database) -> None:
    with database.write() as session:
        application, _secret = create_application(
            session, name="Faulty", pepper=sandbox.pepper, redirect_uris=["https://x.dk/cb"]
        )
        client_id = application.client_id
    assert "No faults are armed." in sandbox.ok("sandbox", "fault", "list").output
    armed = sandbox.ok(
        "sandbox", "fault", "add", "--client", client_id, "--kind", "slow", "--count", "2",
        "--delay-ms", "150",
    )  # fmt: skip
    assert fields_of(armed.output)["remaining"] == "2"
    sandbox.ok("sandbox", "fault", "add", "--client", client_id, "--kind", "429", "--count", "1")
    listed = sandbox.ok("sandbox", "fault", "list", "--client", client_id).output
    assert f"{client_id} slow remaining=2 delay_ms=150" in listed
    assert f"{client_id} 429 remaining=1 retry_after=1" in listed
    assert (
        "delay_ms"
        in sandbox.fails(
            "sandbox", "fault", "add", "--client", client_id, "--kind", "slow", "--count", "1"
        ).output
    )
    assert (
        "no application has the client id 'isv_none'"
        in sandbox.fails(
            "sandbox", "fault", "add", "--client", "isv_none", "--kind", "500", "--count", "1"
        ).output
    )
    assert "Cleared 2 fault(s)." in sandbox.ok("sandbox", "fault", "clear").output
    assert faults.list_faults(database) == []


@pytest.mark.slow
def test_serve_sandbox_turns_the_controls_on(sqlite_url: str) -> None:
    with serving(sqlite_url, "--sandbox") as base_url:
        answer = httpx.get(f"{base_url}/sandbox/clock")
    assert answer.status_code == 401  # on, and asking for a user's e-mail and password
    assert answer.headers["www-authenticate"].startswith("Basic")
