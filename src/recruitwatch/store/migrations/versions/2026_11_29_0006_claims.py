"""The claims ledger: attributed figures from news and statements.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 15:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("doc", sa.String(length=500), nullable=False),
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("figure", sa.String(length=200), nullable=False),
        sa.Column("value_min", sa.Float(), nullable=True),
        sa.Column("value_max", sa.Float(), nullable=True),
        sa.Column("precision", sa.String(length=16), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.String(length=24), nullable=False),
        sa.Column("nationality", sa.String(length=8), nullable=True),
        sa.Column("claimant", sa.String(length=300), nullable=True),
        sa.Column("stance", sa.String(length=16), nullable=False),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("text_hash", "start", "end", name="uq_claims_span"),
    )
    op.create_index("ix_claims_quantity", "claims", ["subject", "nationality", "unit"])
    op.create_index("ix_claims_date", "claims", ["date"])


def downgrade() -> None:
    op.drop_index("ix_claims_date", table_name="claims")
    op.drop_index("ix_claims_quantity", table_name="claims")
    op.drop_table("claims")
