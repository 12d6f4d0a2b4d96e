"""The contact list's query: the matching contacts of one page, and how many match in all,
ordered by UpdatedAt, then ContactGuid (`listing.read_page` says how it reads a page)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement

from bilag.api.contact_records import COLUMNS, FILTERABLE
from bilag.api.filters import FilterTerm, filter_clauses
from bilag.api.listing import Lifecycle, lifecycle_conditions, read_page
from bilag.api.paging import Paging
from bilag.storage.db import Database
from bilag.storage.models import Contact

ORDER = (Contact.updated_at, Contact.guid)
LIFECYCLE = Lifecycle(Contact.created_at, Contact.updated_at, Contact.deleted_at)


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
    return read_page(database, Contact, Contact.guid, ORDER, conditions, query.paging)


def _conditions(organization_id: int, query: ContactQuery) -> list[ColumnElement[bool]]:
    columns = {wire: getattr(Contact, COLUMNS[wire]) for wire in FILTERABLE}
    conditions: list[ColumnElement[bool]] = [Contact.organization_id == organization_id]
    conditions += filter_clauses(query.terms, columns)
    conditions += lifecycle_conditions(LIFECYCLE, query.deleted, query.changes_since)
    return conditions
