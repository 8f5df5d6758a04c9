"""The indicator catalogue: complete, documented, and every example behaves."""

from __future__ import annotations

import dataclasses
from importlib import resources
from pathlib import Path

import pytest
import yaml

from recruitwatch.detect import find_indicators, load_catalogue
from recruitwatch.detect.catalogue import load_from
from recruitwatch.detect.docs import render_catalogue_markdown
from recruitwatch.errors import ConfigError
from recruitwatch.text import normalize

CATALOGUE = load_catalogue()
ROOT = Path(__file__).parents[2]
EXAMPLES = [
    (ind.id, polarity, text)
    for ind in CATALOGUE.indicators
    for polarity in ("positive", "negative")
    for text in ind.examples[polarity]
]


def fired(text: str) -> dict[str, tuple[tuple[int, int, str], ...]]:
    hits = find_indicators(normalize(text), CATALOGUE)
    return {h.id: tuple((s.start, s.end, s.text) for s in h.evidence) for h in hits}


def test_at_least_25_documented_indicators() -> None:
    assert len(CATALOGUE.indicators) >= 25
    for ind in CATALOGUE.indicators:
        assert ind.description["en"] and ind.description["ar"], ind.id
        assert ind.title["en"] and ind.title["ar"], ind.id
        assert 0 < ind.weight <= 1, ind.id
        assert ind.examples["positive"] and ind.examples["negative"], ind.id


def test_every_pattern_indicator_speaks_arabic_english_and_russian() -> None:
    for ind in CATALOGUE.indicators:
        if ind.check is None:
            assert all(ind.patterns[lang] for lang in ("ar", "en", "ru")), ind.id


def test_examples_cover_the_three_languages() -> None:
    for ind in CATALOGUE.indicators:
        texts = " ".join(ind.examples["positive"])
        assert any("\u0600" <= c <= "\u06ff" for c in texts), ind.id
        assert any("\u0400" <= c <= "\u04ff" for c in texts), ind.id
        assert any("a" <= c <= "z" for c in texts.lower()), ind.id


@pytest.mark.parametrize(("indicator", "polarity", "text"), EXAMPLES)
def test_example(indicator: str, polarity: str, text: str) -> None:
    hits = fired(text)
    if polarity == "negative":
        assert indicator not in hits
        return
    assert indicator in hits
    for start, end, evidence in hits[indicator]:
        assert text[start:end] == evidence and evidence.strip()


def test_gate_changes_nothing() -> None:
    ungated = dataclasses.replace(CATALOGUE, gate=None)
    for _, _, text in EXAMPLES:
        norm = normalize(text)
        assert find_indicators(norm, CATALOGUE) == find_indicators(norm, ungated)


def test_docs_page_is_generated_from_the_catalogue() -> None:
    committed = (ROOT / "docs" / "indicators.md").read_text(encoding="utf-8")
    assert committed == render_catalogue_markdown(CATALOGUE), "run: make indicators-doc"


def _broken_catalogue(tmp_path: Path, entry: dict[str, object]) -> Path:
    shipped = resources.files("recruitwatch") / "resources" / "indicators"
    folder = tmp_path / "indicators"
    folder.mkdir()
    (folder / "terms.yaml").write_text(shipped.joinpath("terms.yaml").read_text("utf-8"), "utf-8")
    (folder / "bad.yaml").write_text(yaml.safe_dump([entry], allow_unicode=True), "utf-8")
    return folder


GOOD = {
    "id": "x",
    "weight": 0.2,
    "title": {"en": "t", "ar": "ت"},
    "description": {"en": "d", "ar": "د"},
    "patterns": {"en": ["visa"]},
    "examples": {"positive": ["visa"], "negative": ["no"]},
}
SCORING = {"bands": {"medium": 0.4, "high": 0.7}, "damping": {}}
NORMS = {
    "usd_per_unit": {"USD": 1},
    "threshold_usd_month": 1000,
    "months_per": {"month": 1},
    "as_of": "2025",
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"patterns": {"en": ["(unclosed"]}}, "bad pattern"),
        ({"weight": 3}, "weight must be in (0, 1]"),
        ({"description": {"en": "only english"}}, "needs 'en' and 'ar'"),
        ({"requires": ["nowhere"]}, "unknown terms"),
        ({"patterns": {}}, "needs patterns or a check"),
    ],
)
def test_loader_names_file_and_indicator(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    folder = _broken_catalogue(tmp_path, GOOD | change)
    with pytest.raises(ConfigError) as error:
        load_from(folder, SCORING, NORMS)  # type: ignore[arg-type]
    assert "bad.yaml: indicator x" in str(error.value) and message in str(error.value)


def test_missing_field_is_named(tmp_path: Path) -> None:
    entry = {k: v for k, v in GOOD.items() if k != "weight"}
    with pytest.raises(ConfigError, match=r"bad\.yaml: indicator x: missing 'weight'"):
        load_from(_broken_catalogue(tmp_path, entry), SCORING, NORMS)  # type: ignore[arg-type]
