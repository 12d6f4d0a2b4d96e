"""The sales side: products, invoices, sales credit notes and trade offers (one table of sales
documents), their payments, reminders and mailouts (reference §2.4–2.8, §3.4–3.6, §3.12).

A sales document's lines are stored as JSON on the document: they are always read and written
with it, never queried on their own. Decimal amounts that are not whole øre (unit prices,
quantities, percentages) are stored as decimal text.
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
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bilag.storage.models.base import Base, utcnow


class Product(Base):
    __tablename__ = "products"
    __table_args__ = (Index("ix_products_org_updated", "organization_id", "updated_at"),)

    guid: Mapped[str] = mapped_column(String(36), primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    product_number: Mapped[str | None] = mapped_column(String(100))
    name: Mapped[str | None] = mapped_column(String(500))
    base_amount: Mapped[str] = mapped_column(String(40))  # excl. VAT, decimal text
    quantity: Mapped[str] = mapped_column(String(40))
    account_number: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(20))
    external_reference: Mapped[str | None] = mapped_column(String(128))
    comment: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)


class SalesDocument(Base):
    """An invoice, a sales credit note or a trade offer.

    Invoices and credit notes share one number series per organization ("sales"); trade offers
    have their own ("offer"). Totals are in the document's currency; `exchange_rate` is DKK per
    100 units of it (100 for DKK).
    """

    __tablename__ = "sales_documents"
    __table_args__ = (
        UniqueConstraint("organization_id", "number_series", "number"),
        Index("ix_sales_documents_org_kind_updated", "organization_id", "kind", "updated_at"),
        Index("ix_sales_documents_org_contact", "organization_id", "contact_guid"),
    )

    guid: Mapped[str] = mapped_column(String(36), primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    kind: Mapped[str] = mapped_column(String(20))  # invoice | credit_note | trade_offer
    status: Mapped[str] = mapped_column(String(20))
    number_series: Mapped[str] = mapped_column(String(10))  # sales | offer
    number: Mapped[int | None] = mapped_column(BigInteger)
    timestamp: Mapped[str] = mapped_column(String(16))
    contact_guid: Mapped[str | None] = mapped_column(String(36))
    document_date: Mapped[date] = mapped_column(Date)
    payment_condition_type: Mapped[str | None] = mapped_column(String(20))
    payment_condition_days: Mapped[int | None] = mapped_column(Integer)
    payment_date: Mapped[date | None] = mapped_column(Date)  # when an invoice falls due
    currency: Mapped[str] = mapped_column(String(3), default="DKK")
    exchange_rate: Mapped[str] = mapped_column(String(40), default="100")
    language: Mapped[str] = mapped_column(String(5), default="da-DK")
    external_reference: Mapped[str | None] = mapped_column(String(128))
    description: Mapped[str | None] = mapped_column(String(2000))
    comment: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(String(2000))
    show_lines_incl_vat: Mapped[bool] = mapped_column(Boolean, default=False)
    invoice_template_id: Mapped[str | None] = mapped_column(String(36))
    reminder_fee: Mapped[str | None] = mapped_column(String(40))
    reminder_interest_rate: Mapped[str | None] = mapped_column(String(40))
    is_mobilepay_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    is_pensopay_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    credit_note_for: Mapped[str | None] = mapped_column(String(36))
    lines: Mapped[str] = mapped_column(Text, default="[]")  # JSON
    total_excl_vat_ore: Mapped[int] = mapped_column(BigInteger, default=0)
    total_vat_ore: Mapped[int] = mapped_column(BigInteger, default=0)
    total_incl_vat_ore: Mapped[int] = mapped_column(BigInteger, default=0)
    total_vatable_ore: Mapped[int] = mapped_column(BigInteger, default=0)
    total_non_vatable_ore: Mapped[int] = mapped_column(BigInteger, default=0)
    mailout_status: Mapped[str] = mapped_column(String(20), default="NotSent")
    latest_mailout_type: Mapped[str | None] = mapped_column(String(30))
    is_sent_to_debt_collection: Mapped[bool] = mapped_column(Boolean, default=False)
    offer_history: Mapped[str | None] = mapped_column(Text)  # JSON, trade offers
    generated_vouchers: Mapped[str | None] = mapped_column(Text)  # JSON, trade offers
    booked_at: Mapped[datetime | None] = mapped_column(DateTime)
    booked_by_type: Mapped[str | None] = mapped_column(String(30))
    booked_by_client: Mapped[str | None] = mapped_column(String(200))
    booked_by_user: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)


class SalesPayment(Base):
    """A payment of a booked invoice or credit note, booked as its own voucher
    (`entry_voucher_guid`, kind "sales_payment")."""

    __tablename__ = "sales_payments"
    __table_args__ = (Index("ix_sales_payments_document", "organization_id", "document_guid"),)

    guid: Mapped[str] = mapped_column(String(36), primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    document_guid: Mapped[str] = mapped_column(String(36))
    entry_voucher_guid: Mapped[str | None] = mapped_column(String(36))
    amount_ore: Mapped[int] = mapped_column(BigInteger)  # DKK
    amount_foreign_ore: Mapped[int | None] = mapped_column(BigInteger)
    payment_date: Mapped[date] = mapped_column(Date)
    deposit_account_number: Mapped[int | None] = mapped_column(Integer)
    description: Mapped[str] = mapped_column(String(500), default="")
    external_reference: Mapped[str | None] = mapped_column(String(128))
    remainder_is_fee: Mapped[bool] = mapped_column(Boolean, default=False)
    payment_class: Mapped[str] = mapped_column(String(30), default="Payment")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)


class Reminder(Base):
    """A reminder (rykker) of an overdue invoice; booking posts its fees as a voucher
    (`entry_voucher_guid`, kind "reminder")."""

    __tablename__ = "reminders"
    __table_args__ = (Index("ix_reminders_invoice", "organization_id", "invoice_guid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    invoice_guid: Mapped[str] = mapped_column(String(36))
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10))  # draft | booked | deleted
    timestamp: Mapped[str] = mapped_column(String(16))
    reminder_date: Mapped[date] = mapped_column(Date)
    title: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    with_debt_collection_warning: Mapped[bool] = mapped_column(Boolean, default=False)
    with_fee: Mapped[bool] = mapped_column(Boolean, default=False)
    with_interest_fee: Mapped[bool] = mapped_column(Boolean, default=False)
    with_compensation_fee: Mapped[bool] = mapped_column(Boolean, default=False)
    fee_ore: Mapped[int] = mapped_column(BigInteger, default=0)
    interest_ore: Mapped[int] = mapped_column(BigInteger, default=0)
    compensation_fee_ore: Mapped[int] = mapped_column(BigInteger, default=0)
    entry_voucher_guid: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime)


class Mailout(Base):
    """One send of a sales document (e-mail, SMS, e-invoice, pre-reminder, reminder): what the
    mailouts endpoints list, and the outbox entry bilag delivers (SMTP) or only shows."""

    __tablename__ = "mailouts"
    __table_args__ = (
        Index("ix_mailouts_document", "organization_id", "document_guid"),
        Index("ix_mailouts_org_created", "organization_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    document_guid: Mapped[str] = mapped_column(String(36))
    reminder_id: Mapped[int | None] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(30))  # Mailout, Einvoice, PreReminder, Reminder, ...
    channel: Mapped[str] = mapped_column(String(10))  # email | sms | einvoice
    status: Mapped[str] = mapped_column(String(20), default="Pending")
    sender: Mapped[str | None] = mapped_column(String(500))
    receiver: Mapped[str] = mapped_column(String(2000))
    cc_to_sender: Mapped[bool] = mapped_column(Boolean, default=False)
    subject: Mapped[str | None] = mapped_column(String(500))
    message: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[bytes | None] = mapped_column(LargeBinary)  # the e-invoice XML
    payload_type: Mapped[str | None] = mapped_column(String(100))
    delivery_error: Mapped[str | None] = mapped_column(Text)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    seen_at: Mapped[datetime | None] = mapped_column(DateTime)  # its link first opened
    download_count: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class InvoiceSettings(Base):
    """An organization's invoice settings ("Indstillinger > Fakturaindstillinger"): defaults for
    new invoices, the FIK creditor number and the bank account printed on invoices and sent in
    e-invoices. An organization without a row has the defaults of `storage.invoice_settings`."""

    __tablename__ = "invoice_settings"

    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), primary_key=True)
    lines_incl_vat: Mapped[bool] = mapped_column(Boolean, default=False)
    default_account_number: Mapped[int] = mapped_column(Integer, default=1000)
    payment_condition_type: Mapped[str] = mapped_column(String(20), default="Netto")
    payment_condition_days: Mapped[int | None] = mapped_column(Integer)
    reminder_fee: Mapped[str] = mapped_column(String(40), default="100")
    reminder_interest_rate: Mapped[str] = mapped_column(String(40), default="0")
    add_voucher_as_pdf: Mapped[bool] = mapped_column(Boolean, default=True)
    trustpilot_email: Mapped[str | None] = mapped_column(String(320))
    fik_creditor_number: Mapped[str | None] = mapped_column(String(8))
    use_fik: Mapped[bool] = mapped_column(Boolean, default=False)
    bank_reg_number: Mapped[str | None] = mapped_column(String(4))
    bank_account_number: Mapped[str | None] = mapped_column(String(10))
    iban: Mapped[str | None] = mapped_column(String(34))
    bic: Mapped[str | None] = mapped_column(String(11))
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
