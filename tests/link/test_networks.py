"""Template clusters and recruiter networks on the planted demo corpus and on hard input."""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from importlib import resources
from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from recruitwatch.ingest import read_inputs
from recruitwatch.link import LinkInput, link
from recruitwatch.link.minhash import (
    candidate_pairs,
    permutations,
    signature,
    similarity,
    verify,
)
from recruitwatch.model import Entity
from recruitwatch.pipeline import link_input, scan

DEMO = Path(str(resources.files("recruitwatch") / "resources" / "demo"))
LABELS = {r["id"]: r for r in csv.DictReader((DEMO / "labels.csv").open(encoding="utf-8"))}
DOCS = [link_input(s) for s in scan(read_inputs([str(DEMO / "corpus.jsonl")]))]


def groups(keys: list[str | None]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for doc, key in zip(DOCS, keys, strict=True):
        if key:
            found[key].add(doc.id)
    return found


def test_every_planted_network_is_recovered_exactly() -> None:
    planted: dict[str, set[str]] = defaultdict(set)
    for doc_id, row in LABELS.items():
        if row["network"]:
            planted[row["network"]].add(doc_id)
    found = groups(link(DOCS).networks)
    assert sorted(map(sorted, found.values())) == sorted(map(sorted, planted.values()))


def test_template_clusters_are_pure_and_cover_the_templates() -> None:
    clusters = groups(link(DOCS).clusters)
    templated = [i for i, r in LABELS.items() if r["template"]]
    for members in clusters.values():
        assert len({LABELS[m]["template"] for m in members}) == 1  # never two templates
    in_cluster = {m for members in clusters.values() for m in members}
    assert sum(t in in_cluster for t in templated) / len(templated) >= 0.95
    for template in {LABELS[t]["template"] for t in templated}:
        holding = [
            k for k, m in clusters.items() if any(LABELS[x]["template"] == template for x in m)
        ]
        assert len(holding) == 1, template


def test_the_hub_hotline_is_public_and_joins_nothing() -> None:
    assert "phone:+9647800001122" in link(DOCS).public


def test_ids_are_stable_whatever_the_order() -> None:
    shuffled = DOCS[:]
    random.Random(3).shuffle(shuffled)
    first = dict(zip([d.id for d in DOCS], link(DOCS).networks, strict=True))
    second = dict(zip([d.id for d in shuffled], link(shuffled).networks, strict=True))
    assert first == second


def offer(doc_id: str, text: str, *entities: Entity) -> LinkInput:
    return LinkInput(doc_id, text, "offer", "high", tuple(entities))


def phone(value: str) -> Entity:
    return Entity("phone", value, value, 0, 1)


def test_empty_texts_and_a_document_with_500_phones() -> None:
    many = tuple(phone(f"+96477000{i:05d}") for i in range(500))
    docs = [
        offer("empty", ""),
        offer("many", "x", *many),
        offer("other", "y", phone("+9647700000007")),
    ]
    result = link(docs)
    assert result.networks[0] is None
    assert result.networks[1] == result.networks[2] is not None


def test_one_text_repeated_20_000_times_is_one_cluster() -> None:
    text = "Security guards wanted in Moscow, salary high, visa and tickets paid, apply now"
    docs = [offer(f"d{i}", text) for i in range(20_000)]
    result = link(docs)
    assert len(set(result.clusters)) == 1 and result.clusters[0] is not None


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 2**63), max_size=50), st.lists(st.integers(0, 2**63), max_size=50))
def test_minhash_estimates_jaccard(x: list[int], y: list[int]) -> None:
    a, b = permutations(256, seed=5)
    sx, sy = signature(x, a, b), signature(y, a, b)
    if x and y:
        true = len(set(x) & set(y)) / len(set(x) | set(y))
        assert abs(similarity(sx, sy) - true) < 0.25
    if set(x) == set(y):
        assert similarity(sx, sy) == 1.0


def test_candidate_pairs_are_linear_for_identical_rows() -> None:
    rows = np.zeros((5_000, 16), dtype=np.uint64)
    assert len(candidate_pairs(rows, 4)) == 4_999


def test_louvain_splits_a_component_that_hangs_on_one_hub() -> None:
    from recruitwatch.link import LinkSettings

    hub = phone("+9647700000999")  # quoted by two posts of each group
    group_a = [
        offer(f"a{i}", "a", phone("+9647700000001"), *([hub] if i < 2 else [])) for i in range(8)
    ]
    group_b = [
        offer(f"b{i}", "b", phone("+9647700000002"), *([hub] if i < 2 else [])) for i in range(8)
    ]
    docs = group_a + group_b
    assert len(set(link(docs).networks)) == 1  # one component through the hub
    parts = link(docs, LinkSettings(split_size=5))
    by_id = dict(zip([d.id for d in docs], parts.networks, strict=True))
    assert len({by_id[d.id] for d in group_a}) == 1
    assert len({by_id[d.id] for d in group_b}) == 1
    assert by_id["a0"] != by_id["b0"]


def test_summaries_and_templates_of_the_demo_networks() -> None:
    from recruitwatch.link import cluster_templates, summarise

    links = link(DOCS)
    summaries = summarise(DOCS, links)
    assert len(summaries) == 6
    for summary in summaries:
        assert summary.documents and summary.identifiers and summary.indicators
        assert summary.first_seen is not None and summary.first_seen <= (summary.last_seen or "")
        assert "phone:+9647800001122" not in summary.identifiers
    templates = cluster_templates(DOCS, links)
    assert all("{" in text for text in templates.values())  # every template shows its slots
    assert any("{phone}" in text and "{money}" in text for text in templates.values())


def test_a_1_mb_text_links_in_bounded_memory() -> None:
    import tracemalloc

    letters = "abcdefghijklmnopqrstuvwxyz"
    vocabulary = [a + b + c for a in letters for b in letters for c in letters[:8]]
    words = " ".join(vocabulary[i % len(vocabulary)] for i in range(250_000))  # about 1 MB
    docs = [offer("big", words), offer("big2", words), offer("small", "x y z")]
    tracemalloc.start()
    result = link(docs)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert result.clusters[0] == result.clusters[1] is not None
    assert peak < 100_000_000  # blocks of shingles, never all of them times every permutation


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 40), st.integers(2, 5), st.floats(0.0, 1.0), st.integers(0, 2**32))
def test_verify_keeps_exactly_the_pairs_similar_enough(
    rows: int, alphabet: int, threshold: float, seed: int
) -> None:
    rng = np.random.default_rng(seed)
    matrix = rng.integers(0, alphabet, size=(rows, 32), dtype=np.uint64)
    pairs = rng.integers(0, rows, size=(3 * rows, 2), dtype=np.int64)
    kept = {(int(x), int(y)) for x, y in verify(matrix, pairs, threshold)}
    expected = {(x, y) for x, y in pairs.tolist() if similarity(matrix[x], matrix[y]) >= threshold}
    assert kept == expected
