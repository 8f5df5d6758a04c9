"""The scan pipeline: order, duplicates, rejects, and the parallel path."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from recruitwatch.detect import load_catalogue
from recruitwatch.ingest import content_hash
from recruitwatch.ingest.records import make_record
from recruitwatch.model import Provenance, Record, Reject
from recruitwatch.pipeline import Summary, scan, scan_parallel


def record(rid: str, text: str) -> Record:
    return Record(
        id=rid,
        text=text,
        provenance=Provenance("t.jsonl", f"line {rid}"),
        content_hash=content_hash(text),
    )


LURE = (
    "Urgent! Security guard jobs in Russia, $3,000 a month, free visa and flights, "
    "Russian citizenship for your family. No experience needed. WhatsApp only +79123456789"
)


def test_one_result_per_record_in_order_rejects_aside() -> None:
    bad = Reject(Provenance("t.jsonl", "line 2"), "invalid JSON")
    seen: list[Reject] = []
    items = [record("a", LURE), bad, record("c", "Hello, how are you today?")]
    out = list(scan(items, on_reject=seen.append))
    assert [s.assessment.id for s in out] == ["a", "c"]
    assert seen == [bad]


def test_exact_duplicates_are_recognised_and_share_the_verdict() -> None:
    out = list(scan([record("a", LURE), record("b", LURE)]))
    assert [s.duplicate for s in out] == [False, True]
    assert out[1].assessment.id == "b"
    assert out[0].assessment.score == out[1].assessment.score
    assert out[0].assessment.indicators == out[1].assessment.indicators


def test_summary_counts_bands_and_duplicates() -> None:
    summary = Summary()
    for item in scan([record("a", LURE), record("b", LURE), record("c", "Nice weather.")]):
        summary.add(item)
    assert summary.read == 3 and summary.duplicates == 1
    assert summary.bands["low"] >= 1 and sum(summary.bands.values()) == 3


def test_parallel_scan_equals_serial_scan() -> None:
    texts = [LURE, "Weather is fine", LURE + " Minsk", "Вакансия бухгалтера в Казани"] * 30
    items = [record(str(i), t) for i, t in enumerate(texts)]
    serial = [(s.assessment, s.duplicate) for s in scan(items)]
    parallel = [(s.assessment, s.duplicate) for s in scan_parallel(items, workers=2, chunk_size=7)]
    assert parallel == serial


SCRIPTS = st.sampled_from(
    [
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),  # ASCII
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),  # Arabic, Persian, Kurdish
        st.characters(min_codepoint=0x0400, max_codepoint=0x04FF),  # Cyrillic
        st.characters(min_codepoint=0x0900, max_codepoint=0x0DFF),  # Indic scripts
        st.characters(codec="utf-8"),  # anything, controls and marks included
    ]
)


@settings(max_examples=60, deadline=None)
@given(SCRIPTS.flatmap(lambda alphabet: st.text(alphabet, max_size=400)))
def test_any_text_in_any_script_gets_a_verdict(text: str) -> None:
    """Issue 14, part 7: a text in any language or script, empty or garbled, gets a verdict
    with the packaged model: a kind, a band, a score in [0, 1] and evidence that is the
    original text's own slice."""
    from recruitwatch.detect.modelfile import packaged_model
    from recruitwatch.pipeline import assess_batch

    record = make_record("x.jsonl", "line 1", "x", text)
    [verdict] = assess_batch([record], load_catalogue(), model=packaged_model())
    assert verdict.kind in {"offer", "warning", "news", "other"}
    assert verdict.band in {"low", "medium", "high"}
    assert 0.0 <= verdict.score <= 1.0
    assert verdict.language and len(verdict.language) <= 8
    for hit in verdict.indicators:
        for span in hit.evidence:
            assert text[span.start : span.end] == span.text


def test_a_huge_text_with_no_spaces_gets_a_verdict() -> None:
    from recruitwatch.pipeline import assess_batch

    text = "контракт" * 20_000 + "عقد" * 20_000
    record = make_record("x.jsonl", "line 1", "x", text)
    [verdict] = assess_batch([record], load_catalogue())
    assert verdict.kind in {"offer", "warning", "news", "other"}
