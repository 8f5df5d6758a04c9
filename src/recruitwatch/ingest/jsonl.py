"""JSON Lines: one object per line, `{"id", "text"}` plus optional fields."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from recruitwatch.ingest.encoding import UndecodableError, decode, detect_encoding
from recruitwatch.ingest.records import ReadOptions, make_record, reject, size_label, too_big
from recruitwatch.model import Record, Reject

FIELDS = ("id", "title", "url", "date", "source", "lang")
CHUNK = 1 << 16


def bounded_lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes, int]]:
    """(line number, line, full length); a line over `limit` comes back cut, never whole."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        length = len(line)
        if length > limit and not line.endswith(b"\n"):
            while True:  # skip the rest of an oversized line without holding it
                rest = stream.readline(CHUNK)
                length += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
        yield number, line, length


def parse_line(file: str, number: int, text: str, name: str) -> Record | Reject | None:
    """One decoded line to a Record, a Reject, or None for a blank line."""
    if not text.strip():
        return None
    try:
        obj: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        reason = f"invalid JSON: {exc.msg.removesuffix(' at')} at column {exc.colno}"
        return reject(file, f"line {number}", reason, text)
    except RecursionError:
        return reject(file, f"line {number}", "invalid JSON: nested too deeply", text)
    return from_object(file, f"line {number}", f"{name}#L{number}", obj, text)


def from_object(file: str, locator: str, default_id: str, obj: Any, raw: str) -> Record | Reject:
    """A decoded JSON value to a Record, or a Reject saying what is wrong with it."""
    if not isinstance(obj, dict):
        return reject(file, locator, f"expected a JSON object, got {type(obj).__name__}", raw)
    body = obj.get("text")
    if body is None:
        return reject(file, locator, 'missing field "text"', raw)
    if not isinstance(body, str):
        return reject(file, locator, f'field "text" is {type(body).__name__}, not a string', raw)
    if not body.strip():
        return reject(file, locator, 'field "text" is empty', raw)
    fields = {k: obj.get(k) for k in FIELDS}
    meta = {k: v for k, v in obj.items() if k not in FIELDS and k != "text"}
    return make_record(file, locator, default_id, body, meta=meta, **fields)


def read_jsonl(file: str, stream: IO[bytes], options: ReadOptions) -> Iterator[Record | Reject]:
    name = Path(file).name
    head = stream.peek(CHUNK)[:CHUNK] if hasattr(stream, "peek") else b""
    try:
        encoding = detect_encoding(head) if head else "utf-8"
    except UndecodableError:
        encoding = "utf-8"  # decide line by line; bad lines get rejected
    if encoding.startswith(("utf-16", "utf-32")):
        yield from _read_wide(file, stream, encoding, options)
        return
    limit = options.max_record_bytes
    for number, raw, length in bounded_lines(stream, limit):
        if (why := too_big(length, limit)) is not None:
            yield reject(file, f"line {number}", why, raw[:200])
            continue
        try:
            text, _ = decode(raw, None if encoding == "utf-8" else encoding)
        except UndecodableError as exc:
            yield reject(file, f"line {number}", str(exc), raw)
            continue
        item = parse_line(file, number, text.lstrip("\ufeff"), name)
        if item is not None:
            yield item


def _read_wide(
    file: str, stream: IO[bytes], encoding: str, options: ReadOptions
) -> Iterator[Record | Reject]:
    """UTF-16/32 cannot be split on newline bytes: decode as a text stream."""
    import io

    name = Path(file).name
    reader = io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline=None)
    number = 0
    try:
        for number, line in enumerate(reader, start=1):
            size = len(line.encode("utf-8"))
            if size > options.max_record_bytes:
                why = f"record is {size_label(size)}, over the "
                yield reject(
                    file,
                    f"line {number}",
                    why + size_label(options.max_record_bytes) + " limit",
                    line[:200],
                )
                continue
            item = parse_line(file, number, line.lstrip("\ufeff"), name)
            if item is not None:
                yield item
    except UnicodeDecodeError as exc:
        yield reject(file, f"line {number + 1}", f"cannot decode as {encoding}: {exc.reason}")
