"""CSV with a header row; the delimiter is sniffed and columns are mapped by name."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from recruitwatch.errors import InvalidInput
from recruitwatch.ingest.encoding import UndecodableError, detect_encoding
from recruitwatch.ingest.records import ReadOptions, make_record, reject, too_big
from recruitwatch.model import Record, Reject

DEFAULTS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "description", "content", "message", "post", "ad", "sms"),
    "id": ("id", "guid", "message_id", "job_id", "uid"),
    "title": ("title", "subject", "headline"),
    "url": ("url", "link", "href"),
    "date": ("date", "published", "created_at", "timestamp", "time"),
    "source": ("source", "channel", "site", "page"),
    "lang": ("lang", "language"),
}
SAMPLE = 1 << 16

csv.field_size_limit(sys.maxsize)  # read big fields, then reject them by size with a reason


def _pick(header: list[str], wanted: str | None, names: tuple[str, ...]) -> str | None:
    lowered = {h.strip().lower(): h for h in header}
    if wanted is not None:
        if wanted not in header and wanted.lower() not in lowered:
            raise InvalidInput(f"no column {wanted!r}; the columns are {', '.join(header)}")
        return lowered.get(wanted.lower(), wanted)
    return next((lowered[n] for n in names if n in lowered), None)


def column_map(header: list[str], options: ReadOptions) -> dict[str, str | None]:
    mapping = {
        "id": _pick(header, options.id_column, DEFAULTS["id"]),
        "title": _pick(header, options.title_column, DEFAULTS["title"]),
        "url": _pick(header, options.url_column, DEFAULTS["url"]),
        "date": _pick(header, options.date_column, DEFAULTS["date"]),
        "source": _pick(header, options.source_column, DEFAULTS["source"]),
        "lang": _pick(header, options.lang_column, DEFAULTS["lang"]),
    }
    return mapping


def text_columns(header: list[str], options: ReadOptions) -> list[str]:
    if options.text_columns:
        return [c for c in (_pick(header, t, ()) for t in options.text_columns) if c]
    found = _pick(header, None, DEFAULTS["text"])
    return [found] if found else []


class _Dialect(csv.excel):
    """Excel's quoting rules with a sniffed delimiter; sniffing quoting guesses wrong."""


def _dialect(sample: str) -> type[csv.Dialect]:
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    return type("Sniffed", (_Dialect,), {"delimiter": delimiter})


def read_csv(file: str, stream: IO[bytes], options: ReadOptions) -> Iterator[Record | Reject]:
    name = Path(file).name
    head = stream.peek(SAMPLE)[:SAMPLE] if hasattr(stream, "peek") else b""
    try:
        encoding = detect_encoding(head)
    except UndecodableError as exc:
        yield reject(file, "file", str(exc), head[:200])
        return
    # surrogateescape keeps going past a bad byte; the row holding it is rejected below.
    text = io.TextIOWrapper(stream, encoding=encoding, errors="surrogateescape", newline="")
    try:
        sample = text.read(SAMPLE)
        sample += text.readline()  # end the sample on a line break: csv rows must not be split
    except UnicodeDecodeError as exc:  # UTF-16 cut in the middle of a character
        yield reject(file, "file", f"cannot decode as {encoding}: {exc.reason}", head[:200])
        return
    rest = io.StringIO(sample)
    rows = csv.reader(_chain(rest, text), _dialect(sample))
    try:
        header = next(rows)
    except (StopIteration, csv.Error):
        yield reject(file, "file", "no header row")
        return
    columns = text_columns(header, options)
    if not columns:
        yield reject(
            file,
            "file",
            f"no text column; name one with --text-column (the columns are {', '.join(header)})",
        )
        return
    mapping = column_map(header, options)
    index = {h: i for i, h in enumerate(header)}
    yield from _rows(file, name, rows, index, columns, mapping, options.max_record_bytes)


def _chain(first: IO[str], second: IO[str]) -> Iterator[str]:
    yield from first
    yield from second


def _rows(
    file: str,
    name: str,
    rows: Iterator[list[str]],
    index: dict[str, int],
    columns: list[str],
    mapping: dict[str, str | None],
    max_bytes: int,
) -> Iterator[Record | Reject]:
    taken = set(columns) | {c for c in mapping.values() if c}
    number = 0
    while True:
        number += 1
        locator = f"row {number}"
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            yield reject(file, locator, f"malformed CSV: {exc}")
            continue
        except UnicodeDecodeError as exc:
            yield reject(file, locator, f"cannot decode the rest of the file: {exc.reason}")
            return
        if not any(cell.strip() for cell in row):
            continue
        joined = "\n".join(row)
        if why := too_big(len(joined.encode("utf-8", "surrogateescape")), max_bytes):
            yield reject(file, locator, why, joined[:200])
            continue
        if any("\udc80" <= c <= "\udcff" for c in joined):
            yield reject(file, locator, "cannot decode the row: invalid bytes", joined)
            continue

        def cell(col: str | None, row: list[str] = row) -> str | None:
            i = index.get(col) if col else None
            return row[i] if i is not None and i < len(row) else None

        body = "\n\n".join(filter(None, (cell(c) for c in columns)))
        if not body.strip():
            yield reject(file, locator, "empty text", joined)
            continue
        fields = {k: cell(v) for k, v in mapping.items()}
        # the other columns ride along (a label, a category): readers of labelled data need them
        meta = {h: row[i] for h, i in index.items() if h not in taken and i < len(row)}
        yield make_record(file, locator, f"{name}#R{number}", body, meta=meta, **fields)
