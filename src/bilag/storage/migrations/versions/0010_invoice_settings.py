"""invoice settings

Revision ID: 0010_invoice_settings
Revises: 0009_sales

"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0010_invoice_settings"
down_revision = "0009_sales"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "invoice_settings",
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("lines_incl_vat", sa.Boolean(), nullable=False),
        sa.Column("default_account_number", sa.Integer(), nullable=False),
        sa.Column("payment_condition_type", sa.String(length=20), nullable=False),
        sa.Column("payment_condition_days", sa.Integer(), nullable=True),
        sa.Column("reminder_fee", sa.String(length=40), nullable=False),
        sa.Column("reminder_interest_rate", sa.String(length=40), nullable=False),
        sa.Column("add_voucher_as_pdf", sa.Boolean(), nullable=False),
        sa.Column("trustpilot_email", sa.String(length=320), nullable=True),
        sa.Column("fik_creditor_number", sa.String(length=8), nullable=True),
        sa.Column("use_fik", sa.Boolean(), nullable=False),
        sa.Column("bank_reg_number", sa.String(length=4), nullable=True),
        sa.Column("bank_account_number", sa.String(length=10), nullable=True),
        sa.Column("iban", sa.String(length=34), nullable=True),
        sa.Column("bic", sa.String(length=11), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_invoice_settings_organization_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("organization_id", name=op.f("pk_invoice_settings")),
    )


def downgrade() -> None:
    op.drop_table("invoice_settings")
