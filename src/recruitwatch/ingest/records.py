"""What every reader shares: content hashes, ids, bounded excerpts and rejects."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from recruitwatch.model import Provenance, Record, Reject

_SPACE = re.compile(r"\s+")
EXCERPT = 200


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read inputs; CSV column names default to the usual header names."""

    text_columns: tuple[str, ...] = ()
    id_column: str | None = None
    title_column: str | None = None
    url_column: str | None = None
    date_column: str | None = None
    source_column: str | None = None
    lang_column: str | None = None
    max_record_bytes: int = 1_000_000
    max_file_bytes: int = 1 << 30


def content_hash(text: str) -> str:
    """sha256 of the NFC text with whitespace runs collapsed: equal texts, equal hashes."""
    canonical = _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def excerpt(raw: str | bytes) -> str:
    """A short, printable piece of bad input for the rejects file."""
    if isinstance(raw, bytes):
        raw = raw[: EXCERPT * 4].decode("utf-8", errors="backslashreplace")
    cut = raw[:EXCERPT]
    return "".join(c if c.isprintable() or c in "\n\t" else f"\\x{ord(c):02x}" for c in cut)


def reject(file: str, locator: str, reason: str, raw: str | bytes | None = None) -> Reject:
    return Reject(Provenance(file, locator), reason, None if raw is None else excerpt(raw))


def reject_to_json(item: Reject) -> dict[str, Any]:
    """The rejects file's JSON Lines shape."""
    return {
        "file": item.provenance.file,
        "locator": item.provenance.locator,
        "reason": item.reason,
        "raw": item.raw,
    }


def size_label(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def too_big(n: int, limit: int) -> str | None:
    if n > limit:
        return f"record is {size_label(n)}, over the {size_label(limit)} limit"
    return None


def make_record(
    file: str,
    locator: str,
    default_id: str,
    text: str,
    **fields: Any,
) -> Record:
    """A Record with provenance and hash; empty optional fields become None."""
    meta = fields.pop("meta", None) or {}
    clean = {k: (str(v) if v not in (None, "") else None) for k, v in fields.items()}
    rid = clean.pop("id", None) or default_id
    source = clean.pop("source", None) or Path(file).name
    return Record(
        id=rid,
        text=text,
        provenance=Provenance(file, locator),
        content_hash=content_hash(text),
        source=source,
        meta=meta,
        **clean,
    )
