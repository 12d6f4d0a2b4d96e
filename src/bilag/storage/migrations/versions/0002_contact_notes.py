"""contact notes

Revision ID: 0002_contact_notes
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_contact_notes"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "contact_notes",
        sa.Column("guid", sa.String(length=36), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("contact_guid", sa.String(length=36), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author_name", sa.String(length=200), nullable=True),
        sa.Column("author_email", sa.String(length=320), nullable=True),
        sa.Column("note_date", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["contact_guid"],
            ["contacts.guid"],
            name=op.f("fk_contact_notes_contact_guid_contacts"),
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_contact_notes_organization_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("guid", name=op.f("pk_contact_notes")),
    )
    op.create_index("ix_contact_notes_contact_date", "contact_notes", ["contact_guid", "note_date"])


def downgrade() -> None:
    op.drop_index("ix_contact_notes_contact_date", table_name="contact_notes")
    op.drop_table("contact_notes")
