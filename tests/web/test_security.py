"""CSRF, sessions, login throttling, cookies, headers, the one error shape, hostile input."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session
from websupport import PASSWORD, Site, csrf_of, login_csrf

from recruitwatch.store import users as accounts
from recruitwatch.store.models import WebSession
from recruitwatch.web.deps import SESSION_COOKIE


def _login(site: Site, name: str, password: str, client=None):  # type: ignore[no-untyped-def]
    client = client or site.client()
    token = login_csrf(client)
    answer = client.post("/login", data={"name": name, "password": password, "csrf_token": token})
    return client, answer


def test_login_sets_a_strict_httponly_cookie(site: Site) -> None:
    _, answer = _login(site, "analyst", PASSWORD)
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    cookie = answer.headers["set-cookie"]
    assert f"{SESSION_COOKIE}=" in cookie
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert "Secure" not in cookie  # localhost


def test_cookies_are_secure_off_localhost(site: Site) -> None:
    from fastapi.testclient import TestClient

    from recruitwatch.web.app import create_app
    from recruitwatch.web.deps import AppContext

    app = create_app(AppContext(site.engine, site.ring, secure_cookies=True))
    client = TestClient(app, follow_redirects=False)
    _, answer = _login(site, "analyst", PASSWORD, client)
    assert "Secure" in answer.headers["set-cookie"]


def test_wrong_password_and_unknown_user_get_the_same_answer(site: Site) -> None:
    _, wrong = _login(site, "analyst", "not the password")
    _, unknown = _login(site, "nobody", "not the password")
    assert wrong.status_code == unknown.status_code == 401
    assert (
        "wrong user name or password" in wrong.text
        and "wrong user name or password" in unknown.text
    )


def test_login_is_throttled(site: Site) -> None:
    for _ in range(accounts.MAX_FAILURES_PER_NAME):
        _, answer = _login(site, "analyst", "not the password")
        assert answer.status_code == 401
    _, answer = _login(site, "analyst", PASSWORD)
    assert answer.status_code == 429 and "too many failed logins" in answer.text
    _, other = _login(site, "caseworker", PASSWORD)
    assert other.status_code == 303


def test_login_form_needs_its_csrf_token(site: Site) -> None:
    client = site.client()
    login_csrf(client)
    answer = client.post(
        "/login", data={"name": "analyst", "password": PASSWORD, "csrf_token": "forged"}
    )
    assert answer.status_code == 403 and SESSION_COOKIE not in answer.headers.get("set-cookie", "")


def test_forms_without_csrf_are_refused_and_change_nothing(site: Site) -> None:
    client = site.browser("analyst")
    doc = site.ids["document"]
    refused = client.post(f"/offers/{doc}/label", data={"value": "deceptive"})
    assert refused.status_code == 403 and "CSRF" in refused.text
    forged = client.post(
        f"/offers/{doc}/label", data={"value": "deceptive", "csrf_token": "x" * 43}
    )
    assert forged.status_code == 403
    assert client.get(f"/api/v1/offers/{doc}").json()["labels"] == []
    ok = client.post(
        f"/offers/{doc}/label", data={"value": "deceptive", "csrf_token": csrf_of(client)}
    )
    assert ok.status_code == 303
    assert [d["value"] for d in client.get(f"/api/v1/offers/{doc}").json()["labels"]] == [
        "deceptive"
    ]


def test_api_with_a_session_cookie_needs_the_csrf_header(site: Site) -> None:
    client = site.browser("analyst")
    doc = site.ids["document"]
    assert client.post(f"/api/v1/offers/{doc}/labels", json={"value": "unsure"}).status_code == 403
    ok = client.post(
        f"/api/v1/offers/{doc}/labels",
        json={"value": "unsure"},
        headers={"x-csrf-token": csrf_of(client)},
    )
    assert ok.status_code == 201
    # A bearer token is never sent by a browser on its own, so it needs no CSRF token.
    assert (
        site.api("analyst")
        .post(f"/api/v1/offers/{doc}/labels", json={"value": "unsure"})
        .status_code
        == 201
    )


def test_expired_sessions_are_signed_out(site: Site) -> None:
    client = site.browser("analyst")
    assert client.get("/offers").status_code == 200
    with Session(site.engine) as session, session.begin():
        session.execute(update(WebSession).values(expires=accounts.now() - timedelta(seconds=1)))
    answer = client.get("/offers")
    assert answer.status_code == 303 and answer.headers["location"].startswith("/login")
    assert client.get("/api/v1/offers").status_code == 401


def test_a_disabled_user_is_signed_out_at_once(site: Site) -> None:
    client = site.browser("analyst")
    api = site.api("analyst")
    with Session(site.engine) as session, session.begin():
        accounts.disable(session, "analyst")
    assert client.get("/offers").status_code == 303
    assert api.get("/api/v1/offers").status_code == 401


def test_security_headers(site: Site) -> None:
    answer = site.browser("analyst").get("/offers")
    assert "default-src 'self'" in answer.headers["content-security-policy"]
    assert "script-src 'self'" in answer.headers["content-security-policy"]
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert answer.headers["cache-control"] == "no-store"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example"])
def test_no_open_redirects(site: Site, target: str) -> None:
    client = site.client()
    token = login_csrf(client)
    answer = client.post(
        "/login",
        data={"name": "analyst", "password": PASSWORD, "csrf_token": token, "next": target},
    )
    assert answer.headers["location"] == "/"
    assert client.get(f"/lang/ar?next={target}").headers["location"] == "/"


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status", "code"),
    [
        ("GET", "/api/v1/offers/999999", {}, 404, "not_found"),
        ("GET", "/api/v1/nothing-here", {}, 404, "not_found"),
        ("GET", "/api/v1/offers?limit=100000", {}, 422, "invalid"),
        ("POST", "/api/v1/cases", {"json": {"age": "old"}}, 422, "invalid"),
        (
            "POST",
            "/api/v1/cases",
            {"json": {"names_latin": ["A B"], "province": "XX-1"}},
            422,
            "invalid",
        ),
        (
            "POST",
            "/api/v1/cases",
            {"content": b"\xff\xfe{not json", "headers": {"content-type": "application/json"}},
            400,
            "bad_request",
        ),
        ("DELETE", "/api/v1/cases", {}, 405, "method_not_allowed"),
    ],
)
def test_one_error_shape(
    site: Site, method: str, path: str, kwargs: dict, status: int, code: str
) -> None:  # type: ignore[type-arg]
    answer = site.api("caseworker").request(method, path, **kwargs)
    assert answer.status_code == status
    body = answer.json()
    assert (
        set(body) == {"error"}
        and body["error"]["code"] == code
        and body["error"]["status"] == status
    )
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]


def test_field_problems_are_named(site: Site) -> None:
    answer = site.api("caseworker").post(
        "/api/v1/cases",
        json={
            "names_latin": ["A B"],
            "province": "XX-1",
            "birthdate": "2025-02-30",
            "phones": ["call me"],
        },
    )
    fields = answer.json()["error"]["fields"]
    assert set(fields) == {"province", "birthdate", "phones"}


def test_oversized_bodies_are_refused_before_reading(site: Site) -> None:
    client = site.api("caseworker")
    answer = client.post(
        f"/api/v1/cases/{site.ids['case']}/attachments",
        content=b"x" * 100,
        headers={
            "content-length": str(13 * 1024 * 1024),
            "content-type": "application/octet-stream",
        },
    )
    assert answer.status_code == 413 and answer.json()["error"]["code"] == "too_large"


def test_hostile_text_is_escaped(site: Site) -> None:
    client = site.browser("caseworker")
    script = "<script>alert(1)</script>"
    answer = client.post(
        "/cases",
        data={"names_latin": f"Test {script}", "notes": script, "csrf_token": csrf_of(client)},
    )
    assert answer.status_code == 303
    page = client.get(answer.headers["location"].split("?")[0])
    assert script not in page.text and "&lt;script&gt;" in page.text


def test_form_errors_are_shown_by_field_and_keep_what_was_typed(site: Site) -> None:
    client = site.browser("caseworker")
    answer = client.post(
        "/cases", data={"names_latin": "Kept Name", "age": "300", "csrf_token": csrf_of(client)}
    )
    assert answer.status_code == 422
    assert 'data-field="age"' in answer.text and "Kept Name" in answer.text
    assert "300 is not between 0 and 120" in answer.text
    client.get("/lang/ar")
    arabic = client.post(
        "/cases", data={"names_latin": "Kept Name", "age": "300", "csrf_token": csrf_of(client)}
    )
    assert "300 ليس بين 0 و120" in arabic.text and 'dir="rtl"' in arabic.text


def test_oversight_sees_aggregates_only(site: Site) -> None:
    client = site.browser("oversight")
    page = client.get("/")
    assert page.status_code == 200
    dashboard = site.api("oversight").get("/api/v1/dashboard").json()
    assert dashboard["cases"]["province"] == {"IQ-BA": 2}
    for secret in ("Haidar", "حيدر", "9647701230000", "Hayder"):
        assert secret not in page.text and secret not in str(dashboard)
    assert client.get(f"/cases/{site.ids['case']}").status_code == 403
    assert client.get("/search?q=Haidar").status_code == 403


def test_nul_characters_in_the_address_are_refused(site: Site) -> None:
    # PostgreSQL text cannot hold NUL; schemathesis found /api/v1/cases?fate=%00 as a 500
    api = site.api("caseworker")
    for path in ("/api/v1/cases?fate=%00", "/api/v1/offers?q=a%00b", "/offers?q=%00"):
        answer = api.get(path)
        assert answer.status_code == 422, path
    body = api.get("/api/v1/cases?fate=%00").json()["error"]
    assert body["code"] == "invalid_character" and "NUL" in body["message"]
