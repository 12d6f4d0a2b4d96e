"""mailouts: when a sent document's link was first opened, and how often its PDF was fetched

Revision ID: 0016_mailout_views
Revises: 0015_voucher_lookup_indexes
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_mailout_views"
down_revision = "0015_voucher_lookup_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mailouts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seen_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("download_count", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("mailouts", schema=None) as batch_op:
        batch_op.drop_column("download_count")
        batch_op.drop_column("seen_at")
