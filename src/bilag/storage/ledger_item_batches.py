"""Sending ledger items to booking: checking a whole batch, then marking it PENDING.

Inside the caller's write transaction, `claimable_items` and `booking_problems` find everything
that would stop the batch, and `mark_pending` gives every item of it one shared new Version, or
nothing changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from bilag.ledger.accounts import Account
from bilag.ledger.errors import (
    InvalidAccount,
    LedgerError,
    VersionConflict,
    VoucherNumberTaken,
)
from bilag.ledger.years import AccountingYear, year_for_booking
from bilag.storage.chart import SessionLedger, list_years
from bilag.storage.journal import (
    BOOKED,
    DRAFT,
    PENDING,
    BookedBy,
    VoucherNotDraft,
    new_timestamp,
)
from bilag.storage.ledger_item_bulk import find_items
from bilag.storage.ledger_items import KIND, item_lines, post_item
from bilag.storage.models import Voucher, utcnow

_VOUCHERS = cast(Table, Voucher.__table__)


class LedgerItemNotFound(LookupError):
    def __init__(self, guid: str, field: str) -> None:
        super().__init__(f"No ledger item with Id '{guid}' was found.")
        self.guid = guid
        self.field = field


@dataclass(frozen=True)
class BookRequest:
    guid: str
    version: str | None


def chart_of(session: Session, organization_id: int) -> dict[int, Account]:
    return {a.number: a for a in SessionLedger(session).list_accounts(organization_id)}


def _prefixed(problem: LedgerError, prefix: str) -> LedgerError:
    return replace(problem, field=f"{prefix}.{problem.field}" if problem.field else prefix)


def claimable_items(
    session: Session, organization_id: int, requests: Sequence[BookRequest]
) -> tuple[list[Voucher], list[LedgerError]]:
    """The drafts asked for at their Versions; 404 for unknown ids, 45 or 58 problems else."""
    items: list[Voucher] = []
    problems: list[LedgerError] = []
    found = find_items(session, organization_id, [r.guid for r in requests], with_lines=True)
    for index, wanted in enumerate(requests):
        item = found.get(wanted.guid.lower())
        if item is None:
            raise LedgerItemNotFound(wanted.guid, f"[{index}].Id")
        items.append(item)
        version = (wanted.version or "").strip().upper()
        if not version or version != item.timestamp:
            message = f"[{index}].Version is missing or out of date; read the item's status again."
            problems.append(VersionConflict(message, f"[{index}].Version"))
        elif item.status != DRAFT:
            state = "booked" if item.status == BOOKED else "already sent to booking"
            message = f"Ledger item {item.guid} is {state}."
            problems.append(VoucherNotDraft(message, f"[{index}].Id"))
    problems.sort(key=lambda problem: not isinstance(problem, VersionConflict))
    return items, problems


def payment_target_problem(session: Session, organization_id: int, guid: str) -> str | None:
    target = session.get(Voucher, guid.lower())
    if target is None or target.organization_id != organization_id:
        return f"No purchase voucher with Id '{guid}' was found."
    if target.kind != "purchase" or target.purchase_type != "credit" or target.status != BOOKED:
        return f"'{guid}' is not a booked credit purchase voucher."
    return None


def _pending_numbers(session: Session, organization_id: int) -> list[tuple[int, date]]:
    """The numbers asked for by items already sent to booking, with their dates."""
    rows = session.execute(
        select(Voucher.requested_number, Voucher.voucher_date).where(
            Voucher.organization_id == organization_id,
            Voucher.kind == KIND,
            Voucher.status == PENDING,
            Voucher.requested_number.is_not(None),
        )
    )
    return [(n, day) for n, day in rows if n is not None and day is not None]


def _booked_numbers(
    session: Session, organization_id: int, numbers: set[int]
) -> set[tuple[date, int]]:
    """(year, number) of the vouchers already holding one of these numbers."""
    if not numbers:
        return set()
    rows = session.execute(
        select(Voucher.year_from, Voucher.number).where(
            Voucher.organization_id == organization_id, Voucher.number.in_(sorted(numbers))
        )
    )
    return {(year_from, number) for year_from, number in rows if year_from and number}


def booking_problems(
    session: Session, organization_id: int, items: Sequence[Voucher]
) -> list[LedgerError]:
    """Everything that would stop these drafts from being booked together, in order."""
    chart = chart_of(session, organization_id)
    years = list(list_years(session, organization_id))
    requested = {item.requested_number for item in items if item.requested_number is not None}
    taken = _booked_numbers(session, organization_id, requested)
    pending = _pending_numbers(session, organization_id) if requested else []
    asked: dict[tuple[object, int], int] = {}
    problems: list[LedgerError] = []
    for index, item in enumerate(items):
        prefix = f"[{index}]"
        lines = item_lines(item)
        if not lines:
            message = f"{prefix}: a ledger item needs at least one line to be booked."
            problems.append(LedgerError(message, f"{prefix}.Lines"))
        problems.extend(_prefixed(p, prefix) for p in post_item(lines, chart).problems)
        for position, line in enumerate(lines):
            found = line.payment_for and payment_target_problem(
                session, organization_id, line.payment_for
            )
            if found:
                field = f"{prefix}.Lines[{position}].IsPaymentForVoucherId"
                problems.append(InvalidAccount(found, field))
        if item.voucher_date is None:
            message = f"{prefix}.VoucherDate is required to book the item."
            problems.append(LedgerError(message, f"{prefix}.VoucherDate"))
            continue
        try:
            booking = year_for_booking(years, item.voucher_date)
        except LedgerError as problem:
            problems.append(_prefixed(problem, prefix))
            continue
        if booking.created:
            years.append(booking.year)
        number = item.requested_number
        if number is None:
            continue
        key = (booking.year.from_date, number)
        if key in asked or key in taken or _pending_in(pending, booking.year, number):
            message = f"Voucher number {number} is already used in this accounting year."
            problems.append(VoucherNumberTaken(message, f"{prefix}.VoucherNumber"))
        asked[key] = index
    return problems


def _pending_in(pending: list[tuple[int, date]], year: AccountingYear, number: int) -> bool:
    return any(n == number and year.contains(day) for n, day in pending)


def mark_pending(session: Session, items: Sequence[Voucher], booked_by: BookedBy) -> str:
    """Every item becomes PENDING under one new Version, if each is still the draft it was."""
    version = new_timestamp()
    if not items:
        return version
    table = _VOUCHERS
    statement = (
        update(table)
        .where(
            table.c.guid == bindparam("b_guid"),
            table.c.timestamp == bindparam("b_timestamp"),
            table.c.status == DRAFT,
        )
        .values(
            status=PENDING,
            timestamp=version,
            updated_at=utcnow(),
            booked_by_type=booked_by.type,
            booked_by_client=booked_by.client_id,
            booked_by_user=booked_by.username,
        )
    )
    rows = [{"b_guid": item.guid, "b_timestamp": item.timestamp} for item in items]
    changed = session.connection().execute(statement, rows)
    if changed.rowcount != len(rows):
        raise VersionConflict("The ledger item changed meanwhile.", "Version")
    return version
