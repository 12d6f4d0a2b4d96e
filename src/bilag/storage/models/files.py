"""Uploaded files (Dinero's file archive) and the vouchers they are attached to."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bilag.storage.models.base import Base, utcnow


class StoredFile(Base):
    """One upload. The content lives in the blob store under `sha256`."""

    __tablename__ = "files"
    __table_args__ = (Index("ix_files_org_uploaded", "organization_id", "uploaded_at"),)

    guid: Mapped[str] = mapped_column(String(32), primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    name: Mapped[str] = mapped_column(String(255))
    extension: Mapped[str] = mapped_column(String(10))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    # False for `files/attachment` uploads: kept out of the archive, for invoice attachments only.
    in_archive: Mapped[bool] = mapped_column(Boolean, default=True)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    uploaded_by_client_id: Mapped[str] = mapped_column(String(200))
    uploaded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_by: Mapped[str | None] = mapped_column(String(200))


class FileLink(Base):
    """A file attached to a purchase voucher, manual voucher, credit note or ledger item."""

    __tablename__ = "file_links"

    file_guid: Mapped[str] = mapped_column(ForeignKey("files.guid"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    target_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    target_number: Mapped[int | None] = mapped_column(Integer)
    linked_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class DocumentAttachment(Base):
    """A file bound to an invoice, credit note or trade offer, sent along under `file_name`."""

    __tablename__ = "document_attachments"
    __table_args__ = (
        Index("ix_document_attachments_org_document", "organization_id", "document_guid"),
    )

    document_guid: Mapped[str] = mapped_column(String(36), primary_key=True)
    file_guid: Mapped[str] = mapped_column(ForeignKey("files.guid"), primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    file_name: Mapped[str] = mapped_column(String(255))
    bound_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)


class DefaultAttachment(Base):
    """A file the organization binds to every new document of `document_type` on request."""

    __tablename__ = "default_attachments"

    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), primary_key=True)
    document_type: Mapped[str] = mapped_column(String(20), primary_key=True)  # Invoice | TradeOffer
    file_guid: Mapped[str] = mapped_column(ForeignKey("files.guid"), primary_key=True)
    file_name: Mapped[str] = mapped_column(String(255))
    position: Mapped[int] = mapped_column(Integer)
