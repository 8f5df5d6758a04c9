"""Fixtures for the web tests: the site of websupport.py on each database.

The site is built once per test process and database kind, then copied for every test: the
SQLite file is copied, the PostgreSQL database is made with CREATE DATABASE ... TEMPLATE.
Every test still gets its own database, so tests cannot see each other's changes.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from websupport import Site, build_site

from recruitwatch.store.db import make_engine
from recruitwatch.web.app import create_app
from recruitwatch.web.deps import AppContext

PG_URL = os.environ.get(
    "RECRUITWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _admin() -> str:
    return make_url(PG_URL).set(database="postgres").render_as_string(hide_password=False)


def _copy(template: Site, url: str) -> Site:
    engine = make_engine(url)
    app = create_app(AppContext(engine, template.ring, secure_cookies=False))
    return dataclasses.replace(template, url=url, engine=engine, app=app, ids=dict(template.ids))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Site:
    path = tmp_path_factory.mktemp("site") / "template.db"
    built = build_site(f"sqlite:///{path}")
    built.engine.dispose()  # checkpoints the WAL into the file
    return built


@pytest.fixture(scope="session")
def postgres_template(postgres_problem: str | None) -> Iterator[Site]:
    if postgres_problem is not None:
        if os.environ.get("RECRUITWATCH_REQUIRE_POSTGRES") == "1":
            pytest.fail(postgres_problem)
        pytest.skip(postgres_problem)
    name = f"rw_tpl_{uuid.uuid4().hex[:12]}"
    admin = create_engine(_admin(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    built = build_site(make_url(PG_URL).set(database=name).render_as_string(hide_password=False))
    built.engine.dispose()
    yield built
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _sqlite_copy(template: Site, folder: Path) -> Site:
    source = Path(make_url(template.url).database or "")
    target = folder / "site.db"
    shutil.copyfile(source, target)
    return _copy(template, f"sqlite:///{target}")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def site(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Site]:
    """A fresh copy of the site on each database."""
    if request.param == "sqlite":
        copy = _sqlite_copy(request.getfixturevalue("sqlite_template"), tmp_path)
        yield copy
        copy.engine.dispose()
        return
    template: Site = request.getfixturevalue("postgres_template")
    name = f"rw_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(_admin(), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{make_url(template.url).database}"'))
    copy = _copy(
        template, make_url(template.url).set(database=name).render_as_string(hide_password=False)
    )
    try:
        yield copy
    finally:
        copy.engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def sqlite_site(sqlite_template: Site, tmp_path: Path) -> Iterator[Site]:
    copy = _sqlite_copy(sqlite_template, tmp_path)
    yield copy
    copy.engine.dispose()
