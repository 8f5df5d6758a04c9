"""Network links: document_links, networks, public_identifiers (derived, rebuilt by link --store).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 21:02:13.551942
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "networks",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("first_seen", sa.String(length=64), nullable=True),
        sa.Column("last_seen", sa.String(length=64), nullable=True),
        sa.Column(
            "summary",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=False,
        ),
        sa.Column("linked", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "public_identifiers",
        sa.Column("value", sa.String(length=600), nullable=False),
        sa.PrimaryKeyConstraint("value"),
    )
    op.create_table(
        "document_links",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("cluster_id", sa.String(length=32), nullable=True),
        sa.Column("network_id", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id"),
    )
    with op.batch_alter_table("document_links", schema=None) as batch_op:
        batch_op.create_index("ix_document_links_network", ["network_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("document_links", schema=None) as batch_op:
        batch_op.drop_index("ix_document_links_network")

    op.drop_table("document_links")
    op.drop_table("public_identifiers")
    op.drop_table("networks")
