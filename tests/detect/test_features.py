"""The model's features: their width, their blocks, and a fingerprint that tracks changes."""

from __future__ import annotations

import dataclasses

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from recruitwatch.detect.catalogue import load_catalogue
from recruitwatch.detect.features import (
    catalogue_digest,
    current_features,
    design,
    detector_block,
    text_block,
)
from recruitwatch.model import Assessment, IndicatorHit


def verdict(kind: str = "offer", score: float = 0.5, hits: tuple[str, ...] = ()) -> Assessment:
    return Assessment(
        "x",
        None,
        kind,  # type: ignore[arg-type]
        "en",
        score,
        "medium",
        tuple(IndicatorHit(h, 0.3, ()) for h in hits),
        (),
    )


def test_the_fingerprint_is_stable_and_names_every_part() -> None:
    first, second = current_features(), current_features()
    assert first.fingerprint() == second.fingerprint()
    shown = first.to_json()
    assert shown["fingerprint"] == first.fingerprint()
    assert shown["indicators"] == [i.id for i in load_catalogue().indicators]


def test_the_catalogue_digest_follows_weights_and_patterns_not_wording() -> None:
    catalogue = load_catalogue()
    first = catalogue.indicators[0]
    reworded = dataclasses.replace(first, title={"en": "Other words", "ar": "كلمات"})
    reweighted = dataclasses.replace(first, weight=first.weight / 2)
    same = dataclasses.replace(catalogue, indicators=(reworded, *catalogue.indicators[1:]))
    other = dataclasses.replace(catalogue, indicators=(reweighted, *catalogue.indicators[1:]))
    assert catalogue_digest(same) == catalogue_digest(catalogue)
    assert catalogue_digest(other) != catalogue_digest(catalogue)
    assert current_features(other).fingerprint() != current_features().fingerprint()


def test_detector_block_marks_fired_indicators_the_kind_and_the_score() -> None:
    features = current_features()
    first, third = features.indicators[0], features.indicators[2]
    block = detector_block(features, [verdict("warning", 0.99, (first, third))]).toarray()[0]
    n = len(features.indicators)
    assert block[0] == 1.0 and block[2] == 1.0 and block[1] == 0.0
    assert block[n + features.kinds.index("warning")] == 1.0
    assert block[n : n + len(features.kinds)].sum() == 1.0
    assert np.isclose(block[-1], np.log(0.99 / 0.01) / 5, atol=1e-5)  # clipped at 0.99


def test_design_is_as_wide_as_the_feature_set() -> None:
    features = current_features()
    matrix = design(features, ["work abroad", "عمل في روسيا"], [verdict(), verdict("other", 0.0)])
    assert matrix.shape == (2, features.width)


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_text_block_is_unit_length_or_empty_and_deterministic(text: str) -> None:
    features = current_features()
    row = text_block(features, [text])
    norm = float(np.sqrt(row.multiply(row).sum()))
    assert norm == 0.0 or abs(norm - 1.0) < 1e-4
    assert (text_block(features, [text]) != row).nnz == 0
