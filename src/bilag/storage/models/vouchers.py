"""Vouchers (drafts and booked) with their lines, and the journal's immutable entries.

Amounts are stored in øre as integers. A voucher's `timestamp` is its version: 16 hex digits,
new on every change (reference §1.7).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
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


class JournalEntry(Base):
    """One posting; never updated or deleted once written."""

    __tablename__ = "journal_entries"
    __table_args__ = (Index("ix_journal_entries_organization_id", "organization_id"),)

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
