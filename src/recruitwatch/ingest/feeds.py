"""RSS 2.0 and Atom feeds saved to disk, parsed from bytes (never fetched)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import feedparser

from recruitwatch.ingest.html import html_to_text
from recruitwatch.ingest.records import ReadOptions, make_record, reject, too_big
from recruitwatch.model import Record, Reject


def looks_like_feed(head: bytes) -> bool:
    sample = head[:2048].lower()
    return b"<rss" in sample or (b"<feed" in sample and b"atom" in sample) or b"<rdf:rdf" in sample


def _date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if isinstance(parsed, time.struct_time):
        return datetime(*parsed[:6], tzinfo=UTC).isoformat()
    raw = entry.get("published") or entry.get("updated")
    return str(raw) if raw else None


def _text(entry: Any) -> str:
    content = entry.get("content") or []
    raw = content[0].get("value", "") if content else entry.get("summary", "")
    return html_to_text(raw)[1] if "<" in raw else str(raw).strip()


def read_feed(file: str, data: bytes, options: ReadOptions) -> Iterator[Record | Reject]:
    name = Path(file).name
    parsed = feedparser.parse(data)
    if not parsed.entries:
        reason = "not a feed or a feed with no entries"
        if parsed.get("bozo_exception") is not None:
            reason += f": {parsed.bozo_exception}"
        yield reject(file, "file", reason, data[:200])
        return
    source = parsed.feed.get("title") or name
    for number, entry in enumerate(parsed.entries, start=1):
        locator = f"entry {number}"
        text = _text(entry)
        if not text.strip():
            text = str(entry.get("title", "")).strip()
        if not text:
            yield reject(file, locator, "entry has no text")
            continue
        if (why := too_big(len(text.encode("utf-8")), options.max_record_bytes)) is not None:
            yield reject(file, locator, why, text[:200])
            continue
        yield make_record(
            file,
            locator,
            f"{name}#E{number}",
            text,
            id=entry.get("id") or entry.get("link"),
            title=entry.get("title"),
            url=entry.get("link"),
            date=_date(entry),
            source=source,
        )
