"""chart of accounts and accounting years

Revision ID: 0004_ledger
Revises: 0003_files
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_ledger"
down_revision = "0003_files"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("vat_code", sa.String(length=10), nullable=True),
        sa.Column("category", sa.String(length=40), nullable=False),
        sa.Column("public_standard_number", sa.Integer(), nullable=True),
        sa.Column("is_hidden", sa.Boolean(), nullable=False),
        sa.Column("is_default_sales", sa.Boolean(), nullable=False),
        sa.Column("is_deposit", sa.Boolean(), nullable=False),
        sa.Column("is_default_deposit", sa.Boolean(), nullable=False),
        sa.Column("bank_registration_number", sa.String(length=20), nullable=True),
        sa.Column("bank_account_number", sa.String(length=40), nullable=True),
        sa.Column("bank_swift_number", sa.String(length=20), nullable=True),
        sa.Column("bank_iban_number", sa.String(length=40), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_accounts_organization_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("organization_id", "number", name=op.f("pk_accounts")),
    )
    op.create_table(
        "accounting_years",
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("from_date", sa.Date(), nullable=False),
        sa.Column("to_date", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=20), nullable=False),
        sa.Column("salary_sum_tax_state", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_accounting_years_organization_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("organization_id", "from_date", name=op.f("pk_accounting_years")),
    )


def downgrade() -> None:
    op.drop_table("accounting_years")
    op.drop_table("accounts")
