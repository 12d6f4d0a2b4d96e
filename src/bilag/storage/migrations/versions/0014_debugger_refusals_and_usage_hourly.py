"""debugger: token and API refusals in the failure log; usage counted per hour

Revision ID: 0014_debugger_refusals
Revises: 0013_sandbox_controls

"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_debugger_refusals"
down_revision = "0013_sandbox_controls"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("authorization_failures", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=12), server_default="authorize", nullable=False)
        )
        batch_op.add_column(sa.Column("http_status", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("organization_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("request", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column("occurrences", sa.Integer(), server_default="1", nullable=False)
        )
        batch_op.add_column(sa.Column("last_seen_at", sa.DateTime(), nullable=True))
    op.create_table(
        "usage_hourly",
        sa.Column("client_id", sa.String(length=200), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("hour", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "client_id", "organization_id", "hour", "status", name=op.f("pk_usage_hourly")
        ),
    )
    with op.batch_alter_table("usage_hourly", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_usage_hourly_hour"), ["hour"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("usage_hourly", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_usage_hourly_hour"))
    op.drop_table("usage_hourly")
    with op.batch_alter_table("authorization_failures", schema=None) as batch_op:
        for column in (
            "last_seen_at",
            "occurrences",
            "request",
            "organization_id",
            "http_status",
            "kind",
        ):
            batch_op.drop_column(column)
