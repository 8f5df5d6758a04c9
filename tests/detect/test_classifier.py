"""The lure model: two stages, a bounded combiner, calibrated scores, word-level reasons."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from recruitwatch.detect.catalogue import load_catalogue
from recruitwatch.detect.classifier import (
    MIN_INDICATOR,
    Combiner,
    LureModel,
    Settings,
    apply,
    explain,
    fit,
)
from recruitwatch.detect.features import LOGIT_CLIP, current_features
from recruitwatch.detect.score import band_of
from recruitwatch.errors import InvalidInput
from recruitwatch.text import normalize
from recruitwatch.training import Labelled, training_data


def test_the_combiner_never_inverts_the_indicators(demo_model: LureModel) -> None:
    combiner = demo_model.combiner
    assert combiner.trusted
    assert combiner.indicator >= MIN_INDICATOR - 1e-9
    assert combiner.text >= 0.0
    assert 0.0 < demo_model.threshold < 1.0


def test_apply_rescores_in_order_with_bands_from_the_probability(
    demo_model: LureModel, demo_labelled: Labelled
) -> None:
    verdicts = apply(demo_model, demo_labelled.verdicts, demo_labelled.folded)
    assert [v.id for v in verdicts] == [v.id for v in demo_labelled.verdicts]
    for before, after in zip(demo_labelled.verdicts, verdicts, strict=True):
        assert 0.0 <= after.score <= 1.0
        assert after.model is not None and after.model.indicator_score == before.score
        assert after.indicators == before.indicators and after.entities == before.entities
        assert after.band == band_of(after.score, load_catalogue())


def test_the_model_ranks_demo_lures_above_everything_else(
    demo_model: LureModel, demo_labelled: Labelled
) -> None:
    verdicts = apply(demo_model, demo_labelled.verdicts, demo_labelled.folded)
    scores = np.array([v.score for v in verdicts])
    labels = demo_labelled.labels
    assert scores[labels == 1].mean() > 0.8 > 0.2 > scores[labels == 0].mean()


def test_too_few_domain_labels_leave_the_indicator_score_as_it_is(
    demo_labelled: Labelled,
) -> None:
    background = dataclasses.replace(demo_labelled, domain=np.zeros_like(demo_labelled.domain))
    features = current_features()
    model = fit(training_data(background, features), features)
    assert model.combiner == Combiner()
    verdicts = apply(model, demo_labelled.verdicts, demo_labelled.folded)
    for before, after in zip(demo_labelled.verdicts, verdicts, strict=True):
        clipped = min(max(before.score, LOGIT_CLIP), 1 - LOGIT_CLIP)
        assert after.score == pytest.approx(clipped, abs=1e-9)
    lure = next(v for v in demo_labelled.verdicts if v.score > 0.5)
    assert explain(model, lure, normalize("anything")) == ()


def test_training_is_deterministic(demo_labelled: Labelled) -> None:
    features = current_features()
    data = training_data(demo_labelled, features)
    one, two = fit(data, features, Settings(folds=3)), fit(data, features, Settings(folds=3))
    assert np.array_equal(one.weights, two.weights)
    assert one.combiner == two.combiner and one.threshold == two.threshold


def test_one_class_is_refused(demo_labelled: Labelled) -> None:
    features = current_features()
    data = training_data(demo_labelled, features)
    only = dataclasses.replace(data, labels=np.ones_like(data.labels))
    with pytest.raises(InvalidInput, match="only one class"):
        fit(only, features)


def test_explanations_point_into_the_original_text(
    demo_model: LureModel, demo_labelled: Labelled
) -> None:
    lures = [
        (e, v)
        for e, v in zip(demo_labelled.examples, demo_labelled.verdicts, strict=True)
        if e.label == 1
    ]
    example, indicator_verdict = lures[0]
    scored = apply(demo_model, [indicator_verdict], [normalize(example.record.text).text])[0]
    features = explain(demo_model, scored, normalize(example.record.text))
    words = [f for f in features if f.kind == "text"]
    assert words, "a lure's score should rest partly on its words"
    text = example.record.text
    for f in words:
        assert f.start is not None and f.end is not None
        assert text[f.start : f.end] == f.text
    assert any(f.weight > 0 for f in words)
    raised = [f.weight for f in words if f.weight > 0]
    assert raised == sorted(raised, reverse=True)
    indicators = {f.text for f in features if f.kind == "indicator"}
    assert indicators <= {h.id for h in indicator_verdict.indicators}
