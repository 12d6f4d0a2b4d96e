"""`import ledger FILE.csv`: a bank statement booked as kassekladde lines.

Each statement line becomes one item: its amount on the bank account (`--account`), balanced on
`--contra-account`. Everything is checked first (the file, the drafts, and that both accounts
exist); only then are the items added in batches of up to 1000, booked, and followed until Dinero
has booked them. The SDK's rate limiter paces the calls.

A line's item id is derived from the organization, the bank account, the line's date, text and
amount, and how many identical lines come before it in the file. Importing a statement again, or
one that overlaps it, therefore adds only the lines not imported before; those that were are
skipped (and booked now if an interrupted import left them unbooked).
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from bilag.client import (
    Books,
    DineroError,
    JournalLine,
    LedgerItemDraft,
    LedgerItemRef,
    LedgerItemStatus,
)
from bilag.client_cli._ledger import book_and_follow
from bilag.client_cli._output import show_record, stderr
from bilag.client_cli._runtime import Runtime, pass_runtime
from bilag.client_cli._shell import books_command
from bilag.client_cli._statement import StatementError, StatementLine, read_statement
from bilag.client_cli._vouchers import FILE

MAX_BATCH = 1000
LINE_IDS = uuid.UUID("5d0f7a52-3c1e-4b8e-9a57-6b1f0f2d8c11")  # the namespace of the uuid5 ids
DRAFT, BOOKED = "Draft", "Booked"


def line_ids(lines: Sequence[StatementLine], organization: int, account: int) -> list[str]:
    """The same bank line gets the same id on every import."""
    seen: Counter[tuple[str, str, str]] = Counter()
    ids = []
    for line in lines:
        key = (line.date.isoformat(), line.text, f"{line.amount:.2f}")
        seen[key] += 1
        name = "|".join((str(organization), str(account), *key, str(seen[key])))
        ids.append(str(uuid.uuid5(LINE_IDS, name)))
    return ids


def drafts_for(
    lines: Sequence[StatementLine],
    ids: Sequence[str],
    account: int,
    contra: int,
    vat_code: str | None,
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
            id=item_id,
        )
        for line, item_id in zip(lines, ids, strict=True)
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
) -> tuple[list[LedgerItemStatus], list[LedgerItemStatus]]:
    """Add, book and follow each batch before the next (the kassekladde holds at most 1000
    unbooked items): the statuses of the lines booked now, and of those imported before."""
    done: list[LedgerItemStatus] = []
    before: list[LedgerItemStatus] = []
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=stderr()) as progress:
        added = progress.add_task("Added ", total=len(drafts))
        booked = progress.add_task("Booked", total=len(drafts))
        for start in range(0, len(drafts), batch_size):
            batch = drafts[start : start + batch_size]
            refs, earlier = add_new(books, batch)
            progress.advance(added, len(batch))
            before += [status for status in earlier if status.status != DRAFT]
            offset = len(done) + len(before)
            progress.update(booked, completed=offset)

            def show(count: int, offset: int = offset) -> None:
                progress.update(booked, completed=offset + count)

            if refs:
                done += book_and_follow(books, refs, timeout=timeout, booked=show)
    return done, before


def add_new(
    books: Books, batch: Sequence[LedgerItemDraft]
) -> tuple[list[LedgerItemRef], list[LedgerItemStatus]]:
    """Add the items not imported before. Returns what to book (those added, and those an
    interrupted import left as drafts) and the statuses of the items that were there already."""
    try:
        return books.ledger.add_many(batch), []
    except DineroError as refused:
        known = ids_in_use(refused, batch)
        if not known:
            raise
    earlier = books.ledger.status(sorted(known))
    fresh = [draft for draft in batch if str(draft.id) not in known]
    refs = books.ledger.add_many(fresh) if fresh else []
    refs += [LedgerItemRef(s.id, s.version) for s in earlier if s.status == DRAFT]
    return refs, earlier


def ids_in_use(refused: DineroError, batch: Sequence[LedgerItemDraft]) -> set[str]:
    """The ids a refused add names as in use, if that is all it refuses (else none)."""
    problems = refused.validation_errors
    if refused.status != 400 or not problems:
        return set()
    known: set[str] = set()
    for key, message in problems.items():
        index = key.removeprefix("[").removesuffix("].Id")
        if not index.isdigit() or int(index) >= len(batch) or "already in use" not in message:
            return set()
        known.add(str(batch[int(index)].id))
    return known


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
    organization_id = runtime.organization(organization)
    ids = line_ids(lines, organization_id, account)
    drafts = drafts_for(lines, ids, account, contra_account, contra_vat_code)
    with runtime.client() as client:
        books = client.books(organization_id)
        check_accounts(books, account, contra_account)
        statuses, before = import_items(books, drafts, batch_size, timeout)
    numbers = [s.voucher_number for s in statuses if s.voucher_number is not None]
    by_id = {status.id: status for status in statuses + before}
    earlier = {status.id for status in before}
    items = [
        {
            "line": line.line,
            "id": draft.id,
            "status": by_id[str(draft.id)].status,
            "voucher_number": by_id[str(draft.id)].voucher_number,
            "imported_before": str(draft.id) in earlier,
        }
        for line, draft in zip(lines, drafts, strict=True)
    ]
    summary = {
        "lines": len(lines),
        "booked": sum(s.status == BOOKED for s in statuses),
        "imported_before": len(before),
        "first_voucher": min(numbers, default=None),
        "last_voucher": max(numbers, default=None),
        "total": sum((line.amount for line in lines), start=lines[0].amount * 0),
    }
    if as_json:
        show_record({**summary, "items": items}, as_json=True)
    else:
        show_record(summary, as_json=False, title=f"Imported {csv_file.name}")
