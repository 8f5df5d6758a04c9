"""The store on SQLite and PostgreSQL: schema, idempotent saves, queries."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from recruitwatch.ingest import content_hash
from recruitwatch.model import Assessment, Entity, IndicatorHit, Provenance, Record, Span
from recruitwatch.store import counts, save_batch, top_flagged
from recruitwatch.store.db import alembic_config
from recruitwatch.store.models import Assessment as AssessmentRow
from recruitwatch.store.models import (
    Base,
    Document,
    DocumentLink,
    EntityRow,
    IdentifierNetwork,
    IndicatorHitRow,
    NetworkRow,
)


def item(rid: str, text: str, score: float = 0.9, band: str = "high") -> tuple[Record, Assessment]:
    record = Record(
        rid,
        text,
        Provenance("t.jsonl", f"line {rid}"),
        content_hash(text),
        source="synthetic-channel",
    )
    hit = IndicatorHit("urgency", 0.1, (Span(0, 3, text[:3]),))
    entity = Entity("phone", "+9647701234567", text[:3], 0, 3, {"region": "IQ"})
    verdict = Assessment(
        rid, "synthetic-channel", "offer", "ar", score, band, (hit,), (entity,), record.content_hash
    )  # type: ignore[arg-type]
    return record, verdict


def save(engine: Engine, items: list[tuple[Record, Assessment]], version: str = "v1") -> None:
    with Session(engine) as session, session.begin():
        save_batch(session, items, scanner_version=version)


def total(engine: Engine, table: type[Base]) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def _not_fts(name: str | None, type_: str, _parent: object) -> bool:
    # Full-text indexes (FTS5 and its shadow tables; the GIN index) are made by the migration
    # alone: they differ by database and the models cannot describe them.
    return not (name or "").startswith(("document_fts", "ix_document_search_tsv"))


def test_migrated_schema_matches_the_models(engine: Engine) -> None:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": _not_fts})
        assert compare_metadata(context, Base.metadata) == []


def test_upgrading_a_linked_store_counts_identifiers_and_drops_member_lists(engine: Engine) -> None:
    save(engine, [item("a", "نص أول"), item("b", "نص ثان"), item("c", "نص ثالث")])
    with Session(engine) as session, session.begin():
        ids = session.scalars(select(Document.id).order_by(Document.id)).all()
        for doc_id, network in zip(ids, ["N-1", "N-1", None], strict=True):
            session.add(DocumentLink(document_id=doc_id, network_id=network))
        summary = {"id": "N-1", "documents": ["a", "b"], "identifiers": ["phone:+9647701234567"]}
        session.add(NetworkRow(id="N-1", size=2, summary=summary))
    command.downgrade(alembic_config(engine), "0006")  # a store linked by an older release
    command.upgrade(alembic_config(engine), "head")
    with Session(engine) as session:
        rows = session.execute(
            select(
                IdentifierNetwork.type,
                IdentifierNetwork.value,
                IdentifierNetwork.network_id,
                IdentifierNetwork.documents,
            )
        ).all()
        stored = session.get_one(NetworkRow, "N-1").summary
    assert [tuple(r) for r in rows] == [("phone", "+9647701234567", "N-1", 2)]
    assert stored == {"id": "N-1", "identifiers": ["phone:+9647701234567"]}  # members dropped


def test_saving_twice_stores_everything_once(engine: Engine) -> None:
    batch = [item("a", "مطلوب شباب للعمل في روسيا"), item("b", "Work in Moscow")]
    save(engine, batch)
    save(engine, batch)
    assert total(engine, Document) == 2
    assert total(engine, AssessmentRow) == 2
    assert total(engine, IndicatorHitRow) == 2
    assert total(engine, EntityRow) == 2


def test_rescan_with_same_version_replaces_new_version_adds(engine: Engine) -> None:
    save(engine, [item("a", "text one", score=0.9)])
    save(engine, [item("a", "text one", score=0.2, band="low")])
    with Session(engine) as session:
        scores = session.scalars(select(AssessmentRow.score)).all()
    assert scores == [0.2]
    save(engine, [item("a", "text one")], version="v2")
    assert total(engine, AssessmentRow) == 2


def test_same_id_different_content_are_both_kept(engine: Engine) -> None:
    save(engine, [item("a", "first text"), item("a", "second text")])
    assert total(engine, Document) == 2


def test_text_round_trips_exactly(engine: Engine) -> None:
    text = "راتب ٣٠٠٠ دولار شهرياً — Зарплата 200 тысяч рублей ✅"
    save(engine, [item("x", text)])
    with Session(engine) as session:
        assert session.scalar(select(Document.text)) == text


def test_top_flagged_orders_by_score_and_filters_band(engine: Engine) -> None:
    save(
        engine,
        [
            item("low", "a", 0.1, "low"),
            item("mid", "b", 0.5, "medium"),
            item("top", "c", 0.95, "high"),
        ],
    )
    rows = [r.id for r in _top(engine)]
    assert rows == ["top", "mid"]
    with Session(engine) as session:
        assert counts(session)["documents"] == 3
        assert counts(session)["band:high"] == 1


def _top(engine: Engine) -> list:  # type: ignore[type-arg]
    with Session(engine) as session:
        return top_flagged(session, limit=10, min_band="medium")


def test_flagged_rows_carry_indicators(engine: Engine) -> None:
    save(engine, [item("top", "cccc", 0.95, "high")])
    (row,) = _top(engine)
    assert row.indicators == ("urgency",) and row.text == "cccc"
