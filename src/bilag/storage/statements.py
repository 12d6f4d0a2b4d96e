"""Reads a contact's state of account from the journal: the contact's entries on debtors and
creditors summed per voucher, the document each voucher belongs to (the invoice a payment,
reminder or credit note settles, the purchase a payment or purchase credit note settles) and how
far each such document is settled. `ledger.statements` does the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bilag.ledger.chart import CREDITORS_ACCOUNT, DEBTORS_ACCOUNT
from bilag.ledger.money import from_ore
from bilag.ledger.statements import Period, Settlement, Statement, StatementItem, build_statement
from bilag.storage.journal import BOOKED
from bilag.storage.models import (
    Contact,
    JournalEntry,
    PurchasePayment,
    Reminder,
    SalesDocument,
    SalesPayment,
    Voucher,
    VoucherLine,
)
from bilag.storage.sales_documents import CREDIT_NOTE
from bilag.storage.sales_payments import paid_totals

PURCHASE = "purchase"
PURCHASE_CREDIT_NOTE = "purchase_credit_note"


@dataclass(frozen=True)
class _VoucherSum:
    guid: str
    kind: str
    number: int
    day: date
    amount_ore: int
    description: str
    sequence: int


@dataclass(frozen=True)
class _Document:
    """What a statement line takes from the document it belongs to."""

    root: str  # the document whose settlement decides the status
    currency: str
    decay_date: date | None


def find_contact(session: Session, organization_id: int, contact_guid: str) -> Contact | None:
    """The organization's contact, deleted or not: a deleted contact's books still stand."""
    found = session.get(Contact, contact_guid.lower())
    return found if found is not None and found.organization_id == organization_id else None


def contact_statement(
    session: Session,
    organization_id: int,
    contact_guid: str,
    period: Period,
    hide_closed: bool = False,
) -> Statement:
    """The contact's state of account for the period; every entry up to its end counts towards
    the balance."""
    sums = _voucher_sums(session, organization_id, contact_guid.lower(), period.last)
    guids = [row.guid for row in sums]
    sales_owner = _owners(
        session, SalesPayment.entry_voucher_guid, SalesPayment.document_guid, guids
    )
    sales_owner.update(_owners(session, Reminder.entry_voucher_guid, Reminder.invoice_guid, guids))
    purchase_owner = _owners(
        session, PurchasePayment.entry_voucher_guid, PurchasePayment.voucher_guid, guids
    )
    sales = _sales_documents(session, organization_id, [*guids, *sales_owner.values()])
    purchases = _purchases(session, organization_id, [*guids, *purchase_owner.values()])
    documents = {guid: _sales_document(row) for guid, row in sales.items()}
    documents.update({guid: _purchase(row) for guid, row in purchases.items()})
    items = []
    for row in sums:
        owner = sales_owner.get(row.guid) or purchase_owner.get(row.guid)
        document = documents.get(owner or row.guid)
        items.append(
            StatementItem(
                voucher_guid=row.guid,
                voucher_number=row.number,
                voucher_type=row.kind,
                day=row.day,
                amount=from_ore(row.amount_ore),
                description=row.description,
                decay_date=None if owner or document is None else document.decay_date,
                currency="DKK" if document is None else document.currency,
                belongs_to=owner if document is None else document.root,
                pays=row.guid in purchase_owner,
                sequence=row.sequence,
            )
        )
    settlements = _sales_settlements(session, organization_id, sales.values())
    settlements.update(_purchase_settlements(session, organization_id, purchases.values()))
    return build_statement(items, settlements, period, hide_closed)


def _voucher_sums(
    session: Session, organization_id: int, contact_guid: str, last: date | None
) -> list[_VoucherSum]:
    statement = (
        select(
            JournalEntry.voucher_guid,
            JournalEntry.voucher_type,
            func.min(JournalEntry.voucher_number),
            func.min(JournalEntry.entry_date),
            func.sum(JournalEntry.amount_ore),
            func.max(JournalEntry.description),
            func.min(JournalEntry.id),
        )
        .where(
            JournalEntry.organization_id == organization_id,
            JournalEntry.contact_guid == contact_guid,
            JournalEntry.account_number.in_((DEBTORS_ACCOUNT, CREDITORS_ACCOUNT)),
        )
        .group_by(JournalEntry.voucher_guid, JournalEntry.voucher_type)
    )
    if last is not None:
        statement = statement.where(JournalEntry.entry_date <= last)
    return [
        _VoucherSum(guid, kind, int(number), day, int(total), description or "", sequence)
        for guid, kind, number, day, total, description, sequence in session.execute(statement)
        if total  # a voucher booked and reversed moved no balance
    ]


def _owners(
    session: Session, entry_column: Any, owner_column: Any, guids: list[str]
) -> dict[str, str]:
    """The document each of the vouchers books a payment (or reminder) of."""
    if not guids:
        return {}
    rows = session.execute(select(entry_column, owner_column).where(entry_column.in_(guids)))
    return {entry: owner for entry, owner in rows if entry is not None}


def _sales_documents(
    session: Session, organization_id: int, guids: Iterable[str]
) -> dict[str, SalesDocument]:
    wanted = sorted(set(guids))
    if not wanted:
        return {}
    rows = session.scalars(
        select(SalesDocument).where(
            SalesDocument.organization_id == organization_id, SalesDocument.guid.in_(wanted)
        )
    )
    return {row.guid: row for row in rows}


def _purchases(session: Session, organization_id: int, guids: Iterable[str]) -> dict[str, Voucher]:
    wanted = sorted(set(guids))
    if not wanted:
        return {}
    rows = session.scalars(
        select(Voucher).where(
            Voucher.organization_id == organization_id,
            Voucher.guid.in_(wanted),
            Voucher.kind.in_((PURCHASE, PURCHASE_CREDIT_NOTE)),
        )
    )
    return {row.guid: row for row in rows}


def _sales_document(document: SalesDocument) -> _Document:
    if document.kind == CREDIT_NOTE:
        return _Document(document.credit_note_for or document.guid, document.currency, None)
    return _Document(document.guid, document.currency, document.payment_date)


def _purchase(voucher: Voucher) -> _Document:
    currency = voucher.currency_key or "DKK"
    if voucher.kind == PURCHASE_CREDIT_NOTE:
        return _Document(voucher.credit_note_for or voucher.guid, currency, None)
    return _Document(voucher.guid, currency, voucher.payment_date)


def _sales_settlements(
    session: Session, organization_id: int, documents: Iterable[SalesDocument]
) -> dict[str, Settlement]:
    """Each root document's total and what its payments and booked credit notes cover, in the
    document's currency."""
    roots = {_sales_document(row).root for row in documents}
    root_rows = _sales_documents(session, organization_id, roots)
    paid = paid_totals(session, organization_id, roots)
    credited = dict(
        session.execute(
            select(SalesDocument.credit_note_for, func.sum(SalesDocument.total_incl_vat_ore))
            .where(
                SalesDocument.organization_id == organization_id,
                SalesDocument.kind == CREDIT_NOTE,
                SalesDocument.status == BOOKED,
                SalesDocument.credit_note_for.in_(sorted(roots)),
            )
            .group_by(SalesDocument.credit_note_for)
        ).all()
    )
    return {
        guid: Settlement(
            from_ore(row.total_incl_vat_ore),
            abs(paid.get(guid, Decimal(0))) + abs(from_ore(int(credited.get(guid) or 0))),
        )
        for guid, row in root_rows.items()
    }


def _purchase_settlements(
    session: Session, organization_id: int, vouchers: Iterable[Voucher]
) -> dict[str, Settlement]:
    """Each root purchase's total and what its payments and booked credit notes cover."""
    roots = sorted({_purchase(row).root for row in vouchers})
    if not roots:
        return {}
    totals = _line_totals(session, roots)
    paid = dict(
        session.execute(
            select(PurchasePayment.voucher_guid, func.sum(PurchasePayment.amount_ore))
            .where(
                PurchasePayment.organization_id == organization_id,
                PurchasePayment.voucher_guid.in_(roots),
                PurchasePayment.deleted_at.is_(None),
            )
            .group_by(PurchasePayment.voucher_guid)
        ).all()
    )
    notes = dict(
        session.execute(
            select(Voucher.guid, Voucher.credit_note_for).where(
                Voucher.organization_id == organization_id,
                Voucher.kind == PURCHASE_CREDIT_NOTE,
                Voucher.status == BOOKED,
                Voucher.credit_note_for.in_(roots),
            )
        ).all()
    )
    credited: dict[str, int] = {}
    for note, total in _line_totals(session, sorted(notes)).items():
        credited[notes[note]] = credited.get(notes[note], 0) + abs(total)
    return {
        guid: Settlement(
            from_ore(total), from_ore(abs(int(paid.get(guid) or 0)) + credited.get(guid, 0))
        )
        for guid, total in totals.items()
    }


def _line_totals(session: Session, voucher_guids: list[str]) -> dict[str, int]:
    if not voucher_guids:
        return {}
    rows = session.execute(
        select(VoucherLine.voucher_guid, func.sum(VoucherLine.amount_ore))
        .where(VoucherLine.voucher_guid.in_(voucher_guids))
        .group_by(VoucherLine.voucher_guid)
    )
    return {guid: int(total or 0) for guid, total in rows}
