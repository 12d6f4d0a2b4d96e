"""vouchers lines and journal entries

Revision ID: 0006_vouchers
Revises: 0005_webhooks
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0006_vouchers"
down_revision = "0005_webhooks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "journal_entries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("account_number", sa.Integer(), nullable=False),
        sa.Column("amount_ore", sa.BigInteger(), nullable=False),
        sa.Column("vat_code", sa.String(length=10), nullable=True),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("voucher_guid", sa.String(length=36), nullable=False),
        sa.Column("voucher_number", sa.BigInteger(), nullable=False),
        sa.Column("voucher_type", sa.String(length=30), nullable=False),
        sa.Column("file_guid", sa.String(length=64), nullable=True),
        sa.Column("contact_guid", sa.String(length=36), nullable=True),
        sa.Column("entry_date", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_journal_entries_organization_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal_entries")),
    )
    with op.batch_alter_table("journal_entries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_journal_entries_organization_id", ["organization_id"], unique=False
        )

    op.create_table(
        "vouchers",
        sa.Column("guid", sa.String(length=36), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("number", sa.BigInteger(), nullable=True),
        sa.Column("year_from", sa.Date(), nullable=True),
        sa.Column("voucher_date", sa.Date(), nullable=True),
        sa.Column("timestamp", sa.String(length=16), nullable=False),
        sa.Column("file_guid", sa.String(length=64), nullable=True),
        sa.Column("external_reference", sa.String(length=128), nullable=True),
        sa.Column("booked_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_vouchers_organization_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("guid", name=op.f("pk_vouchers")),
        sa.UniqueConstraint(
            "organization_id", "year_from", "number", name=op.f("uq_vouchers_organization_id")
        ),
    )
    with op.batch_alter_table("vouchers", schema=None) as batch_op:
        batch_op.create_index("ix_vouchers_organization_id", ["organization_id"], unique=False)

    op.create_table(
        "voucher_lines",
        sa.Column("voucher_guid", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("amount_ore", sa.BigInteger(), nullable=False),
        sa.Column("account_number", sa.Integer(), nullable=True),
        sa.Column("balancing_account_number", sa.Integer(), nullable=True),
        sa.Column("account_vat_code", sa.String(length=10), nullable=True),
        sa.Column("balancing_vat_code", sa.String(length=10), nullable=True),
        sa.ForeignKeyConstraint(
            ["voucher_guid"], ["vouchers.guid"], name=op.f("fk_voucher_lines_voucher_guid_vouchers")
        ),
        sa.PrimaryKeyConstraint("voucher_guid", "position", name=op.f("pk_voucher_lines")),
    )


def downgrade() -> None:
    op.drop_table("voucher_lines")
    with op.batch_alter_table("vouchers", schema=None) as batch_op:
        batch_op.drop_index("ix_vouchers_organization_id")

    op.drop_table("vouchers")
    with op.batch_alter_table("journal_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_journal_entries_organization_id")

    op.drop_table("journal_entries")
