"""Analysts' watchlist entries (known schemes and actors beside the packaged ones).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 16:00:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watchlist_entries",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("schema", sa.String(length=32), nullable=False),
        sa.Column("caption", sa.String(length=500), nullable=False),
        sa.Column("entity", sa.JSON().with_variant(JSONB(), "postgresql"), nullable=False),
        sa.Column("origin", sa.String(length=200), nullable=False),
        sa.Column("added_by", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["added_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("watchlist_entries")
