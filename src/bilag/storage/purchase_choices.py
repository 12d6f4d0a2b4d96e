"""What the purchase-voucher template offers to choose from: the organization's expense accounts
(the ones its purchase vouchers use most first), the accounts a purchase can be paid from, and
its contacts."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bilag.ledger.accounts import Account
from bilag.storage.chart import chart_accounts
from bilag.storage.journal import DELETED
from bilag.storage.models import Contact, Voucher, VoucherLine
from bilag.storage.purchases import PURCHASE

MAX_CONTACTS = 1000


@dataclass(frozen=True)
class ContactChoice:
    guid: str
    name: str


def expense_accounts(session: Session, organization_id: int) -> list[tuple[Account, int]]:
    """Each visible expense account with how many purchase voucher lines use it; most used
    first, then by number."""
    used = dict(
        session.execute(
            select(VoucherLine.account_number, func.count())
            .join(Voucher, Voucher.guid == VoucherLine.voucher_guid)
            .where(
                Voucher.organization_id == organization_id,
                Voucher.kind == PURCHASE,
                Voucher.status != DELETED,
                VoucherLine.account_number.is_not(None),
            )
            .group_by(VoucherLine.account_number)
        ).all()
    )
    accounts = [
        (account, int(used.get(account.number, 0)))
        for account in chart_accounts(session, organization_id)
        if account.is_purchase and not account.is_hidden
    ]
    return sorted(accounts, key=lambda pair: (-pair[1], pair[0].number))


def deposit_accounts(session: Session, organization_id: int) -> list[Account]:
    """The accounts a cash purchase can be paid from, the default one first."""
    found = [
        account
        for account in chart_accounts(session, organization_id)
        if account.is_deposit and not account.is_hidden
    ]
    return sorted(found, key=lambda account: (not account.is_default_deposit, account.number))


def contact_choices(session: Session, organization_id: int) -> list[ContactChoice]:
    """The organization's live contacts by name (at most MAX_CONTACTS)."""
    rows = session.execute(
        select(Contact.guid, Contact.name)
        .where(Contact.organization_id == organization_id, Contact.deleted_at.is_(None))
        .order_by(func.lower(Contact.name), Contact.guid)
        .limit(MAX_CONTACTS)
    )
    return [ContactChoice(guid, name) for guid, name in rows]
