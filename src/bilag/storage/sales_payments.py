"""Payments recorded against booked invoices and sales credit notes.

Each payment's entries belong to a voucher of kind "sales_payment" (`entry_voucher_guid`),
booked in the same transaction by the caller; this module keeps the link and the amounts.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bilag.ledger.money import from_ore, to_ore
from bilag.storage.models import SalesPayment, utcnow


@dataclass(frozen=True)
class NewSalesPayment:
    amount: Decimal  # DKK settled on the document
    amount_in_foreign_currency: Decimal | None  # the same in the document's currency
    payment_date: date
    deposit_account_number: int | None
    description: str
    external_reference: str | None = None
    remainder_is_fee: bool = False
    payment_class: str = "Payment"


def paid_totals(
    session: Session, organization_id: int, document_guids: Iterable[str]
) -> dict[str, Decimal]:
    """What has been paid on each document, in the document's currency, deleted payments left
    out."""
    wanted = list(document_guids)
    if not wanted:
        return {}
    rows = session.execute(
        select(
            SalesPayment.document_guid,
            func.sum(func.coalesce(SalesPayment.amount_foreign_ore, SalesPayment.amount_ore)),
        )
        .where(
            SalesPayment.organization_id == organization_id,
            SalesPayment.document_guid.in_(wanted),
            SalesPayment.deleted_at.is_(None),
        )
        .group_by(SalesPayment.document_guid)
    )
    return {guid: from_ore(int(total or 0)) for guid, total in rows}


def paid_total(session: Session, organization_id: int, document_guid: str) -> Decimal:
    return paid_totals(session, organization_id, [document_guid]).get(document_guid, Decimal(0))


def record_sales_payment(
    session: Session,
    organization_id: int,
    document_guid: str,
    entry_voucher_guid: str,
    payment: NewSalesPayment,
) -> SalesPayment:
    foreign = payment.amount_in_foreign_currency
    row = SalesPayment(
        guid=str(uuid.uuid4()),
        organization_id=organization_id,
        document_guid=document_guid,
        entry_voucher_guid=entry_voucher_guid,
        amount_ore=to_ore(payment.amount),
        amount_foreign_ore=None if foreign is None else to_ore(foreign),
        payment_date=payment.payment_date,
        deposit_account_number=payment.deposit_account_number,
        description=payment.description,
        external_reference=payment.external_reference,
        remainder_is_fee=payment.remainder_is_fee,
        payment_class=payment.payment_class,
        created_at=utcnow(),
    )
    session.add(row)
    session.flush()
    return row


def sales_payments_of(
    session: Session, organization_id: int, document_guid: str
) -> list[SalesPayment]:
    return list(
        session.scalars(
            select(SalesPayment)
            .where(
                SalesPayment.organization_id == organization_id,
                SalesPayment.document_guid == document_guid,
                SalesPayment.deleted_at.is_(None),
            )
            .order_by(SalesPayment.created_at, SalesPayment.guid)
        )
    )


def get_sales_payment(
    session: Session, organization_id: int, document_guid: str, payment_guid: str
) -> SalesPayment | None:
    found = session.get(SalesPayment, payment_guid.strip().lower())
    if found is None or found.deleted_at is not None:
        return None
    if found.organization_id != organization_id or found.document_guid != document_guid:
        return None
    return found


def mark_sales_payment_deleted(session: Session, payment: SalesPayment) -> None:
    payment.deleted_at = utcnow()
    session.flush()
