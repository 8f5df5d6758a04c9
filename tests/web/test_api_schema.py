"""Schemathesis against the OpenAPI schema: generated requests to every API operation never
crash the app, and every answer matches the schema (status, content type, body)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from websupport import build_site

# Built at import: schemathesis makes one test per operation from the schema.
_folder = tempfile.mkdtemp(prefix="rw-schema-")
SITE = build_site(f"sqlite:///{Path(_folder) / 'site.db'}")
TOKEN = SITE.token("admin")
schema = schemathesis.openapi.from_asgi("/api/v1/openapi.json", SITE.app)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms(case: schemathesis.Case) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, checks=CHECKS)
