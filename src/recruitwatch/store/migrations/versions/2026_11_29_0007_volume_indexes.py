"""Pages at volume: identifier and network indexes that end in the document id (newest
first without a sort), and per-identifier network counts derived at linking.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 20:00:00
"""

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_entities_type_value", table_name="entities")
    op.create_index("ix_entities_type_value", "entities", ["type", "value", "document_id"])
    op.drop_index("ix_document_links_network", table_name="document_links")
    op.create_index("ix_document_links_network", "document_links", ["network_id", "document_id"])
    op.create_table(
        "identifier_networks",
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=500), nullable=False),
        sa.Column("network_id", sa.String(length=32), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("type", "value", "network_id"),
    )
    # A store linked before this revision gets its counts now, not at its next linking.
    op.execute(
        "INSERT INTO identifier_networks (type, value, network_id, documents) "
        "SELECT e.type, e.value, l.network_id, COUNT(DISTINCT e.document_id) "
        "FROM entities e JOIN document_links l ON l.document_id = e.document_id "
        "WHERE e.type IN ('email', 'handle', 'link', 'phone', 'url') "
        "AND l.network_id IS NOT NULL "
        "GROUP BY e.type, e.value, l.network_id"
    )
    _drop_member_lists()


def _drop_member_lists() -> None:
    """Summaries stored before this revision carry their members; they are in
    document_links, and the networks page would read every one of them."""
    networks = sa.table(
        "networks",
        sa.column("id", sa.String()),
        sa.column("summary", sa.JSON().with_variant(JSONB(), "postgresql")),
    )
    bind = op.get_bind()
    for network_id, summary in bind.execute(sa.select(networks.c.id, networks.c.summary)).all():
        if isinstance(summary, dict) and "documents" in summary:
            kept = {k: v for k, v in summary.items() if k != "documents"}
            bind.execute(networks.update().where(networks.c.id == network_id).values(summary=kept))


def downgrade() -> None:
    op.drop_table("identifier_networks")
    op.drop_index("ix_document_links_network", table_name="document_links")
    op.create_index("ix_document_links_network", "document_links", ["network_id"])
    op.drop_index("ix_entities_type_value", table_name="entities")
    op.create_index("ix_entities_type_value", "entities", ["type", "value"])
