"""Notes on a contact between the wire and the table.

A note belongs to one contact of one organization and is found only through both. Notes of a
deleted contact can be read; writing one, or writing a deleted note, is code 65 like a deleted
contact. `NoteDate` is when the note was written and does not move when its text is replaced.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from bilag.api.binding import Prop, bind_object
from bilag.api.contact_changes import item_is_deleted, lock_live_contact
from bilag.api.contact_records import contact_not_found, wire_time
from bilag.api.errors import DineroError, ErrorCode
from bilag.api.paging import Paging
from bilag.storage.db import Database
from bilag.storage.models import Contact, ContactNote, User, utcnow

NOTE_TEXT_MAX = 10_000
NOTE_FIELDS = (
    "Id", "NoteDate", "Text", "AuthorName", "AuthorEmail", "CreatedAt", "UpdatedAt", "DeletedAt",
)  # fmt: skip
NOTE_PROPS = (Prop("Text", "text", required=True, max_length=NOTE_TEXT_MAX),)


@dataclass(frozen=True)
class Author:
    name: str | None
    email: str | None


def bind_note_text(body: dict[str, Any]) -> str:
    text: str = bind_object(body, NOTE_PROPS)["Text"]
    return text


def note_read_model(note: ContactNote) -> dict[str, Any]:
    return {
        "Id": note.guid,
        "NoteDate": wire_time(note.note_date),
        "AuthorName": note.author_name,
        "AuthorEmail": note.author_email,
        "CreatedAt": wire_time(note.created_at),
        "UpdatedAt": wire_time(note.updated_at),
        "DeletedAt": wire_time(note.deleted_at),
        "Text": note.text,
    }


def note_not_found(guid: str) -> DineroError:
    message = f"No note with Id {guid} on this contact."
    return DineroError(ErrorCode.NOT_FOUND, message, 404)


def author_of(session: Session, user_id: int | None, client_id: str) -> Author:
    """The signed-in user; for a legacy token, which has no user, the client id as the name."""
    user = None if user_id is None else session.get(User, user_id)
    return Author(client_id, None) if user is None else Author(user.name, user.email)


def add_note(
    database: Database,
    organization_id: int,
    contact_guid: str,
    text: str,
    author: tuple[int | None, str],
) -> str:
    guid = str(uuid.uuid4())
    now = utcnow()
    with database.write() as session:
        lock_live_contact(session, organization_id, contact_guid)
        writer = author_of(session, *author)
        session.add(
            ContactNote(
                guid=guid,
                organization_id=organization_id,
                contact_guid=contact_guid,
                text=text,
                author_name=writer.name,
                author_email=writer.email,
                note_date=now,
                created_at=now,
                updated_at=now,
            )
        )
    return guid


def _note_where(organization_id: int, contact_guid: str) -> list[ColumnElement[bool]]:
    return [
        ContactNote.organization_id == organization_id,
        ContactNote.contact_guid == contact_guid,
    ]


def get_note(
    database: Database, organization_id: int, contact_guid: str, note_guid: str
) -> ContactNote:
    """The note; 404 when the contact or the note is not this organization's."""
    where = _note_where(organization_id, contact_guid)
    with database.read() as session:
        note = session.scalars(select(ContactNote).where(*where, ContactNote.guid == note_guid))
        found = note.first()
        if found is None:
            _require_contact(session, organization_id, contact_guid)
            raise note_not_found(note_guid)
        return found


def _lock_live_note(
    session: Session, organization_id: int, contact_guid: str, note_guid: str
) -> ContactNote:
    lock_live_contact(session, organization_id, contact_guid)
    where = _note_where(organization_id, contact_guid)
    note = session.scalars(
        select(ContactNote).where(*where, ContactNote.guid == note_guid).with_for_update()
    ).first()
    if note is None:
        raise note_not_found(note_guid)
    if note.deleted_at is not None:
        raise item_is_deleted(f"note Id {note_guid}")
    return note


def replace_note(
    database: Database, organization_id: int, contact_guid: str, note_guid: str, text: str
) -> None:
    with database.write() as session:
        note = _lock_live_note(session, organization_id, contact_guid, note_guid)
        note.text = text
        note.updated_at = utcnow()


def delete_note(
    database: Database, organization_id: int, contact_guid: str, note_guid: str
) -> None:
    with database.write() as session:
        note = _lock_live_note(session, organization_id, contact_guid, note_guid)
        note.deleted_at = note.updated_at = utcnow()


def _require_contact(session: Session, organization_id: int, contact_guid: str) -> None:
    found = session.scalar(
        select(Contact.guid).where(
            Contact.guid == contact_guid, Contact.organization_id == organization_id
        )
    )
    if found is None:
        raise contact_not_found(contact_guid)


def list_notes(
    database: Database, organization_id: int, contact_guid: str, deleted: bool, paging: Paging
) -> tuple[list[ContactNote], int]:
    """One page of the contact's notes by NoteDate, and how many there are in all."""
    where = _note_where(organization_id, contact_guid)
    where.append(
        ContactNote.deleted_at.is_not(None) if deleted else ContactNote.deleted_at.is_(None)
    )
    page = (
        select(ContactNote)
        .where(*where)
        .order_by(ContactNote.note_date, ContactNote.guid)
        .offset(paging.offset)
        .limit(paging.limit)
    )
    with database.read() as session:
        _require_contact(session, organization_id, contact_guid)
        matching = session.scalar(select(func.count()).select_from(ContactNote).where(*where))
        return list(session.scalars(page)), int(matching or 0)
