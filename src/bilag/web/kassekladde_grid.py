"""The kassekladde as the grid shows it: one row per line of an unbooked ledger item, and the
balance of each voucher (item) and of the whole ledger.

A line with both an account and a balancing account balances itself; a line with only an
account adds its amount to the voucher's difference, one with only a balancing account (or
paying a purchase from it) subtracts it, since its amount is credited there. A voucher can be
booked when its difference is zero.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, selectinload

from bilag.ledger.money import ZERO
from bilag.storage.journal import BOOKED, DRAFT, PENDING
from bilag.storage.ledger_items import KIND, ItemLine, item_lines, unbooked_items
from bilag.storage.models import Voucher


@dataclass(frozen=True)
class GridRow:
    item_id: str
    version: str
    line_id: str
    pending: bool
    voucher_date: date | None
    voucher_number: int | None
    file_guid: str | None
    line: ItemLine
    first_of_item: bool


@dataclass(frozen=True)
class VoucherBalance:
    item_id: str
    voucher_number: int | None
    voucher_date: date | None
    difference: Decimal

    @property
    def balanced(self) -> bool:
        return self.difference == ZERO


@dataclass(frozen=True)
class Ledger:
    rows: list[GridRow]
    balances: list[VoucherBalance]
    drafts: list[tuple[str, str]]  # (Id, Version) of every draft item, in ledger order
    pending: int

    @property
    def total(self) -> Decimal:
        return sum((balance.difference for balance in self.balances), ZERO)

    @property
    def fingerprint(self) -> str:
        """Names the drafts at their Versions, so "book all" books what the user saw."""
        return ledger_fingerprint(self.drafts)


def ledger_fingerprint(drafts: Sequence[tuple[str, str]]) -> str:
    text = ";".join(f"{item_id}:{version}" for item_id, version in drafts)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def line_difference(line: ItemLine) -> Decimal:
    """What the line leaves for other lines of its voucher to balance."""
    if line.balancing_account is not None and (line.account is not None or line.payment_for):
        return ZERO
    if line.account is not None:
        return line.amount
    if line.balancing_account is not None:
        return -line.amount
    return line.amount


def read_ledger(session: Session, organization_id: int) -> Ledger:
    rows: list[GridRow] = []
    balances: list[VoucherBalance] = []
    drafts: list[tuple[str, str]] = []
    pending = 0
    for item in unbooked_items(session, organization_id):
        lines = item_lines(item)
        is_pending = item.status == PENDING
        if is_pending:
            pending += 1
        else:
            drafts.append((item.guid, item.timestamp))
        for position, line in enumerate(lines):
            rows.append(
                GridRow(
                    item_id=item.guid,
                    version=item.timestamp,
                    line_id=line.line_guid or "",
                    pending=is_pending,
                    voucher_date=item.voucher_date,
                    voucher_number=item.requested_number,
                    file_guid=item.file_guid,
                    line=line,
                    first_of_item=position == 0,
                )
            )
        difference = sum((line_difference(line) for line in lines), ZERO)
        balances.append(
            VoucherBalance(item.guid, item.requested_number, item.voucher_date, difference)
        )
    return Ledger(rows, balances, drafts, pending)


def get_draft_with_number(session: Session, organization_id: int, number: int) -> Voucher | None:
    """The draft in the ledger that asks for this voucher number, which a new line joins."""
    return session.scalars(
        select(Voucher)
        .where(
            Voucher.organization_id == organization_id,
            Voucher.kind == KIND,
            Voucher.status == DRAFT,
            Voucher.requested_number == number,
        )
        .order_by(Voucher.created_at, Voucher.guid)
        .options(selectinload(Voucher.lines))
        .limit(1)
    ).first()


def get_item(session: Session, organization_id: int, item_id: str) -> Voucher | None:
    item = session.get(Voucher, item_id.lower())
    if item is None or item.organization_id != organization_id or item.kind != KIND:
        return None
    return item


@dataclass(frozen=True)
class BookingItem:
    item_id: str
    voucher_date: date | None
    description: str


def last_booking(session: Session, organization_id: int) -> list[BookingItem]:
    """The items waiting to be booked and those of the latest batch booked, in ledger order."""
    mine = (Voucher.organization_id == organization_id, Voucher.kind == KIND)
    latest = session.scalar(
        select(func.max(Voucher.booked_at)).where(*mine, Voucher.status == BOOKED)
    )
    shown = Voucher.status == PENDING
    if latest is not None:
        shown = or_(shown, (Voucher.status == BOOKED) & (Voucher.booked_at == latest))
    found = session.scalars(
        select(Voucher)
        .where(*mine, shown)
        .order_by(Voucher.created_at, Voucher.guid)
        .options(selectinload(Voucher.lines))
    )
    return [
        BookingItem(
            item.guid, item.voucher_date, "; ".join(line.description for line in item.lines)
        )
        for item in found
    ]
