"""Claims, reports and bulletin contacts in the web app, in English and Arabic."""

from __future__ import annotations

import csv
import io

from websupport import Site, csrf_of


def test_claims_side_by_side_and_verdicts_with_who(site: Site) -> None:
    data = site.api("oversight").get("/api/v1/claims").json()
    group = data["groups"][0]
    assert group["conflict"] and [c["figure"] for c in group["claims"]] == [
        "only a few",
        "more than 5,000",
    ]
    claim = site.ids["claim"]
    analyst = site.browser("analyst")
    answer = analyst.post(
        f"/claims/{claim}/verdict", data={"value": "disputed", "csrf_token": csrf_of(analyst)}
    )
    assert answer.status_code == 303
    again = site.api("oversight").get("/api/v1/claims").json()["groups"][0]["claims"][0]
    assert again["verdict"]["value"] == "disputed" and again["verdict"]["by"] == "analyst"
    page = analyst.get("/claims").text
    assert f'id="verdict-{claim}-verified"' in page and "موضع خلاف" not in page
    arabic = site.browser("oversight")
    arabic.cookies.set("rw_lang", "ar")
    shown = arabic.get("/claims").text
    assert 'dir="rtl"' in shown and "موضع خلاف" in shown and 'id="verdict-' not in shown
    bad = site.api("analyst").post(f"/api/v1/claims/{claim}/verdict", json={"value": "maybe"})
    assert bad.status_code == 422


def test_oversight_makes_reports_in_three_formats(site: Site) -> None:
    client = site.browser("oversight")
    assert 'id="report-form"' in client.get("/reports").text
    params = {"period": "2024-01..2025-12", "lang": "ar"}
    page = client.get("/reports/document", params={**params, "format": "html"})
    assert page.status_code == 200 and 'dir="rtl"' in page.text and "data:image/png" in page.text
    pdf = client.get("/reports/document", params={**params, "format": "pdf"})
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content[:5] == b"%PDF-"
    table = client.get("/reports/document", params={**params, "format": "csv"}).text
    rows = list(csv.DictReader(io.StringIO(table)))
    assert rows and {"section", "row", "column", "value"} == set(rows[0])
    for row in rows:
        if row["section"].startswith("cases_by"):
            assert row["value"] in ("<11", "x", "0") or int(row["value"]) >= 11
    json = site.api("oversight").get("/api/v1/reports", params={"period": "2025", "k": 5}).json()
    assert json["k"] == 5 and any(s["key"] == "claims" for s in json["sections"])
    bad = site.api("oversight").get("/api/v1/reports", params={"period": "2025-13"})
    assert bad.status_code == 422 and "2025-13" in bad.json()["error"]["message"]


def test_admin_approves_bulletin_contacts(site: Site) -> None:
    items = site.api("admin").get("/api/v1/bulletin/contacts").json()["items"]
    assert items and all(i["decision"] is None for i in items)
    first = items[0]["identifier"]
    admin = site.browser("admin")
    form = {"identifier": first, "value": "approved", "csrf_token": csrf_of(admin)}
    assert admin.post("/bulletin/contacts", data=form).status_code == 303
    after = site.api("admin").get("/api/v1/bulletin/contacts").json()["items"]
    decided = next(i for i in after if i["identifier"] == first)
    assert decided["decision"]["value"] == "approved" and decided["decision"]["by"] == "admin"
    wrong = site.api("admin").post(
        "/api/v1/bulletin/contacts", json={"identifier": "nonsense", "value": "approved"}
    )
    assert wrong.status_code == 422
