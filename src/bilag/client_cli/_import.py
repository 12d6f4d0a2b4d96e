"""`import ledger FILE.csv`: a bank statement booked as kassekladde lines.

Each statement line becomes one item: its amount on the bank account (`--account`), balanced on
`--contra-account`. Everything is checked first (the file, the drafts, and that both accounts
exist); only then are the items added in batches of up to 1000, booked, and followed until Dinero
has booked them. The SDK's rate limiter paces the calls.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from bilag.client import Books, JournalLine, LedgerItemDraft, LedgerItemStatus
from bilag.client_cli._ledger import book_and_follow
from bilag.client_cli._output import show_record, stderr
from bilag.client_cli._runtime import Runtime, pass_runtime
from bilag.client_cli._shell import books_command
from bilag.client_cli._statement import StatementError, StatementLine, read_statement
from bilag.client_cli._vouchers import FILE

MAX_BATCH = 1000


def drafts_for(
    lines: Sequence[StatementLine], account: int, contra: int, vat_code: str | None
) -> list[LedgerItemDraft]:
    drafts = [
        LedgerItemDraft(
            line.date,
            [
                JournalLine(
                    line.amount,
                    account_number=account,
                    balancing_account_number=contra,
                    description=line.text or None,
                    balancing_account_vat_code=vat_code,
                )
            ],
            id=str(uuid.uuid4()),
        )
        for line in lines
    ]
    problems = [
        p for line, d in zip(lines, drafts, strict=True) for p in d.problems(f"line {line.line}")
    ]
    if problems:
        raise StatementError(problems)
    return drafts


def check_accounts(books: Books, *numbers: int) -> None:
    known = {a.account_number for a in books.accounts.entry()}
    known |= {a.account_number for a in books.accounts.deposit()}
    unknown = [str(number) for number in numbers if number not in known]
    if unknown:
        raise click.ClickException(
            f"the organization has no account {' or '.join(unknown)}; nothing was added"
        )


def import_items(
    books: Books, drafts: Sequence[LedgerItemDraft], batch_size: int, timeout: float
) -> list[LedgerItemStatus]:
    """Add, book and follow each batch before the next: the kassekladde holds at most 1000
    unbooked items."""
    done: list[LedgerItemStatus] = []
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=stderr()) as progress:
        added = progress.add_task("Added ", total=len(drafts))
        booked = progress.add_task("Booked", total=len(drafts))
        for start in range(0, len(drafts), batch_size):
            refs = books.ledger.add_many(drafts[start : start + batch_size])
            progress.advance(added, len(refs))
            offset = len(done)

            def show(count: int, offset: int = offset) -> None:
                progress.update(booked, completed=offset + count)

            done += book_and_follow(books, refs, timeout=timeout, booked=show)
    return done


@click.group("import")
def import_group() -> None:
    """Import files into the books."""


@import_group.command("ledger")
@click.argument("csv_file", type=FILE)
@click.option("--account", type=int, required=True, help="The bank account, e.g. 55000.")
@click.option(
    "--contra-account",
    type=int,
    required=True,
    help="Balances every line, e.g. a suspense account to reconcile from.",
)
@click.option("--contra-vat-code", help="VAT code on the contra account [default: none].")
@click.option(
    "--batch-size", type=click.IntRange(1, MAX_BATCH), default=MAX_BATCH, show_default=True
)
@click.option("--timeout", type=float, default=300.0, show_default=True, help="Per batch.")
@books_command
@pass_runtime
def import_ledger(
    runtime: Runtime,
    csv_file: Path,
    account: int,
    contra_account: int,
    contra_vat_code: str | None,
    batch_size: int,
    timeout: float,
    organization: int | None,
    as_json: bool,
) -> None:
    """Book a bank statement (CSV: date, text, amount) as kassekladde lines.

    Danish exports (`25-11-2026;Netto;-125,50`) and plain CSV (`2026-11-25,Netto,-125.50`) are
    both read. Every line is checked before anything is sent.
    """
    lines = read_statement(csv_file.read_bytes())
    drafts = drafts_for(lines, account, contra_account, contra_vat_code)
    with runtime.client() as client:
        books = client.books(runtime.organization(organization))
        check_accounts(books, account, contra_account)
        statuses = import_items(books, drafts, batch_size, timeout)
    numbers = [s.voucher_number for s in statuses if s.voucher_number is not None]
    by_id = {status.id: status for status in statuses}
    items = [
        {
            "line": line.line,
            "id": draft.id,
            "status": by_id[str(draft.id)].status,
            "voucher_number": by_id[str(draft.id)].voucher_number,
        }
        for line, draft in zip(lines, drafts, strict=True)
    ]
    summary = {
        "lines": len(lines),
        "booked": sum(s.status == "Booked" for s in statuses),
        "first_voucher": min(numbers, default=None),
        "last_voucher": max(numbers, default=None),
        "total": sum((line.amount for line in lines), start=lines[0].amount * 0),
    }
    if as_json:
        show_record({**summary, "items": items}, as_json=True)
    else:
        show_record(summary, as_json=False, title=f"Imported {csv_file.name}")
