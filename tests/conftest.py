"""Shared fixtures: a database URL for SQLite and for PostgreSQL.

PostgreSQL tests use a fresh database per test, made through the `postgres` maintenance
database of the server at RECRUITWATCH_TEST_POSTGRES_URL (default: the local server). When no
server answers they are skipped, unless RECRUITWATCH_REQUIRE_POSTGRES=1 (CI), then they fail.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_URL = os.environ.get(
    "RECRUITWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _admin_url() -> str:
    return make_url(PG_URL).set(database="postgres").render_as_string(hide_password=False)


def _postgres_available() -> str | None:
    try:
        engine = create_engine(_admin_url(), connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return None
    except Exception as exc:  # any failure to connect means: no server for the tests
        return f"PostgreSQL not reachable at {PG_URL}: {type(exc).__name__}"


@pytest.fixture(scope="session")
def postgres_problem() -> str | None:
    return _postgres_available()


@pytest.fixture
def postgres_url(postgres_problem: str | None) -> Iterator[str]:
    if postgres_problem is not None:
        if os.environ.get("RECRUITWATCH_REQUIRE_POSTGRES") == "1":
            pytest.fail(postgres_problem)
        pytest.skip(postgres_problem)
    name = f"rw_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(_admin_url(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture(autouse=True)
def _keyring_in_tmp(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Commands that make a keyring write it to a temporary folder, never into the checkout."""
    if "RECRUITWATCH_KEY_FILE" not in os.environ:
        folder = tmp_path_factory.mktemp("keys")
        monkeypatch.setenv("RECRUITWATCH_KEY_FILE", str(folder / "recruitwatch.keys"))
