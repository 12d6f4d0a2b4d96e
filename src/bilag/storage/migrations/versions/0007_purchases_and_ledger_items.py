"""purchase vouchers, payments, ledger items and entry indexes

Revision ID: 0007_purchases_ledger_items
Revises: 0006_vouchers
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0007_purchases_ledger_items"
down_revision = "0006_vouchers"
branch_labels = None
depends_on = None

_VOUCHER_COLUMNS = (
    ("booked_by_type", sa.String(length=30)),
    ("booked_by_client", sa.String(length=200)),
    ("booked_by_user", sa.String(length=200)),
    ("purchase_type", sa.String(length=10)),
    ("deposit_account_number", sa.Integer()),
    ("region_key", sa.String(length=10)),
    ("contact_guid", sa.String(length=36)),
    ("payment_date", sa.Date()),
    ("currency_key", sa.String(length=3)),
    ("credit_note_for", sa.String(length=36)),
    ("notes", sa.String(length=2000)),
    ("requested_number", sa.BigInteger()),
)
_LINE_COLUMNS = (
    ("line_guid", sa.String(length=36)),
    ("payment_for_voucher", sa.String(length=36)),
    ("account_tag_name", sa.String(length=100)),
)


def upgrade() -> None:
    with op.batch_alter_table("vouchers", schema=None) as batch_op:
        for name, type_ in _VOUCHER_COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=True))
    with op.batch_alter_table("voucher_lines", schema=None) as batch_op:
        for name, type_ in _LINE_COLUMNS:
            batch_op.add_column(sa.Column(name, type_, nullable=True))
    with op.batch_alter_table("journal_entries", schema=None) as batch_op:
        batch_op.create_index(
            "ix_journal_entries_org_date", ["organization_id", "entry_date"], unique=False
        )
        batch_op.create_index(
            "ix_journal_entries_org_created", ["organization_id", "created_at"], unique=False
        )
    op.create_table(
        "purchase_payments",
        sa.Column("guid", sa.String(length=36), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("voucher_guid", sa.String(length=36), nullable=False),
        sa.Column("entry_voucher_guid", sa.String(length=36), nullable=False),
        sa.Column("amount_ore", sa.BigInteger(), nullable=False),
        sa.Column("amount_foreign_ore", sa.BigInteger(), nullable=True),
        sa.Column("payment_date", sa.Date(), nullable=False),
        sa.Column("deposit_account_number", sa.Integer(), nullable=True),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("external_reference", sa.String(length=128), nullable=True),
        sa.Column("remainder_is_fee", sa.Boolean(), nullable=False),
        sa.Column("timestamp", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_purchase_payments_organization_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("guid", name=op.f("pk_purchase_payments")),
    )
    with op.batch_alter_table("purchase_payments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_purchase_payments_voucher", ["organization_id", "voucher_guid"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("purchase_payments", schema=None) as batch_op:
        batch_op.drop_index("ix_purchase_payments_voucher")
    op.drop_table("purchase_payments")
    with op.batch_alter_table("journal_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_journal_entries_org_created")
        batch_op.drop_index("ix_journal_entries_org_date")
    with op.batch_alter_table("voucher_lines", schema=None) as batch_op:
        for name, _ in reversed(_LINE_COLUMNS):
            batch_op.drop_column(name)
    with op.batch_alter_table("vouchers", schema=None) as batch_op:
        for name, _ in reversed(_VOUCHER_COLUMNS):
            batch_op.drop_column(name)
