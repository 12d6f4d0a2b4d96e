"""Contacts (Dinero's ContactReadModel), soft-deleted with DeletedAt."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bilag.storage.models.base import Base, utcnow


class Contact(Base):
    __tablename__ = "contacts"
    __table_args__ = (Index("ix_contacts_org_updated", "organization_id", "updated_at"),)

    guid: Mapped[str] = mapped_column(String(36), primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    external_reference: Mapped[str | None] = mapped_column(String(128))
    name: Mapped[str] = mapped_column(String(300))
    street: Mapped[str | None] = mapped_column(String(300))
    zip_code: Mapped[str | None] = mapped_column(String(20))
    city: Mapped[str | None] = mapped_column(String(100))
    country_key: Mapped[str] = mapped_column(String(2))
    phone: Mapped[str | None] = mapped_column(String(50))
    email: Mapped[str | None] = mapped_column(String(320))
    webpage: Mapped[str | None] = mapped_column(String(300))
    att_person: Mapped[str | None] = mapped_column(String(200))
    vat_number: Mapped[str | None] = mapped_column(String(40))
    ean_number: Mapped[str | None] = mapped_column(String(40))
    se_number: Mapped[str | None] = mapped_column(String(40))
    p_number: Mapped[str | None] = mapped_column(String(40))
    payment_condition_type: Mapped[str | None] = mapped_column(String(20))
    payment_condition_number_of_days: Mapped[int | None] = mapped_column(Integer)
    is_person: Mapped[bool] = mapped_column(Boolean, default=False)
    is_member: Mapped[bool] = mapped_column(Boolean, default=False)
    member_number: Mapped[str | None] = mapped_column(String(60))
    use_cvr: Mapped[bool] = mapped_column(Boolean, default=False)
    company_type_key: Mapped[str | None] = mapped_column(String(60))
    invoice_mail_out_option_key: Mapped[str | None] = mapped_column(String(10))
    preferred_invoice_language_key: Mapped[str | None] = mapped_column(String(5))
    preferred_invoice_currency_key: Mapped[str | None] = mapped_column(String(3))
    is_debitor: Mapped[bool] = mapped_column(Boolean, default=True)
    is_creditor: Mapped[bool] = mapped_column(Boolean, default=False)
    company_status: Mapped[str | None] = mapped_column(String(60))
    vat_region_key: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)
