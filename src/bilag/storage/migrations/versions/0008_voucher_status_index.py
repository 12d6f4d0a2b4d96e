"""index vouchers by status and kind, for the kassekladde booker's poll

Revision ID: 0008_voucher_status_index
Revises: 0007_purchases_ledger_items
"""

from __future__ import annotations

from alembic import op


revision = "0008_voucher_status_index"
down_revision = "0007_purchases_ledger_items"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("vouchers", schema=None) as batch_op:
        batch_op.create_index("ix_vouchers_status_kind", ["status", "kind"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("vouchers", schema=None) as batch_op:
        batch_op.drop_index("ix_vouchers_status_kind")
