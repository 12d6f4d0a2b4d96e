"""files and file links

Revision ID: 0003_files
Revises: 0002_contact_notes
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_files"
down_revision = "0002_contact_notes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "files",
        sa.Column("guid", sa.String(length=32), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("extension", sa.String(length=10), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("in_archive", sa.Boolean(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.Column("uploaded_by_client_id", sa.String(length=200), nullable=False),
        sa.Column("uploaded_by_user_id", sa.Integer(), nullable=True),
        sa.Column("uploaded_by", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_files_organization_id_organizations"),
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by_user_id"], ["users.id"], name=op.f("fk_files_uploaded_by_user_id_users")
        ),
        sa.PrimaryKeyConstraint("guid", name=op.f("pk_files")),
    )
    op.create_index(
        "ix_files_org_uploaded", "files", ["organization_id", "uploaded_at"], unique=False
    )
    op.create_index(op.f("ix_files_sha256"), "files", ["sha256"], unique=False)
    op.create_table(
        "file_links",
        sa.Column("file_guid", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("target_id", sa.String(length=36), nullable=False),
        sa.Column("target_number", sa.Integer(), nullable=True),
        sa.Column("linked_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["file_guid"], ["files.guid"], name=op.f("fk_file_links_file_guid_files")
        ),
        sa.PrimaryKeyConstraint("file_guid", "kind", "target_id", name=op.f("pk_file_links")),
    )


def downgrade() -> None:
    op.drop_table("file_links")
    op.drop_index(op.f("ix_files_sha256"), table_name="files")
    op.drop_index("ix_files_org_uploaded", table_name="files")
    op.drop_table("files")
