"""Postings written as text tables: one `account  amount  [vat code]` per line."""

from __future__ import annotations

from decimal import Decimal

from bilag.ledger.entries import Posting


def postings(table: str) -> list[tuple[int, Decimal, str | None]]:
    rows = []
    for line in table.strip().splitlines():
        parts = line.split()
        rows.append((int(parts[0]), Decimal(parts[1]), parts[2] if len(parts) > 2 else None))
    return rows


def as_rows(posted: tuple[Posting, ...]) -> list[tuple[int, Decimal, str | None]]:
    return [(posting.account, posting.amount, posting.vat_code) for posting in posted]
