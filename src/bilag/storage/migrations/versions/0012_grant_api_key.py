"""grant api key: which organization API key a legacy grant was made from, so that revoking
the key revokes the grants (and so the tokens) made from it

Revision ID: 0012_grant_api_key
Revises: 0011_document_attachments

"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012_grant_api_key"
down_revision = "0011_document_attachments"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # An inline REFERENCES is the one way to add a foreign-key column that SQLite accepts in
    # place, without copying the grants table (which other tables reference).
    op.add_column(
        "grants",
        sa.Column("api_key_id", sa.Integer(), sa.ForeignKey("api_keys.id"), nullable=True),
        inline_references=True,
    )
    op.create_index(op.f("ix_grants_api_key_id"), "grants", ["api_key_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_grants_api_key_id"), table_name="grants")
    with op.batch_alter_table("grants", schema=None) as batch_op:
        batch_op.drop_column("api_key_id")
