"""Engines and migrations: SQLite (WAL) by default, PostgreSQL through a URL."""

from __future__ import annotations

import os
from importlib import resources
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event

DEFAULT_URL = "sqlite:///./recruitwatch.db"
ENV_URL = "RECRUITWATCH_DATABASE_URL"


def database_url(explicit: str | None = None) -> str:
    """The URL given, else RECRUITWATCH_DATABASE_URL, else ./recruitwatch.db."""
    url = explicit or os.environ.get(ENV_URL) or DEFAULT_URL
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
    dbapi_connection.isolation_level = None


def _sqlite_begin(connection: Any) -> None:
    # pysqlite's own transaction handling is off (isolation_level None); we begin here, so a
    # writer can ask for BEGIN IMMEDIATE and never fail half-way on a stale snapshot.
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        # A pool as large as the web server's thread pool: connections are reused, not
        # reopened (and re-configured) under load.
        engine = create_engine(url, pool_size=20, max_overflow=40)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config(engine: Engine) -> Config:
    config = Config()
    location = resources.files("recruitwatch") / "store" / "migrations"
    config.set_main_option("script_location", str(location))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Bring the database schema to the newest migration."""
    command.upgrade(alembic_config(engine), "head")


def writer(engine: Engine) -> Engine:
    """The engine for transactions that write and must not interleave (audit appends): on
    SQLite they take the write lock at BEGIN; PostgreSQL locks the audit head row instead."""
    if engine.dialect.name == "sqlite":
        return engine.execution_options(sqlite_begin="IMMEDIATE")
    return engine


def analyze(engine: Engine) -> None:
    """Refresh the planner's statistics after a bulk load: without them PostgreSQL (and
    SQLite) can pick a full scan over the right index for the pages' queries."""
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
