"""`bilag usage`: API responses per client and organization, by status."""

from __future__ import annotations

import json

import click
from rich import box
from rich.markup import escape
from rich.table import Table

from bilag.api.usage import UsageRow, usage_report
from bilag.cli._shell import console, load_settings, open_database

STATUSES = ("2xx", "400", "401", "403", "429", "5xx")
OTHER = "other"


def _columns(row: UsageRow) -> dict[str, int]:
    """The row's counts in the table's columns; every other status class goes to `other`."""
    columns = {status: row.counts.get(status, 0) for status in STATUSES}
    columns[OTHER] = row.total - sum(columns.values())
    return columns


@click.command()
@click.option("--json", "as_json_output", is_flag=True, help="Print the counts as JSON.")
def usage(as_json_output: bool) -> None:
    """How the API answered each client for each organization: 2xx, 400, 401, 403, 429, 5xx.

    Dinero takes action against clients that cause many 400, 401, 403 or 429 responses; this
    is where an operator sees them. Requests without a valid token count under client `-`.
    Counts come from Redis when BILAG_REDIS_URL is set, otherwise from the database.
    """
    settings = load_settings()
    with open_database(settings) as database:
        rows = usage_report(database, settings.redis_url)
    if as_json_output:
        documents = [
            {"client_id": r.client_id, "organization_id": r.organization_id, "counts": _columns(r)}
            for r in rows
        ]
        click.echo(json.dumps(documents, indent=2))
        return
    if not rows:
        click.echo("No API responses have been counted yet.")
        return
    table = Table(box=box.SIMPLE, title="API responses", title_justify="left")
    table.add_column("client")
    table.add_column("organization", justify="right")
    show_other = any(_columns(row)[OTHER] for row in rows)
    for status in (*STATUSES, *((OTHER,) if show_other else ())):
        table.add_column(status, justify="right")
    table.add_column("total", justify="right")
    for row in rows:
        columns = _columns(row)
        shown = [str(columns[status]) for status in STATUSES]
        if show_other:
            shown.append(str(columns[OTHER]))
        organization = str(row.organization_id) if row.organization_id else "-"
        table.add_row(escape(row.client_id), organization, *shown, str(row.total))
    console().print(table)
