"""Training and evaluating the lure model on labelled documents.

Labelled documents are first scored by the indicators (their verdicts are the model's side
features), then grouped by near-duplicate text so that copies of one ad never sit on both
sides of a split. Evaluation is nested: every fold trains the whole model, combiner and
threshold included, on the other folds only.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import numpy as np
import numpy.typing as npt
from sklearn.model_selection import GroupKFold

from recruitwatch.detect.catalogue import Catalogue, load_catalogue
from recruitwatch.detect.classifier import LureModel, Settings, TrainingData, apply, fit
from recruitwatch.detect.evaluation import Evaluation, Scored, evaluate
from recruitwatch.detect.features import FeatureSet, current_features, design
from recruitwatch.detect.kind import KindCues
from recruitwatch.errors import InvalidInput
from recruitwatch.ingest.labelled import Example
from recruitwatch.link.networks import LinkInput, LinkSettings, template_clusters
from recruitwatch.model import Assessment
from recruitwatch.pipeline import indicator_verdict

MODEL_SYSTEM = "model"
BASELINE_SYSTEM = "indicators only"


@dataclass(frozen=True)
class Labelled:
    """Labelled documents ready to fit: their indicator verdicts, folded texts, whether each
    is in-domain, and near-duplicate groups."""

    examples: list[Example]
    verdicts: list[Assessment]
    folded: list[str]
    domain: npt.NDArray[np.bool_]
    groups: npt.NDArray[np.int_]

    @property
    def labels(self) -> npt.NDArray[np.int_]:
        return np.array([e.label for e in self.examples], dtype=np.int_)

    def subset(self, rows: npt.NDArray[np.int_]) -> Labelled:
        return Labelled(
            [self.examples[i] for i in rows],
            [self.verdicts[i] for i in rows],
            [self.folded[i] for i in rows],
            self.domain[rows],
            self.groups[rows],
        )


def prepare(
    domain: Sequence[Example],
    background: Sequence[Example] = (),
    catalogue: Catalogue | None = None,
    kinds: KindCues | None = None,
) -> Labelled:
    """Score every example with the indicators and group near-duplicates."""
    catalogue = catalogue or load_catalogue()
    examples = [*domain, *background]
    if not examples:
        raise InvalidInput("no labelled documents to learn from")
    pairs = [indicator_verdict(e.record, catalogue, kinds=kinds) for e in examples]
    verdicts = [v for v, _ in pairs]
    in_domain = np.array([i < len(domain) for i in range(len(examples))], dtype=np.bool_)
    groups = near_duplicate_groups(examples, verdicts)
    return Labelled(examples, verdicts, [f for _, f in pairs], in_domain, groups)


def near_duplicate_groups(
    examples: Sequence[Example], verdicts: Sequence[Assessment]
) -> npt.NDArray[np.int_]:
    """A group number per document: the linker's template clusters (MinHash over shingles
    with contacts, amounts and places masked) over every document, whatever its kind."""
    docs = [
        LinkInput(str(n), e.record.text, "offer", "high", v.entities)
        for n, (e, v) in enumerate(zip(examples, verdicts, strict=True))
    ]
    settings = LinkSettings(min_tokens=1)
    union, _ = template_clusters(docs, list(range(len(docs))), settings, [None] * len(docs))
    roots = [union.find(i) for i in range(len(docs))]
    numbering: dict[int, int] = {}
    return np.array([numbering.setdefault(r, len(numbering)) for r in roots], dtype=np.int_)


def training_data(labelled: Labelled, features: FeatureSet) -> TrainingData:
    return TrainingData(
        design(features, labelled.folded, labelled.verdicts),
        labelled.labels,
        labelled.domain,
        labelled.groups,
        np.array([v.indicator_score for v in labelled.verdicts], dtype=np.float64),
    )


def train(
    labelled: Labelled,
    settings: Settings | None = None,
    features: FeatureSet | None = None,
    *,
    datasets: Sequence[dict[str, Any]] = (),
    evaluate: bool = True,
) -> LureModel:
    """Fit the model on everything and record what it learned from and, with `evaluate`,
    its held-out figures (a nested cross-validation: the costly part)."""
    settings = settings or Settings()
    features = features or current_features()
    model = fit(training_data(labelled, features), features, settings)
    can_fold = evaluate and _can_fold(labelled)
    figures = cross_validate(labelled, settings, features) if can_fold else []
    info = {
        "version": model_version(model),
        "trained": datetime.now(UTC).date().isoformat(),
        "settings": vars(settings),
        "data": list(datasets),
        "documents": len(labelled.examples),
        "domain_documents": int(labelled.domain.sum()),
        "groups": int(np.unique(labelled.groups).size),
        "combiner": vars(model.combiner),
        "threshold": model.threshold,
        "evaluation": [e.to_json() for e in figures],
    }
    return replace(model, info=info)


def model_version(model: LureModel) -> str:
    digest = hashlib.sha256(model.weights.tobytes())
    digest.update(repr((model.intercept, vars(model.combiner), model.threshold)).encode())
    return f"lure-{model.features.fingerprint()[:6]}-{digest.hexdigest()[:8]}"


def _can_fold(labelled: Labelled) -> bool:
    return np.unique(labelled.groups[labelled.domain]).size >= 2


def score_examples(
    model: LureModel, labelled: Labelled, catalogue: Catalogue | None = None
) -> list[Assessment]:
    """The model's verdicts on labelled documents (already scored by the indicators)."""
    return apply(model, labelled.verdicts, labelled.folded, catalogue)


def scored(labelled: Labelled, verdicts: Sequence[Assessment]) -> list[Scored]:
    return [
        Scored(
            e.record.id or str(n),
            e.label,
            min(max(v.score, 0.0), 1.0),
            v.language,
            e.kind or v.kind,
        )
        for n, (e, v) in enumerate(zip(labelled.examples, verdicts, strict=True))
    ]


def cross_validate(
    labelled: Labelled,
    settings: Settings | None = None,
    features: FeatureSet | None = None,
    *,
    folds: int = 5,
) -> list[Evaluation]:
    """Nested, grouped k-fold on the in-domain documents (background data joins every
    training fold and is never tested on): the model against the indicators alone."""
    settings = settings or Settings()
    features = features or current_features()
    domain_rows = np.flatnonzero(labelled.domain)
    background_rows = np.flatnonzero(~labelled.domain)
    domain = labelled.subset(domain_rows)
    k = min(folds, np.unique(domain.groups).size)
    if k < 2:
        raise InvalidInput("need at least two groups of distinct documents to cross-validate")
    probability = np.zeros(domain_rows.size)
    thresholds = []
    for train_part, test_part in GroupKFold(n_splits=k).split(domain_rows, groups=domain.groups):
        rows = np.concatenate([domain_rows[train_part], background_rows])
        part = labelled.subset(rows)
        model = fit(training_data(part, features), features, settings)
        tested = domain.subset(test_part)
        probability[test_part] = [v.score for v in score_examples(model, tested)]
        thresholds.append(model.threshold)
    threshold = float(np.median(thresholds))
    model_items = [
        replace(s, score=float(p))
        for s, p in zip(scored(domain, domain.verdicts), probability, strict=True)
    ]
    baseline = scored(domain, domain.verdicts)
    bands = load_catalogue().bands
    return [
        evaluate(MODEL_SYSTEM, model_items, threshold),
        evaluate(BASELINE_SYSTEM, baseline, bands["medium"]),
    ]


def evaluate_model(
    model: LureModel, labelled: Labelled, catalogue: Catalogue | None = None
) -> list[Evaluation]:
    """A saved model on held-out labelled documents, against the indicators alone."""
    verdicts = score_examples(model, labelled, catalogue)
    bands = (catalogue or load_catalogue()).bands
    return [
        evaluate(MODEL_SYSTEM, scored(labelled, verdicts), model.threshold),
        evaluate(BASELINE_SYSTEM, scored(labelled, labelled.verdicts), bands["medium"]),
    ]


def describe(name: str, role: str, examples: Sequence[Example], digest: str) -> dict[str, Any]:
    """One line of a model's data summary."""
    languages = Counter(e.record.lang or "und" for e in examples)
    return {
        "name": name,
        "role": role,
        "documents": len(examples),
        "deceptive": sum(e.label for e in examples),
        "languages": dict(languages.most_common()),
        "sha256": digest,
    }
