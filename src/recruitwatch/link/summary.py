"""What investigators read about a network: who, where, how much, since when, and the
template its ads were written from with the variable slots marked."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from recruitwatch.link.networks import LinkInput, Links, identifier
from recruitwatch.link.templates import SLOT_TYPES
from recruitwatch.model import Entity


@dataclass(frozen=True)
class NetworkSummary:
    id: str
    documents: tuple[str, ...]
    identifiers: tuple[str, ...]
    clusters: tuple[str, ...]
    first_seen: str | None
    last_seen: str | None
    provinces: tuple[tuple[str, int], ...]  # Iraqi provinces named (ISO 3166-2), most first
    salaries: tuple[tuple[str, int], ...]
    indicators: tuple[tuple[str, int], ...]
    languages: tuple[tuple[str, int], ...]
    sources: tuple[tuple[str, int], ...]


def marked_template(text: str, entities: tuple[Entity, ...]) -> str:
    """The ad with each variable slot replaced by its name: "call {phone}, {money} a month"."""
    parts, pos = [], 0
    for entity in sorted(entities, key=lambda e: e.start):
        if entity.type in SLOT_TYPES and entity.start >= pos:
            parts += [text[pos : entity.start], "{" + entity.type + "}"]
            pos = entity.end
    parts.append(text[pos:])
    return "".join(parts)


def cluster_templates(docs: Sequence[LinkInput], links: Links) -> dict[str, str]:
    """Each template cluster's most common marked text."""
    texts: dict[str, Counter[str]] = {}
    for doc, cluster in zip(docs, links.clusters, strict=True):
        if cluster:
            texts.setdefault(cluster, Counter())[marked_template(doc.text, doc.entities)] += 1
    return {c: counter.most_common(1)[0][0] for c, counter in texts.items()}


def _ranked(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def summarise(docs: Sequence[LinkInput], links: Links) -> list[NetworkSummary]:
    members: dict[str, list[int]] = {}
    for index, network in enumerate(links.networks):
        if network:
            members.setdefault(network, []).append(index)
    return [
        _summary(nid, [docs[i] for i in found], [links.clusters[i] for i in found], links.public)
        for nid, found in sorted(members.items())
    ]


def _summary(
    nid: str, docs: list[LinkInput], clusters: list[str | None], public: frozenset[str]
) -> NetworkSummary:
    identifiers = {k for d in docs for e in d.entities if (k := identifier(e)) and k not in public}
    provinces: Counter[str] = Counter()
    salaries: Counter[str] = Counter()
    for doc in docs:
        for entity in doc.entities:
            if entity.type == "place" and entity.value.startswith("IQ-"):
                provinces[entity.value] += 1
            elif entity.type == "place" and entity.attrs.get("province", "").startswith("IQ-"):
                provinces[str(entity.attrs["province"])] += 1
            elif entity.type == "money":
                salaries[entity.value] += 1
    dates = sorted(d.date for d in docs if d.date)
    return NetworkSummary(
        id=nid,
        documents=tuple(sorted(d.id for d in docs)),
        identifiers=tuple(sorted(identifiers)),
        clusters=tuple(sorted({c for c in clusters if c})),
        first_seen=dates[0] if dates else None,
        last_seen=dates[-1] if dates else None,
        provinces=_ranked(provinces),
        salaries=_ranked(salaries),
        indicators=_ranked(Counter(i for d in docs for i in d.indicators)),
        languages=_ranked(Counter(d.language for d in docs if d.language)),
        sources=_ranked(Counter(d.source for d in docs if d.source)),
    )
