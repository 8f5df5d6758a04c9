"""Parquet files: one record per row, columns mapped like CSV's (`text`, `id`, `date`...),
read a row group at a time so a large file never sits in memory whole."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from recruitwatch.ingest.csvfile import column_map, text_columns
from recruitwatch.ingest.records import ReadOptions, make_record, reject, too_big
from recruitwatch.model import Record, Reject


def read_parquet(file: str, options: ReadOptions) -> Iterator[Record | Reject]:
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(file)
    except Exception as exc:  # pyarrow raises its own types for every kind of bad file
        yield reject(file, "file", f"not a readable Parquet file: {exc}")
        return
    header = [str(n) for n in table.schema_arrow.names]
    columns = text_columns(header, options)
    if not columns:
        yield reject(file, "file", f"no text column (the columns are {', '.join(header)})")
        return
    mapping = column_map(header, options)
    name = Path(file).name
    number = 0
    for group in range(table.num_row_groups):
        for row in table.read_row_group(group).to_pylist():
            number += 1
            yield _row(file, name, number, row, columns, mapping, options)


def _row(
    file: str,
    name: str,
    number: int,
    row: dict[str, Any],
    columns: list[str],
    mapping: dict[str, str | None],
    options: ReadOptions,
) -> Record | Reject:
    locator = f"row {number}"
    parts = [row.get(c) for c in columns]
    if any(p is not None and not isinstance(p, str) for p in parts):
        return reject(file, locator, "the text column holds something other than text")
    body = "\n\n".join(p for p in parts if p)
    if not body.strip():
        return reject(file, locator, "empty text")
    if why := too_big(len(body.encode("utf-8")), options.max_record_bytes):
        return reject(file, locator, why, body[:200])
    fields = {k: row.get(v) if v else None for k, v in mapping.items()}
    taken = set(columns) | {v for v in mapping.values() if v}
    meta = {k: v for k, v in row.items() if k not in taken and isinstance(v, str | int | float)}
    return make_record(file, locator, f"{name}#R{number}", body, meta=meta, **fields)
