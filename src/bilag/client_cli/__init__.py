"""`bilag-client`: the command line over the SDK (`bilag.client`), for bilag or the real Dinero.

It imports nothing from bilag but `bilag.client`, so it ships with the SDK.
"""

from __future__ import annotations

from pathlib import Path

import click

from bilag.client_cli._contacts import contacts, entries, files
from bilag.client_cli._import import import_group
from bilag.client_cli._ledger import ledger
from bilag.client_cli._login import login, logout, orgs
from bilag.client_cli._runtime import Runtime, pass_runtime
from bilag.client_cli._shell import ClientGroup
from bilag.client_cli._vouchers import manual, vouchers

__all__ = ["Runtime", "main"]


@click.group(cls=ClientGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--base-url",
    envvar="BILAG_CLIENT_BASE_URL",
    help="A bilag server, e.g. http://127.0.0.1:8000 [default: Dinero's own URLs].",
)
@click.option("--client-id", envvar="BILAG_CLIENT_ID", help="Your application's client id.")
@click.option("--client-secret", envvar="BILAG_CLIENT_SECRET", help="Its client secret.")
@click.option(
    "--api-key",
    envvar="BILAG_CLIENT_API_KEY",
    help="Use an organization's API key (the legacy grant) instead of the login's tokens.",
)
@click.option(
    "--token-file",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="BILAG_CLIENT_TOKEN_FILE",
    help="[default: ~/.config/bilag-client/tokens.json]",
)
@click.version_option(package_name="bilag")
@pass_runtime
def main(
    runtime: Runtime,
    base_url: str | None,
    client_id: str | None,
    client_secret: str | None,
    api_key: str | None,
    token_file: Path | None,
) -> None:
    """bilag-client: the Dinero API (or a bilag server) from the command line.

    Start with `bilag-client login`; it remembers the server, the application and a default
    organization beside the token file. Add --json to any command for machine-readable output.
    """
    runtime.configure(token_file, base_url, client_id, client_secret, api_key)


for command in (
    login,
    logout,
    orgs,
    contacts,
    vouchers,
    manual,
    ledger,
    files,
    entries,
    import_group,
):
    main.add_command(command)
