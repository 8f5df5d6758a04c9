"""Salary norms on the real development texts (skipped where they are absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from recruitwatch.detect import find_indicators, load_catalogue
from recruitwatch.extract.money import find_money
from recruitwatch.text import normalize

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "real" / "real_dev.jsonl"


def _salary_hits(kind: str) -> dict[str, str]:
    if not REAL.exists():
        pytest.skip(f"real development texts not found at {REAL} (see shared/data/real)")
    catalogue = load_catalogue()
    found = {}
    for line in REAL.read_text("utf-8").splitlines():
        row = json.loads(line)
        if row["kind"] != kind:
            continue
        norm = normalize(row["text"])
        for hit in find_indicators(norm, catalogue, find_money(norm)):
            if hit.id == "salary_far_above_norm":
                found[row["id"]] = hit.note or ""
    return found


def test_no_legitimate_ad_is_far_above_the_norm() -> None:
    assert _salary_hits("job_legit") == {}


def test_some_accounts_of_lures_are_far_above_the_norm() -> None:
    assert len(_salary_hits("offer_described")) >= 1
