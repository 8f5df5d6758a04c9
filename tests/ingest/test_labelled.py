"""Labelled data: labels in the words of each public set, known layouts, bad rows kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from recruitwatch.errors import InvalidInput
from recruitwatch.ingest.labelled import (
    NEGATIVE,
    POSITIVE,
    SKIPPED,
    Example,
    parse_label,
    read_labelled,
)
from recruitwatch.model import Reject

DATA = Path(__file__).parents[1] / "data" / "training"


def split(items: list[Example | Reject]) -> tuple[list[Example], list[Reject]]:
    return (
        [i for i in items if isinstance(i, Example)],
        [i for i in items if isinstance(i, Reject)],
    )


@pytest.mark.parametrize("word", sorted(POSITIVE))
def test_positive_words(word: str) -> None:
    assert parse_label(word) == 1
    assert parse_label(f"  {word.upper()} ") == 1


@pytest.mark.parametrize("word", sorted(NEGATIVE))
def test_negative_words(word: str) -> None:
    assert parse_label(word) == 0


@given(st.text(max_size=30))
def test_parse_label_answers_or_refuses_never_guesses(word: str) -> None:
    folded = word.strip().lower()
    try:
        value = parse_label(word)
    except ValueError as exc:
        assert "unknown label" in str(exc)
        assert folded not in POSITIVE | NEGATIVE | SKIPPED
        return
    expected = 1 if folded in POSITIVE else 0 if folded in NEGATIVE else None
    assert value == expected


def test_demo_corpus_joins_labels_and_kinds() -> None:
    examples, rejects = split(list(read_labelled("demo")))
    assert not rejects
    assert len(examples) == 360
    assert sum(e.label for e in examples) == 156  # the deceptive rows of labels.csv
    kinds = {e.kind for e in examples}
    assert kinds == {"offer", "news", "warning", "other"}
    assert all(e.dataset == "demo" for e in examples)
    warnings = [e for e in examples if e.kind == "warning"]
    assert warnings and all(e.label == 0 for e in warnings)


def test_demo_layout_reports_documents_without_a_label(tmp_path: Path) -> None:
    (tmp_path / "corpus.jsonl").write_text(
        json.dumps({"id": "a", "text": "Work in Russia, 3000 USD"})
        + "\n"
        + json.dumps({"id": "b", "text": "A plain notice"})
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "labels.csv").write_text("id,label,kind\na,deceptive,offer\n", encoding="utf-8")
    examples, rejects = split(list(read_labelled(str(tmp_path))))
    assert [e.record.id for e in examples] == ["a"]
    assert len(rejects) == 1 and "no label" in rejects[0].reason and "b" in rejects[0].message()


def test_bad_labels_are_rejected_by_row_and_good_rows_kept() -> None:
    examples, rejects = split(list(read_labelled(str(DATA / "bad_labels.csv"))))
    assert [(e.record.id, e.label) for e in examples] == [("b1", 1), ("b5", 0)]
    reasons = {r.provenance.locator: r.reason for r in rejects}
    assert "unknown label 'maybe'" in reasons["row 2"]
    assert "is not a verdict" in reasons["row 3"]  # empty
    assert "is not a verdict" in reasons["row 4"]  # unsure


def test_windows_1256_arabic_labels() -> None:
    examples, rejects = split(list(read_labelled(str(DATA / "labels_1256.csv"))))
    assert not rejects
    assert [e.label for e in examples] == [1, 0]
    assert "روسيا" in examples[0].record.text


def test_a_file_without_a_label_column_rejects_every_row(tmp_path: Path) -> None:
    path = tmp_path / "nolabel.csv"
    path.write_text("id,text\n1,hello there\n2,another\n", encoding="utf-8")
    examples, rejects = split(list(read_labelled(str(path))))
    assert not examples
    assert len(rejects) == 2 and all("no label" in r.reason for r in rejects)


def test_named_label_field(tmp_path: Path) -> None:
    path = tmp_path / "named.jsonl"
    path.write_text(json.dumps({"text": "Job abroad", "verdict": "scam"}) + "\n", "utf-8")
    examples, _ = split(list(read_labelled(str(path), label_field="verdict")))
    assert [e.label for e in examples] == [1]


def test_emscad_layout_joins_the_ad_fields(tmp_path: Path) -> None:
    path = tmp_path / "emscad.csv"
    path.write_text(
        "job_id,title,company_profile,description,requirements,benefits,fraudulent\n"
        "7,Data entry,We are a firm,Type from home,None,Weekly pay,1\n",
        encoding="utf-8",
    )
    examples, _ = split(list(read_labelled(str(path))))
    assert len(examples) == 1
    text = examples[0].record.text
    assert all(part in text for part in ("Data entry", "We are a firm", "Weekly pay"))
    assert examples[0].label == 1 and examples[0].record.id == "7"


def test_binary_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "blob.csv"
    path.write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    _, rejects = split(list(read_labelled(str(path))))
    assert rejects and rejects[0].provenance.file == str(path)
    with pytest.raises(InvalidInput, match="no such file"):
        list(read_labelled(str(tmp_path / "absent.csv")))


def test_shared_emscad_when_present() -> None:
    path = Path(__file__).parents[2] / ".." / "shared" / "data" / "emscad"
    path = path / "emscad_real_assembled.csv"
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared data sets live outside the repository)")
    examples, rejects = split(list(read_labelled(str(path))))
    assert len(examples) == 1742 and sum(e.label for e in examples) == 858
    assert not rejects
