"""How the packaged detector is trained: the kind model and the lure model, from real texts
(../shared/data/real) and the synthetic demo corpus.

One recipe serves `recruitwatch train --real` (what ships) and the reality benchmark, which
runs it afresh inside every fold so that its figures on real texts are out of fold. The
choices in `Recipe` (which real kinds count as lures, how much real texts weigh) were made
by grouped cross-validation on real texts (benchmarks/eval_real.py), never on the synthetic
corpus alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from recruitwatch.detect.catalogue import Catalogue, load_catalogue
from recruitwatch.detect.classifier import LureModel, Settings
from recruitwatch.detect.features import current_features
from recruitwatch.detect.indicators import find_indicators
from recruitwatch.detect.kind import (
    KindCues,
    KindWeights,
    fit_kind_weights,
    kind_features,
    load_cues,
)
from recruitwatch.extract import extract_entities, find_money
from recruitwatch.ingest.labelled import Example
from recruitwatch.model import Record
from recruitwatch.realeval import TRAIN_KIND, RealText
from recruitwatch.text import normalize
from recruitwatch.training import prepare, train


@dataclass(frozen=True)
class Recipe:
    # real kinds that teach "lure": accounts of lures carry their terms and vocabulary in
    # many more languages than the few lures quoted verbatim
    lure_kinds: frozenset[str] = frozenset({"offer_verbatim", "offer_described"})
    real_weight: float = 10.0  # a real text weighs this many synthetic ones in the kind model
    kind_c: float = 0.1  # strong regularisation held best across folds on real texts
    demo_as_background: bool = False  # True: synthetic texts teach the text model only
    settings: Settings = field(default_factory=Settings)


@dataclass(frozen=True)
class Detector:
    kinds: KindCues
    model: LureModel


def kind_rows(records: Sequence[Record], catalogue: Catalogue, cues: KindCues) -> list[list[float]]:
    """The kind model's inputs for each record (indicators and entities found afresh)."""
    rows = []
    for record in records:
        norm = normalize(record.text)
        money = find_money(norm)
        entities = extract_entities(norm, money=money)
        hits = find_indicators(norm, catalogue, money)
        rows.append(kind_features(norm, hits, entities, cues))
    return rows


def fit_kinds(
    real: Sequence[RealText], demo: Sequence[Example], recipe: Recipe, catalogue: Catalogue
) -> KindWeights:
    cues = load_cues()
    records = [t.record for t in real] + [e.record for e in demo]
    kinds = [TRAIN_KIND[t.kind] for t in real] + [e.kind or "other" for e in demo]
    weights = [recipe.real_weight] * len(real) + [1.0] * len(demo)
    return fit_kind_weights(kind_rows(records, catalogue, cues), kinds, weights, recipe.kind_c)


def real_examples(real: Sequence[RealText], recipe: Recipe) -> list[Example]:
    """Real texts as labelled examples for the lure model (the gold language kept out)."""
    return [
        Example(replace(t.record, lang=None), int(t.kind in recipe.lure_kinds), "real")
        for t in real
    ]


def fit_detector(
    real: Sequence[RealText],
    demo: Sequence[Example],
    recipe: Recipe | None = None,
    catalogue: Catalogue | None = None,
    *,
    evaluate: bool = False,
    datasets: Sequence[dict[str, Any]] = (),
) -> Detector:
    """The kind model, then the lure model over verdicts that use it."""
    recipe = recipe or Recipe()
    catalogue = catalogue or load_catalogue()
    weights = fit_kinds(real, demo, recipe, catalogue)
    cues = replace(load_cues(), model=weights)
    reals = real_examples(real, recipe)
    if recipe.demo_as_background:
        labelled = prepare(reals, demo, catalogue=catalogue, kinds=cues)
    else:
        labelled = prepare([*reals, *demo], catalogue=catalogue, kinds=cues)
    # real texts keep their page and story groups; synthetic ones their near-duplicate groups
    story = np.array([t.group for t in real], dtype=np.int_)
    offset = int(story.max()) + 1 if story.size else 0
    groups = np.concatenate([story, labelled.groups[len(real) :] + offset])
    labelled = replace(labelled, groups=groups)
    features = current_features(catalogue, kinds=cues)
    model = train(labelled, recipe.settings, features, evaluate=evaluate, datasets=datasets)
    return Detector(cues, model)
