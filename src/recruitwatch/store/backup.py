"""Backups: a consistent logical snapshot of every table in one zip file, and its restore.

The snapshot is read inside one transaction (REPEATABLE READ on PostgreSQL, one read
transaction on SQLite's WAL), so it is consistent while the app keeps running. Rows are
written as JSON Lines with bytes and times tagged; encrypted fields stay encrypted, so the
file is no more readable than the database without the keyring. The format is the same for
SQLite and PostgreSQL, so a backup of one restores into the other.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, LargeBinary, Table, func, insert, select, text
from sqlalchemy.types import DateTime

from recruitwatch import __version__
from recruitwatch.errors import InvalidInput
from recruitwatch.store.models import Base

FORMAT = "recruitwatch-backup-1"
BATCH = 2000


def _tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def _encode(table: Table, row: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in table.columns:
        value = row._mapping[column.name]
        if value is not None and isinstance(column.type, LargeBinary):
            value = base64.b64encode(value).decode("ascii")
        elif isinstance(value, datetime):
            value = (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
        out[column.name] = value
    return out


def _decode(table: Table, raw: dict[str, Any]) -> dict[str, Any]:
    row = {}
    for column in table.columns:
        if column.name not in raw:
            raise InvalidInput(f"backup: table {table.name} lacks column {column.name}")
        value = raw[column.name]
        if value is not None and isinstance(column.type, LargeBinary):
            value = base64.b64decode(value)
        elif value is not None and isinstance(column.type, DateTime):
            value = datetime.fromisoformat(value)
        row[column.name] = value
    return row


def _revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def _rows(conn: Connection, table: Table) -> Iterator[Any]:
    keys = list(table.primary_key.columns)
    yield from conn.execute(select(table).order_by(*keys)).yield_per(BATCH)


def backup(engine: Engine, path: Path) -> dict[str, Any]:
    """Write a snapshot to `path` (a zip file); the manifest it holds is returned."""
    options: dict[str, Any] = {}
    if engine.dialect.name == "postgresql":
        options = {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True}
    tmp = path.with_name(path.name + ".partial")
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "version": __version__,
        "created": datetime.now(UTC).isoformat(),
        "dialect": engine.dialect.name,
        "tables": {},
    }
    with engine.connect().execution_options(**options) as conn, conn.begin():
        manifest["revision"] = _revision(conn)
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for table in _tables():
                digest, count = hashlib.sha256(), 0
                with archive.open(f"tables/{table.name}.jsonl", "w") as raw:
                    for row in _rows(conn, table):
                        line = (json.dumps(_encode(table, row), ensure_ascii=False) + "\n").encode()
                        digest.update(line)
                        raw.write(line)
                        count += 1
                manifest["tables"][table.name] = {"rows": count, "sha256": digest.hexdigest()}
            archive.writestr("manifest.json", json.dumps(manifest, indent=2))
    tmp.replace(path)
    return manifest


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        with zipfile.ZipFile(path) as archive:
            manifest: dict[str, Any] = json.loads(archive.read("manifest.json"))
    except (OSError, KeyError, zipfile.BadZipFile, ValueError) as exc:
        raise InvalidInput(f"{path}: not a recruitwatch backup ({exc})") from None
    if manifest.get("format") != FORMAT:
        raise InvalidInput(f"{path}: unknown backup format {manifest.get('format')!r}")
    return manifest


def _empty(conn: Connection) -> bool:
    for table in _tables():
        if conn.execute(select(func.count()).select_from(table)).scalar():
            return False
    return True


def _reset_sequences(conn: Connection) -> None:
    """PostgreSQL's serial counters continue after the restored ids."""
    for table in _tables():
        keys = list(table.primary_key.columns)
        if len(keys) != 1:
            continue
        column = keys[0].name
        found = conn.execute(
            text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column}
        ).scalar()
        if found:
            top = conn.execute(select(func.max(keys[0]))).scalar() or 0
            conn.execute(text("SELECT setval(:s, :v, false)"), {"s": found, "v": int(top) + 1})


def restore(engine: Engine, path: Path) -> dict[str, Any]:
    """Load a backup into an empty, migrated database, checking every table's digest."""
    manifest = read_manifest(path)
    with engine.begin() as conn:
        if manifest.get("revision") != _revision(conn):
            raise InvalidInput(
                f"{path}: made at schema revision {manifest.get('revision')}, this database is at "
                f"{_revision(conn)}; restore with the recruitwatch version that made it"
            )
        if not _empty(conn):
            raise InvalidInput("restore needs an empty database: this one holds data already")
        with zipfile.ZipFile(path) as archive:
            for table in _tables():
                expected = manifest["tables"].get(table.name, {"rows": 0, "sha256": None})
                _load(conn, archive, table, expected)
        if engine.dialect.name == "postgresql":
            _reset_sequences(conn)
    return manifest


def _load(
    conn: Connection, archive: zipfile.ZipFile, table: Table, expected: dict[str, Any]
) -> None:
    name = f"tables/{table.name}.jsonl"
    if name not in archive.namelist():
        if expected["rows"]:
            raise InvalidInput(f"backup: {name} is missing")
        return
    digest, count, batch = hashlib.sha256(), 0, []
    with archive.open(name) as raw:
        for line in raw:
            digest.update(line)
            batch.append(_decode(table, json.loads(line)))
            count += 1
            if len(batch) >= BATCH:
                conn.execute(insert(table), batch)
                batch = []
    if batch:
        conn.execute(insert(table), batch)
    if count != expected["rows"] or digest.hexdigest() != expected["sha256"]:
        raise InvalidInput(
            f"backup: table {table.name} does not match its manifest "
            f"({count} rows read, {expected['rows']} expected, or its digest differs)"
        )
