"""The database schema: sources, documents, assessments, indicator hits and entities."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

JSONType = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Source(Base):
    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(500), unique=True)


class Document(Base):
    """One input record; the same id with the same content is stored once."""

    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint("external_id", "content_hash", name="uq_documents_identity"),
        Index("ix_documents_content_hash", "content_hash"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str] = mapped_column(String(500))
    content_hash: Mapped[str] = mapped_column(String(64))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(String(64))
    lang: Mapped[str | None] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    provenance_file: Mapped[str] = mapped_column(Text)
    provenance_locator: Mapped[str] = mapped_column(String(200))
    meta: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    source: Mapped[Source | None] = relationship()


class Assessment(Base):
    """A scan's verdict on a document; one per scanner version."""

    __tablename__ = "assessments"
    __table_args__ = (
        UniqueConstraint("document_id", "scanner_version", name="uq_assessments_version"),
        Index("ix_assessments_band_score", "band", "score"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    scanner_version: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(Float)
    band: Mapped[str] = mapped_column(String(8))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    document: Mapped[Document] = relationship()


class IndicatorHitRow(Base):
    __tablename__ = "indicator_hits"
    __table_args__ = (Index("ix_indicator_hits_indicator", "indicator_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    assessment_id: Mapped[int] = mapped_column(
        ForeignKey("assessments.id", ondelete="CASCADE"), index=True
    )
    indicator_id: Mapped[str] = mapped_column(String(100))
    weight: Mapped[float] = mapped_column(Float)
    evidence: Mapped[list[dict[str, Any]]] = mapped_column(JSONType)
    note: Mapped[str | None] = mapped_column(Text)


class EntityRow(Base):
    __tablename__ = "entities"
    __table_args__ = (Index("ix_entities_type_value", "type", "value"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    type: Mapped[str] = mapped_column(String(16))
    value: Mapped[str] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    attrs: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)


class DocumentLink(Base):
    """The latest linking of a document: its template cluster and network (derived data,
    rebuilt on every `link --store`, never edited)."""

    __tablename__ = "document_links"
    __table_args__ = (Index("ix_document_links_network", "network_id"),)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    cluster_id: Mapped[str | None] = mapped_column(String(32))
    network_id: Mapped[str | None] = mapped_column(String(32))


class NetworkRow(Base):
    __tablename__ = "networks"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    first_seen: Mapped[str | None] = mapped_column(String(64))
    last_seen: Mapped[str | None] = mapped_column(String(64))
    summary: Mapped[dict[str, Any]] = mapped_column(JSONType)
    linked: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PublicIdentifier(Base):
    """Identifiers the last linking refused to join documents on (hotlines, crowded links)."""

    __tablename__ = "public_identifiers"
    value: Mapped[str] = mapped_column(String(600), primary_key=True)


class LinkSketch(Base):
    """A document's MinHash signature over its masked shingles, kept so that linking after
    new documents arrive only sketches the new ones."""

    __tablename__ = "link_sketches"
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    key: Mapped[str] = mapped_column(String(64))
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)
