"""The database schema: documents and their assessments, networks, users, decisions, cases and
the audit log. Columns named `enc_*` hold AES-GCM ciphertexts (store/crypto.py), never plaintext."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
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
        Index("ix_documents_first_seen", "first_seen"),
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
        # The offers feed walks newest first within a band or a language (migration 0004).
        Index("ix_assessments_feed_band", "band", "document_id"),
        Index("ix_assessments_feed_language", "language", "document_id"),
        Index("ix_assessments_score", "score"),  # the review queue walks out from a threshold
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    scanner_version: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(Float)
    band: Mapped[str] = mapped_column(String(8))
    # With a trained model: the indicators' own score, the model's version and the features
    # that moved the score (see model.ModelVerdict); all None for indicators alone.
    indicator_score: Mapped[float | None] = mapped_column(Float)
    model_version: Mapped[str | None] = mapped_column(String(64))
    explanation: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONType)
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
    # With the document id last, one identifier's newest offers are read off the index.
    __table_args__ = (Index("ix_entities_type_value", "type", "value", "document_id"),)
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
    # A network's newest members are read off this index, never sorted.
    __table_args__ = (Index("ix_document_links_network", "network_id", "document_id"),)
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


class IdentifierNetwork(Base):
    """How many offers holding an identifier (an entity's type and value) each network has:
    derived at `link --store`, so an identifier search never counts a network's offers."""

    __tablename__ = "identifier_networks"
    type: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[str] = mapped_column(String(500), primary_key=True)
    network_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    documents: Mapped[int] = mapped_column(Integer)


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


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ApiToken(Base):
    """A bearer token; only its SHA-256 digest is kept."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    label: Mapped[str] = mapped_column(String(200), default="")
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class WebSession(Base):
    """A signed-in browser; the cookie carries a random token, the table its digest."""

    __tablename__ = "web_sessions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    csrf: Mapped[str] = mapped_column(String(64))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LoginAttempt(Base):
    __tablename__ = "login_attempts"
    __table_args__ = (Index("ix_login_attempts_name_at", "name", "at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    ok: Mapped[bool] = mapped_column(Boolean)


class Decision(Base):
    """A person's judgement, kept with who and when and never edited: a label on an offer, a
    merge of two cases (or its reversal), a confirmation, a verdict on a claim."""

    __tablename__ = "decisions"
    __table_args__ = (Index("ix_decisions_subject", "subject_type", "subject_id", "kind"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    value: Mapped[str] = mapped_column(String(200))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    note: Mapped[str | None] = mapped_column(Text)


class Case(Base):
    """An affected person's case. Column names follow HTCDS 2.0 (`prs_`, `vic_`, `cas_`) where it
    has the field; `rw_` marks recruitwatch's extensions. Personal fields are `enc_*`."""

    __tablename__ = "cases"
    __table_args__ = (
        Index("ix_cases_status", "cas_status", "id"),
        Index("ix_cases_province", "prs_mailing_state"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    cas_status: Mapped[str] = mapped_column(String(24), default="Active")
    rw_fate: Mapped[str] = mapped_column(String(24), default="reported")
    prs_gender: Mapped[str | None] = mapped_column(String(32))
    rw_age_band: Mapped[str | None] = mapped_column(String(8))
    prs_mailing_state: Mapped[str | None] = mapped_column(String(16))
    prs_citizenship: Mapped[str | None] = mapped_column(String(8))
    vic_recruitment_websites_and_apps: Mapped[list[str]] = mapped_column(JSONType, default=list)
    vic_method_of_recruitment: Mapped[list[str]] = mapped_column(JSONType, default=list)
    vic_type_of_exploitation: Mapped[list[str]] = mapped_column(JSONType, default=list)
    rw_departure_date: Mapped[str | None] = mapped_column(String(10))
    rw_last_contact_date: Mapped[str | None] = mapped_column(String(10))
    rw_reporter_type: Mapped[str | None] = mapped_column(String(24))
    con_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    rw_share_with: Mapped[list[str]] = mapped_column(JSONType, default=list)
    rw_recruiter_identifiers: Mapped[list[str]] = mapped_column(JSONType, default=list)
    rw_merged_into: Mapped[int | None] = mapped_column(Integer)
    enc_names_original: Mapped[str | None] = mapped_column(Text)
    enc_names_latin: Mapped[str | None] = mapped_column(Text)
    enc_birthdate: Mapped[str | None] = mapped_column(Text)
    enc_age: Mapped[str | None] = mapped_column(Text)
    enc_city: Mapped[str | None] = mapped_column(Text)
    enc_identity_numbers: Mapped[str | None] = mapped_column(Text)
    enc_phones: Mapped[str | None] = mapped_column(Text)
    enc_reporter_name: Mapped[str | None] = mapped_column(Text)
    enc_reporter_contact: Mapped[str | None] = mapped_column(Text)
    enc_reporter_relation: Mapped[str | None] = mapped_column(Text)
    enc_promises: Mapped[str | None] = mapped_column(Text)
    enc_notes: Mapped[str | None] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CaseEvent(Base):
    """A dated step in a person's fate. A death stays pending until a second person confirms."""

    __tablename__ = "case_events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(24))
    date: Mapped[str] = mapped_column(String(10))
    state: Mapped[str] = mapped_column(String(16), default="confirmed")
    enc_note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    confirmed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CaseAction(Base):
    """A consular action (visa for relatives, repatriation, documents) or a legal proceeding."""

    __tablename__ = "case_actions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    category: Mapped[str] = mapped_column(String(16))
    type: Mapped[str] = mapped_column(String(32))
    date: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(24))
    court: Mapped[str | None] = mapped_column(String(200))
    enc_charge: Mapped[str | None] = mapped_column(Text)
    enc_outcome: Mapped[str | None] = mapped_column(Text)
    enc_details: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CaseAttachment(Base):
    __tablename__ = "case_attachments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    enc_filename: Mapped[str] = mapped_column(Text)
    content_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    blob: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CaseLink(Base):
    """A case tied to an offer (document), a recruiter identifier or a network."""

    __tablename__ = "case_links"
    __table_args__ = (
        UniqueConstraint("case_id", "target_type", "target"),
        Index("ix_case_links_target", "target_type", "target"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    target_type: Mapped[str] = mapped_column(String(16))
    target: Mapped[str] = mapped_column(String(600))
    added_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CaseIndex(Base):
    """Keyed blind indexes of a case's personal fields: exact phone, normalised name tokens."""

    __tablename__ = "case_index"
    __table_args__ = (Index("ix_case_index_digest", "kind", "digest"),)
    case_id: Mapped[int] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(8), primary_key=True)
    digest: Mapped[str] = mapped_column(String(32), primary_key=True)


class AuditEntry(Base):
    """One line of the append-only, hash-chained audit log. No personal data goes in here."""

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(32))
    record_type: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[str] = mapped_column(String(64))
    detail: Mapped[str] = mapped_column(Text)
    key_id: Mapped[str] = mapped_column(String(16))
    prev: Mapped[str] = mapped_column(String(64))
    mac: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The newest entry's number and MAC: a lock for appending, and a check against truncation."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    mac: Mapped[str] = mapped_column(String(64))


class DocumentSearch(Base):
    """A document's text folded by text.normalize, for full-text search: an FTS5 index over it
    on SQLite, a GIN index over its tsvector on PostgreSQL (both made by migration 0004)."""

    __tablename__ = "document_search"
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    body: Mapped[str] = mapped_column(Text)


class ClaimRow(Base):
    """An attributed figure from a news article or statement (extract/claims.py). The same
    figure in the same text is stored once: (text hash, start, end) is unique."""

    __tablename__ = "claims"
    __table_args__ = (
        UniqueConstraint("text_hash", "start", "end", name="uq_claims_span"),
        Index("ix_claims_quantity", "subject", "nationality", "unit"),
        Index("ix_claims_date", "date"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc: Mapped[str] = mapped_column(String(500))
    text_hash: Mapped[str] = mapped_column(String(64))
    source: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(Text)
    figure: Mapped[str] = mapped_column(String(200))
    value_min: Mapped[float | None] = mapped_column(Float)
    value_max: Mapped[float | None] = mapped_column(Float)
    precision: Mapped[str] = mapped_column(String(16))
    unit: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(String(24))
    nationality: Mapped[str | None] = mapped_column(String(8))
    claimant: Mapped[str | None] = mapped_column(String(300))
    stance: Mapped[str] = mapped_column(String(16))
    date: Mapped[str | None] = mapped_column(String(10))
    sentence: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    created: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class WatchlistEntryRow(Base):
    """An analyst's watchlist entry (detect/watchlist_entries.py): the FollowTheMoney entity
    with its sources and note. Whether it (or a packaged entry) is in force is derived from
    the latest `watchlist` decision on its id, never edited here."""

    __tablename__ = "watchlist_entries"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    schema: Mapped[str] = mapped_column(String(32))
    caption: Mapped[str] = mapped_column(String(500))
    entity: Mapped[dict[str, Any]] = mapped_column(JSONType)
    origin: Mapped[str] = mapped_column(String(200))
    added_by: Mapped[int] = mapped_column(ForeignKey("users.id"))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
