"""People's judgements (labels, verdicts on claims, bulletin approvals): each one a row of
`decisions` with who, when and a note, written with its audit entry and never edited; a later
decision on the same subject supersedes an earlier one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from recruitwatch.store import audit
from recruitwatch.store.crypto import Keyring
from recruitwatch.store.models import Decision, User


def decide(
    session: Session,
    ring: Keyring,
    *,
    subject: tuple[str, str],
    kind: str,
    value: str,
    user: tuple[int, str],
    note: str | None,
    action: str,
) -> Decision:
    """Record `user`'s decision on `subject` (type, id) and its audit entry, in the
    caller's transaction."""
    subject_type, subject_id = subject
    user_id, name = user
    decision = Decision(
        subject_type=subject_type,
        subject_id=subject_id,
        kind=kind,
        value=value,
        user_id=user_id,
        note=(note or "").strip()[:1000] or None,
    )
    session.add(decision)
    session.flush()
    audit.record(
        session,
        ring,
        actor=name,
        action=action,
        record_type=subject_type,
        record_id=subject_id,
        detail={"value": value, "decision": decision.id},
    )
    return decision


def latest(session: Session, subject_type: str, kind: str) -> dict[str, dict[str, Any]]:
    """Each subject's latest decision of `kind`: subject id -> value, by, at, note."""
    newest = (
        select(func.max(Decision.id))
        .where(Decision.subject_type == subject_type, Decision.kind == kind)
        .group_by(Decision.subject_id)
    )
    query = (
        select(Decision, User.name)
        .join(User, User.id == Decision.user_id)
        .where(Decision.id.in_(newest))
    )
    return {
        d.subject_id: {"value": d.value, "by": name, "at": d.at.isoformat(), "note": d.note}
        for d, name in session.execute(query)
    }
