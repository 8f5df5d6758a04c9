"""The audit log: append-only, each entry MAC-chained to the one before.

Each entry's MAC covers its own fields and the previous entry's MAC, keyed with the audit key
of the keyring (kept outside the database), so whoever can write to the database still cannot
rewrite history without the verifier noticing: an edited entry fails its MAC, a deleted or
reordered one breaks the chain, a truncated tail no longer meets the head row.
Entries name records by id and fields by name; they never hold personal data.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from recruitwatch.store.crypto import Keyring, audit_mac
from recruitwatch.store.models import AuditEntry, AuditHead

GENESIS = "0" * 64
BATCH = 5000


def _payload(
    seq: int,
    at: str,
    actor: str,
    action: str,
    record_type: str,
    record_id: str,
    detail: str,
    key_id: str,
    prev: str,
) -> bytes:
    fields = [seq, at, actor, action, record_type, record_id, detail, key_id, prev]
    return json.dumps(fields, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _head(session: Session) -> AuditHead:
    """The head row, locked until the transaction ends (SQLite: the writer engine's lock)."""
    head = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar()
    if head is None:
        head = AuditHead(id=1, seq=0, mac=GENESIS)
        session.add(head)
        session.flush()
    return head


def record(
    session: Session,
    ring: Keyring,
    *,
    actor: str,
    action: str,
    record_type: str,
    record_id: str | int,
    detail: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry in the caller's transaction, so a change and its entry land together."""
    head = _head(session)
    at = datetime.now(UTC).isoformat(timespec="microseconds")
    text = json.dumps(dict(detail or {}), ensure_ascii=False, sort_keys=True)
    seq = head.seq + 1
    key_id = ring.active
    mac = audit_mac(
        ring,
        key_id,
        _payload(seq, at, actor, action, record_type, str(record_id), text, key_id, head.mac),
    )
    entry = AuditEntry(
        seq=seq,
        at=at,
        actor=actor,
        action=action,
        record_type=record_type,
        record_id=str(record_id),
        detail=text,
        key_id=key_id,
        prev=head.mac,
        mac=mac,
    )
    session.add(entry)
    head.seq, head.mac = seq, mac
    session.flush()
    return entry


@dataclass
class Verification:
    entries: int = 0
    head_seq: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _entries(session: Session) -> Iterator[AuditEntry]:
    last = 0
    while True:
        query = select(AuditEntry).where(AuditEntry.seq > last).order_by(AuditEntry.seq)
        batch = list(session.scalars(query.limit(BATCH)))
        if not batch:
            return
        yield from batch
        last = batch[-1].seq
        session.expunge_all()


def _check(ring: Keyring, entry: AuditEntry, expected_seq: int, prev: str) -> list[str]:
    problems = []
    if entry.seq != expected_seq:
        problems.append(f"entry {entry.seq}: expected entry {expected_seq} (entries deleted)")
    if entry.prev != prev:
        problems.append(
            f"entry {entry.seq}: does not follow the entry before it (reordered or deleted)"
        )
    payload = _payload(
        entry.seq,
        entry.at,
        entry.actor,
        entry.action,
        entry.record_type,
        entry.record_id,
        entry.detail,
        entry.key_id,
        entry.prev,
    )
    try:
        valid = audit_mac(ring, entry.key_id, payload) == entry.mac
    except Exception as exc:  # a missing key generation is a finding, not a crash
        problems.append(f"entry {entry.seq}: cannot be checked ({exc})")
        return problems
    if not valid:
        problems.append(f"entry {entry.seq}: contents modified (MAC does not match)")
    return problems


def verify(session: Session, ring: Keyring) -> Verification:
    """Walk the whole chain and report every break found."""
    result = Verification()
    prev, expected = GENESIS, 1
    for entry in _entries(session):
        result.problems += _check(ring, entry, expected, prev)
        result.entries += 1
        prev, expected = entry.mac, entry.seq + 1
    head = session.get(AuditHead, 1)
    result.head_seq = head.seq if head else 0
    if head is not None and (head.seq != expected - 1 or head.mac != prev):
        result.problems.append(
            f"head records entry {head.seq} but the chain ends at {expected - 1} "
            "(entries deleted from the end, or the head edited)"
        )
    return result


def entries(
    session: Session,
    *,
    record_type: str | None = None,
    record_id: str | None = None,
    limit: int = 100,
) -> list[AuditEntry]:
    """The newest entries first, optionally for one record."""
    query = select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(limit)
    if record_type:
        query = query.where(AuditEntry.record_type == record_type)
    if record_id:
        query = query.where(AuditEntry.record_id == record_id)
    return list(session.scalars(query))
