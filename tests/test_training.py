"""Training and evaluation: near-duplicates stay on one side of a split, and generic
job-scam data never pulls the lures this tool is for below legitimate ads."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from recruitwatch.detect.classifier import Settings
from recruitwatch.ingest.labelled import Example, read_labelled
from recruitwatch.ingest.records import make_record
from recruitwatch.training import (
    BASELINE_SYSTEM,
    MODEL_SYSTEM,
    cross_validate,
    near_duplicate_groups,
    prepare,
    score_examples,
    train,
)

DATA = Path(__file__).parent / "data" / "training"
SHARED = Path(__file__).parents[1] / ".." / "shared" / "data"


def examples(path: str) -> list[Example]:
    return [e for e in read_labelled(path) if isinstance(e, Example)]


def example(n: int, text: str, label: int) -> Example:
    return Example(make_record("t", f"row {n}", str(n), text), label, "t")


def test_reposts_of_one_ad_share_a_group_and_other_ads_do_not() -> None:
    ad = "Drivers wanted in Kazan, salary 2000 USD a month, visa and tickets paid, write {}"
    items = [
        example(0, ad.format("+7 926 111 22 33"), 1),
        example(1, ad.format("@jobs_abroad_7"), 1),
        example(2, "Accountant needed at our Basra office; apply with your CV by email", 0),
        example(3, "Nurse for the night shift at a clinic in Erbil, licence required", 0),
    ]
    labelled = prepare(items)
    groups = near_duplicate_groups(labelled.examples, labelled.verdicts)
    assert groups[0] == groups[1]
    assert len({groups[0], groups[2], groups[3]}) == 3


def test_grouped_folds_do_not_leak_copies_into_the_test_fold() -> None:
    # Labels are random per group, and copies differ only in a phone number: a model that
    # saw a copy of a test ad would score it perfectly; one that did not cannot beat chance.
    rng = random.Random(3)
    items = []
    for g in range(40):
        words = " ".join("".join(rng.choices("bcdfghklmnprstvz", k=6)) for _ in range(12))
        label = rng.randint(0, 1)
        for copy in range(3):
            items.append(example(g * 3 + copy, f"{words} call 0770 123 45{g:02d}{copy}", label))
    labelled = prepare(items)
    grouped = cross_validate(labelled, Settings(min_per_class=5), folds=5)[0].overall.roc_auc
    assert grouped is not None and grouped < 0.8
    # the same data with every document its own group: copies leak, the figure is a lie
    leaky = dataclasses.replace(labelled, groups=np.arange(len(items)))
    leaked = cross_validate(leaky, Settings(min_per_class=5), folds=5)[0].overall.roc_auc
    assert leaked is not None and leaked > 0.95


def test_cross_validation_compares_the_model_with_the_indicators_alone() -> None:
    labelled = prepare(examples("demo"))
    model, baseline = cross_validate(labelled, folds=3)
    assert (model.system, baseline.system) == (MODEL_SYSTEM, BASELINE_SYSTEM)
    assert model.overall.n == baseline.overall.n == 360
    assert set(model.by_language) == {"ar", "en", "ru"}
    assert model.overall.roc_auc is not None and model.overall.roc_auc > 0.85


def _lure_vs_legit_auc(scores: list[float], items: list[Example]) -> float:
    offers = [
        (s, e.label) for s, e in zip(scores, items, strict=True) if (e.kind or "offer") == "offer"
    ]
    return float(roc_auc_score([y for _, y in offers], [s for s, _ in offers]))


def _generic_only_check(background: list[Example]) -> None:
    demo = examples("demo")
    held_out = prepare(demo)
    baseline = _lure_vs_legit_auc([v.score for v in held_out.verdicts], demo)
    # Taught by generic job scams alone: no in-domain labels to weigh the text model with.
    model = train(prepare([], background), Settings(folds=3), evaluate=False)
    assert not model.combiner.trusted
    scores = [v.score for v in score_examples(model, held_out)]
    assert _lure_vs_legit_auc(scores, demo) >= baseline - 1e-9
    # With demo labels beside it, generic data still cannot drag lures below legitimate ads.
    rng = np.random.default_rng(0)
    train_rows = rng.random(len(demo)) < 0.5
    domain = [e for e, keep in zip(demo, train_rows, strict=True) if keep]
    tested = [e for e, keep in zip(demo, train_rows, strict=True) if not keep]
    mixed = train(prepare(domain, background), Settings(folds=3), evaluate=False)
    assert mixed.combiner.trusted
    scores = [v.score for v in score_examples(mixed, prepare(tested))]
    assert _lure_vs_legit_auc(scores, tested) > 0.9


def test_generic_job_scams_do_not_pull_lures_below_legitimate_ads() -> None:
    _generic_only_check(examples(str(DATA / "generic_jobs.csv")))


def test_emscad_does_not_pull_lures_below_legitimate_ads() -> None:
    path = SHARED / "emscad" / "emscad_real_assembled.csv"
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared data sets live outside the repository)")
    _generic_only_check(examples(str(path)))
