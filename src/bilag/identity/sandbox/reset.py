"""Resetting an organization: its books emptied and re-seeded, as if it were new.

Every table with an `organization_id` loses the organization's rows, and so does every table
hanging from one of those by a foreign key (voucher lines, file links), children first, in one
write transaction under the organization's lock: all or nothing. What belongs to the people and
applications rather than the books stays: the organization itself, its members, API keys, grants,
webhook subscriptions and usage figures. Then the chart and accounting year a new organization
gets are seeded again. Journal entries, which nothing else may delete, go too: a reset is the
sandbox's deliberate exception. Uploaded files' content stays in the blob store, which is
content-addressed and may be shared.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Delete, Table, delete, select

from bilag.identity.sandbox.errors import SandboxNotFound
from bilag.storage.db import Database
from bilag.storage.journal import lock_organization
from bilag.storage.models import Base, Organization
from bilag.storage.seeding import seed_organization

KEPT_TABLES = frozenset(
    {
        "organizations",
        "memberships",
        "api_keys",
        "grants",
        "webhook_subscriptions",
        "usage_counters",
    }
)


def reset_organization(database: Database, organization_id: int) -> dict[str, int]:
    """Empty the organization's books and seed them afresh; returns rows deleted per table."""
    deleted: dict[str, int] = {}
    with database.write() as session:
        if session.get(Organization, organization_id) is None:
            raise SandboxNotFound(f"there is no organization {organization_id}")
        lock_organization(session, organization_id)
        for table, statement in bookkeeping_deletes(organization_id):
            count = int(session.execute(statement).rowcount)  # type: ignore[attr-defined]
            if count:
                deleted[table.name] = count
        seed_organization(session, organization_id)
    return deleted


def bookkeeping_deletes(organization_id: int) -> list[tuple[Table, Delete]]:
    """The DELETE of every bookkeeping table for the organization, children before parents."""
    conditions: dict[Table, ColumnElement[bool]] = {}
    for table in Base.metadata.sorted_tables:  # parents before children
        if table.name in KEPT_TABLES:
            continue
        if "organization_id" in table.c:
            conditions[table] = table.c.organization_id == organization_id
            continue
        for key in table.foreign_keys:
            parent = key.column.table
            if isinstance(parent, Table) and parent in conditions:
                owned = select(key.column).where(conditions[parent])
                conditions[table] = key.parent.in_(owned)
                break
    return [(table, delete(table).where(conditions[table])) for table in reversed(conditions)]
