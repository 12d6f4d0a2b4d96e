"""`bilag outbox`: what an organization sent (e-mail, SMS, e-invoice) and where each send stands.

bilag does not pretend to deliver: without BILAG_SMTP_URL e-mails stay Pending here, and SMS and
e-invoices always do. `--show ID` prints one send in full (an e-invoice's XML included).
"""

from __future__ import annotations

import json

import click
from rich import box
from rich.markup import escape
from rich.table import Table

from bilag.cli._shell import console, load_settings, open_database
from bilag.storage.mailouts import PENDING, SENDING, outbox
from bilag.storage.models import Mailout


def _document(mailout: Mailout) -> dict[str, object]:
    return {
        "id": mailout.id,
        "created_at": mailout.created_at.isoformat(timespec="seconds"),
        "document_guid": mailout.document_guid,
        "type": mailout.type,
        "channel": mailout.channel,
        "status": PENDING if mailout.status == SENDING else mailout.status,
        "sender": mailout.sender,
        "receiver": mailout.receiver,
        "subject": mailout.subject,
        "message": mailout.message,
        "error": mailout.delivery_error,
        "attachment": mailout.payload_type,
    }


@click.command("outbox")
@click.option("--org", "organization_id", type=int, required=True, help="Organization id.")
@click.option("--limit", type=click.IntRange(1, 1000), default=50, show_default=True)
@click.option("--show", "show_id", type=int, help="Print one send in full.")
@click.option("--json", "as_json_output", is_flag=True, help="Print the sends as JSON.")
def outbox_command(
    organization_id: int, limit: int, show_id: int | None, as_json_output: bool
) -> None:
    """The organization's sends, newest first: e-mails, SMS and e-invoices."""
    settings = load_settings()
    with open_database(settings) as database, database.read() as session:
        sends = outbox(session, organization_id, limit if show_id is None else 1000)
        if show_id is not None:
            found = next((mailout for mailout in sends if mailout.id == show_id), None)
            if found is None:
                raise click.ClickException(f"organization {organization_id} has no send {show_id}")
            click.echo(json.dumps(_document(found), indent=2, ensure_ascii=False))
            if found.payload is not None and found.payload_type == "application/xml":
                click.echo(found.payload.decode())
            return
        documents = [_document(mailout) for mailout in sends]
    if as_json_output:
        click.echo(json.dumps(documents, indent=2, ensure_ascii=False))
        return
    if not documents:
        click.echo(f"Organization {organization_id} has sent nothing yet.")
        return
    table = Table(box=box.SIMPLE, title="Outbox", title_justify="left")
    for column in ("id", "created_at", "type", "channel", "status", "receiver", "subject"):
        table.add_column(column)
    for document in documents:
        table.add_row(*(escape(str(document[key] or "")) for key in (
            "id", "created_at", "type", "channel", "status", "receiver", "subject"
        )))  # fmt: skip
    console().print(table)
