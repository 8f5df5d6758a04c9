"""Linking over the store: read every assessed document as linker input, write the derived
clusters and networks back (a full rebuild in one transaction: derived data is never edited)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import numpy as np
from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from recruitwatch.link import LinkInput, Links, NetworkSummary
from recruitwatch.link.networks import CONTACT_TYPES, Sketch
from recruitwatch.model import Entity
from recruitwatch.store.bulk import insert_rows
from recruitwatch.store.models import (
    Assessment,
    Document,
    DocumentLink,
    EntityRow,
    IdentifierNetwork,
    IndicatorHitRow,
    LinkSketch,
    NetworkRow,
    PublicIdentifier,
    Source,
)
from recruitwatch.store.repository import CHUNK

# The entities a search looks up: the contacts the linker joins offers on.
IDENTIFIER_TYPES = tuple(sorted(CONTACT_TYPES))


def load_link_inputs(session: Session, scanner_version: str) -> tuple[list[int], list[LinkInput]]:
    """(document ids, linker inputs) for every document assessed by `scanner_version`."""
    # Columns, not ORM objects: at a million documents, objects cost minutes and gigabytes.
    rows = session.execute(
        select(
            Document.id,
            Document.external_id,
            Document.text,
            Document.date,
            Assessment.id,
            Assessment.kind,
            Assessment.band,
            Assessment.language,
            Source.name,
        )
        .join(Assessment, Assessment.document_id == Document.id)
        .outerjoin(Source, Document.source_id == Source.id)
        .where(Assessment.scanner_version == scanner_version)
        .order_by(Document.id)
    ).all()
    entities: dict[int, list[Entity]] = {}
    for did, *entity in session.execute(
        select(
            EntityRow.document_id,
            EntityRow.type,
            EntityRow.value,
            EntityRow.text,
            EntityRow.start,
            EntityRow.end,
            EntityRow.attrs,
        ).order_by(EntityRow.document_id, EntityRow.start)
    ):
        entities.setdefault(did, []).append(Entity(*entity))
    hits: dict[int, list[str]] = {}
    for aid, indicator in session.execute(
        select(IndicatorHitRow.assessment_id, IndicatorHitRow.indicator_id).order_by(
            IndicatorHitRow.id
        )
    ):
        hits.setdefault(aid, []).append(indicator)
    ids, inputs = [], []
    for did, external_id, text, date, aid, kind, band, language, source in rows:
        ids.append(did)
        inputs.append(
            LinkInput(
                external_id,
                text,
                kind,
                band,
                tuple(entities.get(did, ())),
                date,
                language,
                source,
                tuple(hits.get(aid, ())),
            )
        )
    return ids, inputs


def save_links(
    session: Session, ids: list[int], links: Links, summaries: list[NetworkSummary]
) -> None:
    """Replace the stored links with these."""
    for table in (DocumentLink, NetworkRow, PublicIdentifier, IdentifierNetwork):
        session.execute(delete(table))
    rows = [
        {"document_id": d, "cluster_id": c, "network_id": n}
        for d, c, n in zip(ids, links.clusters, links.networks, strict=True)
    ]
    insert_rows(session, DocumentLink, rows)
    insert_rows(session, NetworkRow, [_network_row(s) for s in summaries])
    insert_rows(session, PublicIdentifier, [{"value": v} for v in sorted(links.public)])
    session.execute(_identifier_networks())


def _identifier_networks() -> Any:
    """Count, in the database, the offers of each network holding each identifier."""
    holders = (
        select(
            EntityRow.type,
            EntityRow.value,
            DocumentLink.network_id,
            func.count(func.distinct(EntityRow.document_id)),
        )
        .join(DocumentLink, DocumentLink.document_id == EntityRow.document_id)
        .where(EntityRow.type.in_(IDENTIFIER_TYPES), DocumentLink.network_id.is_not(None))
        .group_by(EntityRow.type, EntityRow.value, DocumentLink.network_id)
    )
    columns = ["type", "value", "network_id", "documents"]
    return insert(IdentifierNetwork).from_select(columns, holders)


def _network_row(summary: NetworkSummary) -> dict[str, Any]:
    """The summary without its member list: members are in document_links, and a list of
    tens of thousands of ids would be read with every page of networks."""
    return {
        "id": summary.id,
        "size": len(summary.documents),
        "first_seen": summary.first_seen,
        "last_seen": summary.last_seen,
        "summary": {k: v for k, v in asdict(summary).items() if k != "documents"},
    }


def network_documents(session: Session, network_id: str) -> list[str]:
    """The external ids of a stored network's offers, sorted (as in its summary)."""
    query = (
        select(Document.external_id)
        .join(DocumentLink, DocumentLink.document_id == Document.id)
        .where(DocumentLink.network_id == network_id)
    )
    return sorted(session.scalars(query))


def stored_links(session: Session, scanner_version: str) -> tuple[list[LinkInput], Links]:
    """The stored documents with their stored clusters and networks, for exports."""
    ids, inputs = load_link_inputs(session, scanner_version)
    found = {
        d: (c, n)
        for d, c, n in session.execute(
            select(DocumentLink.document_id, DocumentLink.cluster_id, DocumentLink.network_id)
        )
    }
    public = frozenset(session.scalars(select(PublicIdentifier.value)))
    clusters = [found.get(i, (None, None))[0] for i in ids]
    networks = [found.get(i, (None, None))[1] for i in ids]
    return inputs, Links(clusters, networks, public)


def load_sketches(session: Session, ids: list[int], key: str) -> list[Sketch | None]:
    """Stored sketches aligned with `ids` (None where missing or made with other settings)."""
    found: dict[int, Sketch] = {}
    for row in session.scalars(select(LinkSketch).where(LinkSketch.key == key)):
        found[row.document_id] = (np.frombuffer(row.signature, dtype=np.uint64).copy(), row.size)
    return [found.get(i) for i in ids]


def save_sketches(
    session: Session, ids: list[int], links: Links, key: str, known: list[Sketch | None]
) -> int:
    """Store the sketches `link` computed that were not stored before; returns how many."""
    rows = [
        {"document_id": i, "key": key, "signature": made[0].tobytes(), "size": made[1]}
        for i, before, made in zip(ids, known, links.sketches, strict=True)
        if before is None and made is not None
    ]
    stale = [r["document_id"] for r in rows]
    for start in range(0, len(stale), CHUNK):  # PostgreSQL takes at most 65,535 parameters
        session.execute(
            delete(LinkSketch).where(LinkSketch.document_id.in_(stale[start : start + CHUNK]))
        )
    insert_rows(session, LinkSketch, rows)
    return len(rows)
