"""Ledger items in bulk: adding a whole request's items, and finding many by id, in a few
statements whatever their number."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session, selectinload

from bilag.storage.journal import BOOKED, DRAFT, PENDING, new_timestamp
from bilag.storage.ledger_items import KIND, ItemContent, line_values
from bilag.storage.models import Voucher, VoucherLine, utcnow

_VOUCHERS = cast(Table, Voucher.__table__)
_LINES = cast(Table, VoucherLine.__table__)
_IN_CHUNK = 500  # ids per `IN (...)`, well within every database's limit of parameters


@dataclass(frozen=True)
class AddedItem:
    """What a new draft's answer and its file attachment need."""

    guid: str
    organization_id: int
    timestamp: str
    file_guid: str | None


def add_items(
    session: Session, organization_id: int, contents: Sequence[ItemContent]
) -> list[AddedItem]:
    """New drafts, inserted with one statement for the items and one for their lines."""
    now = utcnow()
    rows: list[dict[str, Any]] = [
        {
            "guid": content.guid or str(uuid.uuid4()),
            "organization_id": organization_id,
            "kind": KIND,
            "status": DRAFT,
            "voucher_date": content.voucher_date,
            "requested_number": content.requested_number,
            "timestamp": new_timestamp(),
            "file_guid": content.file_guid,
            "created_at": now + timedelta(microseconds=index),  # keeps the ledger's order
            "updated_at": now,
        }
        for index, content in enumerate(contents)
    ]
    if not rows:
        return []
    session.execute(insert(_VOUCHERS), rows)
    lines = [
        {**line_values(line, position), "voucher_guid": row["guid"]}
        for row, content in zip(rows, contents, strict=True)
        for position, line in enumerate(content.lines)
    ]
    if lines:
        session.execute(insert(_LINES), lines)
    return [
        AddedItem(row["guid"], organization_id, row["timestamp"], row["file_guid"]) for row in rows
    ]


def find_items(
    session: Session, organization_id: int, guids: Sequence[str], *, with_lines: bool = False
) -> dict[str, Voucher]:
    """The organization's ledger items among these ids, draft, pending or booked (not deleted),
    keyed by lower-case id; one query, a few for thousands of ids."""
    wanted = sorted({guid.lower() for guid in guids})
    found: dict[str, Voucher] = {}
    for start in range(0, len(wanted), _IN_CHUNK):
        query = select(Voucher).where(
            Voucher.guid.in_(wanted[start : start + _IN_CHUNK]),
            Voucher.organization_id == organization_id,
            Voucher.kind == KIND,
            Voucher.status.in_((DRAFT, PENDING, BOOKED)),
        )
        if with_lines:
            query = query.options(selectinload(Voucher.lines))
        found.update((item.guid, item) for item in session.scalars(query))
    return found


def guids_in_use(session: Session, guids: Sequence[str]) -> set[str]:
    """Which of these ids any voucher has, of any organization or kind."""
    wanted = sorted({guid.lower() for guid in guids})
    used: set[str] = set()
    for start in range(0, len(wanted), _IN_CHUNK):
        chunk = wanted[start : start + _IN_CHUNK]
        used.update(session.scalars(select(Voucher.guid).where(Voucher.guid.in_(chunk))))
    return used
