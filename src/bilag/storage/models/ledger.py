"""The chart of accounts and the accounting years of each organization.

VAT types are not stored: every organization has the same, from `bilag.ledger.vat`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bilag.storage.models.base import Base, utcnow


class Account(Base):
    __tablename__ = "accounts"

    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(100))
    vat_code: Mapped[str | None] = mapped_column(String(10))
    category: Mapped[str] = mapped_column(String(40))
    public_standard_number: Mapped[int | None] = mapped_column(Integer)
    is_hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    is_default_sales: Mapped[bool] = mapped_column(Boolean, default=False)
    is_deposit: Mapped[bool] = mapped_column(Boolean, default=False)
    is_default_deposit: Mapped[bool] = mapped_column(Boolean, default=False)
    bank_registration_number: Mapped[str | None] = mapped_column(String(20))
    bank_account_number: Mapped[str | None] = mapped_column(String(40))
    bank_swift_number: Mapped[str | None] = mapped_column(String(20))
    bank_iban_number: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class AccountingYear(Base):
    __tablename__ = "accounting_years"

    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), primary_key=True)
    from_date: Mapped[date] = mapped_column(Date, primary_key=True)
    to_date: Mapped[date] = mapped_column(Date)
    name: Mapped[str] = mapped_column(String(20))
    salary_sum_tax_state: Mapped[str] = mapped_column(String(20), default="None")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
