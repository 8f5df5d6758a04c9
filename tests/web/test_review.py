"""The model in the web app: explanations on the offer page, linked evidence from a
network's confirmed lures, and the review queue, in English and Arabic."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session
from websupport import Site, csrf_of

from recruitwatch.detect.modelfile import packaged_model
from recruitwatch.store.models import DocumentLink


def _network_pair(site: Site) -> tuple[int, int]:
    with Session(site.engine) as session:
        rows = session.execute(
            select(DocumentLink.document_id).where(DocumentLink.network_id == site.ids["network"])
        )
        members = sorted(r for (r,) in rows)
    return members[0], members[1]


def test_offer_page_shows_why_the_model_scored_it(site: Site) -> None:
    flagged = (
        site.api("analyst")
        .get("/api/v1/offers", params={"band": "high", "limit": 1})
        .json()["items"][0]
    )
    detail = site.api("analyst").get(f"/api/v1/offers/{flagged['id']}").json()
    model = detail["model"]
    assert model["version"] == packaged_model().version
    assert 0.0 <= model["indicator_score"] <= 1.0
    assert model["raised"], "a flagged offer's words should raise its score"
    for word in model["raised"]:
        assert detail["text"][word["start"] : word["end"]] == word["text"]
    english = site.browser("analyst").get(f"/offers/{flagged['id']}").text
    assert "Words that raised the score" in english and model["raised"][0]["text"] in english
    arabic = site.browser("analyst")
    arabic.cookies.set("rw_lang", "ar")
    page = arabic.get(f"/offers/{flagged['id']}").text
    assert "كلمات رفعت الدرجة" in page and 'dir="rtl"' in page


def test_a_confirmed_lure_is_evidence_for_its_network_never_a_verdict(site: Site) -> None:
    first, second = _network_pair(site)
    before = site.api("analyst").get(f"/api/v1/offers/{second}").json()
    assert before["network_confirmed"] == 0
    client = site.browser("analyst")
    form = {"value": "deceptive", "csrf_token": csrf_of(client)}
    client.post(f"/offers/{first}/label", data=form)
    after = site.api("analyst").get(f"/api/v1/offers/{second}").json()
    assert after["network_confirmed"] == 1
    assert (after["score"], after["band"], after["labels"]) == (
        before["score"],
        before["band"],
        [],
    )
    page = client.get(f"/offers/{second}").text
    assert 'id="network-evidence"' in page and "not a verdict" in page
    queue = site.api("analyst").get("/api/v1/review", params={"limit": 500}).json()
    ids = [i["document_id"] for i in queue["items"]]
    assert first not in ids
    mate = next(i for i in queue["items"] if i["document_id"] == second)
    assert mate["confirmed_in_network"] == 1


def test_review_page_lists_the_queue_for_labellers_only(site: Site) -> None:
    page = site.browser("analyst").get("/review")
    assert page.status_code == 200 and 'id="review-queue"' in page.text
    items = site.api("analyst").get("/api/v1/review").json()["items"]
    assert items and all(i["document_id"] for i in items)
    assert f'href="/offers/{items[0]["document_id"]}"' in page.text
    assert site.api("oversight").get("/api/v1/review").status_code == 403
    assert site.browser("oversight").get("/review").status_code == 403
    assert site.api("analyst").get("/api/v1/review", params={"limit": 0}).status_code == 422
