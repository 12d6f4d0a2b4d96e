"""Ledger items (kassekladde): vouchers of kind "ledger_item" waiting in the organization's ledger.

An item is a draft until `book` sends it to booking: then it is PENDING, and every item of that
batch carries the same new `timestamp` (its Version), which is what ties the batch together for
the booker. Its lines keep their own ids (`line_guid`); a line that pays a credit purchase has no
account and names the purchase in `payment_for_voucher`.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from bilag.ledger.accounts import Account
from bilag.ledger.chart import CREDITORS_ACCOUNT
from bilag.ledger.errors import InvalidAccount, InvalidAmount, LedgerError
from bilag.ledger.money import ZERO, from_ore, to_ore
from bilag.ledger.posting import BalancedLine, Posted, post_balanced_lines
from bilag.storage.journal import DRAFT, PENDING, new_timestamp
from bilag.storage.models import Organization, Voucher, VoucherLine, utcnow

KIND = "ledger_item"
MAX_UNBOOKED = 1000


@dataclass(frozen=True)
class ItemLine:
    amount: Decimal
    account: int | None = None
    balancing_account: int | None = None
    account_vat_code: str | None = None
    balancing_vat_code: str | None = None
    description: str = ""
    line_guid: str | None = None
    payment_for: str | None = None


@dataclass(frozen=True)
class ItemContent:
    voucher_date: date | None
    lines: Sequence[ItemLine]
    requested_number: int | None = None
    file_guid: str | None = None
    guid: str | None = None  # a client-chosen Id on create


def lock_organization(session: Session, organization_id: int) -> None:
    """Serialize ledger changes of one organization (SQLite's BEGIN IMMEDIATE already does)."""
    session.execute(
        select(Organization.id).where(Organization.id == organization_id).with_for_update()
    )


def unbooked_count(session: Session, organization_id: int) -> int:
    found = session.scalar(
        select(func.count())
        .select_from(Voucher)
        .where(
            Voucher.organization_id == organization_id,
            Voucher.kind == KIND,
            Voucher.status.in_((DRAFT, PENDING)),
        )
    )
    return int(found or 0)


def _line_rows(lines: Sequence[ItemLine]) -> list[VoucherLine]:
    return [VoucherLine(**line_values(line, position)) for position, line in enumerate(lines)]


def item_lines(item: Voucher) -> list[ItemLine]:
    return [
        ItemLine(
            amount=from_ore(row.amount_ore),
            account=row.account_number,
            balancing_account=row.balancing_account_number,
            account_vat_code=row.account_vat_code,
            balancing_vat_code=row.balancing_vat_code,
            description=row.description,
            line_guid=row.line_guid,
            payment_for=row.payment_for_voucher,
        )
        for row in item.lines
    ]


def line_values(line: ItemLine, position: int) -> dict[str, Any]:
    return {
        "position": position,
        "description": line.description,
        "amount_ore": to_ore(line.amount),
        "account_number": line.account,
        "balancing_account_number": line.balancing_account,
        "account_vat_code": line.account_vat_code,
        "balancing_vat_code": line.balancing_vat_code,
        "line_guid": line.line_guid or str(uuid.uuid4()),
        "payment_for_voucher": line.payment_for,
        "account_tag_name": None,
    }


def replace_item(session: Session, item: Voucher, content: ItemContent) -> None:
    """Give a draft new content and a new Version; the caller has checked the old one."""
    item.voucher_date = content.voucher_date
    item.requested_number = content.requested_number
    item.file_guid = content.file_guid
    item.timestamp = new_timestamp()
    item.updated_at = utcnow()
    item.lines = []
    session.flush()
    item.lines = _line_rows(content.lines)
    session.flush()


def unbooked_items(session: Session, organization_id: int) -> list[Voucher]:
    return list(
        session.scalars(
            select(Voucher)
            .where(
                Voucher.organization_id == organization_id,
                Voucher.kind == KIND,
                Voucher.status.in_((DRAFT, PENDING)),
            )
            .order_by(Voucher.created_at, Voucher.guid)
            .options(selectinload(Voucher.lines))
        )
    )


def balanced_line(line: ItemLine) -> BalancedLine:
    """The line as the posting rules see it: a line with only a balancing account credits it,
    a payment line debits creditors against its balancing account."""
    if line.payment_for is not None:
        return BalancedLine(
            line.amount, CREDITORS_ACCOUNT, line.balancing_account, "none", "none", line.description
        )
    if line.account is None and line.balancing_account is not None:
        credit = -line.amount
        return BalancedLine(
            credit, line.balancing_account, None, line.balancing_vat_code, None, line.description
        )
    return BalancedLine(
        line.amount,
        line.account or 0,
        line.balancing_account,
        line.account_vat_code,
        line.balancing_vat_code,
        line.description,
    )


def line_problems(lines: Sequence[ItemLine]) -> list[LedgerError]:
    """What is wrong with the lines' shape, before any account is looked up."""
    problems: list[LedgerError] = []
    for index, line in enumerate(lines):
        where = f"Lines[{index}]"
        if line.payment_for is not None:
            if line.account is not None:
                message = f"{where}: a payment line (IsPaymentForVoucherId) has no AccountNumber."
                problems.append(InvalidAccount(message, f"{where}.AccountNumber"))
            if line.balancing_account is None:
                message = f"{where}: a payment line needs the BalancingAccountNumber it paid from."
                problems.append(InvalidAccount(message, f"{where}.BalancingAccountNumber"))
            if line.amount <= ZERO:
                message = f"{where}: a payment's Amount must be positive."
                problems.append(InvalidAmount(message, f"{where}.Amount"))
            for code, name in (
                (line.account_vat_code, "AccountVatCode"),
                (line.balancing_vat_code, "BalancingAccountVatCode"),
            ):
                if code is not None and code.lower() != "none":
                    message = f"{where}: a payment line carries no VAT."
                    problems.append(InvalidAccount(message, f"{where}.{name}"))
        elif line.account is None and line.balancing_account is None:
            message = f"{where} needs an AccountNumber, a BalancingAccountNumber or both."
            problems.append(InvalidAccount(message, f"{where}.AccountNumber"))
    return problems


def post_item(lines: Sequence[ItemLine], chart: Mapping[int, Account]) -> Posted:
    """The item's postings, or every problem found; the item as a whole must balance."""
    shape = line_problems(lines)
    if shape:
        return Posted((), tuple(shape))
    return post_balanced_lines([balanced_line(line) for line in lines], chart)
