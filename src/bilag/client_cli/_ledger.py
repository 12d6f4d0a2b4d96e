"""`ledger add|book|status`: the kassekladde, which Dinero books in the background."""

from __future__ import annotations

import datetime
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from bilag.client import Books, LedgerItemDraft, LedgerItemRef, LedgerItemStatus
from bilag.client_cli._output import record, show_record, show_rows
from bilag.client_cli._runtime import Runtime, pass_runtime
from bilag.client_cli._shell import AMOUNT, DATE, books_command
from bilag.client_cli._vouchers import FILE, journal_line, journal_options

BOOKED = "Booked"
FIRST_POLL_SECONDS = 0.25  # doubling up to LAST_POLL_SECONDS: a long wait costs few calls
LAST_POLL_SECONDS = 4.0
STATUS_COLUMNS = (("id", "id"), ("status", "status"), ("voucher_number", "voucher"))


def book_and_follow(
    books: Books,
    refs: Sequence[LedgerItemRef],
    *,
    timeout: float,
    booked: Callable[[int], object] = lambda count: None,
) -> list[LedgerItemStatus]:
    """Send the items to booking and ask for their status until all are booked (or `timeout`
    seconds pass: then a ClickException says how many are still waiting)."""
    books.ledger.book(refs)
    deadline = time.monotonic() + timeout
    polls = 0
    while True:
        statuses = books.ledger.status(refs)
        done = sum(status.status == BOOKED for status in statuses)
        booked(done)
        if done == len(refs):
            return statuses
        if time.monotonic() > deadline:
            raise click.ClickException(
                f"{len(refs) - done} of {len(refs)} items were not booked within {timeout:.0f} s; "
                "follow them with `bilag-client ledger status`"
            )
        time.sleep(min(FIRST_POLL_SECONDS * 2**polls, LAST_POLL_SECONDS))
        polls += 1


@click.group()
def ledger() -> None:
    """The kassekladde: add lines, book them, follow their status."""


@ledger.command("add")
@click.option("--date", "voucher_date", type=DATE, help="[default: today]")
@click.option("--amount", type=AMOUNT, required=True, help="Booked on --account: -125.50")
@click.option("--description", "--text", "description", help="The line's text.")
@click.option("--voucher-number", type=int, help="[default: the next free one]")
@click.option("--file", "receipt", type=FILE, help="Upload and attach this receipt.")
@journal_options
@books_command
@pass_runtime
def add(
    runtime: Runtime,
    /,
    organization: int | None,
    as_json: bool,
    voucher_date: datetime.date | None,
    amount: Decimal,
    description: str | None,
    voucher_number: int | None,
    receipt: Path | None,
    **line: Any,
) -> None:
    """Add one line to the kassekladde as a draft; prints its id and version."""
    draft = LedgerItemDraft(
        voucher_date or datetime.date.today(),
        [journal_line(amount, description, line)],
        voucher_number=voucher_number,
    )
    with runtime.client() as client:
        books = client.books(runtime.organization(organization))
        if receipt is not None:
            ref = books.files.upload_and_attach(receipt.name, receipt.read_bytes(), draft)
        else:
            ref = books.ledger.add(draft)
    show_record(record(ref), as_json=as_json, title="Kassekladde line added")


@ledger.command("book")
@click.argument("ids", nargs=-1, required=True)
@click.option("--wait/--no-wait", default=True, show_default=True, help="Until they are booked.")
@click.option("--timeout", type=float, default=120.0, show_default=True, help="Seconds to wait.")
@books_command
@pass_runtime
def book(
    runtime: Runtime,
    ids: tuple[str, ...],
    wait: bool,
    timeout: float,
    organization: int | None,
    as_json: bool,
) -> None:
    """Book draft lines by id (their versions are read for you)."""
    with runtime.client() as client:
        books = client.books(runtime.organization(organization))
        current = books.ledger.status(list(ids))
        missing = set(ids) - {status.id for status in current}
        if missing:
            raise click.ClickException(f"no kassekladde line has the id {', '.join(missing)}")
        refs = [LedgerItemRef(status.id, status.version) for status in current]
        if wait:
            statuses = book_and_follow(books, refs, timeout=timeout)
        else:
            books.ledger.book(refs)
            statuses = books.ledger.status(refs)
    show_rows([record(s) for s in statuses], STATUS_COLUMNS, as_json=as_json, title="Kassekladde")


@ledger.command("status")
@click.argument("ids", nargs=-1, required=True)
@books_command
@pass_runtime
def status(runtime: Runtime, ids: tuple[str, ...], organization: int | None, as_json: bool) -> None:
    """Draft, PendingBooking or Booked, with the voucher number once booked."""
    with runtime.client() as client:
        statuses = client.books(runtime.organization(organization)).ledger.status(list(ids))
    show_rows([record(s) for s in statuses], STATUS_COLUMNS, as_json=as_json, title="Kassekladde")
