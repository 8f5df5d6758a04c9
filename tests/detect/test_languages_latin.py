"""Language files for Spanish, French, Portuguese, Italian, German, Swahili, Uzbek (Latin and
Cyrillic) and Kurmanji Kurdish: they load, their examples are caught by their own patterns,
their kind cues tell their own example sentences apart, and (when the real development texts
are at hand) a printout shows what fires on real texts in these languages."""

from __future__ import annotations

import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from recruitwatch.detect import classify_kind, find_indicators, load_catalogue, load_kinds
from recruitwatch.detect.catalogue import compile_patterns
from recruitwatch.extract import extract_entities
from recruitwatch.text import normalize

LANGS = ("es", "fr", "pt", "it", "de", "sw", "uz", "kmr")
REAL = Path(__file__).parents[2].parent / "shared" / "data" / "real" / "real_dev.jsonl"
KINDS = ("warning", "news", "offer")
LATIN = re.compile(r"[a-z]", re.IGNORECASE)
CYRILLIC = re.compile("[\u0400-\u04ff]")
# The scripts each file's positive examples must show: Uzbek is written in both.
SCRIPTS = {lang: (LATIN,) for lang in LANGS} | {"uz": (LATIN, CYRILLIC)}


def language_file(lang: str) -> dict[str, Any]:
    path = resources.files("recruitwatch") / "resources" / "indicators" / "languages"
    raw = yaml.safe_load((path / f"{lang}.yaml").read_text(encoding="utf-8"))
    assert isinstance(raw, dict)
    return raw


FILES = {lang: language_file(lang) for lang in LANGS}
ENTRIES = [
    (lang, indicator_id, entry)
    for lang, raw in FILES.items()
    for indicator_id, entry in raw["indicators"].items()
]
KIND_EXAMPLES = [
    (lang, kind, text)
    for lang, raw in FILES.items()
    for kind in KINDS
    for text in raw["kinds"]["examples"][kind]
]


def cue_counts(text: str) -> dict[str, int]:
    cues = load_kinds()
    norm = normalize(text).text
    return {kind: len(getattr(cues, kind).findall(norm)) for kind in KINDS}


@pytest.mark.parametrize("lang", LANGS)
def test_file_loads_into_the_catalogue(lang: str) -> None:
    catalogue = load_catalogue()
    raw = FILES[lang]
    assert set(raw) <= {"terms", "indicators", "kinds"}
    for indicator_id, entry in raw["indicators"].items():
        assert catalogue.get(indicator_id).patterns[lang] == tuple(entry["patterns"])
    assert all(raw["kinds"][kind] for kind in KINDS), lang
    assert raw["terms"]["destination"], "vague jobs and routes need this language's Russia"


@pytest.mark.parametrize(("lang", "indicator_id", "entry"), ENTRIES)
def test_examples_are_caught_by_their_own_language(
    lang: str, indicator_id: str, entry: dict[str, Any]
) -> None:
    catalogue = load_catalogue()
    own = compile_patterns(entry["patterns"], f"{lang}: {indicator_id}")
    terms = [catalogue.terms[t] for t in catalogue.get(indicator_id).requires]

    def fires(text: str) -> bool:
        norm = normalize(text).text
        return bool(own.search(norm)) and all(term.search(norm) for term in terms)

    positives = entry["examples"]["positive"]
    assert entry["examples"].get("negative"), f"{lang}: {indicator_id} needs a negative"
    for script in SCRIPTS[lang]:
        assert any(script.search(text) for text in positives), (lang, indicator_id, script)
    for text in positives:
        assert fires(text), (lang, indicator_id, text)
    for text in entry["examples"]["negative"]:
        assert not fires(text), (lang, indicator_id, text)


@pytest.mark.parametrize(("lang", "kind", "text"), KIND_EXAMPLES)
def test_kind_examples_show_a_cue_of_their_kind(lang: str, kind: str, text: str) -> None:
    own = compile_patterns(FILES[lang]["kinds"][kind], f"{lang}: {kind}")
    assert own.search(normalize(text).text), (lang, kind, text)
    counts = cue_counts(text)
    assert counts[kind] >= 1, (lang, kind, text, counts)
    if kind == "warning":
        assert counts["offer"] <= counts["warning"], (lang, text, counts)


def test_uzbek_is_covered_in_both_scripts_for_kinds() -> None:
    examples = " ".join(t for kind in KINDS for t in FILES["uz"]["kinds"]["examples"][kind])
    assert LATIN.search(examples) and CYRILLIC.search(examples)


def test_kind_cues_in_these_languages_leave_english_alone() -> None:
    # Latin-script cues must not read English sentences as another kind.
    text = (
        "We are hiring security guards. Apply now, the job offer is open to all; send your CV "
        "today. The police said the court heard the case."
    )
    norm = normalize(text).text
    for lang, raw in FILES.items():
        for kind in KINDS:
            cues = compile_patterns(raw["kinds"][kind], f"{lang}: {kind}")
            assert not cues.search(norm), (lang, kind, cues.search(norm))


def real_texts() -> list[dict[str, Any]]:
    if not REAL.exists():
        pytest.skip(f"real development texts absent ({REAL}); they are kept outside the repo")
    rows = [json.loads(line) for line in REAL.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if r["lang"] in (*LANGS, "ku")]


def test_real_texts_printout() -> None:
    """Prints, for the real texts in these languages, the indicators that fire and the kind
    cues each text shows. Nothing is asserted beyond running: a handful of texts per language
    justifies no threshold, and the texts are for checking generality, not for fitting."""
    catalogue = load_catalogue()
    lure_kinds = ("offer_verbatim", "offer_described")
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for row in real_texts():
        norm = normalize(row["text"])
        hits = find_indicators(norm, catalogue)
        kind = classify_kind(norm, hits, extract_entities(norm))
        cues = cue_counts(row["text"])
        ids = ",".join(h.id for h in hits) or "-"
        print(f"{row['id']:<22} {row['kind']:<17} -> {kind:<8} cues {cues} | {ids}")
        if row["kind"] in lure_kinds:
            total[row["lang"]] += 1
            found[row["lang"]] += bool(hits)
    for lang in sorted(total):
        print(f"{lang}: {found[lang]}/{total[lang]} offer texts fire a lure indicator")
