"""Evaluation metrics: agree with sklearn and with hand counts, hold their invariants."""

from __future__ import annotations

import json
import math
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import (
    average_precision_score,
    precision_recall_curve,
    roc_auc_score,
    roc_curve,
)

from recruitwatch.detect.evaluation import (
    ROW_KEYS,
    Scored,
    best_threshold,
    curves,
    evaluate,
    metrics,
)

# Hand example: ranked a(1) b(1) c(0) d(1) e(0) f(0).
HAND = [
    Scored("a", 1, 0.9, "en", "offer"),
    Scored("b", 1, 0.8, "ar", "offer"),
    Scored("c", 0, 0.7, "en", "news"),
    Scored("d", 1, 0.4, "ru", "offer"),
    Scored("e", 0, 0.3, "ar", "warning"),
    Scored("f", 0, 0.1, "ru", "news"),
]


def _items(pairs: list[tuple[int, float]]) -> list[Scored]:
    return [Scored(f"d{i:03d}", y, s, "en", "offer") for i, (y, s) in enumerate(pairs)]


def _transformed(items: list[Scored], f: Callable[[float], float]) -> list[Scored]:
    return [Scored(i.id, i.label, f(i.score), i.language, i.kind) for i in items]


# Scores on a grid of 1/1000 keep distinct scores distinct under s**2, s/2 and 1-s, so
# "strictly increasing transform" holds exactly in floating point too.
SCORES = st.integers(0, 1000).map(lambda x: x / 1000)
PAIRS = st.lists(st.tuples(st.integers(0, 1), SCORES), min_size=1, max_size=60)
TWO_CLASS = PAIRS.filter(lambda ps: len({y for y, _ in ps}) == 2)
KS_SMALL = (1, 2, 3, 5, 10, 50)


def test_hand_example_at_half() -> None:
    m = metrics(HAND, 0.5, ks=(1, 2, 3, 4, 10))
    assert (m.tp, m.fp, m.fn, m.tn) == (2, 1, 1, 2)
    assert (m.n, m.positives) == (6, 3)
    assert m.precision == pytest.approx(2 / 3)
    assert m.recall == pytest.approx(2 / 3)
    assert m.f1 == pytest.approx(2 / 3)
    assert m.roc_auc == pytest.approx(8 / 9)  # 8 of the 9 (positive, negative) pairs in order
    assert m.pr_auc == pytest.approx((1 + 1 + 3 / 4) / 3)
    assert m.precision_at == {1: 1.0, 2: 1.0, 3: pytest.approx(2 / 3), 4: 0.75}


def test_hand_example_nothing_predicted() -> None:
    m = metrics(HAND, 0.95)
    assert (m.tp, m.fp, m.fn, m.tn) == (0, 0, 3, 3)
    assert (m.precision, m.recall, m.f1) == (0.0, 0.0, 0.0)
    assert m.precision_at == {}  # n = 6 is below every default k


def test_hand_example_ties_at_threshold_and_in_ranking() -> None:
    items = [
        Scored("b", 0, 0.5, "en", "offer"),
        Scored("a", 1, 0.5, "en", "offer"),
        Scored("c", 0, 0.5, "en", "offer"),
    ]
    m = metrics(items, 0.5, ks=(1, 2, 3))
    assert (m.tp, m.fp, m.fn, m.tn) == (1, 2, 0, 0)  # score == threshold counts as deceptive
    assert m.precision_at == {1: 1.0, 2: 0.5, 3: pytest.approx(1 / 3)}  # "a" first by id
    assert m.roc_auc == 0.5


def test_best_threshold_hand() -> None:
    labels = [i.label for i in HAND]
    scores = [i.score for i in HAND]
    assert best_threshold(labels, scores) == 0.4  # tp=3, fp=1: F1 = 6/7


def test_best_threshold_tie_takes_the_highest() -> None:
    # At 0.9: tp=1 fp=0 fn=1 -> F1 2/3; at 0.3: tp=2 fp=2 fn=0 -> F1 4/6, the same.
    assert best_threshold([1, 0, 0, 1], [0.9, 0.7, 0.5, 0.3]) == 0.9


@pytest.mark.parametrize("labels", [[1, 1, 1], [0, 0]])
def test_best_threshold_one_class(labels: list[int]) -> None:
    assert best_threshold(labels, [0.2] * len(labels)) == 0.5


def test_one_class_has_no_auc_and_no_curves() -> None:
    negatives = _items([(0, 0.1), (0, 0.7)])
    m = metrics(negatives, 0.5)
    assert (m.roc_auc, m.pr_auc) == (None, None)
    assert (m.tp, m.fp, m.fn, m.tn) == (0, 1, 0, 1)
    assert curves(negatives).roc == () and curves(negatives).pr == ()
    positives = metrics(_items([(1, 0.1), (1, 0.7)]), 0.5)
    assert positives.roc_auc is None
    assert positives.pr_auc == 1.0


@settings(max_examples=150, deadline=None)
@given(TWO_CLASS)
def test_agrees_with_sklearn(pairs: list[tuple[int, float]]) -> None:
    labels = [y for y, _ in pairs]
    scores = [s for _, s in pairs]
    m = metrics(_items(pairs), 0.5)
    assert m.roc_auc == pytest.approx(roc_auc_score(labels, scores))
    assert m.pr_auc == pytest.approx(average_precision_score(labels, scores))
    c = curves(_items(pairs))
    fpr, tpr, _ = roc_curve(labels, scores)
    precision, recall, _ = precision_recall_curve(labels, scores)
    assert c.roc == tuple(zip(fpr.tolist(), tpr.tolist(), strict=True))
    assert c.pr == tuple(zip(recall.tolist(), precision.tolist(), strict=True))


@settings(max_examples=150, deadline=None)
@given(TWO_CLASS)
def test_roc_auc_is_a_ranking_measure(pairs: list[tuple[int, float]]) -> None:
    items = _items(pairs)
    auc = metrics(items, 0.5).roc_auc
    assert auc is not None and 0.0 <= auc <= 1.0
    for increasing in (lambda s: s**2, lambda s: s / 2):
        assert metrics(_transformed(items, increasing), 0.5).roc_auc == pytest.approx(auc)
    flipped = metrics(_transformed(items, lambda s: 1 - s), 0.5).roc_auc
    assert flipped == pytest.approx(1 - auc)


@settings(max_examples=150, deadline=None)
@given(PAIRS, SCORES)
def test_counts_and_f1_are_consistent(pairs: list[tuple[int, float]], threshold: float) -> None:
    m = metrics(_items(pairs), threshold, ks=KS_SMALL)
    assert m.tp + m.fp + m.fn + m.tn == m.n == len(pairs)
    assert m.tp + m.fn == m.positives == sum(y for y, _ in pairs)
    p, r = m.precision, m.recall
    assert m.f1 == pytest.approx(2 * p * r / (p + r) if p + r else 0.0)
    assert set(m.precision_at) == {k for k in KS_SMALL if k <= m.n}
    for k, value in m.precision_at.items():
        hits = value * k
        assert hits == pytest.approx(round(hits))
        assert 0 <= round(hits) <= min(k, m.positives)


@settings(max_examples=150, deadline=None)
@given(TWO_CLASS)
def test_best_threshold_beats_every_observed_threshold(pairs: list[tuple[int, float]]) -> None:
    items = _items(pairs)
    best = best_threshold([y for y, _ in pairs], [s for _, s in pairs])
    assert best in {s for _, s in pairs}
    best_f1 = metrics(items, best).f1
    for _, threshold in pairs:
        assert best_f1 >= metrics(items, threshold).f1


LANGUAGES = st.sampled_from(["ar", "en", "ru", "und"])
KINDS = st.sampled_from(["offer", "news", "warning", "other"])
GROUPED = st.lists(st.tuples(st.integers(0, 1), SCORES, LANGUAGES, KINDS), min_size=1, max_size=40)


@settings(max_examples=100, deadline=None)
@given(GROUPED, st.data())
def test_groups_partition_and_order_does_not_matter(
    rows: list[tuple[int, float, str, str]], data: st.DataObject
) -> None:
    items = [Scored(f"d{i:03d}", y, s, lang, kind) for i, (y, s, lang, kind) in enumerate(rows)]
    e = evaluate("model", items, 0.5)
    for groups in (e.by_language, e.by_kind):
        assert list(groups) == sorted(groups)
        assert sum(m.n for m in groups.values()) == e.overall.n == len(items)
        assert sum(m.positives for m in groups.values()) == e.overall.positives
    assert set(e.by_language) == {lang for _, _, lang, _ in rows}
    shuffled = data.draw(st.permutations(items))
    assert evaluate("model", shuffled, 0.5).to_json() == e.to_json()


def test_to_json_and_rows() -> None:
    e = evaluate("model", HAND, 0.5)
    payload = json.loads(json.dumps(e.to_json()))
    assert set(payload) == {"system", "overall", "by_language", "by_kind"}
    assert payload["overall"]["roc_auc"] == 0.8889
    assert payload["overall"]["precision_at"] == {}
    assert list(payload["by_language"]) == ["ar", "en", "ru"]
    rows = e.rows()
    assert all(tuple(row) == ROW_KEYS for row in rows)
    assert [(r["group"], r["value"]) for r in rows] == [
        ("all", "all"),
        ("language", "ar"),
        ("language", "en"),
        ("language", "ru"),
        ("kind", "news"),
        ("kind", "offer"),
        ("kind", "warning"),
    ]
    news = rows[4]
    assert (news["n"], news["positives"], news["roc_auc"], news["pr_auc"]) == (2, 0, None, None)
    assert news["p_at_10"] is None


def test_precision_at_keys_are_strings_in_json() -> None:
    items = _items([(int(i >= 12), i / 20) for i in range(20)])
    payload = metrics(items, 0.5).to_json()
    assert payload["precision_at"] == {"10": 0.8}  # the top 10 are i = 10..19, 8 of them positive


@pytest.mark.parametrize(
    ("items", "problem"),
    [
        ([], "empty"),
        ([Scored("x", 2, 0.5, "en", "offer")], "label"),
        ([Scored("x", 1, math.nan, "en", "offer")], "NaN"),
        ([Scored("x", 1, 1.5, "en", "offer")], r"\[0, 1\]"),
        ([Scored("x", 1, -0.1, "en", "offer")], r"\[0, 1\]"),
    ],
)
def test_bad_input_is_refused(items: list[Scored], problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        metrics(items, 0.5)
    with pytest.raises(ValueError, match=problem):
        evaluate("model", items, 0.5)
    with pytest.raises(ValueError, match=problem):
        best_threshold([i.label for i in items], [i.score for i in items])


def test_best_threshold_refuses_mismatched_lengths() -> None:
    with pytest.raises(ValueError, match="2 labels but 1 scores"):
        best_threshold([0, 1], [0.5])


def test_nan_threshold_is_refused() -> None:
    with pytest.raises(ValueError, match="threshold is NaN"):
        metrics(HAND, math.nan)
