"""The audit log: appended in the same transaction as the change, MAC-chained, append-only,
and every kind of tampering found by verify."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from recruitwatch.store import audit, crypto
from recruitwatch.store.db import writer
from recruitwatch.store.models import AuditEntry


def _fill(engine: Engine, ring: crypto.Keyring, n: int = 6) -> None:
    with Session(writer(engine)) as session, session.begin():
        for i in range(n):
            audit.record(
                session,
                ring,
                actor="amina",
                action="read",
                record_type="case",
                record_id=i + 1,
                detail={"n": i},
            )


def _verify(engine: Engine, ring: crypto.Keyring) -> audit.Verification:
    with Session(engine) as session:
        return audit.verify(session, ring)


def _raw(engine: Engine, sql: str) -> None:
    """Tamper as someone with direct database access would: drop the guard, then change."""
    with engine.begin() as conn:
        if engine.dialect.name == "sqlite":
            conn.execute(text("DROP TRIGGER IF EXISTS audit_log_no_update"))
            conn.execute(text("DROP TRIGGER IF EXISTS audit_log_no_delete"))
        else:
            conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change"))
        conn.execute(text(sql))


def test_an_untouched_chain_verifies(engine: Engine, ring: crypto.Keyring) -> None:
    _fill(engine, ring)
    result = _verify(engine, ring)
    assert result.ok and result.entries == 6 and result.head_seq == 6


def test_entries_are_numbered_and_chained(engine: Engine, ring: crypto.Keyring) -> None:
    _fill(engine, ring, 3)
    with Session(engine) as session:
        rows = list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
    assert [r.seq for r in rows] == [1, 2, 3]
    assert rows[0].prev == audit.GENESIS
    assert rows[1].prev == rows[0].mac and rows[2].prev == rows[1].mac


def test_an_entry_rolled_back_with_its_change_leaves_no_gap(
    engine: Engine, ring: crypto.Keyring
) -> None:
    _fill(engine, ring, 2)
    with Session(writer(engine)) as session, pytest.raises(RuntimeError), session.begin():
        audit.record(session, ring, actor="x", action="update", record_type="case", record_id=1)
        raise RuntimeError("the change failed")
    _fill(engine, ring, 1)
    assert _verify(engine, ring).ok


@pytest.mark.parametrize(
    ("sql", "finding"),
    [
        ("UPDATE audit_log SET actor = 'someone' WHERE seq = 3", "entry 3: contents modified"),
        ("UPDATE audit_log SET detail = '{}' WHERE seq = 2", "entry 2: contents modified"),
        ("DELETE FROM audit_log WHERE seq = 4", "entry 5: expected entry 4"),
        ("DELETE FROM audit_log WHERE seq = 6", "head records entry 6"),
        # Swap two entries' contents but keep their numbers: the order is in the MACs.
        (
            "UPDATE audit_log SET record_id = CASE seq WHEN 2 THEN '3' ELSE '2' END "
            "WHERE seq IN (2, 3)",
            "entry 2: contents modified",
        ),
    ],
)
def test_tampering_is_detected(
    engine: Engine, ring: crypto.Keyring, sql: str, finding: str
) -> None:
    _fill(engine, ring)
    _raw(engine, sql)
    result = _verify(engine, ring)
    assert not result.ok
    assert any(finding in p for p in result.problems), result.problems


def test_reordering_whole_entries_is_detected(engine: Engine, ring: crypto.Keyring) -> None:
    _fill(engine, ring)
    # Move entry 2 to the end with its MAC intact: its chain link no longer fits.
    _raw(engine, "UPDATE audit_log SET seq = 100 WHERE seq = 2")
    _raw(engine, "UPDATE audit_log SET seq = 2 WHERE seq = 6")
    _raw(engine, "UPDATE audit_log SET seq = 6 WHERE seq = 100")
    result = _verify(engine, ring)
    assert not result.ok
    assert any("does not follow" in p or "modified" in p for p in result.problems)


def test_rewriting_history_needs_the_audit_key(engine: Engine, ring: crypto.Keyring) -> None:
    _fill(engine, ring)
    forger = crypto.new_keyring(development=True)
    assert not _verify(engine, forger).ok


@pytest.mark.parametrize("sql", ["UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"])
def test_the_database_itself_refuses_changes(
    engine: Engine, ring: crypto.Keyring, sql: str
) -> None:
    _fill(engine, ring, 2)
    with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
        conn.execute(text(sql))
    assert _verify(engine, ring).ok


def test_entries_survive_key_rotation(engine: Engine, ring: crypto.Keyring) -> None:
    _fill(engine, ring, 2)
    new = crypto.rotated(ring)
    _fill(engine, new, 2)
    assert _verify(engine, new).ok
    assert _verify(engine, crypto.purged(new)).ok  # audit keys are never purged
