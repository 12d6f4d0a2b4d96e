"""Changing a contact after it is made: full replace, soft delete and restore.

A deleted contact can still be read and listed, but it can only be restored: an update or a
second delete is refused with code 65, "Item is deleted", and changes nothing. Restoring a contact
that is not deleted changes nothing and succeeds. Every change sets `UpdatedAt`, so that a list
with `changesSince` sees it.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bilag.api.contact_records import (
    COLUMNS,
    contact_not_found,
    record_contact_changed,
    vat_region,
)
from bilag.api.errors import DineroError, ErrorCode
from bilag.storage.db import Database
from bilag.storage.models import Contact, utcnow


def item_is_deleted(what: str) -> DineroError:
    detail = f"Invalid {what}, it is deleted."
    return DineroError(ErrorCode.ITEM_IS_DELETED, "Item is deleted", 400, {"message": detail})


def lock_contact(session: Session, organization_id: int, guid: str) -> Contact:
    """The organization's contact, locked for this transaction; 404 when there is none."""
    contact = session.scalars(
        select(Contact)
        .where(Contact.guid == guid, Contact.organization_id == organization_id)
        .with_for_update()
    ).first()
    if contact is None:
        raise contact_not_found(guid)
    return contact


def lock_live_contact(session: Session, organization_id: int, guid: str) -> Contact:
    contact = lock_contact(session, organization_id, guid)
    if contact.deleted_at is not None:
        raise item_is_deleted(f"ContactGuid {guid}")
    return contact


def replace_contact(
    database: Database, organization_id: int, guid: str, values: dict[str, Any]
) -> None:
    with database.write() as session:
        contact = lock_live_contact(session, organization_id, guid)
        for wire, value in values.items():
            setattr(contact, COLUMNS[wire], value)
        contact.vat_region_key = vat_region(values["CountryKey"])
        contact.updated_at = utcnow()
        record_contact_changed(session, organization_id, guid)


def delete_contact(database: Database, organization_id: int, guid: str) -> None:
    with database.write() as session:
        contact = lock_live_contact(session, organization_id, guid)
        contact.deleted_at = contact.updated_at = utcnow()
        record_contact_changed(session, organization_id, guid)


def restore_contact(database: Database, organization_id: int, guid: str) -> None:
    with database.write() as session:
        contact = lock_contact(session, organization_id, guid)
        if contact.deleted_at is not None:
            contact.deleted_at = None
            contact.updated_at = utcnow()
        record_contact_changed(session, organization_id, guid)
