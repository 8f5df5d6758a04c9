"""What the analysts' and caseworkers' pages do, and their JSON twins."""

from __future__ import annotations

import re
from collections import Counter

from pytest import MonkeyPatch
from sqlalchemy import select
from sqlalchemy.orm import Session
from websupport import Site, csrf_of

from recruitwatch.store.models import DocumentLink, EntityRow, NetworkRow
from recruitwatch.web import views


def test_offers_feed_filters_and_pages(site: Site) -> None:
    client = site.api("analyst")
    high = client.get("/api/v1/offers", params={"band": "high", "limit": 5}).json()
    assert len(high["items"]) == 5 and {o["band"] for o in high["items"]} == {"high"}
    ids = [o["id"] for o in high["items"]]
    assert ids == sorted(ids, reverse=True)
    following = client.get(
        "/api/v1/offers", params={"band": "high", "limit": 5, "before": high["next_before"]}
    ).json()
    assert following["items"] and max(o["id"] for o in following["items"]) < min(ids)
    arabic = client.get("/api/v1/offers", params={"lang": "ar", "limit": 200}).json()["items"]
    assert arabic and {o["language"] for o in arabic} == {"ar"}
    news = client.get("/api/v1/offers", params={"kind": "news", "limit": 200}).json()["items"]
    assert {o["kind"] for o in news} <= {"news"}


def test_full_text_search_in_arabic_and_english(site: Site) -> None:
    client = site.api("analyst")
    # روسيا typed with a different alef or with tashkeel finds the same offers.
    plain = client.get("/api/v1/offers", params={"q": "روسيا", "limit": 200}).json()["items"]
    assert plain and all(
        "روسيا" in o["excerpt"] or "روسي" in client.get(f"/api/v1/offers/{o['id']}").json()["text"]
        for o in plain[:5]
    )
    marked = client.get("/api/v1/offers", params={"q": "رُوسْيا", "limit": 200}).json()["items"]
    assert [o["id"] for o in marked] == [o["id"] for o in plain]
    english = client.get("/api/v1/offers", params={"q": "Russia", "limit": 200}).json()["items"]
    assert english and all(
        "russia" in client.get(f"/api/v1/offers/{o['id']}").json()["text"].lower()
        for o in english[:5]
    )
    assert client.get("/api/v1/offers", params={"q": "zzqqxxnothing"}).json()["items"] == []
    # FTS syntax in the query is taken as words, never as an operator.
    assert client.get("/api/v1/offers", params={"q": 'Russia" OR "* NEAR('}).status_code == 200


def test_province_filter(site: Site) -> None:
    client = site.api("analyst")
    found = client.get("/api/v1/offers", params={"province": "IQ-BA", "limit": 200}).json()["items"]
    for offer in found[:5]:
        places = [
            e["value"]
            for e in client.get(f"/api/v1/offers/{offer['id']}").json()["entities"]
            if e["type"] == "place"
        ]
        assert "IQ-BA" in places


def test_offer_detail_marks_the_evidence(site: Site) -> None:
    client = site.browser("analyst")
    flagged = (
        site.api("analyst")
        .get("/api/v1/offers", params={"band": "high", "limit": 1})
        .json()["items"][0]
    )
    detail = site.api("analyst").get(f"/api/v1/offers/{flagged['id']}").json()
    assert detail["indicators"] and "".join(s["text"] for s in detail["segments"]) == detail["text"]
    marked = [s for s in detail["segments"] if s["mark"]]
    assert marked and all(s["text"].strip() for s in marked)
    page = client.get(f"/offers/{flagged['id']}").text
    assert page.count("<mark") == len(marked)
    assert detail["indicators"][0]["title"] in page


def test_labels_are_decisions_with_who_and_when(site: Site) -> None:
    client = site.browser("analyst")
    doc = site.ids["document"]
    partial = client.post(
        f"/offers/{doc}/label",
        data={"value": "deceptive", "csrf_token": csrf_of(client)},
        headers={"hx-request": "true"},
    )
    assert partial.status_code == 200 and "<html" not in partial.text and "analyst" in partial.text
    site.api("caseworker").post(
        f"/api/v1/offers/{doc}/labels", json={"value": "legitimate", "note": "checked"}
    )
    labels = site.api("analyst").get(f"/api/v1/offers/{doc}").json()["labels"]
    assert [(d["value"], d["by"]) for d in labels] == [
        ("legitimate", "caseworker"),
        ("deceptive", "analyst"),
    ]
    assert all(re.match(r"\d{4}-\d\d-\d\dT", d["at"]) for d in labels)
    bad = site.api("analyst").post(f"/api/v1/offers/{doc}/labels", json={"value": "maybe"})
    assert bad.status_code == 422


def test_network_page_and_graph(site: Site) -> None:
    client = site.api("analyst")
    net = client.get(f"/api/v1/networks/{site.ids['network']}").json()
    offers = [n for n in net["graph"]["nodes"] if n["kind"] == "offer"]
    assert len(offers) == net["size"] == len(net["members"])
    ids = {n["id"] for n in net["graph"]["nodes"]}
    assert net["graph"]["edges"] and all(
        e["source"] in ids and e["target"] in ids for e in net["graph"]["edges"]
    )
    linked = {e["target"] for e in net["graph"]["edges"]}
    assert {n["id"] for n in net["graph"]["nodes"] if n["kind"] != "offer"} == linked
    assert net["templates"] and "{" in net["templates"][0]["template"]
    page = site.browser("analyst").get(f"/networks/{site.ids['network']}")
    assert page.status_code == 200 and 'id="network-graph"' in page.text
    assert client.get("/api/v1/networks/N-none").status_code == 404
    arabic = client.get(f"/api/v1/networks/{site.ids['network']}", params={"lang": "ar"}).json()
    assert arabic["indicators"] and all(
        re.search("[\u0600-\u06ff]", i["title"]) for i in arabic["indicators"]
    )
    assert [i["id"] for i in arabic["indicators"]] == [i for i, _ in net["summary"]["indicators"]]


def test_search_by_phone_or_handle_across_everything(site: Site) -> None:
    net = site.api("analyst").get(f"/api/v1/networks/{site.ids['network']}").json()
    identifier = net["summary"]["identifiers"][0]
    kind, value = identifier.split(":", 1)
    query = value if kind == "phone" else value.split(":", 1)[1]
    found = site.api("analyst").get("/api/v1/search", params={"q": query}).json()
    assert identifier in found["identifiers"]
    assert site.ids["network"] in [n["id"] for n in found["networks"]]
    assert "cases" not in found  # analysts see no cases
    cases = (
        site.api("caseworker").get("/api/v1/search", params={"q": "0770 123 0000"}).json()["cases"]
    )
    assert [c["id"] for c in cases] == [site.ids["case"]]
    by_name = (
        site.api("caseworker").get("/api/v1/search", params={"q": "Hayder Kazim"}).json()["cases"]
    )
    assert {c["id"] for c in by_name} == {site.ids["case"], site.ids["twin"]}


def _holders(site: Site, kind: str, value: str) -> tuple[set[int], Counter[str]]:
    """Recounted from the raw tables: the offers holding an identifier, and per network."""
    with Session(site.engine) as session:
        holding = (EntityRow.type == kind) & (EntityRow.value == value)
        docs = set(session.scalars(select(EntityRow.document_id).where(holding)))
        links = session.execute(
            select(DocumentLink.network_id).where(
                DocumentLink.document_id.in_(docs), DocumentLink.network_id.is_not(None)
            )
        )
        return docs, Counter(str(n) for (n,) in links)


def test_identifier_search_counts_match_a_recount(site: Site, monkeypatch: MonkeyPatch) -> None:
    net = site.api("analyst").get(f"/api/v1/networks/{site.ids['network']}").json()
    phones = [i for i in net["summary"]["identifiers"] if i.startswith("phone:")]
    kind, value = phones[0].split(":", 1)
    docs, per_network = _holders(site, kind, value)
    found = site.api("analyst").get("/api/v1/search", params={"q": value}).json()
    assert found["identifiers"] == [phones[0]] and len(docs) >= 2
    assert found["offer_count"] == len(docs) and not found["offer_count_capped"]
    assert {o["id"] for o in found["offers"]} == docs
    assert {n["id"]: n["documents"] for n in found["networks"]} == per_network
    monkeypatch.setattr(views, "COUNT_CAP", 1)  # a contact in more offers than we count
    capped = site.api("analyst").get("/api/v1/search", params={"q": value}).json()
    assert capped["offer_count"] == 1 and capped["offer_count_capped"]
    assert {o["id"] for o in capped["offers"]} == docs  # the list is not cut by the cap
    page = site.browser("analyst").get("/search", params={"q": value})
    assert re.search(r"\(1\+\)", page.text)


def test_identifier_search_finds_invite_links(site: Site) -> None:
    invite = "https://chat.whatsapp.com/SyntheticInvite01"  # synthetic, made up for the test
    with Session(site.engine) as session, session.begin():
        doc_id = session.scalars(select(DocumentLink.document_id).limit(1)).one()
        session.add(
            EntityRow(document_id=doc_id, type="link", value=invite, text=invite, start=0, end=1)
        )
    found = site.api("analyst").get("/api/v1/search", params={"q": invite}).json()
    assert found["identifiers"] == [f"link:{invite}"]
    assert [o["id"] for o in found["offers"]] == [doc_id] and found["offer_count"] == 1


def test_dashboard_counts_refresh_off_the_request(site: Site, monkeypatch: MonkeyPatch) -> None:
    monkeypatch.setattr(views, "_dashboard_cache", {})
    monkeypatch.setattr(views, "DASHBOARD_TTL", 3600.0)
    with Session(site.engine) as session:
        first = views.dashboard(session)
    with Session(site.engine) as session, session.begin():
        session.add(NetworkRow(id="N-new", size=2, summary={}))
    with Session(site.engine) as session:
        assert views.dashboard(session) == first  # fresh enough: not recounted
        monkeypatch.setattr(views, "DASHBOARD_TTL", 0.0)
        assert views.dashboard(session) == first  # stale: served, and a refresh starts
        with views._dashboard_lock:  # held by the refresh until it is done
            pass
        assert views.dashboard(session)["networks"] == first["networks"] + 1
        with views._dashboard_lock:  # let the refresh this call started finish
            pass


def test_create_case_find_duplicate_merge_and_undo_in_pages(site: Site) -> None:
    client = site.browser("caseworker")
    answer = client.post(
        "/cases",
        data={
            "names_original": "حيدر كاظم جعفر الساعدي",
            "age": "23",
            "province": "IQ-BA",
            "channels": ["Telegram", "WhatsApp"],
            "csrf_token": csrf_of(client),
        },
    )
    assert answer.status_code == 303
    page = client.get(answer.headers["location"])
    new_id = int(answer.headers["location"].split("/")[2].split("?")[0])
    assert "duplicate-row" in page.text and f'value="{site.ids["case"]}"' in page.text
    merged = client.post(
        f"/cases/{new_id}/merge", data={"into": site.ids["case"], "csrf_token": csrf_of(client)}
    )
    assert merged.status_code == 303
    listed = site.api("caseworker").get("/api/v1/cases").json()["items"]
    assert new_id not in [c["id"] for c in listed]
    undone = client.post(f"/cases/{new_id}/unmerge", data={"csrf_token": csrf_of(client)})
    assert undone.status_code == 303
    detail = site.api("caseworker").get(f"/api/v1/cases/{new_id}").json()
    assert detail["merged_into"] is None and [m["kind"] for m in detail["merges"]] == [
        "unmerge",
        "merge",
    ]
    assert detail["recruitment"]["channels"] == ["Telegram", "WhatsApp"]


def test_death_confirmed_by_a_second_caseworker_in_pages(site: Site) -> None:
    case, event = site.ids["case"], site.ids["event"]
    first = site.browser("caseworker")
    page = first.get(f"/cases/{case}").text
    assert "confirm-event" not in page  # the recorder is not offered the button
    refused = first.post(
        f"/cases/{case}/events/{event}/confirm", data={"csrf_token": csrf_of(first)}
    )
    assert refused.status_code == 422 and "second reviewer" in refused.text
    second = site.browser("omar")
    assert "confirm-event" in second.get(f"/cases/{case}").text
    assert (
        second.post(
            f"/cases/{case}/events/{event}/confirm", data={"csrf_token": csrf_of(second)}
        ).status_code
        == 303
    )
    assert site.api("caseworker").get(f"/api/v1/cases/{case}").json()["fate"] == "killed"


def test_attachments_upload_and_download(site: Site) -> None:
    client = site.browser("caseworker")
    case = site.ids["case"]
    pdf = b"%PDF-1.4\n% synthetic\n"
    answer = client.post(
        f"/cases/{case}/attachments",
        data={"csrf_token": csrf_of(client)},
        files={"file": ("report.pdf", pdf, "text/plain")},
    )
    assert answer.status_code == 303
    files = site.api("caseworker").get(f"/api/v1/cases/{case}").json()["attachments"]
    added = next(f for f in files if f["filename"] == "report.pdf")
    assert added["content_type"] == "application/pdf" and added["size"] == len(pdf)
    got = client.get(f"/cases/{case}/attachments/{added['id']}")
    assert got.content == pdf and got.headers["content-type"] == "application/pdf"
    refused = client.post(
        f"/cases/{case}/attachments",
        data={"csrf_token": csrf_of(client)},
        files={"file": ("x.pdf", b"MZ\x90\x00", "application/pdf")},
    )
    assert refused.status_code == 422 and "x.pdf" in refused.text


def test_consular_actions_and_legal_proceedings(site: Site) -> None:
    client = site.api("caseworker")
    case = site.ids["case"]
    assert (
        client.post(
            f"/api/v1/cases/{case}/actions",
            json={
                "category": "consular",
                "type": "repatriation_of_remains",
                "status": "in_progress",
            },
        ).status_code
        == 201
    )
    assert (
        client.post(
            f"/api/v1/cases/{case}/actions",
            json={
                "category": "legal",
                "court": "Basra criminal court",
                "charge": "trafficking",
                "outcome_status": "pending",
            },
        ).status_code
        == 201
    )
    assert (
        client.post(f"/api/v1/cases/{case}/actions", json={"category": "legal"}).status_code == 422
    )
    actions = client.get(f"/api/v1/cases/{case}").json()["actions"]
    assert [(a["category"], a["type"]) for a in actions] == [
        ("consular", "repatriation_of_remains"),
        ("legal", "proceeding"),
    ]
    assert actions[1]["charge"] == "trafficking"


def test_arabic_pages_are_right_to_left_with_arabic_digits(site: Site) -> None:
    client = site.browser("caseworker")
    page = client.get("/?lang=ar")
    assert '<html lang="ar" dir="rtl">' in page.text and "لوحة المتابعة" in page.text
    assert re.search(r"[٠-٩]", page.text)
    follow = client.get("/cases")  # the choice is remembered
    assert 'dir="rtl"' in follow.text and "الحالات" in follow.text
    english = client.get("/lang/en?next=/cases")
    assert english.status_code == 303
    assert '<html lang="en" dir="ltr">' in client.get("/cases").text


def test_audit_page_verifies_the_chain(site: Site) -> None:
    client = site.browser("oversight")
    page = client.get("/audit?verify=1")
    assert 'id="audit-result"' in page.text and "The audit chain is intact" in page.text
    verified = site.api("admin").get("/api/v1/audit/verify").json()
    assert verified["ok"] and verified["entries"] >= 4  # 2 cases, 1 event, 1 attachment


def test_every_case_read_is_audited(site: Site) -> None:
    before = (
        site.api("admin")
        .get("/api/v1/audit", params={"record_type": "case", "record_id": str(site.ids["case"])})
        .json()["items"]
    )
    site.api("caseworker").get(f"/api/v1/cases/{site.ids['case']}")
    after = (
        site.api("admin")
        .get("/api/v1/audit", params={"record_type": "case", "record_id": str(site.ids["case"])})
        .json()["items"]
    )
    assert len(after) == len(before) + 1
    assert after[0]["actor"] == "caseworker" and after[0]["action"] == "read"


def test_admin_manages_users(site: Site) -> None:
    client = site.browser("admin")
    added = client.post(
        "/admin/users",
        data={
            "name": "layla",
            "role": "analyst",
            "password": "long enough password",
            "csrf_token": csrf_of(client),
        },
    )
    assert added.status_code == 303
    short = client.post(
        "/admin/users",
        data={
            "name": "sami",
            "role": "analyst",
            "password": "short",
            "csrf_token": csrf_of(client),
        },
    )
    assert short.status_code == 422 and "too short" in short.text
    users = {u["name"]: u for u in site.api("admin").get("/api/v1/users").json()["items"]}
    assert users["layla"]["role"] == "analyst" and "sami" not in users
    assert (
        client.post("/admin/users/layla/disable", data={"csrf_token": csrf_of(client)}).status_code
        == 303
    )
    assert not {u["name"]: u for u in site.api("admin").get("/api/v1/users").json()["items"]}[
        "layla"
    ]["active"]


def test_edit_a_case_in_pages_and_through_the_api(site: Site) -> None:
    client = site.browser("caseworker")
    case = site.ids["case"]
    form = client.get(f"/cases/{case}/edit").text
    assert "Haidar Kadhim Al-Saadi" in form  # the form comes filled in
    answer = client.post(
        f"/cases/{case}/edit",
        data={
            "names_latin": "Haidar K. Al-Saadi",
            "age": "23",
            "province": "IQ-NA",
            "csrf_token": csrf_of(client),
        },
    )
    assert answer.status_code == 303 and answer.headers["location"] == f"/cases/{case}"
    detail = site.api("caseworker").get(f"/api/v1/cases/{case}").json()
    assert (
        detail["person"]["names_latin"] == ["Haidar K. Al-Saadi"] and detail["province"] == "IQ-NA"
    )
    changed = site.api("caseworker").put(
        f"/api/v1/cases/{case}", json={"names_latin": ["Haidar K. Al-Saadi"], "province": "IQ-BA"}
    )
    assert changed.status_code == 200 and "prs_mailing_state" in changed.json()["changed"]
    entries = (
        site.api("admin").get("/api/v1/audit", params={"record_id": str(case)}).json()["items"]
    )
    updates = [e for e in entries if e["action"] == "update"]
    assert len(updates) == 2 and "Haidar" not in str(updates)


def test_interface_text_exists_in_both_languages_for_every_key_used() -> None:
    import re as regex
    from pathlib import Path

    from recruitwatch.model import EntityType
    from recruitwatch.web.i18n import messages

    folder = Path(__file__).resolve().parents[2] / "src" / "recruitwatch" / "web" / "templates"
    used = {
        m for p in folder.glob("*.html") for m in regex.findall(r't\("([a-z_]+)"\)', p.read_text())
    }
    used |= {f"entity_{t}" for t in EntityType.__args__}
    used |= {f"band_{b}" for b in ("high", "medium", "low")} | {
        f"kind_{k}" for k in ("offer", "warning", "news", "other")
    }
    assert len(used) > 80  # the templates were read
    found = messages()
    missing = sorted(
        k for k in used if k not in found or not found[k].get("ar") or not found[k].get("en")
    )
    assert missing == []
