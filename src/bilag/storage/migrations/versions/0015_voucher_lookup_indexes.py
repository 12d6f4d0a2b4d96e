"""index a voucher's entries and an organization's vouchers by date, for the web app's pages

Revision ID: 0015_voucher_lookup_indexes
Revises: 0014_debugger_refusals
"""

from __future__ import annotations

from alembic import op

revision = "0015_voucher_lookup_indexes"
down_revision = "0014_debugger_refusals"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index(
        "ix_journal_entries_org_voucher", "journal_entries", ["organization_id", "voucher_guid"]
    )
    op.create_index("ix_vouchers_org_date", "vouchers", ["organization_id", "voucher_date"])


def downgrade() -> None:
    op.drop_index("ix_vouchers_org_date", table_name="vouchers")
    op.drop_index("ix_journal_entries_org_voucher", table_name="journal_entries")
