"""Analysts' watchlist entries in the store: added, removed and imported as audited
decisions, merged with the packaged ones."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from recruitwatch.detect.watchlist import find_mentions
from recruitwatch.detect.watchlist_entries import Entry, Source, packaged_entries
from recruitwatch.errors import InvalidInput, NotFound
from recruitwatch.store import audit, crypto
from recruitwatch.store.models import AuditEntry, Decision
from recruitwatch.store.users import Identity
from recruitwatch.store.watchlist import (
    add_entry,
    effective_entries,
    effective_watchlist,
    import_entries,
    listing,
    remove_entry,
)
from recruitwatch.text import normalize


def agency(entry_id: str = "db-golden-gate", name: str = "Golden Gate Recruiting") -> Entry:
    return Entry(
        entry_id,
        "Company",
        {"name": (name,), "alias": ("البوابة الذهبية للتوظيف",)},
        (Source("https://example.org/court-ruling", "A synthetic ruling", "2025-05-01"),),
        "synthetic agency named in a synthetic ruling",
    )


def who(people: dict[str, Identity], name: str = "root") -> tuple[int, str]:
    return people[name].user_id, people[name].name


def test_an_added_entry_is_matched_and_its_decision_audited(
    engine: Engine, ring: crypto.Keyring, people: dict[str, Identity]
) -> None:
    with Session(engine) as session, session.begin():
        add_entry(session, ring, agency(), who(people), note="seen in a ruling")
    with Session(engine) as session:
        ids = {e.id for e in effective_entries(session)}
        assert "db-golden-gate" in ids and "rw-alabuga-start" in ids
        text = "اتصل بالبوابة الذهبية للتوظيف"
        found = find_mentions(normalize(text), effective_watchlist(session))
        assert [(m.entry.id, m.span.text) for m in found] == [
            ("db-golden-gate", "البوابة الذهبية للتوظيف")
        ]
        decision = session.scalars(select(Decision)).one()
        assert (decision.subject_type, decision.subject_id, decision.value) == (
            "watchlist",
            "db-golden-gate",
            "add",
        )
        entry = session.scalars(select(AuditEntry)).one()
        assert (entry.actor, entry.action, entry.record_id) == (
            "root",
            "watchlist.add",
            "db-golden-gate",
        )
        assert "Golden" not in entry.detail  # names never reach the audit log
        assert audit.verify(session, ring).ok


def test_removing_hides_a_packaged_entry_until_it_is_added_back(
    engine: Engine, ring: crypto.Keyring, people: dict[str, Identity]
) -> None:
    with Session(engine) as session, session.begin():
        remove_entry(session, ring, "rw-redut", who(people), "not relevant to our region")
    with Session(engine) as session:
        assert "rw-redut" not in {e.id for e in effective_entries(session)}
        hidden = [e for e in listing(session, removed=True) if e["id"] == "rw-redut"]
        assert hidden and not hidden[0]["active"]
        assert hidden[0]["decision"]["note"] == "not relevant to our region"
        assert "rw-redut" not in {e["id"] for e in listing(session)}
    redut = next(e for e in packaged_entries() if e.id == "rw-redut")
    with Session(engine) as session, session.begin():
        add_entry(session, ring, redut, who(people))
    with Session(engine) as session:
        assert "rw-redut" in {e.id for e in effective_entries(session)}
        actions = [a for (a,) in session.execute(select(AuditEntry.action))]
        assert actions == ["watchlist.remove", "watchlist.add"]


def test_removal_needs_a_reason_and_an_entry_in_force(
    engine: Engine, ring: crypto.Keyring, people: dict[str, Identity]
) -> None:
    with Session(engine) as session, session.begin():
        with pytest.raises(InvalidInput, match="say why"):
            remove_entry(session, ring, "rw-redut", who(people), " ")
        with pytest.raises(NotFound, match="no watchlist entry 'nowhere'"):
            remove_entry(session, ring, "nowhere", who(people), "gone")


def test_import_records_one_decision_per_entry(
    engine: Engine, ring: crypto.Keyring, people: dict[str, Identity]
) -> None:
    entries = [agency("db-1", "First Synthetic Agency"), agency("db-2", "Second Synthetic Agency")]
    with Session(engine) as session, session.begin():
        assert import_entries(session, ring, entries, who(people, "amina"), "list.jsonl") == 2
    with Session(engine) as session:
        notes = [d.note for d in session.scalars(select(Decision).order_by(Decision.id))]
        assert notes == ["imported from list.jsonl"] * 2
        listed = {e["id"]: e for e in listing(session, "second")}
        assert list(listed) == ["db-2"] and listed["db-2"]["added_by"] == "amina"
        assert listed["db-2"]["origin"] == "database"


def test_search_folds_scripts_and_spelling(
    engine: Engine, ring: crypto.Keyring, people: dict[str, Identity]
) -> None:
    with Session(engine) as session:
        assert {e["id"] for e in listing(session, "ألابوغا")} >= {"rw-alabuga-start"}
        assert {e["id"] for e in listing(session, "ВАГНЕР")} == {"rw-wagner-group"}
