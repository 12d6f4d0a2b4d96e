"""Files bound to invoices, credit notes and trade offers, and each organization's defaults.

A binding carries the name the file is sent under. Any file of the organization can be bound,
from the archive or from `files/attachment`; binding it again only renames it. The defaults are
kept per document type ("Invoice" or "TradeOffer") in the order they were set, and
`bind_defaults` copies them onto one document.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bilag.storage.file_records import FileGuidRefused, get_file, looks_like_file_guid
from bilag.storage.models import DefaultAttachment, DocumentAttachment, utcnow

DOCUMENT_TYPES = ("Invoice", "TradeOffer")
MAX_FILE_NAME_LENGTH = 255


def file_name_problem(name: str) -> str | None:
    """Why `name` cannot name an attachment, or None when it can."""
    if not name.strip():
        return "fileName must not be empty."
    if len(name) > MAX_FILE_NAME_LENGTH:
        return f"fileName can be at most {MAX_FILE_NAME_LENGTH} characters."
    if "/" in name or "\\" in name:
        return "fileName must not contain path separators (/ or \\)."
    if name.strip() in (".", "..") or not name.isprintable():
        return "fileName must be a plain file name without control characters."
    return None


def attachments_of(
    session: Session, organization_id: int, document_guid: str
) -> list[tuple[str, str]]:
    """The document's bound files as (file guid, file name), in the order they were bound."""
    rows = session.execute(
        select(DocumentAttachment.file_guid, DocumentAttachment.file_name)
        .where(
            DocumentAttachment.organization_id == organization_id,
            DocumentAttachment.document_guid == document_guid.lower(),
        )
        .order_by(DocumentAttachment.bound_at, DocumentAttachment.file_guid)
    )
    return [(file_guid, file_name) for file_guid, file_name in rows]


def bind_attachment(
    session: Session, organization_id: int, document_guid: str, file_guid: str, file_name: str
) -> None:
    """Binds the organization's file to the document; binding it again renames it."""
    problem = file_name_problem(file_name)
    if problem is not None:
        raise FileGuidRefused(problem, "fileName")
    found = get_file(session, organization_id, file_guid)
    if found is None:
        raise FileGuidRefused(f"No file with FileGuid '{file_guid}' in this organization.")
    bound = session.get(DocumentAttachment, (document_guid.lower(), found.guid))
    if bound is None:
        session.add(
            DocumentAttachment(
                document_guid=document_guid.lower(),
                file_guid=found.guid,
                organization_id=organization_id,
                file_name=file_name,
                bound_at=utcnow(),
            )
        )
    else:
        bound.file_name = file_name
    session.flush()


def unbind_attachment(
    session: Session, organization_id: int, document_guid: str, file_guid: str
) -> bool:
    """Removes the binding; False when the file was not bound to the document."""
    if not looks_like_file_guid(file_guid.strip().lower()):
        return False
    removed = session.execute(
        delete(DocumentAttachment).where(
            DocumentAttachment.organization_id == organization_id,
            DocumentAttachment.document_guid == document_guid.lower(),
            DocumentAttachment.file_guid == file_guid.strip().lower(),
        )
    )
    return bool(getattr(removed, "rowcount", 0))


def default_attachments(
    session: Session, organization_id: int, document_type: str
) -> list[tuple[str, str]]:
    """The organization's default attachments for the type as (file guid, file name)."""
    rows = session.execute(
        select(DefaultAttachment.file_guid, DefaultAttachment.file_name)
        .where(
            DefaultAttachment.organization_id == organization_id,
            DefaultAttachment.document_type == document_type,
        )
        .order_by(DefaultAttachment.position)
    )
    return [(file_guid, file_name) for file_guid, file_name in rows]


def set_default_attachments(
    session: Session,
    organization_id: int,
    document_type: str,
    files: Sequence[tuple[str, str]],
) -> None:
    """Replaces the type's defaults with `files` (file guid, file name); FileGuidRefused names
    the first file that is not the organization's or whose name is not a file name, and then
    nothing changes."""
    if document_type not in DOCUMENT_TYPES:
        raise ValueError(f"document_type must be one of {', '.join(DOCUMENT_TYPES)}.")
    chosen: dict[str, str] = {}
    for file_guid, file_name in files:
        problem = file_name_problem(file_name)
        if problem is not None:
            raise FileGuidRefused(problem, "fileName")
        found = get_file(session, organization_id, file_guid)
        if found is None:
            raise FileGuidRefused(f"No file with FileGuid '{file_guid}' in this organization.")
        chosen[found.guid] = file_name
    session.execute(
        delete(DefaultAttachment).where(
            DefaultAttachment.organization_id == organization_id,
            DefaultAttachment.document_type == document_type,
        )
    )
    session.add_all(
        DefaultAttachment(
            organization_id=organization_id,
            document_type=document_type,
            file_guid=file_guid,
            file_name=file_name,
            position=position,
        )
        for position, (file_guid, file_name) in enumerate(chosen.items())
    )
    session.flush()


def bind_defaults(
    session: Session, organization_id: int, document_guid: str, document_type: str
) -> list[tuple[str, str]]:
    """Binds the type's defaults to the document; returns what was bound."""
    defaults = default_attachments(session, organization_id, document_type)
    for file_guid, file_name in defaults:
        bind_attachment(session, organization_id, document_guid, file_guid, file_name)
    return defaults
