"""sales: products, sales documents, payments, reminders, mailouts

Revision ID: 0009_sales
Revises: 0008_voucher_status_index

"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0009_sales"
down_revision = "0008_voucher_status_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mailouts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("document_guid", sa.String(length=36), nullable=False),
        sa.Column("reminder_id", sa.Integer(), nullable=True),
        sa.Column("type", sa.String(length=30), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("sender", sa.String(length=500), nullable=True),
        sa.Column("receiver", sa.String(length=2000), nullable=False),
        sa.Column("cc_to_sender", sa.Boolean(), nullable=False),
        sa.Column("subject", sa.String(length=500), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("payload", sa.LargeBinary(), nullable=True),
        sa.Column("payload_type", sa.String(length=100), nullable=True),
        sa.Column("delivery_error", sa.Text(), nullable=True),
        sa.Column("delivered_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_mailouts_organization_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mailouts")),
    )
    with op.batch_alter_table("mailouts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_mailouts_document", ["organization_id", "document_guid"], unique=False
        )
        batch_op.create_index(
            "ix_mailouts_org_created", ["organization_id", "created_at"], unique=False
        )

    op.create_table(
        "products",
        sa.Column("guid", sa.String(length=36), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("product_number", sa.String(length=100), nullable=True),
        sa.Column("name", sa.String(length=500), nullable=True),
        sa.Column("base_amount", sa.String(length=40), nullable=False),
        sa.Column("quantity", sa.String(length=40), nullable=False),
        sa.Column("account_number", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=20), nullable=False),
        sa.Column("external_reference", sa.String(length=128), nullable=True),
        sa.Column("comment", sa.String(length=128), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_products_organization_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("guid", name=op.f("pk_products")),
    )
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.create_index(
            "ix_products_org_updated", ["organization_id", "updated_at"], unique=False
        )

    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("invoice_guid", sa.String(length=36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("timestamp", sa.String(length=16), nullable=False),
        sa.Column("reminder_date", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("with_debt_collection_warning", sa.Boolean(), nullable=False),
        sa.Column("with_fee", sa.Boolean(), nullable=False),
        sa.Column("with_interest_fee", sa.Boolean(), nullable=False),
        sa.Column("with_compensation_fee", sa.Boolean(), nullable=False),
        sa.Column("fee_ore", sa.BigInteger(), nullable=False),
        sa.Column("interest_ore", sa.BigInteger(), nullable=False),
        sa.Column("compensation_fee_ore", sa.BigInteger(), nullable=False),
        sa.Column("entry_voucher_guid", sa.String(length=36), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_reminders_organization_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders")),
    )
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.create_index(
            "ix_reminders_invoice", ["organization_id", "invoice_guid"], unique=False
        )

    op.create_table(
        "sales_documents",
        sa.Column("guid", sa.String(length=36), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("number_series", sa.String(length=10), nullable=False),
        sa.Column("number", sa.BigInteger(), nullable=True),
        sa.Column("timestamp", sa.String(length=16), nullable=False),
        sa.Column("contact_guid", sa.String(length=36), nullable=True),
        sa.Column("document_date", sa.Date(), nullable=False),
        sa.Column("payment_condition_type", sa.String(length=20), nullable=True),
        sa.Column("payment_condition_days", sa.Integer(), nullable=True),
        sa.Column("payment_date", sa.Date(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("exchange_rate", sa.String(length=40), nullable=False),
        sa.Column("language", sa.String(length=5), nullable=False),
        sa.Column("external_reference", sa.String(length=128), nullable=True),
        sa.Column("description", sa.String(length=2000), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("address", sa.String(length=2000), nullable=True),
        sa.Column("show_lines_incl_vat", sa.Boolean(), nullable=False),
        sa.Column("invoice_template_id", sa.String(length=36), nullable=True),
        sa.Column("reminder_fee", sa.String(length=40), nullable=True),
        sa.Column("reminder_interest_rate", sa.String(length=40), nullable=True),
        sa.Column("is_mobilepay_enabled", sa.Boolean(), nullable=False),
        sa.Column("is_pensopay_enabled", sa.Boolean(), nullable=False),
        sa.Column("credit_note_for", sa.String(length=36), nullable=True),
        sa.Column("lines", sa.Text(), nullable=False),
        sa.Column("total_excl_vat_ore", sa.BigInteger(), nullable=False),
        sa.Column("total_vat_ore", sa.BigInteger(), nullable=False),
        sa.Column("total_incl_vat_ore", sa.BigInteger(), nullable=False),
        sa.Column("total_vatable_ore", sa.BigInteger(), nullable=False),
        sa.Column("total_non_vatable_ore", sa.BigInteger(), nullable=False),
        sa.Column("mailout_status", sa.String(length=20), nullable=False),
        sa.Column("latest_mailout_type", sa.String(length=30), nullable=True),
        sa.Column("is_sent_to_debt_collection", sa.Boolean(), nullable=False),
        sa.Column("offer_history", sa.Text(), nullable=True),
        sa.Column("generated_vouchers", sa.Text(), nullable=True),
        sa.Column("booked_at", sa.DateTime(), nullable=True),
        sa.Column("booked_by_type", sa.String(length=30), nullable=True),
        sa.Column("booked_by_client", sa.String(length=200), nullable=True),
        sa.Column("booked_by_user", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_sales_documents_organization_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("guid", name=op.f("pk_sales_documents")),
        sa.UniqueConstraint(
            "organization_id",
            "number_series",
            "number",
            name=op.f("uq_sales_documents_organization_id"),
        ),
    )
    with op.batch_alter_table("sales_documents", schema=None) as batch_op:
        batch_op.create_index(
            "ix_sales_documents_org_contact", ["organization_id", "contact_guid"], unique=False
        )
        batch_op.create_index(
            "ix_sales_documents_org_kind_updated",
            ["organization_id", "kind", "updated_at"],
            unique=False,
        )

    op.create_table(
        "sales_payments",
        sa.Column("guid", sa.String(length=36), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("document_guid", sa.String(length=36), nullable=False),
        sa.Column("entry_voucher_guid", sa.String(length=36), nullable=True),
        sa.Column("amount_ore", sa.BigInteger(), nullable=False),
        sa.Column("amount_foreign_ore", sa.BigInteger(), nullable=True),
        sa.Column("payment_date", sa.Date(), nullable=False),
        sa.Column("deposit_account_number", sa.Integer(), nullable=True),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("external_reference", sa.String(length=128), nullable=True),
        sa.Column("remainder_is_fee", sa.Boolean(), nullable=False),
        sa.Column("payment_class", sa.String(length=30), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("deleted_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_sales_payments_organization_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("guid", name=op.f("pk_sales_payments")),
    )
    with op.batch_alter_table("sales_payments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_sales_payments_document", ["organization_id", "document_guid"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("sales_payments", schema=None) as batch_op:
        batch_op.drop_index("ix_sales_payments_document")

    op.drop_table("sales_payments")
    with op.batch_alter_table("sales_documents", schema=None) as batch_op:
        batch_op.drop_index("ix_sales_documents_org_kind_updated")
        batch_op.drop_index("ix_sales_documents_org_contact")

    op.drop_table("sales_documents")
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.drop_index("ix_reminders_invoice")

    op.drop_table("reminders")
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_index("ix_products_org_updated")

    op.drop_table("products")
    with op.batch_alter_table("mailouts", schema=None) as batch_op:
        batch_op.drop_index("ix_mailouts_org_created")
        batch_op.drop_index("ix_mailouts_document")

    op.drop_table("mailouts")
