"""`bilag sandbox ...`: the sandbox controls from the command line (BILAG_SANDBOX=1 only).

The commands change the database the server uses, so a running `bilag serve --sandbox` sees a
moved clock or an armed fault within about a second.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import click

from bilag.cli._shell import CliError, echo_fields, load_settings, open_database
from bilag.config import Settings
from bilag.identity.sandbox import clock, faults, people
from bilag.identity.sandbox.access import require_known_client
from bilag.identity.sandbox.reset import reset_organization

ORGANIZATION_ID = click.IntRange(1, 2**31 - 1)
SANDBOX_OFF = (
    "sandbox mode is off: set BILAG_SANDBOX=1 for these commands (and serve with "
    "`bilag serve --sandbox`)"
)


def sandbox_settings() -> Settings:
    settings = load_settings()
    if not settings.sandbox:
        raise CliError(SANDBOX_OFF)
    return settings


@click.group()
def sandbox() -> None:
    """Test controls of sandbox mode: test data, reset, the clock and faults."""


@sandbox.group("org")
def sandbox_org() -> None:
    """Test organizations."""


@sandbox_org.command("create")
@click.option("--name", required=True)
@click.option("--owner", "owner_email", required=True, help="The owning user's e-mail.")
@click.option("--pro", is_flag=True, help="Give it Pro, which the API requires.")
def create_org_command(name: str, owner_email: str, pro: bool) -> None:
    """Create a test organization, seeded as a new one is, with its owner."""
    settings = sandbox_settings()
    with open_database(settings) as database:
        organization = people.create_test_organization(
            database, name=name, is_pro=pro, owner_email=owner_email
        )
    echo_fields(**organization.as_json())


@sandbox.group("user")
def sandbox_user() -> None:
    """Test users."""


@sandbox_user.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--password", prompt=True, hide_input=True, help="At least 8 characters.")
def create_user_command(email: str, name: str, password: str) -> None:
    """Create a test user who can log in."""
    settings = sandbox_settings()
    with open_database(settings) as database:
        user = people.create_test_user(database, email=email, name=name, password=password)
    echo_fields(**user.as_json())


@sandbox.command("reset")
@click.argument("organization_id", type=ORGANIZATION_ID)
def reset_command(organization_id: int) -> None:
    """Empty an organization's books and seed them afresh (members, keys, grants stay)."""
    settings = sandbox_settings()
    with open_database(settings) as database:
        deleted = reset_organization(database, organization_id)
    total = sum(deleted.values())
    click.echo(f"Organization {organization_id} is reset: {total} rows deleted.")
    for table, count in sorted(deleted.items()):
        click.echo(f"  {table}: {count}")


@sandbox.group("clock")
def sandbox_clock() -> None:
    """The sandbox clock: tokens, codes, sessions and the rate window follow it."""


def _echo_clock(offset: int) -> None:
    moment = datetime.now(UTC) + timedelta(seconds=offset)
    echo_fields(offset_seconds=offset, now=moment.isoformat(timespec="seconds"))


@sandbox_clock.command("show")
def clock_show_command() -> None:
    """Show how far the clock runs ahead."""
    settings = sandbox_settings()
    with open_database(settings) as database:
        _echo_clock(clock.read_offset(database))


@sandbox_clock.command("advance")
@click.argument("seconds", type=click.IntRange(min=1))
def clock_advance_command(seconds: int) -> None:
    """Move the clock SECONDS forward."""
    settings = sandbox_settings()
    with open_database(settings) as database:
        _echo_clock(clock.advance_clock(database, seconds))


@sandbox_clock.command("reset")
def clock_reset_command() -> None:
    """Put the clock back to real time."""
    settings = sandbox_settings()
    with open_database(settings) as database:
        clock.reset_clock(database)
        _echo_clock(0)


@sandbox.group("fault")
def sandbox_fault() -> None:
    """Faults for a client's next API calls."""


@sandbox_fault.command("add")
@click.option("--client", "client_id", required=True, help="The application's client id.")
@click.option("--kind", required=True, type=click.Choice(faults.KINDS))
@click.option("--count", required=True, type=click.IntRange(1, faults.MAX_COUNT))
@click.option("--delay-ms", type=int, help="For slow: how long each call waits.")
@click.option("--retry-after", type=int, help="For 429: the Retry-After seconds (default 1).")
def fault_add_command(
    client_id: str, kind: str, count: int, delay_ms: int | None, retry_after: int | None
) -> None:
    """Make the client's next COUNT API calls answer 429, 500 or slowly."""
    settings = sandbox_settings()
    faults.check_fault(kind, count, delay_ms, retry_after)
    with open_database(settings) as database:
        require_known_client(database, client_id)
        fault = faults.arm_fault(
            database,
            client_id=client_id,
            kind=kind,
            count=count,
            delay_ms=delay_ms,
            retry_after=retry_after,
        )
    echo_fields(**fault.as_json())


@sandbox_fault.command("list")
@click.option("--client", "client_id", help="Only this client's faults.")
def fault_list_command(client_id: str | None) -> None:
    """List the armed faults, oldest first."""
    settings = sandbox_settings()
    with open_database(settings) as database:
        armed = faults.list_faults(database, [client_id] if client_id else None)
    if not armed:
        click.echo("No faults are armed.")
    for fault in armed:
        detail = f" delay_ms={fault.delay_ms}" if fault.delay_ms else ""
        detail += f" retry_after={fault.retry_after}" if fault.retry_after else ""
        click.echo(
            f"{fault.id}: {fault.client_id} {fault.kind} remaining={fault.remaining}{detail}"
        )


@sandbox_fault.command("clear")
@click.option("--client", "client_id", help="Only this client's faults.")
def fault_clear_command(client_id: str | None) -> None:
    """Disarm the faults (all, or one client's)."""
    settings = sandbox_settings()
    with open_database(settings) as database:
        cleared = faults.clear_faults(database, [client_id] if client_id else None)
    click.echo(f"Cleared {cleared} fault(s).")
