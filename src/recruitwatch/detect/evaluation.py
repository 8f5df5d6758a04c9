"""Evaluation metrics for scored documents: overall, per language and per kind.

Pure functions, no IO. A document is predicted deceptive when its score >= the threshold.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sklearn.metrics import (
    average_precision_score,
    precision_recall_curve,
    roc_auc_score,
    roc_curve,
)

KS = (10, 50, 100)


@dataclass(frozen=True, slots=True)
class Scored:
    """One evaluated document: its gold label, a score, and the groups it is reported under."""

    id: str
    label: int  # 1 = deceptive, 0 = not deceptive
    score: float  # in [0, 1]
    language: str  # "ar", "en", "ru", "und", ...
    kind: str  # "offer", "news", "warning", "other"


@dataclass(frozen=True, slots=True)
class Metrics:
    """Ranking and thresholded metrics of one set of scored documents."""

    n: int
    positives: int
    roc_auc: float | None  # None when only one class is present
    pr_auc: float | None  # average precision; None when there is no positive
    threshold: float
    precision: float  # 0.0 when nothing is predicted deceptive
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int
    tn: int
    precision_at: dict[int, float]  # k -> precision of the top k, for k <= n

    def to_json(self) -> dict[str, Any]:
        """A plain JSON-able dict, floats rounded to 4 places."""
        return {
            "n": self.n,
            "positives": self.positives,
            "roc_auc": _round(self.roc_auc),
            "pr_auc": _round(self.pr_auc),
            "threshold": _round(self.threshold),
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "precision_at": {str(k): _round(v) for k, v in sorted(self.precision_at.items())},
        }


@dataclass(frozen=True, slots=True)
class Curves:
    """ROC points (fpr, tpr) and PR points (recall, precision); empty when one class only."""

    roc: tuple[tuple[float, float], ...]
    pr: tuple[tuple[float, float], ...]


ROW_KEYS = (
    "system",
    "group",
    "value",
    "n",
    "positives",
    "roc_auc",
    "pr_auc",
    "precision",
    "recall",
    "f1",
    "tp",
    "fp",
    "fn",
    "tn",
    "p_at_10",
    "p_at_50",
    "p_at_100",
)


@dataclass(frozen=True, slots=True)
class Evaluation:
    """One system's metrics overall, per language and per kind, with its curves."""

    system: str
    overall: Metrics
    by_language: dict[str, Metrics]
    by_kind: dict[str, Metrics]
    curves: Curves

    def to_json(self) -> dict[str, Any]:
        """A plain JSON-able dict without the curves."""
        return {
            "system": self.system,
            "overall": self.overall.to_json(),
            "by_language": {k: m.to_json() for k, m in self.by_language.items()},
            "by_kind": {k: m.to_json() for k, m in self.by_kind.items()},
        }

    def rows(self) -> list[dict[str, Any]]:
        """Flat rows for a table or CSV: overall first, then each language, then each kind."""
        rows = [_row(self.system, "all", "all", self.overall)]
        rows += [_row(self.system, "language", k, m) for k, m in self.by_language.items()]
        rows += [_row(self.system, "kind", k, m) for k, m in self.by_kind.items()]
        return rows


def metrics(items: Sequence[Scored], threshold: float, ks: Sequence[int] = KS) -> Metrics:
    """All metrics of these items at this threshold (score >= threshold is deceptive)."""
    labels, scores = _checked([i.label for i in items], [i.score for i in items])
    _check_threshold(threshold)
    if any(k < 1 for k in ks):
        raise ValueError(f"precision@k needs k >= 1, got {sorted(ks)}")
    tp, fp, fn, tn = _confusion(labels, scores, threshold)
    return Metrics(
        n=len(labels),
        positives=tp + fn,
        roc_auc=_roc_auc(labels, scores),
        pr_auc=float(average_precision_score(labels, scores)) if tp + fn else None,
        threshold=float(threshold),
        precision=tp / (tp + fp) if tp + fp else 0.0,
        recall=tp / (tp + fn) if tp + fn else 0.0,
        f1=_f1(tp, fp, fn),
        tp=tp,
        fp=fp,
        fn=fn,
        tn=tn,
        precision_at=_precision_at(items, ks),
    )


def curves(items: Sequence[Scored]) -> Curves:
    """ROC and precision-recall curves as sklearn computes them; empty for one class."""
    labels, scores = _checked([i.label for i in items], [i.score for i in items])
    if len(set(labels)) < 2:
        return Curves(roc=(), pr=())
    fpr, tpr, _ = roc_curve(labels, scores)
    precision, recall, _ = precision_recall_curve(labels, scores)
    return Curves(
        roc=tuple((float(x), float(y)) for x, y in zip(fpr, tpr, strict=True)),
        pr=tuple((float(r), float(p)) for r, p in zip(recall, precision, strict=True)),
    )


def evaluate(system: str, items: Sequence[Scored], threshold: float) -> Evaluation:
    """Metrics of one system overall and per language and kind, with its curves."""
    return Evaluation(
        system=system,
        overall=metrics(items, threshold),
        by_language=_by(items, lambda i: i.language, threshold),
        by_kind=_by(items, lambda i: i.kind, threshold),
        curves=curves(items),
    )


def best_threshold(labels: Sequence[int], scores: Sequence[float]) -> float:
    """The threshold that maximises F1 on these scores (predict deceptive when score >= threshold);
    ties -> the highest such threshold; 0.5 when only one class present."""
    checked_labels, checked_scores = _checked(labels, scores)
    if len(set(checked_labels)) < 2:
        return 0.5
    positives = sum(checked_labels)
    best_f1, best = -1.0, 0.5
    tp = fp = 0
    # Walk the distinct scores from high to low: each is a candidate threshold, and the
    # documents at or above it are the predicted positives. Strict ">" keeps the highest tie.
    pairs = sorted(zip(checked_scores, checked_labels, strict=True), reverse=True)
    for index, (value, label) in enumerate(pairs):
        tp += label
        fp += 1 - label
        if index + 1 < len(pairs) and pairs[index + 1][0] == value:
            continue
        f1 = _f1(tp, fp, positives - tp)
        if f1 > best_f1:
            best_f1, best = f1, value
    return best


def _checked(labels: Sequence[int], scores: Sequence[float]) -> tuple[list[int], list[float]]:
    """Labels and scores as lists, or ValueError naming what is wrong with them."""
    if len(labels) == 0:
        raise ValueError("cannot evaluate an empty set of documents")
    if len(labels) != len(scores):
        raise ValueError(f"{len(labels)} labels but {len(scores)} scores")
    for label in labels:
        if label not in (0, 1):
            raise ValueError(f"label must be 0 or 1, got {label!r}")
    for score in scores:
        if math.isnan(score):
            raise ValueError("score is NaN")
        if not 0.0 <= score <= 1.0:
            raise ValueError(f"score must be in [0, 1], got {score!r}")
    return [int(x) for x in labels], [float(x) for x in scores]


def _check_threshold(threshold: float) -> None:
    if math.isnan(threshold):
        raise ValueError("threshold is NaN")


def _confusion(
    labels: list[int], scores: list[float], threshold: float
) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) when score >= threshold is predicted deceptive."""
    predicted = [score >= threshold for score in scores]
    tp = sum(1 for p, y in zip(predicted, labels, strict=True) if p and y == 1)
    fp = sum(1 for p, y in zip(predicted, labels, strict=True) if p and y == 0)
    fn = sum(labels) - tp
    return tp, fp, fn, len(labels) - tp - fp - fn


def _f1(tp: int, fp: int, fn: int) -> float:
    """F1 from counts; the same as 2PR/(P+R), and 0.0 when there is no true positive."""
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _roc_auc(labels: list[int], scores: list[float]) -> float | None:
    if len(set(labels)) < 2:
        return None
    return float(roc_auc_score(labels, scores))


def _precision_at(items: Sequence[Scored], ks: Sequence[int]) -> dict[int, float]:
    """Precision of the top k by score; ties go to the smaller id so the result is stable."""
    ranked = sorted(items, key=lambda i: (-i.score, i.id))
    return {k: sum(i.label for i in ranked[:k]) / k for k in sorted(set(ks)) if k <= len(ranked)}


def _by(
    items: Sequence[Scored], key: Callable[[Scored], str], threshold: float
) -> dict[str, Metrics]:
    groups: dict[str, list[Scored]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return {value: metrics(groups[value], threshold) for value in sorted(groups)}


def _row(system: str, group: str, value: str, m: Metrics) -> dict[str, Any]:
    return {
        "system": system,
        "group": group,
        "value": value,
        "n": m.n,
        "positives": m.positives,
        "roc_auc": m.roc_auc,
        "pr_auc": m.pr_auc,
        "precision": m.precision,
        "recall": m.recall,
        "f1": m.f1,
        "tp": m.tp,
        "fp": m.fp,
        "fn": m.fn,
        "tn": m.tn,
        "p_at_10": m.precision_at.get(10),
        "p_at_50": m.precision_at.get(50),
        "p_at_100": m.precision_at.get(100),
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)
