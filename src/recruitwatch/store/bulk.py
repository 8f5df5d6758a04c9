"""Bulk writes: PostgreSQL's COPY where the store writes many rows at once.

psycopg's executemany sends the ORM's bulk insert one row at a time, and a multi-row VALUES
statement of thousands of rows costs more to build and parse than to run. COPY streams the
rows instead. Upserts COPY into a temporary staging table, then move the rows with one
INSERT ... SELECT ... ON CONFLICT, so they stay idempotent. Other databases take executemany.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import insert, text
from sqlalchemy.orm import Session


def is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


@contextlib.contextmanager
def fresh_plans(session: Session) -> Iterator[None]:
    """No prepared statements on PostgreSQL for the block. psycopg prepares a statement
    run five times, and the server may then keep a plan made while a table was small:
    during a bulk load, a lookup by index became a sequential scan of a growing table
    (3 s a batch at 200,000 documents). Planned afresh, each lookup uses the index."""
    if not is_postgres(session):
        yield
        return
    raw = session.connection().connection.driver_connection
    before = raw.prepare_threshold  # type: ignore[union-attr]
    raw.prepare_threshold = None  # type: ignore[union-attr]
    try:
        yield
    finally:
        raw.prepare_threshold = before  # type: ignore[union-attr]


def insert_rows(session: Session, table: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Plain inserts of many rows (every row with the same keys)."""
    if not rows:
        return
    if not is_postgres(session):
        session.execute(insert(table), rows)
        return
    rows = _with_defaults(table, rows)
    _copy(session, table.__tablename__, list(rows[0]), rows)


def copy_upsert(
    session: Session,
    table: Any,
    rows: Sequence[dict[str, Any]],
    conflict: str,
    returning: str | None = None,
) -> list[Any]:
    """PostgreSQL only: INSERT the rows ... `conflict` (an ON CONFLICT clause), through a
    staging table filled by COPY; rows keep their order. The `returning` column of the rows
    written, if asked."""
    if not rows:
        return []
    rows = _with_defaults(table, rows)
    columns = list(rows[0])
    quoted = ", ".join(f'"{c}"' for c in columns)
    name = table.__tablename__
    # One staging table per table and column set, kept for the connection's life.
    stage = f"stage_{name}_{hashlib.sha1(quoted.encode()).hexdigest()[:8]}"
    session.execute(
        text(
            f'CREATE TEMP TABLE IF NOT EXISTS "{stage}" ON COMMIT DELETE ROWS AS '
            f'SELECT {quoted}, 0::bigint AS "row_order" FROM "{name}" WITH NO DATA'
        )
    )
    session.execute(text(f'TRUNCATE "{stage}"'))  # an earlier batch of this transaction
    _copy(session, stage, [*columns, "row_order"], rows, ordered=True)
    statement = (
        f'INSERT INTO "{name}" ({quoted}) SELECT {quoted} FROM "{stage}" '
        f'ORDER BY "row_order" {conflict}'
    )
    if returning is None:
        session.execute(text(statement))
        return []
    return list(session.execute(text(f'{statement} RETURNING "{returning}"')).scalars())


def _with_defaults(table: Any, rows: Sequence[dict[str, Any]]) -> Sequence[dict[str, Any]]:
    """The rows with the model's Python-side defaults (`default=utcnow`...) filled in: COPY
    and plain SQL do not run them, as the ORM's inserts do."""
    values = {
        column.name: column.default.arg(None) if column.default.is_callable else column.default.arg
        for column in table.__table__.columns
        if column.name not in rows[0]
        and column.default is not None
        and (column.default.is_scalar or column.default.is_callable)
    }
    return [values | row for row in rows] if values else rows


def _copy(
    session: Session,
    target: str,
    columns: list[str],
    rows: Sequence[dict[str, Any]],
    ordered: bool = False,
) -> None:
    quoted = ", ".join(f'"{c}"' for c in columns)
    raw = session.connection().connection.driver_connection
    names = columns[:-1] if ordered else columns
    with (
        raw.cursor() as cursor,  # type: ignore[union-attr]
        cursor.copy(f'COPY "{target}" ({quoted}) FROM STDIN') as copy,
    ):
        for n, row in enumerate(rows):
            values = [_copy_value(row[c]) for c in names]
            copy.write_row([*values, n] if ordered else values)


def _copy_value(value: Any) -> Any:
    if isinstance(value, dict | list):  # JSON columns take JSON text
        return json.dumps(value, ensure_ascii=False)
    return value
