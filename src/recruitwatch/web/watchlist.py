"""What the watchlist page and its JSON twin show and change: entries in force (packaged and
analysts'), and additions and removals as audited decisions, like the CLI's."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from recruitwatch.detect.watchlist_entries import new_id, parse_entry
from recruitwatch.errors import ConfigError, InvalidInput
from recruitwatch.store import watchlist as store
from recruitwatch.store.crypto import Keyring
from recruitwatch.store.users import Identity

SCHEMAS = ("Organization", "Company", "PublicBody", "Person")
MAX_ALIASES = 50


def entries(session: Session, query: str = "") -> dict[str, Any]:
    found = store.listing(session, query.strip()[:200])
    return {"items": found, "count": len(found), "q": query}


def add(
    session: Session,
    ring: Keyring,
    who: Identity,
    *,
    name: str,
    aliases: list[str],
    sources: list[str],
    schema: str = "Organization",
    note: str = "",
    countries: list[str] | None = None,
    entry_id: str | None = None,
) -> dict[str, Any]:
    """Add an analyst's entry; bad input is an InvalidInput naming what is wrong."""
    if len(aliases) > MAX_ALIASES:
        raise InvalidInput(f"at most {MAX_ALIASES} aliases")
    properties: dict[str, list[str]] = {"name": [name], "alias": aliases}
    if countries:
        properties["country"] = countries
    raw = {
        "id": entry_id or new_id(name),
        "schema": schema,
        "properties": properties,
        "sources": [{"url": url} for url in sources if url.strip()],
        "note": note,
    }
    try:
        entry = parse_entry(raw, "watchlist", origin="database")
    except ConfigError as exc:
        raise InvalidInput(str(exc)) from exc
    added = store.add_entry(session, ring, entry, (who.user_id, who.name), note or None)
    return {"id": added.id, "name": added.caption, "by": who.name, "active": True}


def remove(
    session: Session, ring: Keyring, who: Identity, entry_id: str, reason: str
) -> dict[str, Any]:
    store.remove_entry(session, ring, entry_id, (who.user_id, who.name), reason)
    return {"id": entry_id, "by": who.name, "active": False}


def lines(text: str | None) -> list[str]:
    """A textarea's non-empty lines (one alias or source a line)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]
