"""The reality benchmark: reading real-format texts, grouping, folds, and the figures.

Most tests run on synthetic texts in the real layout (tests/data/real/sample.jsonl); the last
ones read ../shared/data/real/real_dev.jsonl and skip when it is absent."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recruitwatch.errors import InvalidInput
from recruitwatch.realeval import (
    RIGHT_KINDS,
    Outcome,
    auc,
    figure_rows,
    figures,
    folds,
    is_real_file,
    keyword_system,
    naive_system,
    out_of_fold,
    read_real,
    story_groups,
)

SAMPLE = Path(__file__).parent / "data" / "real" / "sample.jsonl"
REAL = Path(__file__).parents[1].parent / "shared" / "data" / "real" / "real_dev.jsonl"


def test_reads_the_five_kinds_and_rejects_the_rest_by_name() -> None:
    texts, rejects = read_real(SAMPLE)
    assert len(texts) == 12
    assert {t.kind for t in texts} == set(RIGHT_KINDS)
    reasons = sorted(r.message() for r in rejects)
    assert len(reasons) == 2
    assert any("line 13" in r and "kind 'rumour' is not one of" in r for r in reasons)
    assert any("line 14" in r and "invalid JSON" in r for r in reasons)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="no such file"):
        read_real(tmp_path / "absent.jsonl")


def test_a_site_and_a_named_recruiter_keep_texts_together() -> None:
    texts, _ = read_real(SAMPLE)
    by_id = {t.id: t.group for t in texts}
    # two accounts and a news item from one outlet share a group
    assert by_id["s-ofd-1"] == by_id["s-ofd-2"] == by_id["s-news-1"]
    # two different sites do not
    assert by_id["s-job-1"] != by_id["s-news-2"]


def test_near_duplicates_share_a_group() -> None:
    texts, _ = read_real(SAMPLE)
    copy = texts[0].record.text + " Hurry!"
    from dataclasses import replace

    twin = replace(
        texts[5],
        record=replace(texts[5].record, text=copy, meta={"source_url": "https://x.example"}),
    )
    groups = story_groups([texts[0], twin, texts[8]])
    assert groups[0] == groups[1] != groups[2]


@settings(max_examples=30, deadline=None)
@given(st.integers(min_value=2, max_value=6))
def test_folds_never_split_a_group(k: int) -> None:
    texts, _ = read_real(SAMPLE)
    for train, test in folds(texts, k):
        assert not {texts[i].group for i in train} & {texts[i].group for i in test}
        assert sorted(train + test) == list(range(len(texts)))


def test_auc_counts_ties_as_half_and_needs_both_kinds() -> None:
    def o(kind: str, score: float) -> Outcome:
        return Outcome("x", kind, "en", score)

    pair = ("offer_verbatim", "job_legit")
    assert auc([o("offer_verbatim", 0.9), o("job_legit", 0.1)], *pair) == 1
    assert auc([o("offer_verbatim", 0.5), o("job_legit", 0.5)], *pair) == 0.5
    assert auc([o("offer_verbatim", 0.5)], *pair) is None


def test_figures_judge_kinds_as_the_issue_defines_them() -> None:
    outcomes = [
        Outcome("a", "offer_described", "en", 0.5, "news", "en", True, True),
        Outcome("b", "offer_described", "en", 0.5, "warning", "en", False, None),
        Outcome("c", "offer_described", "en", 0.5, "offer", "fr", False, False),
        Outcome("d", "official_warning", "en", 0.1, "news", "en", False, None),
    ]
    f = figures("x", outcomes)
    assert f.kind_right["offer_described"] == pytest.approx(2 / 3)
    assert f.kind_right["official_warning"] == 0
    assert f.lure_evidence == pytest.approx(1 / 3)
    assert f.pay_found == 0.5 and f.pay_n == 2
    assert f.language_overall == 0.75
    rows = figure_rows([f])
    assert {"system": "x", "measure": "kind right", "group": "official_warning", "value": 0} in rows


def test_keyword_baseline_ranks_lures_above_a_plain_ad() -> None:
    texts, _ = read_real(SAMPLE)
    scored = {o.id: o.score for o in keyword_system([])(texts)}
    assert scored["s-ofv-1"] > scored["s-job-2"]


def test_naive_baseline_is_scored_out_of_fold() -> None:
    texts, _ = read_real(SAMPLE)
    outcomes = out_of_fold(naive_system, texts, k=3)
    assert [o.id for o in outcomes] == [t.id for t in texts]
    assert all(0.0 <= o.score <= 1.0 for o in outcomes)


def test_is_real_file(tmp_path: Path) -> None:
    assert is_real_file(SAMPLE)
    other = tmp_path / "labels.jsonl"
    other.write_text(json.dumps({"text": "x", "label": "deceptive"}) + "\n", "utf-8")
    assert not is_real_file(other)
    binary = tmp_path / "b.jsonl"
    binary.write_bytes(b"\xff\xfe\x00garbage\n")
    assert not is_real_file(binary)


needs_real = pytest.mark.skipif(
    not REAL.exists(), reason=f"real texts absent: {REAL} (they live in ../shared)"
)


@needs_real
def test_real_texts_read_whole_and_grouped() -> None:
    texts, rejects = read_real(REAL)
    assert not rejects
    assert len(texts) >= 150
    groups = {t.group for t in texts}
    assert len(groups) < len(texts)  # some pages and stories hold several items


@needs_real
def test_promised_pay_comes_out_as_money_on_real_accounts() -> None:
    """Issue 14's target: the promised pay of >= 0.70 of the accounts of lures that state
    a figure is found as a money entity."""
    from recruitwatch.pipeline import Scoring, assess_batch
    from recruitwatch.realeval import outcome_of

    texts, _ = read_real(REAL)
    described = [t for t in texts if t.kind == "offer_described"]
    scoring = Scoring(model=None)
    verdicts = assess_batch([t.record for t in described], scoring.catalogue)
    outcomes = [outcome_of(t, v) for t, v in zip(described, verdicts, strict=True)]
    judged = [o.pay_found for o in outcomes if o.pay_found is not None]
    assert len(judged) >= 10
    assert sum(judged) / len(judged) >= 0.70
    assert sum(bool(o.lure_evidence) for o in outcomes) / len(outcomes) >= 0.80
