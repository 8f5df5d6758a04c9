"""The lure model: a linear text model stacked with the indicator score.

Stage one is a logistic regression over hashed n-grams and the detector's output (fired
indicators, kind, indicator score). Stage two, the combiner, is a three-weight logistic
regression of the indicator score's logit and stage one's out-of-fold margin, fitted on
in-domain labels only. It decides how far the text model is trusted beside the indicators
and turns the sum into a calibrated probability. Generic job-scam data may teach stage one,
never stage two: a generic model ranks real war-recruitment lures below legitimate job ads,
so with too few in-domain labels the combiner keeps the indicator score as it is.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from scipy.optimize import minimize
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.utils import murmurhash3_32

from recruitwatch.detect.catalogue import Catalogue, load_catalogue
from recruitwatch.detect.evaluation import best_threshold
from recruitwatch.detect.features import (
    FeatureSet,
    design,
    indicator_logit,
    vectorizer,
)
from recruitwatch.detect.score import band_of
from recruitwatch.errors import InvalidInput
from recruitwatch.model import Assessment, Feature, ModelVerdict
from recruitwatch.text.normalize import Normalized

Vector = npt.NDArray[np.float64]
_WORD = re.compile(r"\S+")
TOP_WORDS = 5
TOP_AGAINST = 3
MIN_INDICATOR = 0.5  # the combiner's least weight on the indicator score's log-odds


@dataclass(frozen=True)
class Settings:
    c: float = 4.0  # inverse regularisation of stage one
    folds: int = 5
    background_share: float = 1.0  # background data weighs this much in all, beside domain data
    min_per_class: int = 10  # in-domain labels of each class needed to fit the combiner
    seed: int = 0


@dataclass(frozen=True)
class Combiner:
    """final log-odds = indicator * logit(indicator score) + text * margin + bias"""

    indicator: float = 1.0
    text: float = 0.0
    bias: float = 0.0
    trusted: bool = False  # fitted on in-domain labels; otherwise the indicators alone

    def log_odds(self, indicator_scores: Vector, margins: Vector) -> Vector:
        logits = np.array([indicator_logit(s) for s in indicator_scores], dtype=np.float64)
        result: Vector = self.indicator * logits + self.text * margins + self.bias
        return result


@dataclass(frozen=True)
class TrainingData:
    """Everything `fit` needs, as arrays over the same documents."""

    matrix: sp.csr_matrix
    labels: npt.NDArray[np.int_]
    domain: npt.NDArray[np.bool_]  # in-domain (the lures this tool is for) or background
    groups: npt.NDArray[np.int_]  # near-duplicates share a group: never split across folds
    indicator_scores: Vector


@dataclass(frozen=True, eq=False)
class LureModel:
    features: FeatureSet
    weights: npt.NDArray[np.float32]
    intercept: float
    combiner: Combiner
    threshold: float  # the probability at which F1 peaked out of fold
    info: dict[str, Any] = field(default_factory=dict)  # version, data, evaluation figures

    @property
    def version(self) -> str:
        return str(self.info.get("version", "unversioned"))

    def margins(self, matrix: sp.csr_matrix) -> Vector:
        result: Vector = np.asarray(matrix @ self.weights, dtype=np.float64) + self.intercept
        return result

    def probabilities(self, matrix: sp.csr_matrix, indicator_scores: Vector) -> Vector:
        odds = self.combiner.log_odds(indicator_scores, self.margins(matrix))
        result: Vector = 1.0 / (1.0 + np.exp(-odds))
        return result


def _sigmoid(x: Vector) -> Vector:
    result: Vector = 1.0 / (1.0 + np.exp(-x))
    return result


def sample_weights(domain: npt.NDArray[np.bool_], share: float) -> Vector:
    """Domain documents weigh 1; background ones together weigh `share` times the domain."""
    weights = np.ones(domain.size, dtype=np.float64)
    background = ~domain
    if background.any() and domain.any():
        weights[background] = share * domain.sum() / background.sum()
    return weights


def fit_linear(
    matrix: sp.csr_matrix, labels: npt.NDArray[np.int_], weights: Vector, settings: Settings
) -> tuple[npt.NDArray[np.float32], float]:
    model = LogisticRegression(
        C=settings.c,
        solver="liblinear",
        class_weight="balanced",
        max_iter=1000,
        random_state=settings.seed,
    )
    model.fit(matrix, labels, sample_weight=weights)
    return model.coef_[0].astype(np.float32), float(model.intercept_[0])


def out_of_fold_margins(data: TrainingData, settings: Settings) -> Vector:
    """Stage one's margin for every document from a model that never saw its group."""
    folds = min(settings.folds, np.unique(data.groups).size)
    if folds < 2:
        raise InvalidInput("need at least two distinct documents to cross-validate")
    weights = sample_weights(data.domain, settings.background_share)
    margins = np.zeros(data.labels.size, dtype=np.float64)
    for train, test in GroupKFold(n_splits=folds).split(data.matrix, data.labels, data.groups):
        if np.unique(data.labels[train]).size < 2:
            continue  # one class only: no text evidence for this fold
        coef, bias = fit_linear(data.matrix[train], data.labels[train], weights[train], settings)
        margins[test] = data.matrix[test] @ coef + bias
    return margins


def fit_combiner(data: TrainingData, margins: Vector, settings: Settings) -> Combiner:
    """Fit the combiner on in-domain labels, or keep the indicators alone when they are few.

    The indicator weight is bounded below by `MIN_INDICATOR` and the text weight by 0: the
    text model may sharpen or correct the indicators, never invert them (stage one already
    sees the indicators, so an unbounded fit can trade them off against its margin)."""
    labels = data.labels[data.domain]
    positives, negatives = int((labels == 1).sum()), int((labels == 0).sum())
    if min(positives, negatives) < settings.min_per_class:
        return Combiner()
    logits = np.array([indicator_logit(s) for s in data.indicator_scores[data.domain]])
    inputs = np.column_stack([logits, margins[data.domain], np.ones(labels.size)])
    # balanced classes, as in stage one
    weight = np.where(labels == 1, labels.size / (2 * positives), labels.size / (2 * negatives))
    signs = np.where(labels == 1, 1.0, -1.0)

    def loss(params: Vector) -> tuple[float, Vector]:
        z = signs * (inputs @ params)
        p = _sigmoid(-z)  # the gradient of log(1 + e^-z)
        penalty = 0.5 * float(params[:2] @ params[:2])
        value = float(weight @ np.logaddexp(0.0, -z)) + penalty
        grad = -(inputs.T @ (weight * signs * p))
        grad[:2] += params[:2]
        return value, grad

    bounds = [(MIN_INDICATOR, None), (0.0, None), (None, None)]
    found = minimize(loss, np.array([1.0, 0.0, 0.0]), jac=True, method="L-BFGS-B", bounds=bounds)
    a, b, c = (float(x) for x in found.x)
    return Combiner(a, b, c, trusted=True)


def fit(data: TrainingData, features: FeatureSet, settings: Settings | None = None) -> LureModel:
    """Train both stages; the model's info holds the out-of-fold figures' inputs."""
    settings = settings or Settings()
    if np.unique(data.labels).size < 2:
        raise InvalidInput("the training data holds only one class; label both kinds")
    margins = out_of_fold_margins(data, settings)
    combiner = fit_combiner(data, margins, settings)
    scope = data.domain if combiner.trusted else np.ones_like(data.domain)
    held_out = _sigmoid(combiner.log_odds(data.indicator_scores[scope], margins[scope]))
    threshold = best_threshold(list(data.labels[scope]), list(held_out))
    weights = sample_weights(data.domain, settings.background_share)
    coef, bias = fit_linear(data.matrix, data.labels, weights, settings)
    return LureModel(features, coef, bias, combiner, threshold)


def apply(
    model: LureModel,
    verdicts: Sequence[Assessment],
    folded: Sequence[str],
    catalogue: Catalogue | None = None,
) -> list[Assessment]:
    """The indicators' verdicts rescored by the model: score and band from the probability."""
    if not verdicts:
        return []
    catalogue = catalogue or load_catalogue()
    matrix = design(model.features, folded, verdicts)
    scores = np.array([v.indicator_score for v in verdicts], dtype=np.float64)
    probabilities = model.probabilities(matrix, scores)
    return [
        replace(
            v,
            score=float(p),
            band=band_of(float(p), catalogue),
            model=ModelVerdict(model.version, v.indicator_score),
        )
        for v, p in zip(verdicts, probabilities, strict=True)
    ]


def explain(model: LureModel, verdict: Assessment, norm: Normalized) -> tuple[Feature, ...]:
    """What moved this document's log-odds, in the combiner's units: the words of the text
    (spans in the original), then the indicators and the kind as the text model weighs them."""
    scale = model.combiner.text if model.combiner.trusted else 0.0
    if scale == 0.0:
        return ()
    row = design(model.features, [norm.text], [verdict])
    moved = row.data * model.weights[row.indices] * scale
    contribution = dict(zip(row.indices.tolist(), moved.tolist(), strict=True))
    words = _word_weights(model.features, norm, contribution)
    ranked = sorted(words, key=lambda f: -f.weight)
    chosen = [f for f in ranked[:TOP_WORDS] if f.weight > 0.01]
    chosen += [f for f in ranked[::-1][:TOP_AGAINST] if f.weight < -0.01]
    side = model.features.text_features
    for n, indicator in enumerate(model.features.indicators):
        if (value := contribution.get(side + n)) is not None:
            chosen.append(Feature("indicator", indicator, round(float(value), 4)))
    kind_column = side + len(model.features.indicators) + model.features.kinds.index(verdict.kind)
    if (value := contribution.get(kind_column)) is not None:
        chosen.append(Feature("kind", verdict.kind, round(float(value), 4)))
    return tuple(chosen)


def _word_weights(
    features: FeatureSet, norm: Normalized, contribution: dict[int, float]
) -> list[Feature]:
    """Each bucket's contribution shared among the n-gram occurrences that hashed to it, then
    summed per word: char_wb n-grams never cross a word boundary."""
    analyzer = vectorizer(features.text_features, features.ngram_range).build_analyzer()
    occurrences: list[tuple[re.Match[str], list[int]]] = []
    counts: dict[int, int] = defaultdict(int)
    for match in _WORD.finditer(norm.text):
        grams = analyzer(match.group())
        buckets = [abs(murmurhash3_32(g, seed=0)) % features.text_features for g in grams]
        occurrences.append((match, buckets))
        for bucket in buckets:
            counts[bucket] += 1
    totals: dict[str, float] = defaultdict(float)
    spans: dict[str, tuple[int, int]] = {}
    for match, buckets in occurrences:
        word = match.group()
        totals[word] += sum(contribution.get(b, 0.0) / counts[b] for b in buckets)
        spans.setdefault(word, norm.original_span(match.start(), match.end()))
    return [
        Feature("text", norm.original[spans[w][0] : spans[w][1]], round(v, 4), *spans[w])
        for w, v in totals.items()
        if sum(c.isalnum() for c in w) >= 2  # "в", "و", "-": true but no help to a reader
    ]
