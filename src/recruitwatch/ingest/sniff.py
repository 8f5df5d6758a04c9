"""Telling formats apart from the extension and the first bytes."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from recruitwatch.ingest.encoding import utf16_without_bom

MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"SQLite format 3", "SQLite database"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"\x00\x00\x00", "binary data"),
)
EXTENSIONS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
    ".json": "json",
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".eml": "eml",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "xml",
}
CONTROL = set(range(0, 9)) | {11, 12} | set(range(14, 32))


def _is_utf16(head: bytes) -> bool:
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    return utf16_without_bom(head) is not None


def binary_reason(head: bytes) -> str | None:
    """Why these first bytes are not text, or None when they may be."""
    if _is_utf16(head) or head.startswith(b"\xef\xbb\xbf"):
        return None
    for magic, what in MAGIC:
        if head.startswith(magic):
            return f"binary file ({what}), not text"
    if b"\x00" in head:
        return "binary file (contains NUL bytes), not text"
    controls = sum(b in CONTROL for b in head)
    if head and controls / len(head) > 0.1:
        return "binary file (mostly control bytes), not text"
    return None


def guess_format(file: str, head: bytes) -> str:
    """jsonl, csv, json, text, html, eml, feed, xml; content wins over a misleading name."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if _is_utf16(head):
        with contextlib.suppress(UnicodeDecodeError):
            text = head.decode("utf-16").lstrip("\ufeff \t\r\n").lower().encode()
    by_name = EXTENSIONS.get(Path(file).suffix.lower(), "unknown")
    if text.startswith(b"{"):
        first = text.split(b"\n", 1)[0].strip()
        if first.endswith(b"}") and by_name != "json" and _is_json(first):
            return "jsonl"
        return "json" if by_name in ("json", "unknown") else by_name
    if text.startswith(b"[") and by_name in ("json", "unknown"):
        return "json"
    if text.startswith((b"<!doctype html", b"<html")) and by_name in ("text", "unknown", "html"):
        return "html"
    if text.startswith(b"<?xml") or text.startswith((b"<rss", b"<feed")):
        return "feed" if by_name in ("xml", "feed", "unknown", "text") else by_name
    if by_name == "unknown" and _looks_like_email(text):
        return "eml"
    return by_name


def _is_json(line: bytes) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return False
    return True


def _looks_like_email(text: bytes) -> bool:
    lines = text.split(b"\n", 8)[:8]
    headers = sum(
        line.split(b":", 1)[0]
        in (
            b"from",
            b"to",
            b"subject",
            b"date",
            b"message-id",
            b"received",
            b"mime-version",
            b"return-path",
        )
        for line in lines
    )
    return headers >= 2
