"""Labels in the store: the latest one counts, documents found by their input id."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from recruitwatch.errors import InvalidInput, NotFound
from recruitwatch.ingest.records import make_record
from recruitwatch.model import Assessment
from recruitwatch.store import crypto, save_batch
from recruitwatch.store.labels import (
    current_labels,
    find_document,
    labelled_examples,
    record_label,
)
from recruitwatch.store.users import Identity


def _store(engine: Engine, rows: list[tuple[str, str]]) -> None:
    items = []
    for rid, text in rows:
        record = make_record("t.jsonl", rid, rid, text, id=rid)
        verdict = Assessment(rid, None, "offer", "en", 0.5, "medium", (), (), record.content_hash)
        items.append((record, verdict))
    with Session(engine) as session, session.begin():
        save_batch(session, items, scanner_version="test")


def test_the_latest_label_counts_and_unsure_teaches_nothing(
    engine: Engine, ring: crypto.Keyring, people: dict[str, Identity]
) -> None:
    _store(engine, [("a", "Work in Russia, 3000 USD"), ("b", "Accountant in Basra"), ("c", "?")])
    amina, omar = people["amina"], people["omar"]
    with Session(engine) as session, session.begin():
        a, b, c = (find_document(session, x) for x in "abc")
        record_label(session, ring, a, "legitimate", (amina.user_id, amina.name))
        record_label(session, ring, a, "deceptive", (omar.user_id, omar.name), "second look")
        record_label(session, ring, b, "legitimate", (amina.user_id, amina.name))
        record_label(session, ring, c, "unsure", (amina.user_id, amina.name))
        ids = {x.id: name for x, name in ((a, "a"), (b, "b"), (c, "c"))}
        assert {ids[d]: v for d, v in current_labels(session).items()} == {
            "a": "deceptive",
            "b": "legitimate",
            "c": "unsure",
        }
        learned = {e.record.id: e.label for e in labelled_examples(session)}
        assert learned == {"a": 1, "b": 0}
        with pytest.raises(InvalidInput, match="choose one of"):
            record_label(session, ring, a, "maybe", (amina.user_id, amina.name))


def test_documents_by_input_id_or_number(engine: Engine) -> None:
    _store(engine, [("x", "first text"), ("x", "second text with the same id")])
    with Session(engine) as session:
        with pytest.raises(InvalidInput, match="2 documents have the id 'x'"):
            find_document(session, "x")
        with pytest.raises(NotFound):
            find_document(session, "nothing")
        with pytest.raises(NotFound):
            find_document(session, "99999999999999")
