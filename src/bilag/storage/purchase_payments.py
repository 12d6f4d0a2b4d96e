"""Payments recorded against credit purchases and purchase credit notes.

A payment's entries belong to another voucher (`entry_voucher_guid`): the payment voucher the
payments endpoint books, or the ledger item that carried `IsPaymentForVoucherId`. This module
keeps the link and the amounts; the caller books the entries in the same transaction.
"""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bilag.ledger.money import from_ore, to_ore
from bilag.storage.journal import new_timestamp
from bilag.storage.models import PurchasePayment, utcnow


def paid_total(session: Session, organization_id: int, voucher_guid: str) -> Decimal:
    """What has been paid on the voucher, deleted payments left out."""
    paid = session.scalar(
        select(func.coalesce(func.sum(PurchasePayment.amount_ore), 0)).where(
            PurchasePayment.organization_id == organization_id,
            PurchasePayment.voucher_guid == voucher_guid.lower(),
            PurchasePayment.deleted_at.is_(None),
        )
    )
    return from_ore(int(paid or 0))


def record_payment(
    session: Session,
    *,
    organization_id: int,
    voucher_guid: str,
    entry_voucher_guid: str,
    amount: Decimal,
    payment_date: date,
    deposit_account_number: int | None,
    description: str,
    external_reference: str | None = None,
    remainder_is_fee: bool = False,
    amount_in_foreign_currency: Decimal | None = None,
) -> PurchasePayment:
    payment = PurchasePayment(
        guid=str(uuid.uuid4()),
        organization_id=organization_id,
        voucher_guid=voucher_guid.lower(),
        entry_voucher_guid=entry_voucher_guid.lower(),
        amount_ore=to_ore(amount),
        amount_foreign_ore=(
            None if amount_in_foreign_currency is None else to_ore(amount_in_foreign_currency)
        ),
        payment_date=payment_date,
        deposit_account_number=deposit_account_number,
        description=description,
        external_reference=external_reference,
        remainder_is_fee=remainder_is_fee,
        timestamp=new_timestamp(),
        created_at=utcnow(),
    )
    session.add(payment)
    session.flush()
    return payment


def payments_of(session: Session, organization_id: int, voucher_guid: str) -> list[PurchasePayment]:
    return list(
        session.scalars(
            select(PurchasePayment)
            .where(
                PurchasePayment.organization_id == organization_id,
                PurchasePayment.voucher_guid == voucher_guid.lower(),
                PurchasePayment.deleted_at.is_(None),
            )
            .order_by(PurchasePayment.created_at, PurchasePayment.guid)
        )
    )


def get_payment(
    session: Session, organization_id: int, voucher_guid: str, payment_guid: str
) -> PurchasePayment | None:
    found = session.get(PurchasePayment, payment_guid.lower())
    if found is None or found.deleted_at is not None:
        return None
    if found.organization_id != organization_id or found.voucher_guid != voucher_guid.lower():
        return None
    return found


def mark_deleted(session: Session, payment: PurchasePayment) -> None:
    payment.deleted_at = utcnow()
    payment.timestamp = new_timestamp()
    session.flush()
