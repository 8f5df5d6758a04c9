"""Analysts' labels on offers, what retraining learns from them, and the review queue.

A label is a decision (who, when, note) and is never edited: a later label by anyone
supersedes it. A confirmed lure spreads to the offers linked to it only as evidence in the
review queue and on the offer page; it never changes their score or their label.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, and_, cast, exists, func, select
from sqlalchemy.orm import Session

from recruitwatch.errors import InvalidInput, NotFound
from recruitwatch.ingest.labelled import Example
from recruitwatch.ingest.records import make_record
from recruitwatch.store.crypto import Keyring
from recruitwatch.store.decisions import decide, latest
from recruitwatch.store.models import Assessment, Decision, Document, DocumentLink, User

LABELS = ("deceptive", "legitimate", "unsure")
VERDICTS = {"deceptive": 1, "legitimate": 0}
NETWORK_BONUS = 0.5  # priority added when the offer's network holds confirmed lures
UNSURE = 0.5  # within half the distance to 0 or 1 of the threshold: the model is unsure


def find_document(session: Session, reference: str) -> Document:
    """A document by its id in the input (`demo-00012`) or its number in the store."""
    found = list(session.scalars(select(Document).where(Document.external_id == reference)))
    if len(found) > 1:
        numbers = ", ".join(str(d.id) for d in found[:5])
        raise InvalidInput(f"{len(found)} documents have the id {reference!r}: use {numbers}")
    if found:
        return found[0]
    if reference.isdigit() and int(reference) < 2**31:
        doc = session.get(Document, int(reference))
        if doc is not None:
            return doc
    raise NotFound(f"no offer {reference!r}")


def record_label(
    session: Session,
    ring: Keyring,
    doc: Document,
    value: str,
    user: tuple[int, str],
    note: str | None = None,
) -> Decision:
    """Record `user`'s label on `doc` and its audit entry, in the caller's transaction."""
    if value not in LABELS:
        raise InvalidInput(f"label {value!r}: choose one of {', '.join(LABELS)}")
    return decide(
        session,
        ring,
        subject=("document", str(doc.id)),
        kind="label",
        value=value,
        user=user,
        note=note,
        action="label",
    )


def labels_of(session: Session, doc_id: int) -> list[dict[str, Any]]:
    """Every label on one document, newest first, with who and when."""
    query = (
        select(Decision, User.name)
        .join(User, User.id == Decision.user_id)
        .where(
            Decision.subject_type == "document",
            Decision.subject_id == str(doc_id),
            Decision.kind == "label",
        )
        .order_by(Decision.id.desc())
    )
    return [
        {"value": d.value, "by": name, "at": d.at.isoformat(), "note": d.note}
        for d, name in session.execute(query)
    ]


def current_labels(session: Session) -> dict[int, str]:
    """Each labelled document's latest label."""
    return {int(d): found["value"] for d, found in latest(session, "document", "label").items()}


def labelled_examples(session: Session) -> Iterator[Example]:
    """Stored documents whose latest label is a verdict, as training examples."""
    verdicts = {d: VERDICTS[v] for d, v in current_labels(session).items() if v in VERDICTS}
    ids = sorted(verdicts)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for doc in session.scalars(select(Document).where(Document.id.in_(chunk))):
            record = make_record(
                "store",
                f"document {doc.id}",
                str(doc.id),
                doc.text,
                id=doc.external_id,
                lang=doc.lang,
            )
            yield Example(record, verdicts[doc.id], "store")


@dataclass(frozen=True)
class QueueItem:
    document_id: int
    external_id: str
    score: float
    band: str
    language: str
    network: str | None
    confirmed_in_network: int
    priority: float
    uncertain: bool  # the score sits near the model's threshold

    def reasons(self) -> list[str]:
        found = []
        if self.uncertain:
            found.append(f"uncertain: score {self.score:.2f} is near the threshold")
        if self.confirmed_in_network:
            found.append(
                f"network {self.network} holds {self.confirmed_in_network} confirmed lure(s)"
            )
        return found

    def to_json(self) -> dict[str, Any]:
        return {
            "document_id": self.document_id,
            "id": self.external_id,
            "score": round(self.score, 4),
            "band": self.band,
            "language": self.language,
            "network": self.network,
            "confirmed_in_network": self.confirmed_in_network,
            "priority": round(self.priority, 4),
            "uncertain": self.uncertain,
            "reasons": self.reasons(),
        }


def confirmed_networks(session: Session) -> dict[str, int]:
    """Networks holding offers whose latest label is deceptive, with how many."""
    lures = [d for d, v in current_labels(session).items() if v == "deceptive"]
    counts: dict[str, int] = {}
    for start in range(0, len(lures), 500):
        query = (
            select(DocumentLink.network_id, func.count())
            .where(
                DocumentLink.document_id.in_(lures[start : start + 500]),
                DocumentLink.network_id.is_not(None),
            )
            .group_by(DocumentLink.network_id)
        )
        for network, n in session.execute(query):
            if network is not None:
                counts[network] = counts.get(network, 0) + n
    return counts


def review_queue(
    session: Session, scanner_version: str, *, threshold: float = 0.5, limit: int = 50
) -> list[QueueItem]:
    """Unlabelled offers worth an analyst's look, most useful first: those the model is
    least sure of (score nearest the threshold) and those in a network that already holds
    confirmed lures. Only offers; warnings and news are not labelled as lures."""
    unlabelled = ~exists().where(
        and_(
            Decision.subject_type == "document",
            Decision.kind == "label",
            Decision.subject_id == cast(Assessment.document_id, String),
        )
    )
    base = (
        select(Assessment, Document.external_id, DocumentLink.network_id)
        .join(Document, Document.id == Assessment.document_id)
        .outerjoin(DocumentLink, DocumentLink.document_id == Assessment.document_id)
        .where(
            Assessment.scanner_version == scanner_version,
            Assessment.kind == "offer",
            unlabelled,
        )
    )
    above = base.where(Assessment.score >= threshold).order_by(Assessment.score).limit(limit)
    below = base.where(Assessment.score < threshold).order_by(Assessment.score.desc())
    networks = confirmed_networks(session)
    linked = base.where(DocumentLink.network_id.in_(list(networks))).limit(limit)
    rows = {}
    for query in (above, below.limit(limit), linked):
        for assessment, external_id, network in session.execute(query):
            rows[assessment.document_id] = (assessment, external_id, network)
    items = [_queue_item(a, e, n, networks, threshold) for a, e, n in rows.values()]
    items.sort(key=lambda i: (-i.priority, i.document_id))
    return items[:limit]


def _queue_item(
    assessment: Assessment,
    external_id: str,
    network: str | None,
    networks: dict[str, int],
    threshold: float,
) -> QueueItem:
    spread = max(threshold, 1.0 - threshold)
    certainty = min(abs(assessment.score - threshold) / spread, 1.0) if spread else 1.0
    confirmed = networks.get(network or "", 0)
    priority = 1.0 - certainty + (NETWORK_BONUS if confirmed else 0.0)
    return QueueItem(
        assessment.document_id,
        external_id,
        assessment.score,
        assessment.band,
        assessment.language,
        network,
        confirmed,
        priority,
        certainty < UNSURE,
    )
