"""The figures on an organization's front page: what is waiting for someone to act."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bilag.storage.journal import DRAFT
from bilag.storage.ledger_items import unbooked_count
from bilag.storage.models import SalesDocument, Voucher
from bilag.storage.purchases import PURCHASE, PURCHASE_CREDIT_NOTE
from bilag.storage.sales_documents import CREDIT_NOTE, INVOICE


@dataclass(frozen=True)
class Overview:
    unbooked_ledger_lines: int
    draft_purchases: int
    draft_sales: int


def overview_of(session: Session, organization_id: int) -> Overview:
    purchases = session.scalar(
        select(func.count())
        .select_from(Voucher)
        .where(
            Voucher.organization_id == organization_id,
            Voucher.kind.in_((PURCHASE, PURCHASE_CREDIT_NOTE)),
            Voucher.status == DRAFT,
        )
    )
    sales = session.scalar(
        select(func.count())
        .select_from(SalesDocument)
        .where(
            SalesDocument.organization_id == organization_id,
            SalesDocument.kind.in_((INVOICE, CREDIT_NOTE)),
            SalesDocument.status == DRAFT,
        )
    )
    return Overview(
        unbooked_ledger_lines=unbooked_count(session, organization_id),
        draft_purchases=purchases or 0,
        draft_sales=sales or 0,
    )
