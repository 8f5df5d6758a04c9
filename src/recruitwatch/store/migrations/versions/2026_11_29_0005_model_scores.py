"""The lure model's part of a verdict: the indicator score it started from, the model's
version and its explanation; an index on the score for the review queue.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 14:20:00.000000
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    json_type = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
    with op.batch_alter_table("assessments") as batch:
        batch.add_column(sa.Column("indicator_score", sa.Float(), nullable=True))
        batch.add_column(sa.Column("model_version", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("explanation", json_type, nullable=True))
    op.create_index("ix_assessments_score", "assessments", ["score"])


def downgrade() -> None:
    op.drop_index("ix_assessments_score", table_name="assessments")
    with op.batch_alter_table("assessments") as batch:
        batch.drop_column("explanation")
        batch.drop_column("model_version")
        batch.drop_column("indicator_score")
