"""The watchlist page and its JSON twin, in English and Arabic: analysts and admins add and
remove entries (audited), caseworkers read, oversight sees nothing. Names are synthetic."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from websupport import Site, csrf_of

from recruitwatch.store.models import AuditEntry

SOURCE = "https://example.org/synthetic-ruling"


def test_the_page_lists_shipped_entries_in_english_and_arabic(site: Site) -> None:
    english = site.browser("caseworker").get("/watchlist")
    assert english.status_code == 200 and 'dir="ltr"' in english.text
    assert 'id="entry-rw-alabuga-start"' in english.text and "Alabuga Start" in english.text
    assert 'id="watchlist-add"' not in english.text  # caseworkers read, never change
    arabic = site.browser("analyst")
    arabic.cookies.set("rw_lang", "ar")
    page = arabic.get("/watchlist", params={"q": "فاغنر"}).text
    assert 'dir="rtl"' in page and "قائمة المراقبة" in page
    assert 'id="entry-rw-wagner-group"' in page and 'id="entry-rw-alabuga-start"' not in page
    assert 'id="watchlist-add"' in page


def test_an_analyst_adds_and_removes_an_entry(site: Site) -> None:
    analyst = site.browser("analyst")
    form = {
        "name": "Golden Gate Recruiting",
        "aliases": "البوابة الذهبية للتوظيف\nЗолотые Ворота",
        "sources": SOURCE,
        "entity_type": "Company",
        "note": "synthetic",
        "csrf_token": csrf_of(analyst),
    }
    assert analyst.post("/watchlist", data=form).status_code == 303
    items = site.api("admin").get("/api/v1/watchlist", params={"q": "golden"}).json()["items"]
    assert [(i["caption"], i["origin"], i["added_by"]) for i in items] == [
        ("Golden Gate Recruiting", "database", "analyst")
    ]
    entry_id = items[0]["id"]
    assert f'id="entry-{entry_id}"' in analyst.get("/watchlist").text
    removed = analyst.post(
        f"/watchlist/{entry_id}/remove", data={"reason": "closed", "csrf_token": csrf_of(analyst)}
    )
    assert removed.status_code == 303
    assert site.api("admin").get("/api/v1/watchlist", params={"q": "golden"}).json()["count"] == 0
    with Session(site.engine) as session:
        actions = list(
            session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("watchlist.%")))
        )
    assert actions == ["watchlist.add", "watchlist.remove"]


def test_the_api_adds_hides_and_refuses_with_reasons(site: Site) -> None:
    api = site.api("admin")
    added = api.post(
        "/api/v1/watchlist",
        json={"name": "Northern Star Visa", "sources": [SOURCE], "countries": ["Iraq"]},
    )
    assert added.status_code == 201 and added.json()["by"] == "admin"
    hidden = api.delete("/api/v1/watchlist/rw-redut", params={"reason": "not our region"})
    assert hidden.status_code == 200 and hidden.json()["active"] is False
    ids = {i["id"] for i in api.get("/api/v1/watchlist").json()["items"]}
    assert added.json()["id"] in ids and "rw-redut" not in ids
    bad = api.post("/api/v1/watchlist", json={"name": "X Agency", "sources": ["ftp://x"]})
    assert bad.status_code == 422 and "not an http(s) URL" in bad.json()["error"]["message"]
    nowhere = api.post(
        "/api/v1/watchlist", json={"name": "Someone", "sources": [SOURCE], "countries": ["Narnia"]}
    )
    assert nowhere.status_code == 422 and "country" in nowhere.json()["error"]["message"]
    gone = api.delete("/api/v1/watchlist/nowhere", params={"reason": "x"})
    assert gone.status_code == 404


def test_oversight_and_caseworkers_cannot_change_it(site: Site) -> None:
    oversight = site.browser("oversight")
    assert oversight.get("/watchlist").status_code == 403
    denied = oversight.post(
        "/watchlist", data={"name": "X Agency", "sources": SOURCE, "csrf_token": csrf_of(oversight)}
    )
    assert denied.status_code == 403
    assert site.api("oversight").get("/api/v1/watchlist").status_code == 403
    worker = site.api("caseworker")
    assert (
        worker.post("/api/v1/watchlist", json={"name": "X", "sources": [SOURCE]}).status_code == 403
    )
    assert worker.delete("/api/v1/watchlist/rw-redut", params={"reason": "x"}).status_code == 403
