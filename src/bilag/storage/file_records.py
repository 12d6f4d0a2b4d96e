"""File rows: creating them, finding them, and attaching them to vouchers.

The voucher endpoints call `attach_file` inside their own write transaction, with the
`FileGuid` the client sent. It refuses an unknown guid, a guid of another organization and a file
uploaded through `files/attachment` (kept out of the archive) by raising `FileGuidRefused`, which
the API answers with a 400 naming `FileGuid`. Attaching the same file to the same target twice
is harmless. A file is visible to the organization's users only once it has a link; a file bound
to an invoice, credit note or trade offer (`document_attachments`) counts as linked too.
"""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import delete, exists, func, or_, select
from sqlalchemy.orm import Session

from bilag.storage.models import (
    DocumentAttachment,
    FileLink,
    SalesDocument,
    StoredFile,
    utcnow,
)

GUID_ALPHABET = string.ascii_lowercase + string.digits
GUID_LENGTH = 32


class AttachmentKind(StrEnum):
    PURCHASE_VOUCHER = "purchase_voucher"
    MANUAL_VOUCHER = "manual_voucher"
    PURCHASE_CREDIT_NOTE = "purchase_credit_note"
    LEDGER_ITEM = "ledger_item"


class FileGuidRefused(ValueError):
    """A FileGuid that cannot be used here; `field` names the property at fault."""

    def __init__(self, message: str, field: str = "FileGuid") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def new_file_guid() -> str:
    """A 32-character lowercase alphanumeric token, like Dinero's FileGuid."""
    return "".join(secrets.choice(GUID_ALPHABET) for _ in range(GUID_LENGTH))


def looks_like_file_guid(value: str) -> bool:
    return len(value) == GUID_LENGTH and all(c in GUID_ALPHABET for c in value)


@dataclass(frozen=True)
class NewFile:
    organization_id: int
    name: str
    extension: str
    content_type: str
    size: int
    sha256: str
    in_archive: bool
    uploaded_by_client_id: str
    uploaded_by_user_id: int | None
    uploaded_by: str | None


def insert_file(session: Session, new: NewFile) -> StoredFile:
    row = StoredFile(
        guid=new_file_guid(),
        organization_id=new.organization_id,
        name=new.name,
        extension=new.extension,
        content_type=new.content_type,
        size=new.size,
        sha256=new.sha256,
        in_archive=new.in_archive,
        uploaded_at=utcnow(),
        uploaded_by_client_id=new.uploaded_by_client_id,
        uploaded_by_user_id=new.uploaded_by_user_id,
        uploaded_by=new.uploaded_by,
    )
    session.add(row)
    session.flush()
    return row


def get_file(session: Session, organization_id: int, file_guid: str) -> StoredFile | None:
    """The organization's file with this guid, or None (also for another organization's)."""
    wanted = file_guid.strip().lower()
    if not looks_like_file_guid(wanted):
        return None  # could never have been issued; also keeps NUL and the like out of SQL
    found = session.get(StoredFile, wanted)
    if found is None or found.organization_id != organization_id:
        return None
    return found


def require_file(session: Session, organization_id: int, file_guid: str | None) -> StoredFile:
    """The organization's archive file with this guid; FileGuidRefused otherwise."""
    if file_guid is None or not file_guid.strip():
        raise FileGuidRefused("FileGuid is required.")
    found = get_file(session, organization_id, file_guid)
    if found is None:
        raise FileGuidRefused(f"No file with FileGuid '{file_guid}' in this organization.")
    if not found.in_archive:
        raise FileGuidRefused(
            f"The file '{file_guid}' was uploaded as an invoice attachment and cannot be "
            "attached to a voucher; upload it through /files instead."
        )
    return found


def attach_file(
    session: Session,
    organization_id: int,
    file_guid: str | None,
    kind: AttachmentKind,
    target_id: str,
    target_number: int | None = None,
) -> StoredFile:
    """Links the file to a voucher or ledger item; idempotent for the same target."""
    found = require_file(session, organization_id, file_guid)
    link = session.get(FileLink, (found.guid, str(kind), target_id))
    if link is None:
        session.add(
            FileLink(
                file_guid=found.guid,
                kind=str(kind),
                target_id=target_id,
                target_number=target_number,
                linked_at=utcnow(),
            )
        )
    elif target_number is not None:
        link.target_number = target_number
    session.flush()
    return found


def detach_file(session: Session, file_guid: str, kind: AttachmentKind, target_id: str) -> None:
    """Removes one link, e.g. when a draft voucher's FileGuid is replaced."""
    session.execute(
        delete(FileLink).where(
            FileLink.file_guid == file_guid,
            FileLink.kind == str(kind),
            FileLink.target_id == target_id,
        )
    )


def _used(file_guid: Any) -> Any:
    """SQL: the file is attached to a voucher or bound to a sales document."""
    return or_(
        exists().where(FileLink.file_guid == file_guid),
        exists().where(DocumentAttachment.file_guid == file_guid),
    )


def is_used(session: Session, file_guid: str) -> bool:
    return bool(session.scalar(select(_used(file_guid))))


def links_of(session: Session, file_guids: list[str]) -> dict[str, list[FileLink]]:
    """Each file's links, sales-document bindings included (as unsaved `FileLink`s of kind
    "sales_document" carrying the document's number)."""
    found: dict[str, list[FileLink]] = {guid: [] for guid in file_guids}
    if file_guids:
        rows = session.scalars(select(FileLink).where(FileLink.file_guid.in_(file_guids)))
        for link in rows:
            found[link.file_guid].append(link)
        bindings = session.execute(
            select(DocumentAttachment, SalesDocument.number)
            .outerjoin(SalesDocument, SalesDocument.guid == DocumentAttachment.document_guid)
            .where(DocumentAttachment.file_guid.in_(file_guids))
        )
        for binding, number in bindings:
            found[binding.file_guid].append(
                FileLink(
                    file_guid=binding.file_guid,
                    kind="sales_document",
                    target_id=binding.document_guid,
                    target_number=number,
                    linked_at=binding.bound_at,
                )
            )
        for links in found.values():
            links.sort(key=lambda link: link.linked_at)
    return found


def count_references(session: Session, sha256: str) -> int:
    return int(session.scalar(select(func.count()).where(StoredFile.sha256 == sha256)) or 0)


@dataclass(frozen=True)
class FileQuery:
    extensions: frozenset[str] = frozenset()
    uploaded_from: datetime | None = None  # inclusive
    uploaded_until: datetime | None = None  # exclusive
    status: str = "All"  # All, Used or Unused
    offset: int = 0
    limit: int = 1000


def list_files(session: Session, organization_id: int, query: FileQuery) -> list[StoredFile]:
    """The organization's archive files, newest first."""
    linked = _used(StoredFile.guid)
    statement = select(StoredFile).where(
        StoredFile.organization_id == organization_id, StoredFile.in_archive.is_(True)
    )
    if query.extensions:
        statement = statement.where(StoredFile.extension.in_(sorted(query.extensions)))
    if query.uploaded_from is not None:
        statement = statement.where(StoredFile.uploaded_at >= query.uploaded_from)
    if query.uploaded_until is not None:
        statement = statement.where(StoredFile.uploaded_at < query.uploaded_until)
    if query.status == "Used":
        statement = statement.where(linked)
    elif query.status == "Unused":
        statement = statement.where(~linked)
    statement = statement.order_by(StoredFile.uploaded_at.desc(), StoredFile.guid)
    return list(session.scalars(statement.offset(query.offset).limit(query.limit)))
