"""The `bilag` command: serve, migrate, seed the demo and administer the identity provider."""

from __future__ import annotations

import click

from bilag.cli._shell import BilagGroup
from bilag.cli.apps import app, client
from bilag.cli.demo import demo
from bilag.cli.keys import keys
from bilag.cli.outbox import outbox_command
from bilag.cli.people import apikey, member, org, user
from bilag.cli.sandbox import sandbox
from bilag.cli.server import migrate, serve
from bilag.cli.usage import usage

__all__ = ["main"]


@click.group(cls=BilagGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bilag")
def main() -> None:
    """bilag: a self-hostable bookkeeping platform that speaks the Dinero public API.

    Every command reads its settings from BILAG_* environment variables
    (BILAG_DATABASE_URL, BILAG_BASE_URL, BILAG_SECRET_PEPPER, ...).
    """


for command in (
    serve,
    migrate,
    demo,
    user,
    org,
    member,
    app,
    apikey,
    client,
    usage,
    keys,
    outbox_command,
    sandbox,
):
    main.add_command(command)
