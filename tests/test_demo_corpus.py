"""The scanner on the labelled demo corpus: templated lures flagged, nothing else flagged."""

from __future__ import annotations

import csv
from collections import Counter
from importlib import resources
from pathlib import Path

from recruitwatch.ingest import read_inputs
from recruitwatch.pipeline import scan

DEMO = Path(str(resources.files("recruitwatch") / "resources" / "demo"))


def test_demo_labels_are_recovered() -> None:
    labels = {r["id"]: r for r in csv.DictReader((DEMO / "labels.csv").open(encoding="utf-8"))}
    results = {
        s.assessment.id: s.assessment for s in scan(read_inputs([str(DEMO / "corpus.jsonl")]))
    }
    assert set(results) == set(labels)
    kinds = Counter(results[i].kind == row["kind"] for i, row in labels.items())
    assert kinds[True] / len(labels) >= 0.97
    for doc_id, row in labels.items():
        band = results[doc_id].band
        if row["label"] == "deceptive" and row["template"]:
            assert band in ("medium", "high"), doc_id  # every templated lure is flagged
        if row["label"] != "deceptive":
            assert band == "low", doc_id  # no warning, news item or real job ad is flagged
