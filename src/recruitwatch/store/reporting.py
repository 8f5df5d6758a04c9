"""What the oversight report and the public bulletin count, read from the store for a
period. Plain counts only: no personal field is read, so nothing here needs the keyring."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from recruitwatch.detect.catalogue import load_catalogue
from recruitwatch.detect.indicators import usd_per_month
from recruitwatch.extract.money import Money
from recruitwatch.report.period import Period
from recruitwatch.store.claims import list_claims
from recruitwatch.store.models import (
    Assessment,
    Case,
    Document,
    DocumentLink,
    EntityRow,
    IndicatorHitRow,
    NetworkRow,
)

FLAGGED = ("medium", "high")


@dataclass
class ReportData:
    """Raw counts for one period; suppression is applied when the report is built."""

    period: Period
    cases: list[dict[str, Any]] = field(default_factory=list)  # fate, province, month, channels
    offers: Counter[tuple[str, str]] = field(default_factory=Counter)  # (band, language)
    salaries_usd: list[float] = field(default_factory=list)
    indicators: list[tuple[str, int]] = field(default_factory=list)
    networks: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)


def _in_period(column: Any, period: Period) -> Any:
    return (column >= period.start.isoformat()) & (column < period.end.isoformat())


def case_month(departure: str | None, created: Any) -> str:
    """A case counts in the month the person left (or was recruited); when that is not
    known, in the month it was recorded."""
    if departure and len(departure) >= 7:
        return departure[:7]
    return str(created.strftime("%Y-%m"))


def cases(session: Session, period: Period) -> list[dict[str, Any]]:
    query = select(
        Case.rw_fate,
        Case.prs_mailing_state,
        Case.rw_departure_date,
        Case.created,
        Case.vic_recruitment_websites_and_apps,
    ).where(Case.rw_merged_into.is_(None))
    found = []
    for fate, province, departure, created, channels in session.execute(query):
        month = case_month(departure, created)
        if period.holds(month):
            found.append(
                {
                    "fate": fate,
                    "province": province or "unknown",
                    "month": month,
                    "channels": list(channels or []),
                }
            )
    return found


def offers(session: Session, period: Period, scanner: str) -> Counter[tuple[str, str]]:
    query = (
        select(Assessment.band, Assessment.language, func.count())
        .join(Document, Document.id == Assessment.document_id)
        .where(
            Assessment.scanner_version == scanner,
            Assessment.kind == "offer",
            _in_period(Document.date, period),
        )
        .group_by(Assessment.band, Assessment.language)
    )
    return Counter({(band, language): int(n) for band, language, n in session.execute(query)})


def _flagged_offers(period: Period, scanner: str) -> Any:
    return (
        select(Assessment.id, Assessment.document_id)
        .join(Document, Document.id == Assessment.document_id)
        .where(
            Assessment.scanner_version == scanner,
            Assessment.kind == "offer",
            Assessment.band.in_(FLAGGED),
            _in_period(Document.date, period),
        )
        .subquery()
    )


def salaries(session: Session, period: Period, scanner: str) -> list[float]:
    """Promised wages in flagged offers, in US dollars a month (the salary norms' rates)."""
    flagged = _flagged_offers(period, scanner)
    query = select(EntityRow.attrs).where(
        EntityRow.type == "money", EntityRow.document_id.in_(select(flagged.c.document_id))
    )
    norms = load_catalogue().salary
    found = []
    for (attrs,) in session.execute(query):
        money = Money(
            float(attrs.get("amount") or 0), attrs.get("currency"), attrs.get("period"), 0, 0, ""
        )
        usd = usd_per_month(money, norms)
        if usd is not None and usd > 0:
            found.append(usd)
    return sorted(found)


def indicators(session: Session, period: Period, scanner: str) -> list[tuple[str, int]]:
    flagged = _flagged_offers(period, scanner)
    query = (
        select(IndicatorHitRow.indicator_id, func.count())
        .where(IndicatorHitRow.assessment_id.in_(select(flagged.c.id)))
        .group_by(IndicatorHitRow.indicator_id)
        .order_by(func.count().desc(), IndicatorHitRow.indicator_id)
    )
    return [(i, int(n)) for i, n in session.execute(query)]


def networks(session: Session, period: Period, limit: int = 15) -> list[dict[str, Any]]:
    """Networks with offers dated in the period, most active first."""
    query = (
        select(DocumentLink.network_id, func.count())
        .join(Document, Document.id == DocumentLink.document_id)
        .where(DocumentLink.network_id.is_not(None), _in_period(Document.date, period))
        .group_by(DocumentLink.network_id)
        .order_by(func.count().desc(), DocumentLink.network_id)
    )
    active = [(str(n), int(c)) for n, c in session.execute(query)]
    rows = {
        r.id: r
        for r in session.scalars(
            select(NetworkRow).where(NetworkRow.id.in_([n for n, _ in active[:limit]]))
        )
    }
    found = []
    for network, count in active:
        row = rows.get(network)
        summary = row.summary if row is not None else {}
        found.append(
            {
                "id": network,
                "documents_in_period": count,
                "size": row.size if row is not None else count,
                "first_seen": row.first_seen if row is not None else None,
                "last_seen": row.last_seen if row is not None else None,
                "provinces": [p for p, _ in summary.get("provinces", [])[:3]],
                "indicators": [i for i, _ in summary.get("indicators", [])[:3]],
            }
        )
    return found


def report_data(session: Session, period: Period, scanner: str) -> ReportData:
    return ReportData(
        period,
        cases(session, period),
        offers(session, period, scanner),
        salaries(session, period, scanner),
        indicators(session, period, scanner),
        networks(session, period),
        list_claims(session, period=period),
    )


@dataclass
class BulletinData:
    """What a public warning is drafted from: a window's flagged offers, their lures (with
    short example phrases in the bulletin's language), destinations, pay, and the contacts
    that recur in recruiter networks with each one's approval state."""

    period: Period
    offers: int = 0
    lures: list[tuple[str, int, list[str]]] = field(default_factory=list)
    places: list[tuple[str, int]] = field(default_factory=list)
    salaries_usd: list[float] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)


CONTACT_TYPES = ("phone", "handle", "link", "email")
_CONTACT_LIKE = re.compile(r"@|https?:|t\.me|wa\.me|\d{5,}|\d{3}[\s-]\d{3}")


def _examples(session: Session, flagged: Any, indicator: str, lang: str) -> list[str]:
    """Up to two short evidence phrases for a lure, from offers in `lang`, never one that
    holds a contact (a bulletin must not publish an unapproved number or handle)."""
    query = (
        select(IndicatorHitRow.evidence)
        .join(Assessment, Assessment.id == IndicatorHitRow.assessment_id)
        .where(
            IndicatorHitRow.indicator_id == indicator,
            IndicatorHitRow.assessment_id.in_(select(flagged.c.id)),
            Assessment.language == lang,
        )
        .limit(50)
    )
    found: list[str] = []
    for (evidence,) in session.execute(query):
        for span in evidence:
            text = " ".join(str(span.get("text", "")).split())
            if 3 <= len(text) <= 80 and not _CONTACT_LIKE.search(text) and text not in found:
                found.append(text)
            if len(found) == 2:
                return found
    return found


def _destinations(session: Session, flagged: Any) -> list[tuple[str, int]]:
    """Places abroad named in flagged offers (Iraqi places are where people are recruited)."""
    query = (
        select(EntityRow.value, func.count(func.distinct(EntityRow.document_id)))
        .where(EntityRow.type == "place", EntityRow.document_id.in_(select(flagged.c.document_id)))
        .group_by(EntityRow.value)
        .order_by(func.count(func.distinct(EntityRow.document_id)).desc(), EntityRow.value)
    )
    return [(code, int(n)) for code, n in session.execute(query) if not code.startswith("IQ")]


def contact_candidates(session: Session, period: Period, scanner: str) -> list[dict[str, Any]]:
    """Contacts in high-band offers that belong to a recruiter network, most used first;
    identifiers the linker found public (hotlines, crowded links) are never candidates."""
    from recruitwatch.link.networks import identifier
    from recruitwatch.model import Entity
    from recruitwatch.store.bulletin import contact_decisions, contact_key
    from recruitwatch.store.models import PublicIdentifier

    query = (
        select(EntityRow.type, EntityRow.value, EntityRow.document_id, DocumentLink.network_id)
        .join(DocumentLink, DocumentLink.document_id == EntityRow.document_id)
        .join(Assessment, Assessment.document_id == EntityRow.document_id)
        .join(Document, Document.id == EntityRow.document_id)
        .where(
            EntityRow.type.in_(CONTACT_TYPES),
            DocumentLink.network_id.is_not(None),
            Assessment.scanner_version == scanner,
            Assessment.band == "high",
            _in_period(Document.date, period),
        )
    )
    public = set(session.scalars(select(PublicIdentifier.value)))
    documents: dict[str, set[int]] = {}
    networks: dict[str, set[str]] = {}
    for kind, value, document, network in session.execute(query):
        key = identifier(Entity(kind, value, value, 0, 0))  # type: ignore[arg-type]
        if key is None or key in public:
            continue
        documents.setdefault(key, set()).add(document)
        networks.setdefault(key, set()).add(str(network))
    decided = contact_decisions(session)
    ranked = sorted(documents, key=lambda k: (-len(documents[k]), k))
    return [
        {
            "identifier": key,
            "offers": len(documents[key]),
            "networks": sorted(networks[key]),
            "decision": decided.get(contact_key(key)),
        }
        for key in ranked
    ]


def bulletin_data(session: Session, period: Period, scanner: str, lang: str) -> BulletinData:
    flagged = _flagged_offers(period, scanner)
    offers = session.scalar(select(func.count()).select_from(flagged)) or 0
    lures = [
        (indicator, n, _examples(session, flagged, indicator, lang))
        for indicator, n in indicators(session, period, scanner)[:6]
    ]
    return BulletinData(
        period,
        int(offers),
        lures,
        _destinations(session, flagged)[:8],
        salaries(session, period, scanner),
        contact_candidates(session, period, scanner),
    )
