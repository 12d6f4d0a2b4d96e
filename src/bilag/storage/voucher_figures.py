"""A voucher's figures in SQL as Bilagsoversigt shows them: its amount (the sum of its lines),
its first line's text, and its status: draft, booked, paid, overpaid or overdue. A cash
purchase is paid once booked; credit purchases, purchase credit notes, invoices and sales credit
notes get the status their payments give them, as the API reports it; manual vouchers and
ledger items are booked."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, and_, case, func, literal, select

from bilag.storage.journal import BOOKED
from bilag.storage.models import PurchasePayment, SalesDocument, SalesPayment, Voucher, VoucherLine
from bilag.storage.sales_listing import status_column

PURCHASE = "purchase"
PURCHASE_CREDIT_NOTE = "purchase_credit_note"
MANUAL = "manual"
LEDGER_ITEM = "ledger_item"
INVOICE = "invoice"
CREDIT_NOTE = "credit_note"
VOUCHER_KINDS = (PURCHASE, PURCHASE_CREDIT_NOTE, MANUAL, LEDGER_ITEM)
SALES_KINDS = (INVOICE, CREDIT_NOTE)
KINDS = VOUCHER_KINDS + SALES_KINDS
STATUSES = ("draft", "booked", "paid", "overpaid", "overdue")


def voucher_total() -> ColumnElement[int]:
    """The sum of the voucher's lines in øre, as entered."""
    return (
        select(func.coalesce(func.sum(VoucherLine.amount_ore), 0))
        .where(VoucherLine.voucher_guid == Voucher.guid)
        .correlate(Voucher)
        .scalar_subquery()
    )


def _purchase_paid() -> ColumnElement[int]:
    return (
        select(func.coalesce(func.sum(PurchasePayment.amount_ore), 0))
        .where(
            PurchasePayment.organization_id == Voucher.organization_id,
            PurchasePayment.voucher_guid == Voucher.guid,
            PurchasePayment.deleted_at.is_(None),
        )
        .correlate(Voucher)
        .scalar_subquery()
    )


def voucher_status(today: date) -> ColumnElement[str]:
    """The same rules as `ledger.payments.payment_status`, for vouchers."""
    total, paid = voucher_total(), _purchase_paid()
    cash = and_(Voucher.kind == PURCHASE, Voucher.purchase_type == "cash")
    return case(
        (Voucher.status != BOOKED, literal("draft")),
        (Voucher.kind.in_((MANUAL, LEDGER_ITEM)), literal("booked")),
        (cash, literal("paid")),
        (and_(paid > 0, paid == total), literal("paid")),
        (paid > total, literal("overpaid")),
        (total == 0, literal("paid")),
        (Voucher.payment_date < today, literal("overdue")),
        else_=literal("booked"),
    )


def first_line_text() -> ColumnElement[str]:
    """What the overview shows as a voucher's description."""
    return (
        select(VoucherLine.description)
        .where(VoucherLine.voucher_guid == Voucher.guid, VoucherLine.position == 0)
        .correlate(Voucher)
        .scalar_subquery()
    )


def _sales_paid() -> ColumnElement[int]:
    amount = func.coalesce(SalesPayment.amount_foreign_ore, SalesPayment.amount_ore)
    return (
        select(func.coalesce(func.sum(amount), 0))
        .where(
            SalesPayment.document_guid == SalesDocument.guid,
            SalesPayment.deleted_at.is_(None),
        )
        .correlate(SalesDocument)
        .scalar_subquery()
    )


def sales_status(today: date) -> ColumnElement[str]:
    """`sales_listing.status_column` in the overview's words."""
    dinero = status_column(_sales_paid(), today)
    return case(
        (dinero == "Draft", literal("draft")),
        (dinero == "Paid", literal("paid")),
        (dinero == "OverPaid", literal("overpaid")),
        (dinero == "Overdue", literal("overdue")),
        else_=literal("booked"),
    )
