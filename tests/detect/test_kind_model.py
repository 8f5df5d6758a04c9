"""The kind model: its features, fitting, the weights file, and what it says on texts."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from recruitwatch.detect import find_indicators, load_catalogue
from recruitwatch.detect.kind import (
    FEATURES,
    KINDS,
    classify_kind,
    fit_kind_weights,
    kind_features,
    load_kinds,
    parse_weights,
    weights_to_yaml,
)
from recruitwatch.errors import ConfigError
from recruitwatch.extract import extract_entities
from recruitwatch.text import normalize

REAL = Path(__file__).parents[2].parent / "shared" / "data" / "real" / "real_dev.jsonl"


def kind_of(text: str) -> str:
    norm = normalize(text)
    return classify_kind(norm, find_indicators(norm, load_catalogue()), extract_entities(norm))


def test_features_count_cues_of_each_list() -> None:
    cues = load_kinds()
    norm = normalize("The ministry warns: beware of fake offers. Do not send money.")
    x = kind_features(norm, (), (), cues)
    assert len(x) == len(FEATURES)
    named = dict(zip(FEATURES, x, strict=True))
    assert named["warning_cues"] > named["offer_cues"]
    assert named["harm_cues"] == 0


def test_fitted_weights_separate_what_they_were_shown() -> None:
    rows = [[3.0] + [0.0] * (len(FEATURES) - 1)] * 5 + [
        [0.0, 3.0] + [0.0] * (len(FEATURES) - 2)
    ] * 5
    weights = fit_kind_weights(rows, ["warning"] * 5 + ["news"] * 5, c=10.0)
    assert max(weights.scores(rows[0]), key=weights.scores(rows[0]).get) == "warning"  # type: ignore[arg-type]
    assert max(weights.scores(rows[-1]), key=weights.scores(rows[-1]).get) == "news"  # type: ignore[arg-type]
    assert weights.bias["offer"] < -1e5  # never seen: never chosen


def test_weights_round_trip_through_yaml() -> None:
    rows = [[float(i % 3)] * len(FEATURES) for i in range(12)]
    kinds = [KINDS[i % 4] for i in range(12)]
    weights = fit_kind_weights(rows, kinds)
    again = parse_weights(yaml.safe_load(weights_to_yaml(weights, {"about": "test"})))
    assert dataclasses.asdict(again) == dataclasses.asdict(weights)


def test_weights_of_other_features_are_refused() -> None:
    with pytest.raises(ConfigError, match="retrain"):
        parse_weights({"features": ["warning_cues"], "weights": {}, "bias": {}})


def test_the_shipped_model_is_loaded() -> None:
    assert load_kinds().model is not None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Security guards wanted in Moscow. We offer: salary 2000 USD, free housing. "
            "Requirements: age 20-40. Call us on WhatsApp +7 912 345 67 89.",
            "offer",
        ),
        (
            "The Ministry of Foreign Affairs warns citizens not to respond to fake job offers "
            "in Russia and urges the public to verify any offer through official channels.",
            "warning",
        ),
        (
            "At least twelve men from the province were killed after recruiters lured them "
            "to Russia with promises of factory jobs, their families told reporters on Monday.",
            "news",
        ),
        (
            "تحذر وزارة الخارجية المواطنين من عروض العمل الوهمية في روسيا وتدعو الى عدم "
            "التعامل مع الجهات غير الرسمية والتحقق من اي عرض عبر القنوات الرسمية.",
            "warning",
        ),
        (
            "Требуются охранники на склад. Мы предлагаем: зарплата 90 000 рублей, "
            "проживание. Требования: опыт работы. Звоните +7 912 345 67 89.",
            "offer",
        ),
    ],
)
def test_the_shipped_model_on_plain_cases(text: str, kind: str) -> None:
    assert kind_of(text) == kind


@pytest.mark.skipif(not REAL.exists(), reason=f"real texts absent: {REAL}")
def test_kinds_learned_per_fold_hold_on_real_texts() -> None:
    """The kind model trained by the recipe on the other folds (and the synthetic corpus)
    tells news and accounts of lures apart from offers on the held-out real texts. Floors
    sit below what docs/model.md reports, to catch a regression, not to restate it."""
    from recruitwatch.ingest.labelled import DEMO, Example, read_labelled
    from recruitwatch.realeval import RIGHT_KINDS, folds, read_real
    from recruitwatch.recipe import Recipe, fit_kinds, kind_rows

    texts, _ = read_real(REAL)
    demo = [e for e in read_labelled(DEMO) if isinstance(e, Example)]
    catalogue = load_catalogue()
    cues = load_kinds()
    rows = kind_rows([t.record for t in texts], catalogue, cues)
    right: dict[str, list[bool]] = {}
    for train, test in folds(texts):
        weights = fit_kinds([texts[i] for i in train], demo, Recipe(), catalogue)
        for i in test:
            scores = weights.scores(rows[i])
            predicted = max(scores, key=scores.__getitem__)
            right.setdefault(texts[i].kind, []).append(predicted in RIGHT_KINDS[texts[i].kind])
    share = {kind: sum(v) / len(v) for kind, v in right.items()}
    assert share["news_article"] >= 0.75
    assert share["offer_described"] >= 0.65
    assert share["official_warning"] >= 0.4
