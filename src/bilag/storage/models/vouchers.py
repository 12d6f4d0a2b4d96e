"""Vouchers (drafts and booked) with their lines, and the journal's immutable entries.

Amounts are stored in øre as integers. A voucher's `timestamp` is its version: 16 hex digits,
new on every change (reference §1.7).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from bilag.storage.models.base import Base, utcnow


class Voucher(Base):
    __tablename__ = "vouchers"
    __table_args__ = (
        UniqueConstraint("organization_id", "year_from", "number"),
        Index("ix_vouchers_organization_id", "organization_id"),
        Index("ix_vouchers_status_kind", "status", "kind"),
        Index("ix_vouchers_org_date", "organization_id", "voucher_date"),
    )

    guid: Mapped[str] = mapped_column(String(36), primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    kind: Mapped[str] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(10))
    number: Mapped[int | None] = mapped_column(BigInteger)
    year_from: Mapped[date | None] = mapped_column(Date)
    voucher_date: Mapped[date | None] = mapped_column(Date)
    timestamp: Mapped[str] = mapped_column(String(16))
    file_guid: Mapped[str | None] = mapped_column(String(64))
    external_reference: Mapped[str | None] = mapped_column(String(128))
    booked_at: Mapped[datetime | None] = mapped_column(DateTime)
    # Who booked it: Dinero's BookedByType ("API", "Kassekladde", ...), the client id, the user.
    booked_by_type: Mapped[str | None] = mapped_column(String(30))
    booked_by_client: Mapped[str | None] = mapped_column(String(200))
    booked_by_user: Mapped[str | None] = mapped_column(String(200))
    # Purchase vouchers and purchase credit notes.
    purchase_type: Mapped[str | None] = mapped_column(String(10))
    deposit_account_number: Mapped[int | None] = mapped_column(Integer)
    region_key: Mapped[str | None] = mapped_column(String(10))
    contact_guid: Mapped[str | None] = mapped_column(String(36))
    payment_date: Mapped[date | None] = mapped_column(Date)
    currency_key: Mapped[str | None] = mapped_column(String(3))
    credit_note_for: Mapped[str | None] = mapped_column(String(36))
    notes: Mapped[str | None] = mapped_column(String(2000))
    # Ledger items: the VoucherNumber asked for before booking.
    requested_number: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    lines: Mapped[list[VoucherLine]] = relationship(
        order_by="VoucherLine.position", cascade="all, delete-orphan"
    )


class VoucherLine(Base):
    __tablename__ = "voucher_lines"

    voucher_guid: Mapped[str] = mapped_column(ForeignKey("vouchers.guid"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    description: Mapped[str] = mapped_column(String(500), default="")
    amount_ore: Mapped[int] = mapped_column(BigInteger)
    account_number: Mapped[int | None] = mapped_column(Integer)
    balancing_account_number: Mapped[int | None] = mapped_column(Integer)
    account_vat_code: Mapped[str | None] = mapped_column(String(10))
    balancing_vat_code: Mapped[str | None] = mapped_column(String(10))
    line_guid: Mapped[str | None] = mapped_column(String(36))
    payment_for_voucher: Mapped[str | None] = mapped_column(String(36))
    account_tag_name: Mapped[str | None] = mapped_column(String(100))


class JournalEntry(Base):
    """One posting; never updated or deleted once written."""

    __tablename__ = "journal_entries"
    __table_args__ = (
        Index("ix_journal_entries_organization_id", "organization_id"),
        Index("ix_journal_entries_org_date", "organization_id", "entry_date"),
        Index("ix_journal_entries_org_created", "organization_id", "created_at"),
        Index("ix_journal_entries_org_voucher", "organization_id", "voucher_guid"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    account_number: Mapped[int] = mapped_column(Integer)
    amount_ore: Mapped[int] = mapped_column(BigInteger)
    vat_code: Mapped[str | None] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(String(500), default="")
    voucher_guid: Mapped[str] = mapped_column(String(36))
    voucher_number: Mapped[int] = mapped_column(BigInteger)
    voucher_type: Mapped[str] = mapped_column(String(30))
    file_guid: Mapped[str | None] = mapped_column(String(64))
    contact_guid: Mapped[str | None] = mapped_column(String(36))
    entry_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class PurchasePayment(Base):
    """A payment of a credit purchase or a purchase credit note, booked as its own voucher.

    `entry_voucher_guid` is the voucher whose entries book the payment: a voucher of kind
    "purchase_payment" for the payments endpoint, or the ledger item that carried
    `IsPaymentForVoucherId`.
    """

    __tablename__ = "purchase_payments"
    __table_args__ = (Index("ix_purchase_payments_voucher", "organization_id", "voucher_guid"),)

    guid: Mapped[str] = mapped_column(String(36), primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    voucher_guid: Mapped[str] = mapped_column(String(36))
    entry_voucher_guid: Mapped[str] = mapped_column(String(36))
    amount_ore: Mapped[int] = mapped_column(BigInteger)
    amount_foreign_ore: Mapped[int | None] = mapped_column(BigInteger)
    payment_date: Mapped[date] = mapped_column(Date)
    deposit_account_number: Mapped[int | None] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String(500), default="")
    external_reference: Mapped[str | None] = mapped_column(String(128))
    remainder_is_fee: Mapped[bool] = mapped_column(Boolean, default=False)
    timestamp: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)
