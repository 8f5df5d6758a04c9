"""Readers: every supported input format to Records, bad input to Rejects with the reason.

`read_inputs` detects each file's format from its extension and its first bytes, streams
JSON Lines and CSV, and never raises for bad content: only a missing path raises.
"""

from __future__ import annotations

import glob
import gzip
import io
import json
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any, BinaryIO, cast

from recruitwatch.errors import InvalidInput
from recruitwatch.ingest.columnar import read_parquet
from recruitwatch.ingest.csvfile import read_csv
from recruitwatch.ingest.documents import read_email, read_text_file
from recruitwatch.ingest.encoding import decode, detect_encoding
from recruitwatch.ingest.feeds import looks_like_feed, read_feed
from recruitwatch.ingest.jsonl import from_object, read_jsonl
from recruitwatch.ingest.records import ReadOptions, content_hash, reject, reject_to_json
from recruitwatch.ingest.sniff import binary_reason, guess_format
from recruitwatch.ingest.telegram import looks_like_telegram, read_telegram
from recruitwatch.model import Record, Reject

__all__ = [
    "ReadOptions",
    "content_hash",
    "decode",
    "detect_encoding",
    "read_inputs",
    "reject_to_json",
]
SNIFF = 8192
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"


def read_inputs(
    paths: Sequence[str], options: ReadOptions | None = None, stdin: BinaryIO | None = None
) -> Iterator[Record | Reject]:
    """Every record of every input, in order; `-` reads JSON Lines from standard input."""
    options = options or ReadOptions()
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            buffered = io.BufferedReader(cast(Any, _Unclosable(stream)))
            yield from read_jsonl("<stdin>", buffered, options)
            continue
        if any(c in path for c in "*?["):  # a glob: every match, in order
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                raise InvalidInput(f"{path}: no file matches")
            for match in matches:
                yield from read_inputs([match], options, stdin)
            continue
        target = Path(path)
        if not target.exists():
            raise InvalidInput(f"{path}: no such file or folder")
        if target.is_dir():
            yield from _read_folder(target, options)
        else:
            yield from read_file(str(target), options, doc_id=target.name)


def _read_folder(folder: Path, options: ReadOptions) -> Iterator[Record | Reject]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            yield from read_file(str(path), options, doc_id=str(path.relative_to(folder)))


STREAMED = {"jsonl", "csv"}


def read_file(file: str, options: ReadOptions, *, doc_id: str) -> Iterator[Record | Reject]:
    """One file, whatever its format."""
    try:
        size = os.path.getsize(file)
        if size == 0:
            yield reject(file, "file", "empty file")
            return
        with open(file, "rb") as handle:
            yield from _read_open(file, handle, size, options, doc_id)
    except OSError as exc:
        yield reject(file, "file", f"cannot read: {exc.strerror or exc}")


def _read_open(
    file: str, handle: BinaryIO, size: int, options: ReadOptions, doc_id: str
) -> Iterator[Record | Reject]:
    head = handle.read(SNIFF)
    handle.seek(0)
    if head[:2] == b"\x1f\x8b" and file.endswith((".jsonl.gz", ".ndjson.gz", ".json.gz")):
        with gzip.open(handle) as unzipped:
            yield from read_jsonl(file, cast(IO[bytes], unzipped), options)
        return
    if head[:4] == ZSTD_MAGIC and file.endswith((".jsonl.zst", ".ndjson.zst", ".json.zst")):
        import zstandard

        with zstandard.ZstdDecompressor().stream_reader(handle) as unzipped:
            yield from read_jsonl(file, io.BufferedReader(cast(Any, unzipped)), options)
        return
    if head[:4] == b"PAR1" and file.endswith(".parquet"):
        yield from read_parquet(file, options)
        return
    kind = guess_format(file, head)
    # Only formats read whole are bounded; JSON Lines and CSV stream, record by record.
    if kind not in STREAMED and size > options.max_file_bytes:
        limit = options.max_file_bytes / 1e9
        yield reject(file, "file", f"file is {size / 1e9:.1f} GB, over the {limit:.1f} GB limit")
        return
    if (why := binary_reason(head)) is not None:
        yield reject(file, "file", why, head[:64])
        return
    if kind == "jsonl":
        yield from read_jsonl(file, handle, options)
    elif kind == "csv":
        yield from read_csv(file, handle, options)
    else:
        yield from _read_whole(file, kind, handle.read(), options, doc_id)


def _read_whole(
    file: str, kind: str, data: bytes, options: ReadOptions, doc_id: str
) -> Iterator[Record | Reject]:
    if kind == "json":
        yield from _read_json(file, data, options)
    elif kind == "feed" or (kind == "xml" and looks_like_feed(data)):
        yield from read_feed(file, data, options)
    elif kind == "eml":
        yield from read_email(file, data, options, doc_id=doc_id)
    elif kind in ("html", "text"):
        yield from read_text_file(file, data, options, html=kind == "html", doc_id=doc_id)
    else:
        yield reject(file, "file", f"unsupported file type {Path(file).suffix or '(none)'}")


def _read_json(file: str, data: bytes, options: ReadOptions) -> Iterator[Record | Reject]:
    try:
        text, _ = decode(data)
        obj = json.loads(text)
    except (ValueError, RecursionError) as exc:
        yield reject(file, "file", f"invalid JSON: {exc}", data[:200])
        return
    if looks_like_telegram(obj):
        yield from read_telegram(file, obj, options)
    elif isinstance(obj, list):
        name = Path(file).name
        for number, item in enumerate(obj, start=1):
            raw = json.dumps(item, ensure_ascii=False)[:200]
            yield from_object(file, f"item {number}", f"{name}#I{number}", item, raw)
    else:
        yield reject(file, "file", "JSON file is neither a Telegram export nor a list of records")


class _Unclosable(io.RawIOBase):
    """Lets a BufferedReader wrap standard input without closing it."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        data = self._stream.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
