"""Writing scanned records to the store: documents per second on SQLite and PostgreSQL,
against scanning alone in the same run (the floor the store adds to).

    .venv/bin/python benchmarks/bench_store.py [--documents 20000] [--postgres URL]

Writes go through `save_batch` in transactions of 2,000 records, as `scan --store` does
(idempotent upserts sent as one compiled statement per table, in pages). The PostgreSQL
database named in the URL is dropped and made again.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/rw_bench_store"


def _fresh_postgres(url: str) -> bool:
    target = make_url(url)
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{target.database}"'))
    except Exception as exc:  # no server: reported, not fatal
        Console().print(f"PostgreSQL skipped: {type(exc).__name__}")
        return False
    finally:
        admin.dispose()
    return True


def store_rate(url: str, items: list[Any], batch: int = 2000) -> float:
    from recruitwatch.pipeline import SCANNER_VERSION
    from recruitwatch.store import make_engine, migrate, save_batch

    engine = make_engine(url)
    migrate(engine)
    start = time.perf_counter()
    for offset in range(0, len(items), batch):
        with Session(engine) as session, session.begin():
            pairs = [(s.record, s.assessment) for s in items[offset : offset + batch]]
            save_batch(session, pairs, scanner_version=SCANNER_VERSION)
    seconds = time.perf_counter() - start
    engine.dispose()
    return len(items) / seconds


def main() -> None:
    from recruitwatch.demo import generate_corpus
    from recruitwatch.ingest.records import make_record
    from recruitwatch.pipeline import scan

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--postgres", default=DEFAULT_PG)
    args = parser.parse_args()
    records = [
        make_record("bench", d.id, d.id, d.text, id=d.id, date=d.date, source=d.source)
        for d in generate_corpus(args.documents, seed=3)
    ]
    start = time.perf_counter()
    items = list(scan(records))
    scan_rate = len(items) / (time.perf_counter() - start)
    table = Table(title=f"store writes, {len(items):,} scanned records")
    for column in ("step", "docs/s", "vs scanning"):
        table.add_column(column, justify="right")
    table.add_row("scan alone (1 process)", f"{scan_rate:,.0f}", "1.00x")
    with tempfile.TemporaryDirectory() as folder:
        rate = store_rate(f"sqlite:///{Path(folder) / 'bench.db'}", items)
        table.add_row("save_batch, SQLite", f"{rate:,.0f}", f"{rate / scan_rate:.2f}x")
    if _fresh_postgres(args.postgres):
        rate = store_rate(args.postgres, items)
        table.add_row("save_batch, PostgreSQL", f"{rate:,.0f}", f"{rate / scan_rate:.2f}x")
    Console().print(table)


if __name__ == "__main__":
    main()
