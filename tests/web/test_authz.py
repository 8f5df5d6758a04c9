"""The authorisation matrix: every route, as every role and as an anonymous visitor."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from websupport import PASSWORD, ROLES, Site, csrf_of

from recruitwatch.access import allowed, permissions
from recruitwatch.web import api, pages

PUBLIC = {("GET", "/login"), ("POST", "/login"), ("GET", "/lang/{code}")}
# An independent statement of the most sensitive rules, so that a wrong roles.yaml fails too.
EXPECTED = {
    "/api/v1/cases": {"admin", "caseworker"},
    "/api/v1/cases/{case_id}": {"admin", "caseworker"},
    "/api/v1/offers": {"admin", "caseworker", "analyst"},
    "/api/v1/dashboard": {"admin", "caseworker", "analyst", "oversight"},
    "/api/v1/audit": {"admin", "oversight"},
    "/api/v1/users": {"admin"},
    "/cases/{case_id}": {"admin", "caseworker"},
    "/search": {"admin", "caseworker", "analyst"},
    "/api/v1/reports": {"admin", "analyst", "oversight"},
    "/api/v1/bulletin/contacts": {"admin"},
    "/api/v1/claims/{claim_id}/verdict": {"admin", "analyst"},
}


def routes(_site: Site) -> list[tuple[str, str, str]]:
    """(method, path, permission) of every route of the pages and the API routers."""
    found = []
    for route in [*pages.router.routes, *api.router.routes]:
        if isinstance(route, APIRoute):
            for method in sorted(route.methods):
                permission = (route.openapi_extra or {}).get("x-permission", "")
                found.append((method, route.path, permission))
    return found


def _path(site: Site, template: str) -> str:
    values = {
        "doc_id": site.ids["document"],
        "case_id": site.ids["case"],
        "event_id": site.ids["event"],
        "attachment_id": site.ids["attachment"],
        "network_id": site.ids["network"],
        "name": "temp",
        "code": "ar",
        "claim_id": site.ids["claim"],
        "entry_id": "rw-redut",
    }
    return template.format(**values)


def _body(site: Site, method: str, template: str, role: str) -> dict[str, Any]:
    """A plausible request body, so that allowed requests get past validation."""
    if method == "GET":
        if template.endswith(("/reports", "/reports/document")):
            return {"params": {"period": "2025", "format": "csv"}}
        return {"params": {"q": "+79106322322"}} if template.endswith("/search") else {}
    api = template.startswith("/api/")
    samples: dict[str, dict[str, Any]] = {
        "labels": {"value": "unsure"},
        "label": {"value": "unsure"},
        "cases": {"names_latin": [f"Test Person {role}"]},
        "edit": {"names_latin": ["Test Person"]},
        "events": {"type": "missing", "date": "2025-01-01"},
        "actions": {"category": "consular", "type": "documents"},
        "links": {"target_type": "network", "target": "N-x"},
        "merge": {"into": site.ids["twin"]},
        "users": {"name": f"new-{role}", "role": "analyst", "password": PASSWORD},
        "verdict": {"value": "disputed"},
        "contacts": {"identifier": "phone:+79260000000", "value": "rejected"},
        "watchlist": {"name": "Synthetic Agency", "sources": ["https://example.org/r"]},
        "remove": {"reason": "synthetic"},
    }
    last = template.rstrip("/").rsplit("/", 1)[-1]
    if last == "attachments":
        return {"files": {"file": ("a.txt", b"hello", "text/plain")}}
    if last == "{case_id}" and method == "PUT":
        last = "edit"
    sample = samples.get(last, {})
    return (
        {"json": sample}
        if api
        else {"data": {k: str(v) if not isinstance(v, list) else v for k, v in sample.items()}}
    )


def _request(
    client: TestClient, method: str, path: str, body: dict[str, Any], csrf: str | None
) -> int:
    if csrf and method != "GET":
        if "data" in body or "files" in body:
            body = {**body, "data": {**body.get("data", {}), "csrf_token": csrf}}
        else:
            client.headers["x-csrf-token"] = csrf
    return client.request(method, path, **body).status_code


def test_every_route_names_a_known_permission(sqlite_site: Site) -> None:
    known = set(permissions())
    for method, path, permission in routes(sqlite_site):
        if (method, path) in PUBLIC:
            assert not permission
        else:
            assert permission in known, f"{method} {path} names no permission"


def test_the_sensitive_rules_hold(sqlite_site: Site) -> None:
    declared = {path: permission for _, path, permission in routes(sqlite_site)}
    for path, roles in EXPECTED.items():
        assert {r for r in ROLES if allowed(r, declared[path])} == roles, path


@pytest.mark.parametrize("role", [*ROLES, None])
def test_every_route_as_every_role(site: Site, role: str | None) -> None:
    problems = []
    for method, template, permission in routes(site):
        if (method, template) in PUBLIC or template == "/logout":
            continue
        path = _path(site, template)
        body = _body(site, method, template, role or "anonymous")
        api = template.startswith("/api/")
        if role is None:
            client, csrf = site.client(), None
        elif api:
            client, csrf = site.api(role), None
        else:
            client = site.browser(role)
            csrf = csrf_of(client)
        status = _request(client, method, path, body, csrf)
        if role is None:
            ok = status == 401 or (not api and method == "GET" and status == 303)
        elif allowed(role, permission):
            ok = status not in {401, 403} and status < 500
        else:
            ok = status == 403
        if not ok:
            problems.append(f"{role} {method} {path}: {status}")
    assert problems == []


def test_anonymous_pages_redirect_to_login(sqlite_site: Site) -> None:
    answer = sqlite_site.client().get("/cases/1")
    assert answer.status_code == 303 and answer.headers["location"] == "/login?next=/cases/1"


def test_logout_ends_the_session(sqlite_site: Site) -> None:
    client = sqlite_site.browser("analyst")
    assert client.get("/offers").status_code == 200
    assert client.post("/logout", data={"csrf_token": csrf_of(client)}).status_code == 303
    assert client.get("/offers").status_code == 303
