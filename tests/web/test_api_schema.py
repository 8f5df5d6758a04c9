"""Schemathesis against the OpenAPI schema, on SQLite and on PostgreSQL: generated requests to
every API operation never crash the app, and every answer matches the schema (status, content
type, body)."""

from __future__ import annotations

import atexit
import os
import tempfile
import uuid
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from websupport import Site, build_site

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
PG_URL = os.environ.get(
    "RECRUITWATCH_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _sqlite_site() -> Site:
    folder = tempfile.mkdtemp(prefix="rw-schema-")
    return build_site(f"sqlite:///{Path(folder) / 'site.db'}")


def _postgres_site() -> tuple[Site | None, str | None]:
    """A site in a fresh PostgreSQL database, dropped at exit; or why there is none."""
    admin_url = make_url(PG_URL).set(database="postgres").render_as_string(hide_password=False)
    name = f"rw_schema_{uuid.uuid4().hex[:12]}"
    try:
        admin = create_engine(
            admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
        )
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # no server: the PostgreSQL half is skipped (or fails in CI)
        return None, f"PostgreSQL not reachable at {PG_URL}: {type(exc).__name__}"
    site = build_site(make_url(PG_URL).set(database=name).render_as_string(hide_password=False))

    def drop() -> None:
        site.engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    atexit.register(drop)
    return site, None


# Built at import: schemathesis makes one test per operation from each schema.
SQLITE = _sqlite_site()
POSTGRES, NO_POSTGRES = _postgres_site()
sqlite_schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", SQLITE.app)
postgres_schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", (POSTGRES or SQLITE).app)
TOKENS = {
    "sqlite": SQLITE.token("admin"),
    "postgresql": POSTGRES.token("admin") if POSTGRES else "",
}
SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))


@sqlite_schema.parametrize()
@SETTINGS
def test_api_conforms_on_sqlite(case: schemathesis.Case) -> None:
    answer = case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKENS['sqlite']}"}, checks=CHECKS
    )  # raises on any failed check; the status is asserted as well
    assert answer.status_code < 500


@pytest.mark.postgres
@postgres_schema.parametrize()
@SETTINGS
def test_api_conforms_on_postgres(case: schemathesis.Case) -> None:
    if POSTGRES is None:
        if os.environ.get("RECRUITWATCH_REQUIRE_POSTGRES") == "1":
            pytest.fail(NO_POSTGRES or "no PostgreSQL")
        pytest.skip(NO_POSTGRES or "no PostgreSQL")
    answer = case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKENS['postgresql']}"}, checks=CHECKS
    )
    assert answer.status_code < 500
