"""Whole-file documents: plain text, Markdown, HTML pages and e-mail messages."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path

from recruitwatch.ingest.encoding import UndecodableError, decode
from recruitwatch.ingest.html import html_to_text
from recruitwatch.ingest.records import ReadOptions, make_record, reject, too_big
from recruitwatch.model import Record, Reject


def read_text_file(
    file: str, data: bytes, options: ReadOptions, *, html: bool, doc_id: str
) -> Iterator[Record | Reject]:
    """A .txt/.md file or an HTML page as one record."""
    try:
        text, _ = decode(data)
    except UndecodableError as exc:
        yield reject(file, "file", str(exc), data[:200])
        return
    title = None
    if html:
        title, text = html_to_text(text)
    text = text.lstrip("\ufeff")
    if (why := too_big(len(text.encode("utf-8")), options.max_record_bytes)) is not None:
        yield reject(file, "file", why, text[:200])
    elif not text.strip():
        yield reject(file, "file", "no text in the document")
    else:
        yield make_record(file, "file", doc_id, text, id=doc_id, title=title)


def _body(message: EmailMessage) -> str:
    plain = message.get_body(preferencelist=("plain",))
    if plain is not None:
        return str(plain.get_content())
    rich = message.get_body(preferencelist=("html",))
    return html_to_text(str(rich.get_content()))[1] if rich is not None else ""


def _iso_date(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).isoformat()
    except (TypeError, ValueError):
        return value


def read_email(
    file: str, data: bytes, options: ReadOptions, *, doc_id: str
) -> Iterator[Record | Reject]:
    """An .eml message: Subject as title, the plain part (else the HTML part) as text."""
    try:
        message = email.message_from_bytes(data, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        text = _body(message)
    except (LookupError, ValueError, AssertionError, UnicodeError) as exc:
        yield reject(file, "file", f"malformed e-mail: {exc}", data[:200])
        return
    if not text.strip():
        yield reject(file, "file", "e-mail has no text part")
        return
    if (why := too_big(len(text.encode("utf-8")), options.max_record_bytes)) is not None:
        yield reject(file, "file", why, text[:200])
        return
    attachments = [part.get_filename() for part in message.iter_attachments()]
    meta = {
        "from": str(message.get("From", "")) or None,
        "to": str(message.get("To", "")) or None,
        "message_id": str(message.get("Message-ID", "")) or None,
        "attachments": [a for a in attachments if a],
    }
    yield make_record(
        file,
        "file",
        doc_id,
        text,
        id=meta["message_id"] or doc_id,
        title=str(message.get("Subject", "")) or None,
        date=_iso_date(message.get("Date")),
        source=Path(file).name,
        meta=meta,
    )
