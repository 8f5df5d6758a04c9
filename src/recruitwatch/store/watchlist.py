"""Analysts' watchlist: their own entries beside the packaged ones, and every change an
audited decision.

An entry added here is a row of `watchlist_entries` plus an `add` decision on its id; a
removal is a `remove` decision with the reason (the row stays, so the history reads whole).
Whether an entry is in force is its latest decision, packaged entries included: a packaged
entry can be hidden in one database and brought back later. The audit entries carry ids and
actions, never names, so a private person an analyst lists never reaches the audit log.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from recruitwatch.detect.watchlist import Watchlist, build_watchlist
from recruitwatch.detect.watchlist_entries import Entry, merged, packaged_entries, parse_entry
from recruitwatch.errors import InvalidInput, NotFound
from recruitwatch.store.crypto import Keyring
from recruitwatch.store.decisions import decide, latest
from recruitwatch.store.models import User, WatchlistEntryRow

SUBJECT = "watchlist"
KIND = "watchlist"


def _stored(row: WatchlistEntryRow) -> Entry:
    return parse_entry(row.entity, f"database: {row.id}", origin="database", strict=False)


def _decisions(session: Session) -> dict[str, dict[str, Any]]:
    return latest(session, SUBJECT, KIND)


def add_entry(
    session: Session, ring: Keyring, entry: Entry, user: tuple[int, str], note: str | None = None
) -> Entry:
    """Add (or replace) `entry` in the caller's transaction, with its decision and audit
    entry. An entry with a packaged entry's id replaces it in this database."""
    found = session.get(WatchlistEntryRow, entry.id)
    data = {**entry.to_json(), "origin": "database"}
    if found is None:
        found = WatchlistEntryRow(id=entry.id, added_by=user[0])
        session.add(found)
    found.schema = entry.schema
    found.caption = entry.caption[:500]
    found.entity = data
    found.origin = (entry.origin or "database")[:200]
    found.added_by = user[0]
    session.flush()
    decide(
        session,
        ring,
        subject=(SUBJECT, entry.id),
        kind=KIND,
        value="add",
        user=user,
        note=note,
        action="watchlist.add",
    )
    return _stored(found)


def remove_entry(
    session: Session, ring: Keyring, entry_id: str, user: tuple[int, str], reason: str
) -> None:
    """Take an entry (an analyst's or a packaged one) out of force, with the reason."""
    if not reason.strip():
        raise InvalidInput("say why the entry is removed (--reason)")
    active = {e.id for e in effective_entries(session)}
    if entry_id not in active:
        raise NotFound(f"no watchlist entry {entry_id!r} in force")
    decide(
        session,
        ring,
        subject=(SUBJECT, entry_id),
        kind=KIND,
        value="remove",
        user=user,
        note=reason,
        action="watchlist.remove",
    )


def import_entries(
    session: Session, ring: Keyring, entries: Iterable[Entry], user: tuple[int, str], name: str
) -> int:
    """Add every entry, each its own decision noting the file it came from."""
    count = 0
    for entry in entries:
        add_entry(session, ring, entry, user, note=f"imported from {name}"[:1000])
        count += 1
    return count


def database_entries(session: Session) -> list[Entry]:
    return [_stored(r) for r in session.scalars(select(WatchlistEntryRow))]


def effective_entries(session: Session) -> tuple[Entry, ...]:
    """The entries in force: packaged and analysts' ones, minus those whose latest decision
    removes them (an analyst's entry replaces a packaged one of the same id)."""
    decisions = _decisions(session)
    hidden = [i for i, d in decisions.items() if d["value"] == "remove"]
    return merged([*packaged_entries(), *database_entries(session)], hidden)


def effective_watchlist(session: Session) -> Watchlist:
    return build_watchlist(effective_entries(session))


def listing(session: Session, query: str = "", *, removed: bool = False) -> list[dict[str, Any]]:
    """Every entry with where it comes from, whether it is in force, and the latest
    decision on it; `query` keeps those whose id, name or alias contains it (folded)."""
    from recruitwatch.text.normalize import normalize_text

    decisions = _decisions(session)
    users = {i: n for i, n in session.execute(select(User.id, User.name))}
    rows = {r.id: r for r in session.scalars(select(WatchlistEntryRow))}
    every = merged([*packaged_entries(), *(_stored(r) for r in rows.values())])
    wanted = normalize_text(query.strip())
    found = []
    for entry in every:
        decision = decisions.get(entry.id)
        active = decision is None or decision["value"] != "remove"
        if not active and not removed:
            continue
        names = " ".join((entry.id, *entry.aliases))
        if wanted and wanted not in normalize_text(names):
            continue
        row = rows.get(entry.id)
        found.append(
            {
                **entry.to_json(),
                "caption": entry.caption,
                "origin": "database" if row is not None else entry.origin,
                "active": active,
                "added_by": users.get(row.added_by) if row is not None else None,
                "decision": decision,
            }
        )
    found.sort(key=lambda e: (e["origin"] != "database", e["caption"].lower()))
    return found
