"""The contact list's query: the matching contacts of one page, and how many match in all.

Ordered by UpdatedAt, then ContactGuid. Page 0 counts the matches and reads its rows in index
order, stopping after one page. A later page would pass over the matches twice that way (once to
count them, once more to skip `offset` full rows), which made the last page of 100,000 contacts
over twice as slow as the first on SQLite. So it numbers only the keys of the matches, in one pass
with their count alongside (`count(*) OVER ()`), and then reads just that page's rows by key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session

from bilag.api.contact_records import COLUMNS, FILTERABLE
from bilag.api.filters import FilterTerm, filter_clauses
from bilag.api.paging import Paging
from bilag.storage.db import Database
from bilag.storage.models import Contact

ORDER = (Contact.updated_at, Contact.guid)


@dataclass(frozen=True)
class ContactQuery:
    terms: tuple[FilterTerm, ...] = ()
    changes_since: datetime | None = None
    deleted: bool | None = False  # True: deleted only; False: not deleted; None: both
    paging: Paging = Paging()


def list_contacts(
    database: Database, organization_id: int, query: ContactQuery
) -> tuple[list[Contact], int]:
    """One page of matching contacts and how many match in all."""
    conditions = _conditions(organization_id, query)
    paging = query.paging
    with database.read() as session:
        if paging.offset == 0:
            page = select(Contact).where(*conditions).order_by(*ORDER).limit(paging.limit)
            contacts = list(session.scalars(page))
            if len(contacts) < paging.limit:
                return contacts, len(contacts)
            return contacts, _count(session, conditions)
        keys = session.execute(
            select(Contact.guid, func.count().over())
            .where(*conditions)
            .order_by(*ORDER)
            .offset(paging.offset)
            .limit(paging.limit)
        ).all()
        if not keys:  # a page past the end
            return [], _count(session, conditions)
        guids = [guid for guid, _matching in keys]
        found = session.scalars(select(Contact).where(Contact.guid.in_(guids)))
        by_guid = {contact.guid: contact for contact in found}
        return [by_guid[guid] for guid in guids if guid in by_guid], int(keys[0][1])


def _count(session: Session, conditions: list[ColumnElement[bool]]) -> int:
    matching = session.scalar(select(func.count()).select_from(Contact).where(*conditions))
    return int(matching or 0)


def _conditions(organization_id: int, query: ContactQuery) -> list[ColumnElement[bool]]:
    columns = {wire: getattr(Contact, COLUMNS[wire]) for wire in FILTERABLE}
    conditions: list[ColumnElement[bool]] = [Contact.organization_id == organization_id]
    conditions += filter_clauses(query.terms, columns)
    if query.deleted is True:
        conditions.append(Contact.deleted_at.is_not(None))
    elif query.deleted is False:
        conditions.append(Contact.deleted_at.is_(None))
    if query.changes_since is not None:
        since = query.changes_since
        conditions.append(
            or_(
                Contact.created_at >= since,
                Contact.updated_at >= since,
                Contact.deleted_at >= since,
            )
        )
    return conditions
