"""`bilag usage`: API responses per client and organization, by status."""

from __future__ import annotations

import json
from collections import defaultdict

import click
from rich import box
from rich.markup import escape
from rich.table import Table
from sqlalchemy import select

from bilag.cli._shell import console, load_settings, open_database
from bilag.storage.models import UsageCounter

STATUSES = ("2xx", "400", "401", "403", "429", "5xx")
OTHER = "other"

UsageRows = dict[tuple[str, int], dict[str, int]]


def read_usage(rows: list[tuple[str, int, str, int]]) -> UsageRows:
    """Counts per (client id, organization id), one entry per status column."""
    usage: UsageRows = defaultdict(lambda: dict.fromkeys((*STATUSES, OTHER), 0))
    for client_id, organization_id, status, count in rows:
        usage[(client_id, organization_id)][status if status in STATUSES else OTHER] += count
    return dict(sorted(usage.items()))


@click.command()
@click.option("--json", "as_json_output", is_flag=True, help="Print the counts as JSON.")
def usage(as_json_output: bool) -> None:
    """How the API answered each client for each organization: 2xx, 400, 401, 403, 429, 5xx.

    Dinero takes action against clients that cause many 400, 401, 403 or 429 responses; this
    is where an operator sees them. Requests without a valid token count under client `-`.
    """
    settings = load_settings()
    with open_database(settings) as database, database.read() as session:
        rows = session.execute(
            select(
                UsageCounter.client_id,
                UsageCounter.organization_id,
                UsageCounter.status,
                UsageCounter.count,
            )
        ).all()
    counts = read_usage([tuple(row) for row in rows])  # type: ignore[misc]
    if as_json_output:
        click.echo(json.dumps(_as_documents(counts), indent=2))
        return
    if not counts:
        click.echo("No API responses have been counted yet.")
        return
    table = Table(box=box.SIMPLE, title="API responses", title_justify="left")
    table.add_column("client")
    table.add_column("organization", justify="right")
    show_other = any(by_status[OTHER] for by_status in counts.values())
    for status in (*STATUSES, *((OTHER,) if show_other else ())):
        table.add_column(status, justify="right")
    table.add_column("total", justify="right")
    for (client_id, organization_id), by_status in counts.items():
        shown = [str(by_status[status]) for status in STATUSES]
        if show_other:
            shown.append(str(by_status[OTHER]))
        organization = str(organization_id) if organization_id else "-"
        table.add_row(escape(client_id), organization, *shown, str(sum(by_status.values())))
    console().print(table)


def _as_documents(counts: UsageRows) -> list[dict[str, object]]:
    return [
        {"client_id": client_id, "organization_id": organization_id or None, "counts": by_status}
        for (client_id, organization_id), by_status in counts.items()
    ]
