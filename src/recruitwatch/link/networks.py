"""Linking offers into template clusters and recruiter networks. Pure: plain data in and out.

A template cluster is a group of offers written from one ad (near-duplicates after the
variable slots are masked). A network is a connected group of offers joined by a template
cluster or a shared contact (phone, handle, e-mail, group link, web domain). Contacts that
warnings or news also quote (hotlines, official sites), that are on the stop-list, or that
appear in too many offers to identify anyone are public and join nothing.
"""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import networkx as nx
import numpy as np

from recruitwatch.link.minhash import (
    Signature,
    candidate_pairs,
    permutations,
    signature,
    verify,
)
from recruitwatch.link.templates import template_shingles
from recruitwatch.model import Entity

Sketch = tuple[Signature, int]
CONTACT_TYPES = {"phone", "handle", "email", "link", "url"}
FLAGGED = {"medium", "high"}
CLIQUE_LIMIT = 50


@dataclass(frozen=True, slots=True)
class LinkInput:
    id: str
    text: str
    kind: str
    band: str
    entities: tuple[Entity, ...]
    date: str | None = None
    language: str | None = None
    source: str | None = None
    indicators: tuple[str, ...] = ()


@dataclass(frozen=True)
class LinkSettings:
    num_perm: int = 128
    bands: int = 32
    threshold: float = 0.5  # estimated Jaccard of masked shingles to call two ads one template
    shingle_size: int = 2
    min_tokens: int = 6  # shorter texts say too little to be a template
    # A template joins a network only when it is specific: "jobs abroad, message me: <phone>"
    # is reposted by unrelated people; a ten-line ad with its own wording is not.
    min_network_tokens: int = 15
    # A contact is public (joins nothing) when warnings or news quote it, when it is on the
    # stop-list, when it sits in more than `max_share` of all offers (and more than
    # `max_docs_floor`), or when it appears under more than `max_templates` different ad
    # templates: one recruiter reposts a few ads; a public group link sits under hundreds.
    max_share: float = 0.2
    max_docs_floor: int = 100
    max_templates: int = 25
    stoplist: frozenset[str] = field(default_factory=frozenset)
    # Components larger than `split_size` are split into Louvain communities when at most
    # `max_bridges` identifiers join the communities: a group that hangs on one hub.
    split_size: int = 500
    max_bridges: int = 2
    seed: int = 1


def sketch_key(settings: LinkSettings) -> str:
    """What a stored sketch depends on: change any of it and old sketches are not reused."""
    return f"v1:{settings.num_perm}:{settings.seed}:{settings.shingle_size}"


@dataclass(frozen=True)
class Links:
    clusters: list[str | None]  # per input document
    networks: list[str | None]
    public: frozenset[str]  # identifiers that were not allowed to join documents
    # Per offer, its MinHash signature and shingle count: the costly part of linking, kept
    # by the store so adding documents only sketches the new ones.
    sketches: list[Sketch | None] = field(default_factory=list)


class _Union:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, x: int, y: int) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            self.parent[max(rx, ry)] = min(rx, ry)

    def groups(self, members: Sequence[int]) -> dict[int, list[int]]:
        found: dict[int, list[int]] = {}
        for m in members:
            found.setdefault(self.find(m), []).append(m)
        return found


def stable_id(prefix: str, ids: list[str]) -> str:
    """The same members give the same id on every run, in any order."""
    digest = hashlib.sha1("\n".join(sorted(ids)).encode("utf-8")).hexdigest()
    return f"{prefix}{digest[:10]}"


def identifier(entity: Entity) -> str | None:
    if entity.type not in CONTACT_TYPES:
        return None
    if entity.type == "url":
        host = urlsplit(entity.value).hostname or ""
        return f"domain:{host.removeprefix('www.')}" if host else None
    return f"{entity.type}:{entity.value}"


def sketch(doc: LinkInput, settings: LinkSettings) -> Sketch:
    """The MinHash signature of the document's masked shingles, and their count."""
    a, b = permutations(settings.num_perm, settings.seed)
    shingled = template_shingles(doc.text, doc.entities, settings.shingle_size)
    return signature(shingled, a, b), len(shingled) + settings.shingle_size - 1


# The near-duplicate pairs of rows of a signature matrix: found here (`verified_pairs`) or
# on a cluster (`engine.pairs_dask`), with the same result.
PairSource = Callable[[Signature, LinkSettings], Iterable[tuple[int, int]]]


def verified_pairs(matrix: Signature, settings: LinkSettings) -> Iterator[tuple[int, int]]:
    """Candidate pairs (LSH banding) whose estimated Jaccard similarity reaches the threshold."""
    found = np.array(sorted(candidate_pairs(matrix, settings.bands)), dtype=np.int64)
    for x, y in verify(matrix, found, settings.threshold):
        yield int(x), int(y)


def template_clusters(
    docs: Sequence[LinkInput],
    offers: list[int],
    settings: LinkSettings,
    sketches: list[Sketch | None],
    pairs: PairSource = verified_pairs,
) -> tuple[_Union, set[int]]:
    """Union-find over near-duplicate templates, and the documents specific enough to join
    networks through their template. Fills in `sketches` where they are missing."""
    eligible, sigs, specific = [], [], set()
    for i in offers:
        known = sketches[i]
        if known is None:
            known = sketches[i] = sketch(docs[i], settings)
        sig, size = known
        if size >= settings.min_tokens:
            eligible.append(i)
            sigs.append(sig)
        if size >= settings.min_network_tokens:
            specific.add(i)
    union = _Union(len(docs))
    if not sigs:
        return union, specific
    for x, y in pairs(np.vstack(sigs), settings):
        union.union(eligible[x], eligible[y])
    return union, specific


def public_identifiers(
    docs: Sequence[LinkInput], offers: list[int], templates: _Union, settings: LinkSettings
) -> frozenset[str]:
    quoted_by_others = {
        key
        for d in docs
        if d.kind in ("warning", "news")
        for e in d.entities
        if (key := identifier(e))
    }
    sizes = Counter(templates.find(i) for i in offers)
    counts: dict[str, int] = {}
    under: dict[str, set[int]] = {}
    for i in offers:
        root = templates.find(i)
        for key in {k for e in docs[i].entities if (k := identifier(e))}:
            counts[key] = counts.get(key, 0) + 1
            if sizes[root] > 1:  # only real templates count, not one-off texts
                under.setdefault(key, set()).add(root)
    limit = max(settings.max_docs_floor, int(settings.max_share * len(offers)))
    crowded = {key for key, n in counts.items() if n > limit}
    crowded |= {key for key, roots in under.items() if len(roots) > settings.max_templates}
    return frozenset(quoted_by_others | crowded | settings.stoplist)


def link(
    docs: Sequence[LinkInput],
    settings: LinkSettings | None = None,
    sketches: Sequence[Sketch | None] | None = None,
    pairs: PairSource = verified_pairs,
) -> Links:
    """Template clusters and networks for `docs`, one entry per document, in order.

    `sketches` are signatures computed before (by `link` itself, kept in the store): given
    them, only new documents are shingled, and the result is the same as without them.
    """
    settings = settings or LinkSettings()
    offers = [i for i, d in enumerate(docs) if d.kind == "offer"]
    known: list[Sketch | None] = list(sketches) if sketches else [None] * len(docs)
    templates, specific = template_clusters(docs, offers, settings, known, pairs)
    clusters: list[str | None] = [None] * len(docs)
    for members in templates.groups(offers).values():
        if len(members) > 1:
            cid = stable_id("T-", [docs[m].id for m in members])
            for m in members:
                clusters[m] = cid
    public = public_identifiers(docs, offers, templates, settings)
    joined = _Union(len(docs))
    by_template: dict[int, int] = {}
    for i in offers:
        if i in specific:
            joined.union(i, by_template.setdefault(templates.find(i), i))
    first_with: dict[str, int] = {}
    for i in offers:
        for entity in docs[i].entities:
            key = identifier(entity)
            if key and key not in public:
                joined.union(i, first_with.setdefault(key, i))
    networks: list[str | None] = [None] * len(docs)
    components: list[list[int]] = []
    for members in joined.groups(offers).values():
        if len(members) > settings.split_size:
            components += split(docs, members, templates, specific, public, settings)
        else:
            components.append(members)
    for members in components:
        if len(members) > 1 and any(docs[m].band in FLAGGED for m in members):
            nid = stable_id("N-", [docs[m].id for m in members])
            for m in members:
                networks[m] = nid
    return Links(clusters, networks, public, known)


def split(
    docs: Sequence[LinkInput],
    members: list[int],
    templates: _Union,
    specific: set[int],
    public: frozenset[str],
    settings: LinkSettings,
) -> list[list[int]]:
    """Louvain communities of a large component, kept only when few identifiers bridge them,
    so a group that hangs on one hub falls apart and a real network stays whole. Edge weight
    is the number of identifiers two documents share."""
    holders: dict[object, list[int]] = {}
    for m in members:
        keys: set[object] = {
            k for e in docs[m].entities if (k := identifier(e)) and k not in public
        }
        if m in specific:
            keys.add(("template", templates.find(m)))
        for key in keys:
            holders.setdefault(key, []).append(m)
    graph = nx.Graph()
    graph.add_nodes_from(members)
    for held in holders.values():
        pairs = (
            itertools.combinations(held, 2)
            if len(held) <= CLIQUE_LIMIT
            else ((held[0], other) for other in held[1:])  # a star keeps big groups linear
        )
        for x, y in pairs:
            previous = graph.get_edge_data(x, y, {"weight": 0.0})["weight"]
            graph.add_edge(x, y, weight=previous + 1.0)
    communities = nx.community.louvain_communities(graph, weight="weight", seed=settings.seed)
    community_of = {m: n for n, c in enumerate(communities) for m in c}
    bridges = sum(len({community_of[m] for m in held}) > 1 for held in holders.values())
    if bridges > settings.max_bridges:
        return [members]
    return [sorted(c) for c in communities]
