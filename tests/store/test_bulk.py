"""Bulk writes (store.bulk): COPY on PostgreSQL, executemany elsewhere, with the same rows
read back: order, JSON, NULLs and text that COPY's own format would misread."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from recruitwatch.ingest import content_hash
from recruitwatch.model import Assessment, Entity, IndicatorHit, Provenance, Record, Span
from recruitwatch.store import save_batch
from recruitwatch.store.bulk import copy_upsert, fresh_plans, insert_rows
from recruitwatch.store.models import Assessment as AssessmentRow
from recruitwatch.store.models import Document, EntityRow, Source

# Tabs, newlines, backslashes and a literal \N are COPY's separators, escapes and NULL.
AWKWARD = 'وظيفة\tفي "روسيا"\nراتب 3000$ \\N \\ end'


def item(rid: str, text: str) -> tuple[Record, Assessment]:
    record = Record(rid, text, Provenance("t.jsonl", f"line {rid}"), content_hash(text))
    hit = IndicatorHit("urgency", 0.1, (Span(0, 3, text[:3]),), note=AWKWARD)
    entity = Entity("phone", "+9647701234567", AWKWARD, 0, 3, {"why": AWKWARD, "n": [1, None]})
    verdict = Assessment(
        rid, None, "offer", "ar", 0.8, "high", (hit,), (entity,), record.content_hash
    )
    return record, verdict


def test_two_batches_in_one_transaction_keep_their_rows_apart(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        save_batch(session, [item("a", "first offer text")], scanner_version="v1")
        save_batch(
            session, [item("b", "second offer text"), item("c", AWKWARD)], scanner_version="v1"
        )
    with Session(engine) as session:
        rows = session.execute(
            select(Document.external_id, Document.text, AssessmentRow.id, Document.first_seen)
            .join(AssessmentRow, AssessmentRow.document_id == Document.id)
            .order_by(Document.id)
        ).all()
        entities = session.scalars(select(EntityRow).order_by(EntityRow.id)).all()
    assert [(r[0], r[1]) for r in rows] == [
        ("a", "first offer text"),
        ("b", "second offer text"),
        ("c", AWKWARD),
    ]  # document ids follow input order, and each document has its own assessment
    assert len({r[2] for r in rows}) == 3 and all(r[3] is not None for r in rows)
    assert [(e.text, e.attrs) for e in entities] == [
        (AWKWARD, {"why": AWKWARD, "n": [1, None]})
    ] * 3


def test_insert_rows_stores_awkward_text_and_nulls(engine: Engine) -> None:
    rows = [{"name": AWKWARD}, {"name": "قناة\\N"}, {"name": "\\"}]
    with Session(engine) as session, session.begin():
        insert_rows(session, Source, rows)
    with Session(engine) as session:
        assert session.scalars(select(Source.name).order_by(Source.id)).all() == [
            r["name"] for r in rows
        ]


def test_copy_upsert_is_idempotent_and_returns_only_new_rows(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("COPY is PostgreSQL's; other databases take executemany")
    rows = [{"name": f"channel {n}"} for n in range(5)]
    with Session(engine) as session, session.begin():
        first = copy_upsert(session, Source, rows[:3], "ON CONFLICT DO NOTHING", "id")
        again = copy_upsert(session, Source, rows, "ON CONFLICT DO NOTHING", "id")
    assert len(first) == 3 and len(again) == 2 and max(first) < min(again)
    with Session(engine) as session:
        names = session.scalars(select(Source.name).order_by(Source.id)).all()
    assert names == [r["name"] for r in rows]


def test_fresh_plans_turns_prepared_statements_off_for_the_block_only(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("prepared statements are psycopg's")
    with Session(engine) as session:
        raw = session.connection().connection.driver_connection
        before = raw.prepare_threshold  # type: ignore[union-attr]
        with fresh_plans(session):
            assert raw.prepare_threshold is None  # type: ignore[union-attr]
        assert before is not None and raw.prepare_threshold == before  # type: ignore[union-attr]
