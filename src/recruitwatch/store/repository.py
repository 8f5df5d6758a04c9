"""Writing scan results and reading them back. Every function takes a session; the caller
owns the transaction (one per batch), so a killed run leaves whole batches or nothing."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from recruitwatch.model import Assessment as Verdict
from recruitwatch.model import Record
from recruitwatch.store.bulk import copy_upsert, fresh_plans, insert_rows, is_postgres
from recruitwatch.store.models import (
    Assessment,
    Document,
    DocumentSearch,
    EntityRow,
    IndicatorHitRow,
    Source,
)
from recruitwatch.store.search import search_body

CHUNK = 400  # rows per statement: well under SQLite's bound-parameter limit
BAND_ORDER = {"low": 0, "medium": 1, "high": 2}


@dataclass(frozen=True)
class BatchResult:
    documents_new: int
    assessments: int


@dataclass(frozen=True)
class FlaggedOffer:
    id: str
    source: str | None
    kind: str
    language: str
    score: float
    band: str
    text: str
    indicators: tuple[str, ...]


def _chunks(rows: Sequence[dict[str, Any]]) -> Iterable[Sequence[dict[str, Any]]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start : start + CHUNK]


def upsert_insert(session: Session, table: Any) -> Any:
    """An INSERT that takes ON CONFLICT clauses, on SQLite and PostgreSQL."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"no upsert for {dialect}")


def _source_ids(session: Session, names: set[str]) -> dict[str, int]:
    if not names:
        return {}
    rows = [{"name": n} for n in sorted(names)]
    session.execute(upsert_insert(session, Source).values(rows).on_conflict_do_nothing())
    found = session.execute(select(Source.name, Source.id).where(Source.name.in_(names)))
    return {name: sid for name, sid in found}


def _document_ids(
    session: Session, records: Sequence[Record]
) -> tuple[dict[tuple[str, str], int], int]:
    """Insert the documents not stored yet; return ids by (external id, hash) and the count new."""
    sources = _source_ids(session, {r.source for r in records if r.source})
    rows = [
        {
            "external_id": r.id or r.content_hash[:16],
            "content_hash": r.content_hash,
            "source_id": sources.get(r.source or ""),
            "title": r.title,
            "url": r.url,
            "date": r.date,
            "lang": r.lang,
            "text": r.text,
            "provenance_file": r.provenance.file,
            "provenance_locator": r.provenance.locator,
            "meta": r.meta,
        }
        for r in records
    ]
    if is_postgres(session):
        new = len(copy_upsert(session, Document, rows, "ON CONFLICT DO NOTHING", "id"))
    else:  # executemany with RETURNING: one compiled statement, the ids of new rows only
        statement = upsert_insert(session, Document).on_conflict_do_nothing()
        new = len(session.execute(statement.returning(Document.id), rows).all()) if rows else 0
    hashes = {r.content_hash for r in records}
    ids: dict[tuple[str, str], int] = {}
    hash_list = sorted(hashes)
    for start in range(0, len(hash_list), CHUNK):
        part = hash_list[start : start + CHUNK]
        query = select(Document.external_id, Document.content_hash, Document.id)
        for ext, digest, did in session.execute(query.where(Document.content_hash.in_(part))):
            ids[(ext, digest)] = did
    return ids, new


def _index_search(session: Session, texts: dict[int, str]) -> None:
    rows = [{"document_id": d, "body": search_body(t)} for d, t in texts.items()]
    if is_postgres(session):
        copy_upsert(session, DocumentSearch, rows, "ON CONFLICT DO NOTHING")
    elif rows:
        statement = upsert_insert(session, DocumentSearch).on_conflict_do_nothing()
        session.execute(statement, rows)


UPDATED = ("kind", "language", "score", "band", "indicator_score", "model_version", "explanation")


def _upsert_assessments(session: Session, rows: list[dict[str, Any]]) -> None:
    """A re-scan with the same scanner version replaces the verdict, keeping its row."""
    if is_postgres(session):
        updates = ", ".join(f'"{c}" = EXCLUDED."{c}"' for c in UPDATED)
        conflict = f"ON CONFLICT (document_id, scanner_version) DO UPDATE SET {updates}"
        copy_upsert(session, Assessment, rows, conflict)
        return
    statement = upsert_insert(session, Assessment)
    statement = statement.on_conflict_do_update(
        index_elements=["document_id", "scanner_version"],
        set_={c: statement.excluded[c] for c in UPDATED},
    )
    session.execute(statement, rows)


def save_batch(
    session: Session, items: Sequence[tuple[Record, Verdict]], *, scanner_version: str
) -> BatchResult:
    """Store records and their assessments; saving the same batch again changes nothing,
    and a re-scan with the same scanner version replaces the earlier verdict."""
    unique: dict[tuple[str, str], tuple[Record, Verdict]] = {}
    for record, verdict in items:
        unique[(record.id or record.content_hash[:16], record.content_hash)] = (record, verdict)
    if not unique:
        return BatchResult(0, 0)
    with fresh_plans(session):
        return _save(session, unique, scanner_version)


def _save(
    session: Session,
    unique: dict[tuple[str, str], tuple[Record, Verdict]],
    scanner_version: str,
) -> BatchResult:
    doc_ids, new = _document_ids(session, [r for r, _ in unique.values()])
    _index_search(session, {doc_ids[k]: r.text for k, (r, _) in unique.items()})
    assessment_rows = []
    for key, (_, verdict) in unique.items():
        assessment_rows.append(
            {
                "document_id": doc_ids[key],
                "scanner_version": scanner_version,
                "kind": verdict.kind,
                "language": verdict.language,
                "score": verdict.score,
                "band": verdict.band,
                "indicator_score": None if verdict.model is None else verdict.indicator_score,
                "model_version": None if verdict.model is None else verdict.model.version,
                "explanation": None
                if verdict.model is None
                else verdict.model.to_json()["features"],
            }
        )
    _upsert_assessments(session, assessment_rows)
    docs = list({doc_ids[k] for k in unique})
    found = session.execute(
        select(Assessment.document_id, Assessment.id).where(
            Assessment.document_id.in_(docs), Assessment.scanner_version == scanner_version
        )
    )
    assessment_ids = {did: aid for did, aid in found}
    session.execute(
        delete(IndicatorHitRow).where(
            IndicatorHitRow.assessment_id.in_(list(assessment_ids.values()))
        )
    )
    session.execute(delete(EntityRow).where(EntityRow.document_id.in_(docs)))
    hits, entities = [], []
    for key, (_, verdict) in unique.items():
        did = doc_ids[key]
        hits += [
            {
                "assessment_id": assessment_ids[did],
                "indicator_id": h.id,
                "weight": h.weight,
                "evidence": [asdict(s) for s in h.evidence],
                "note": h.note,
            }
            for h in verdict.indicators
        ]
        entities += [
            {
                "document_id": did,
                "type": e.type,
                "value": e.value,
                "text": e.text,
                "start": e.start,
                "end": e.end,
                "attrs": e.attrs,
            }
            for e in verdict.entities
        ]
    insert_rows(session, IndicatorHitRow, hits)
    insert_rows(session, EntityRow, entities)
    return BatchResult(new, len(assessment_rows))


def top_flagged(
    session: Session, *, limit: int = 20, min_band: str = "medium"
) -> list[FlaggedOffer]:
    """The highest-scoring offers at or above `min_band`."""
    bands = [b for b, rank in BAND_ORDER.items() if rank >= BAND_ORDER[min_band]]
    query = (
        select(Assessment, Document, Source.name)
        .join(Document, Assessment.document_id == Document.id)
        .outerjoin(Source, Document.source_id == Source.id)
        .where(Assessment.band.in_(bands))
        .order_by(Assessment.score.desc(), Document.external_id)
        .limit(limit)
    )
    rows = session.execute(query).all()
    hits: dict[int, list[str]] = {}
    ids = [a.id for a, _, _ in rows]
    if ids:
        for aid, ind in session.execute(
            select(IndicatorHitRow.assessment_id, IndicatorHitRow.indicator_id)
            .where(IndicatorHitRow.assessment_id.in_(ids))
            .order_by(IndicatorHitRow.id)
        ):
            hits.setdefault(aid, []).append(ind)
    return [
        FlaggedOffer(
            d.external_id,
            source,
            a.kind,
            a.language,
            a.score,
            a.band,
            d.text,
            tuple(hits.get(a.id, ())),
        )
        for a, d, source in rows
    ]


def counts(session: Session) -> dict[str, int]:
    """Documents and assessments stored, and assessments per band and per kind."""
    result = {
        "documents": session.scalar(select(func.count()).select_from(Document)) or 0,
        "assessments": session.scalar(select(func.count()).select_from(Assessment)) or 0,
    }
    for column in (Assessment.band, Assessment.kind):
        for value, n in session.execute(select(column, func.count()).group_by(column)):
            result[f"{column.key}:{value}"] = n
    return result
