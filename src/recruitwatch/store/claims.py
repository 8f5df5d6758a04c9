"""The claims ledger in the store: attributed figures, grouped by what they count, with the
analysts' verdicts (verified or disputed, each a decision with who and when)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from recruitwatch.errors import InvalidInput, NotFound
from recruitwatch.report.period import Period
from recruitwatch.store.crypto import Keyring
from recruitwatch.store.decisions import decide, latest
from recruitwatch.store.models import ClaimRow, Decision
from recruitwatch.store.repository import upsert_insert
from recruitwatch.text import normalize_text

if TYPE_CHECKING:  # the ledger reads and writes rows; extraction is the caller's
    from recruitwatch.extract.claims import Claim

VERDICTS = ("verified", "disputed")
APPROXIMATE = 0.2  # "about 500" is read as 400-600 when comparing claims


@dataclass(frozen=True)
class ClaimSource:
    """Where a claim's text came from: its content hash (the ledger's identity), the
    source name and the address."""

    text_hash: str
    source: str | None = None
    url: str | None = None


def save_claims(session: Session, items: Sequence[tuple[Claim, ClaimSource]]) -> int:
    """Store claims; the same figure in the same text is stored once. Returns how many new."""
    rows = [
        {
            **claim.to_record(),
            "doc": claim.doc[:500],
            "figure": claim.figure[:200],
            "claimant": (claim.claimant or "")[:300] or None,
            "text_hash": where.text_hash,
            "source": (where.source or "")[:200] or None,
            "url": where.url,
        }
        for claim, where in items
    ]
    if not rows:
        return 0
    before = session.scalar(select(func.count()).select_from(ClaimRow)) or 0
    for start in range(0, len(rows), 200):
        statement = upsert_insert(session, ClaimRow).values(rows[start : start + 200])
        session.execute(statement.on_conflict_do_nothing())
    after = session.scalar(select(func.count()).select_from(ClaimRow)) or 0
    return after - before


def verdicts(session: Session) -> dict[int, dict[str, Any]]:
    """Each claim's latest verdict, with who and when."""
    return {int(c): found for c, found in latest(session, "claim", "verdict").items()}


def claim_json(row: ClaimRow, verdict: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "id": row.id,
        "doc": row.doc,
        "source": row.source,
        "url": row.url,
        "figure": row.figure,
        "value_min": row.value_min,
        "value_max": row.value_max,
        "precision": row.precision,
        "unit": row.unit,
        "subject": row.subject,
        "nationality": row.nationality,
        "claimant": row.claimant,
        "stance": row.stance,
        "date": row.date,
        "sentence": row.sentence,
        "start": row.start,
        "end": row.end,
        "verdict": verdict,
    }


def list_claims(
    session: Session,
    *,
    subject: str | None = None,
    nationality: str | None = None,
    period: Period | None = None,
    limit: int = 1000,
) -> list[dict[str, Any]]:
    """Stored claims, newest statement first, each with its latest verdict."""
    query = select(ClaimRow)
    if subject:
        query = query.where(ClaimRow.subject == subject)
    if nationality:
        query = query.where(ClaimRow.nationality == nationality)
    query = query.order_by(ClaimRow.date.desc().nulls_last(), ClaimRow.id).limit(limit)
    found = verdicts(session)
    rows = [r for r in session.scalars(query) if period is None or period.holds(r.date)]
    return [claim_json(r, found.get(r.id)) for r in rows]


@cache
def vague_ranges() -> list[tuple[tuple[str, ...], float, float]]:
    path = resources.files("recruitwatch") / "resources" / "report" / "vague_ranges.yaml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        (tuple(normalize_text(w) for w in e["words"]), float(e["min"]), float(e["max"]))
        for e in entries
    ]


def interval(claim: dict[str, Any]) -> tuple[float, float] | None:
    """The range a claim allows, for comparison: its values, or for a vague figure ("only a
    few", "thousands") a wide reading of its words; None when nothing can be read."""
    low, high, precision = claim["value_min"], claim["value_max"], claim["precision"]
    if precision == "vague" or (low is None and high is None):
        figure = f" {normalize_text(claim['figure'])} "
        for words, first, last in vague_ranges():
            if any(w in figure for w in words):
                return first, last
        return None
    if precision == "approximate" and low is not None:
        return low * (1 - APPROXIMATE), low * (1 + APPROXIMATE)
    return (low if low is not None else 0.0), (high if high is not None else math.inf)


def compare(claims: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Claims grouped by what they count (subject, nationality, unit), side by side by date;
    a group is in conflict when two claims' ranges cannot both be true, or a denial stands
    beside a positive figure."""
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for claim in claims:
        key = (claim["subject"], claim["nationality"] or "", claim["unit"])
        groups.setdefault(key, []).append(claim)
    result: list[dict[str, Any]] = []
    for (subject, nationality, unit), members in groups.items():
        members = sorted(members, key=lambda c: (c["date"] or "", c["id"]))
        ranges = [r for c in members if c["stance"] != "denied" and (r := interval(c))]
        lows = [low for low, _ in ranges]
        highs = [high for _, high in ranges]
        disjoint = bool(ranges) and max(lows) > min(highs)
        denied = any(c["stance"] == "denied" for c in members) and any(low > 0 for low in lows)
        finite = [x for x in (*lows, *highs) if 0 < x < math.inf]
        result.append(
            {
                "subject": subject,
                "nationality": nationality or None,
                "unit": unit,
                "claims": members,
                "lowest": min(finite) if finite else None,
                "highest": max(finite) if finite else None,
                "conflict": disjoint or denied,
            }
        )
    result.sort(key=lambda g: (not g["conflict"], -len(g["claims"]), g["subject"]))
    return result


def record_verdict(
    session: Session,
    ring: Keyring,
    claim_id: int,
    value: str,
    user: tuple[int, str],
    note: str | None = None,
) -> Decision:
    """Mark a claim verified or disputed: a decision, audited, never edited."""
    if value not in VERDICTS:
        raise InvalidInput(f"verdict {value!r}: choose one of {', '.join(VERDICTS)}")
    if session.get(ClaimRow, claim_id) is None:
        raise NotFound(f"no claim {claim_id}")
    return decide(
        session,
        ring,
        subject=("claim", str(claim_id)),
        kind="verdict",
        value=value,
        user=user,
        note=note,
        action="claim_verdict",
    )
