"""document attachments: files bound to sales documents, and each organization's defaults

Revision ID: 0011_document_attachments
Revises: 0010_invoice_settings

"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_document_attachments"
down_revision = "0010_invoice_settings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_attachments",
        sa.Column("document_guid", sa.String(length=36), nullable=False),
        sa.Column("file_guid", sa.String(length=32), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("bound_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["file_guid"], ["files.guid"], name=op.f("fk_document_attachments_file_guid_files")
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_document_attachments_organization_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("document_guid", "file_guid", name=op.f("pk_document_attachments")),
    )
    op.create_index(
        "ix_document_attachments_org_document",
        "document_attachments",
        ["organization_id", "document_guid"],
        unique=False,
    )
    op.create_table(
        "default_attachments",
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("document_type", sa.String(length=20), nullable=False),
        sa.Column("file_guid", sa.String(length=32), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["file_guid"], ["files.guid"], name=op.f("fk_default_attachments_file_guid_files")
        ),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_default_attachments_organization_id_organizations"),
        ),
        sa.PrimaryKeyConstraint(
            "organization_id",
            "document_type",
            "file_guid",
            name=op.f("pk_default_attachments"),
        ),
    )


def downgrade() -> None:
    op.drop_table("default_attachments")
    op.drop_index("ix_document_attachments_org_document", table_name="document_attachments")
    op.drop_table("document_attachments")
