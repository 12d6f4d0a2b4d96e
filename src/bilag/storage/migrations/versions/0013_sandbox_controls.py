"""sandbox controls: the clock's offset and the armed faults

Revision ID: 0013_sandbox_controls
Revises: 0012_grant_api_key

"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013_sandbox_controls"
down_revision = "0012_grant_api_key"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sandbox_clock",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("offset_seconds", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sandbox_clock")),
    )
    op.create_table(
        "sandbox_faults",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("client_id", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("remaining", sa.Integer(), nullable=False),
        sa.Column("delay_ms", sa.Integer(), nullable=True),
        sa.Column("retry_after", sa.Integer(), nullable=True),
        sa.Column("created_by_user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_user_id"],
            ["users.id"],
            name=op.f("fk_sandbox_faults_created_by_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sandbox_faults")),
    )
    op.create_index(
        op.f("ix_sandbox_faults_client_id"), "sandbox_faults", ["client_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_sandbox_faults_client_id"), table_name="sandbox_faults")
    op.drop_table("sandbox_faults")
    op.drop_table("sandbox_clock")
