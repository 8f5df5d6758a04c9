"""The data behind each page, as plain dicts: the HTML page and its JSON twin both use these."""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine, Select, func, select
from sqlalchemy.orm import Session

from recruitwatch.detect.catalogue import Catalogue, load_catalogue
from recruitwatch.errors import InvalidInput, NotFound
from recruitwatch.extract.phones import to_e164
from recruitwatch.link.summary import marked_template
from recruitwatch.model import Entity
from recruitwatch.pipeline import SCANNER_VERSION
from recruitwatch.store.cases import aggregates
from recruitwatch.store.crypto import Keyring
from recruitwatch.store.labels import (
    confirmed_networks,
    labels_of,
    record_label,
    review_queue,
)
from recruitwatch.store.links import IDENTIFIER_TYPES
from recruitwatch.store.models import (
    Assessment,
    Document,
    DocumentLink,
    EntityRow,
    IdentifierNetwork,
    IndicatorHitRow,
    NetworkRow,
    Source,
)
from recruitwatch.store.search import matching_documents
from recruitwatch.store.users import Identity

BANDS = ("high", "medium", "low")
KINDS = ("offer", "warning", "news", "other")
PAGE = 50
COUNT_CAP = 1000  # an identifier search counts its offers up to here ("1,000+")
MEMBERS_SHOWN = 300  # a network page lists and draws at most this many offers
TEMPLATE_SAMPLE = 10  # members per cluster read to find its commonest marked text
DASHBOARD_TTL = 30.0  # seconds; the dashboard's counts scan whole tables
log = logging.getLogger(__name__)
_dashboard_cache: dict[str, tuple[float, dict[str, Any]]] = {}
_dashboard_lock = threading.Lock()


@dataclass(frozen=True)
class OfferFilters:
    band: str | None = None
    kind: str | None = None
    lang: str | None = None
    source: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    province: str | None = None
    q: str | None = None
    before: int | None = None
    limit: int = PAGE


def dashboard(session: Session) -> dict[str, Any]:
    """Counts only (this page is open to oversight). They scan whole tables, so they are
    made off the request path: a request gets the latest counts and, when those are older
    than DASHBOARD_TTL, starts one refresh in the background. Only a process's first
    dashboard request waits for them."""
    engine = session.get_bind().engine
    key = str(engine.url)
    cached = _dashboard_cache.get(key)
    if cached is None:
        with _dashboard_lock:
            if (cached := _dashboard_cache.get(key)) is None:
                cached = (time.monotonic(), _dashboard(session))
                _dashboard_cache[key] = cached
        return cached[1]
    if time.monotonic() - cached[0] >= DASHBOARD_TTL and _dashboard_lock.acquire(blocking=False):
        threading.Thread(target=_refresh_dashboard, args=(engine, key), daemon=True).start()
    return cached[1]


def _refresh_dashboard(engine: Engine, key: str) -> None:
    try:
        with Session(engine) as session:
            _dashboard_cache[key] = (time.monotonic(), _dashboard(session))
    except Exception:  # the older counts stay; the next stale request tries again
        log.exception("refreshing the dashboard's counts failed")
    finally:
        _dashboard_lock.release()


def _dashboard(session: Session) -> dict[str, Any]:
    week = datetime.now(UTC) - timedelta(days=7)
    current = Assessment.scanner_version == SCANNER_VERSION
    flagged = Assessment.band.in_(["high", "medium"])
    bands = session.execute(
        select(Assessment.band, func.count()).where(current).group_by(Assessment.band)
    )
    new = session.scalar(
        select(func.count())
        .select_from(Assessment)
        .join(Document, Document.id == Assessment.document_id)
        .where(current, flagged, Document.first_seen >= week)
    )
    return {
        "offers_by_band": {b: 0 for b in BANDS} | {str(b): int(n) for b, n in bands},
        "new_flagged": int(new or 0),
        "networks": int(session.scalar(select(func.count()).select_from(NetworkRow)) or 0),
        "cases": aggregates(session),
    }


EXCERPT = 280


def _offer_query(session: Session, f: OfferFilters) -> Select[*tuple[Any, ...]]:
    query = (
        select(
            Document.id,
            Document.external_id,
            Document.date,
            Document.title,
            func.substr(Document.text, 1, EXCERPT),
            Assessment.band,
            Assessment.score,
            Assessment.kind,
            Assessment.language,
            Source.name,
        )
        .join(Assessment, Assessment.document_id == Document.id)
        .outerjoin(Source, Source.id == Document.source_id)
        .where(Assessment.scanner_version == SCANNER_VERSION)
    )
    for column, value in (
        (Assessment.band, f.band),
        (Assessment.kind, f.kind),
        (Assessment.language, f.lang),
        (Source.name, f.source),
    ):
        if value:
            query = query.where(column == value)
    if f.date_from:
        query = query.where(Document.date >= f.date_from)
    if f.date_to:
        query = query.where(Document.date <= f.date_to + "\uffff")
    if f.province:
        places = select(EntityRow.document_id).where(
            EntityRow.type == "place", EntityRow.value == f.province
        )
        query = query.where(Document.id.in_(places))
    if f.q and (matching := matching_documents(session, f.q)) is not None:
        query = query.where(Document.id.in_(matching))
    # Newest first, by the assessment's document id (the same number as the document's):
    # the unique (document id, version) index or the feed indexes (band | language,
    # document id) then give the order without sorting.
    key = Assessment.document_id
    if f.before:
        query = query.where(key < f.before)
    return query.order_by(key.desc()).limit(max(1, min(f.limit, 200)))


def offers(session: Session, f: OfferFilters) -> dict[str, Any]:
    rows = session.execute(_offer_query(session, f)).all()
    items = [
        {
            "id": doc_id,
            "external_id": external_id,
            "date": day,
            "source": source,
            "title": title,
            "excerpt": excerpt,
            "band": band,
            "score": round(score, 3),
            "kind": kind,
            "language": language,
        }
        for doc_id, external_id, day, title, excerpt, band, score, kind, language, source in rows
    ]
    more = len(items) == max(1, min(f.limit, 200))
    return {"items": items, "next_before": items[-1]["id"] if items and more else None}


def sources(session: Session) -> list[str]:
    return list(session.scalars(select(Source.name).order_by(Source.name).limit(500)))


def _segments(text: str, marks: list[tuple[int, int, str]]) -> list[dict[str, Any]]:
    """The text cut into plain and marked pieces (overlapping evidence merged)."""
    pieces, pos = [], 0
    for start, end, indicator in sorted(marks):
        start = max(start, pos)
        if start >= end:
            continue
        if start > pos:
            pieces.append({"text": text[pos:start], "mark": None})
        pieces.append({"text": text[start:end], "mark": indicator})
        pos = end
    if pos < len(text):
        pieces.append({"text": text[pos:], "mark": None})
    return pieces


def _document(session: Session, doc_id: int) -> Document:
    doc = session.get(Document, doc_id)
    if doc is None:
        raise NotFound(f"no offer {doc_id}")
    return doc


def offer(session: Session, doc_id: int, lang: str) -> dict[str, Any]:
    doc = _document(session, doc_id)
    assessment = session.scalar(
        select(Assessment).where(
            Assessment.document_id == doc.id, Assessment.scanner_version == SCANNER_VERSION
        )
    )
    hits = (
        list(
            session.scalars(
                select(IndicatorHitRow).where(IndicatorHitRow.assessment_id == assessment.id)
            )
        )
        if assessment
        else []
    )
    catalogue = load_catalogue()
    lang = "ar" if lang == "ar" else "en"
    indicators = []
    marks = []
    for hit in hits:
        item = catalogue.get(hit.indicator_id)
        indicators.append(
            {
                "id": hit.indicator_id,
                "weight": hit.weight,
                "title": item.title.get(lang) or item.title["en"],
                "description": item.description.get(lang) or item.description["en"],
                "evidence": [s["text"] for s in hit.evidence],
                "note": hit.note,
            }
        )
        marks += [(s["start"], s["end"], hit.indicator_id) for s in hit.evidence]
    entities = session.scalars(select(EntityRow).where(EntityRow.document_id == doc.id))
    network = session.scalar(
        select(DocumentLink.network_id).where(DocumentLink.document_id == doc.id)
    )
    return {
        "id": doc.id,
        "external_id": doc.external_id,
        "title": doc.title,
        "url": doc.url,
        "date": doc.date,
        "lang": doc.lang,
        "text": doc.text,
        "segments": _segments(doc.text, marks),
        "band": assessment.band if assessment else None,
        "score": round(assessment.score, 3) if assessment else None,
        "kind": assessment.kind if assessment else None,
        "indicators": sorted(indicators, key=lambda i: -i["weight"]),
        "entities": [{"type": e.type, "value": e.value, "text": e.text} for e in entities],
        "network": network,
        "network_confirmed": _confirmed_in(session, network),
        "model": _model_part(assessment, catalogue, lang),
        "labels": labels_of(session, doc.id),
    }


def _confirmed_in(session: Session, network: str | None) -> int:
    """Offers of this network whose latest label is deceptive: evidence, not a verdict."""
    return confirmed_networks(session).get(network, 0) if network else 0


def _model_part(
    assessment: Assessment | None, catalogue: Catalogue, lang: str
) -> dict[str, Any] | None:
    """The model's side of a verdict: its version, the indicators' own score, and the words
    and indicators that moved the score, most first."""
    if assessment is None or assessment.model_version is None:
        return None
    features = assessment.explanation or []
    words = [f for f in features if f.get("kind") == "text"]
    rules = []
    for f in features:
        if f.get("kind") == "indicator":
            try:
                title = catalogue.get(f["text"]).title
            except KeyError:
                continue
            rules.append({"title": title.get(lang) or title["en"], "weight": f["weight"]})
    return {
        "version": assessment.model_version,
        "indicator_score": round(assessment.indicator_score or 0.0, 3),
        "raised": [f for f in words if f["weight"] > 0],
        "lowered": [f for f in words if f["weight"] < 0],
        "indicators": sorted(rules, key=lambda r: -abs(r["weight"])),
    }


def review(session: Session, threshold: float, limit: int = PAGE) -> dict[str, Any]:
    """The review queue: unlabelled offers the model is least sure of, and offers whose
    network already holds confirmed lures."""
    items = review_queue(session, SCANNER_VERSION, threshold=threshold, limit=limit)
    return {"threshold": round(threshold, 4), "items": [i.to_json() for i in items]}


def label_offer(
    session: Session, ring: Keyring, doc_id: int, value: str, who: Identity, note: str | None
) -> dict[str, Any]:
    doc = _document(session, doc_id)
    decision = record_label(session, ring, doc, value, (who.user_id, who.name), note)
    return {"id": decision.id, "value": value, "labels": labels_of(session, doc.id)}


def networks(session: Session) -> dict[str, Any]:
    query = select(NetworkRow).order_by(NetworkRow.size.desc(), NetworkRow.id)
    rows = list(session.scalars(query.limit(500)))
    items = [
        {
            "id": n.id,
            "size": n.size,
            "first_seen": n.first_seen,
            "last_seen": n.last_seen,
            "identifiers": n.summary.get("identifiers", [])[:6],
            "indicators": [i for i, _ in n.summary.get("indicators", [])[:4]],
            "languages": [code for code, _ in n.summary.get("languages", [])],
        }
        for n in rows
    ]
    return {"items": items}


def _templates(session: Session, doc_ids: list[int]) -> list[dict[str, Any]]:
    """One marked template per cluster of the network (the commonest marked text among a
    sample of its members), read in two queries."""
    links = session.execute(
        select(DocumentLink.document_id, DocumentLink.cluster_id).where(
            DocumentLink.document_id.in_(doc_ids), DocumentLink.cluster_id.is_not(None)
        )
    ).all()
    by_cluster: dict[str, list[int]] = {}
    for did, cluster in links:
        by_cluster.setdefault(cluster or "", []).append(did)
    sample = [d for members in by_cluster.values() for d in members[:TEMPLATE_SAMPLE]]
    texts = dict(
        session.execute(select(Document.id, Document.text).where(Document.id.in_(sample))).all()
    )
    entities: dict[int, list[Entity]] = {}
    for r in session.scalars(select(EntityRow).where(EntityRow.document_id.in_(sample))):
        entity = Entity(r.type, r.value, r.text, r.start, r.end, r.attrs)  # type: ignore[arg-type]
        entities.setdefault(r.document_id, []).append(entity)
    found = []
    for cluster, members in sorted(by_cluster.items(), key=lambda kv: -len(kv[1])):
        marked = Counter(
            marked_template(texts[d], tuple(entities.get(d, ())))
            for d in members[:TEMPLATE_SAMPLE]
            if d in texts
        )
        if marked:
            found.append(
                {"cluster": cluster, "size": len(members), "template": marked.most_common(1)[0][0]}
            )
    return found


def _indicator_title(indicator_id: str, lang: str) -> str:
    try:
        title = load_catalogue().get(indicator_id).title
    except KeyError:  # an indicator retired from the catalogue since the linking
        return indicator_id
    return title.get(lang) or title["en"]


def network(session: Session, network_id: str, lang: str = "en") -> dict[str, Any]:
    row = session.get(NetworkRow, network_id)
    if row is None:
        raise NotFound(f"no network {network_id}")
    members = session.execute(
        select(Document.id, Document.external_id, Document.date, Document.text, Assessment.band)
        .join(DocumentLink, DocumentLink.document_id == Document.id)
        .outerjoin(
            Assessment,
            (Assessment.document_id == Document.id)
            & (Assessment.scanner_version == SCANNER_VERSION),
        )
        .where(DocumentLink.network_id == network_id)
        .order_by(DocumentLink.document_id.desc())  # newest stored first, read off the index
        .limit(MEMBERS_SHOWN)
    ).all()
    ids = [m[0] for m in members]
    identifiers = set(row.summary.get("identifiers", []))
    edges = []
    for start in range(0, len(ids), 500):
        for did, kind, value in session.execute(
            select(EntityRow.document_id, EntityRow.type, EntityRow.value).where(
                EntityRow.document_id.in_(ids[start : start + 500])
            )
        ):
            key = f"{kind}:{value}"
            if key in identifiers:
                edges.append({"source": f"d{did}", "target": key})
    nodes = [{"id": f"d{m[0]}", "kind": "offer", "label": m[1], "band": m[4]} for m in members]
    drawn = {e["target"] for e in edges}  # a large network's other contacts would float free
    nodes += [
        {"id": i, "kind": i.split(":", 1)[0], "label": i.split(":", 1)[1]} for i in sorted(drawn)
    ]
    return {
        "id": row.id,
        "size": row.size,
        "first_seen": row.first_seen,
        "last_seen": row.last_seen,
        "summary": row.summary,
        "members": [
            {"id": m[0], "external_id": m[1], "date": m[2], "excerpt": m[3][:200], "band": m[4]}
            for m in members
        ],
        "templates": _templates(session, ids),
        "indicators": [
            {"id": i, "title": _indicator_title(i, lang), "count": n}
            for i, n in row.summary.get("indicators", [])
        ],
        "graph": {
            "nodes": nodes,
            "edges": sorted(
                {(e["source"], e["target"]): e for e in edges}.values(),
                key=lambda e: (e["source"], e["target"]),
            ),
        },
    }


def identifier_values(query: str) -> list[str]:
    """The stored forms a typed phone or handle may have."""
    query = query.strip()
    found = [query, query.lower()]
    digits = "".join(ch for ch in query if ch.isdigit() or ch == "+")
    if len(digits) >= 6 and (e164 := to_e164(digits)):
        found.append(e164)
    bare = query.lower().lstrip("@")
    if bare and ":" not in bare and "/" not in bare:
        found += [f"{p}:{bare}" for p in ("telegram", "instagram", "facebook", "tiktok", "twitter")]
    if "t.me/" in bare:
        found.append("telegram:" + bare.rsplit("t.me/", 1)[1].strip("/"))
    return list(dict.fromkeys(v for v in found if v))


def search_identifier(session: Session, query: str, limit: int = 100) -> dict[str, Any]:
    """Offers and networks holding a phone, handle, link or e-mail. At volume a contact can
    sit in a hundred thousand offers, so nothing here reads them all: each stored form gives
    its newest offers off the index, counts stop at COUNT_CAP, and the per-network counts
    were made at linking."""
    values = identifier_values(query)
    if not values or len(query) > 300:
        raise InvalidInput("type a phone number, a handle or a link (at most 300 characters)")
    holders: dict[tuple[str, str], list[int]] = {}
    for kind in IDENTIFIER_TYPES:
        for value in values:
            ids = session.scalars(
                select(EntityRow.document_id)
                .where(EntityRow.type == kind, EntityRow.value == value)
                .order_by(EntityRow.document_id.desc())
                .limit(max(limit, COUNT_CAP) + 1)
            ).all()
            if ids:
                holders[(kind, value)] = list(ids)
    holding = {d for ids in holders.values() for d in ids}
    newest = sorted(holding, reverse=True)[:limit]
    found = session.execute(
        select(Document.id, Document.external_id, Document.date, Document.text, Assessment.band)
        .join(Assessment, Assessment.document_id == Document.id)
        .where(Document.id.in_(newest), Assessment.scanner_version == SCANNER_VERSION)
        .order_by(Document.id.desc())
    ).all()
    return {
        "query": query,
        "identifiers": sorted(f"{kind}:{value}" for kind, value in holders),
        "offers": [
            {"id": i, "external_id": e, "date": d, "excerpt": t[:200], "band": b}
            for i, e, d, t, b in found
        ],
        "offer_count": min(len(holding), COUNT_CAP),
        "offer_count_capped": len(holding) > COUNT_CAP,
        "networks": _identifier_networks(session, list(holders)),
    }


def _identifier_networks(session: Session, keys: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Networks holding any of these identifiers, with their offers holding one (counted at
    the last linking; an offer holding two forms of one contact counts under each)."""
    counts: Counter[str] = Counter()
    for kind, value in keys:
        for network_id, documents in session.execute(
            select(IdentifierNetwork.network_id, IdentifierNetwork.documents).where(
                IdentifierNetwork.type == kind, IdentifierNetwork.value == value
            )
        ):
            counts[network_id] += documents
    return [{"id": n, "documents": c} for n, c in sorted(counts.items(), key=lambda x: -x[1])]
