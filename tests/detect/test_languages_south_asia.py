"""Language files for Hindi, Nepali, Bengali, Tamil, Sinhala, Punjabi and Malayalam: they
load, their examples are caught by their own patterns in every usual spelling (nukta letters
precomposed or not, Malayalam chillu atomic or old-style), their kind cues tell their own
example sentences apart, and (when the real development texts are at hand) a printout shows
what fires on real texts in these languages."""

from __future__ import annotations

import json
import re
import unicodedata
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

LANGS = ("hi", "ne", "bn", "ta", "si", "pa", "ml")
REAL = Path(__file__).parents[2].parent / "shared" / "data" / "real" / "real_dev.jsonl"
KINDS = ("warning", "news", "offer")
SCRIPTS = {
    "hi": re.compile("[\u0900-\u097f]"),
    "ne": re.compile("[\u0900-\u097f]"),
    "bn": re.compile("[\u0980-\u09ff]"),
    "pa": re.compile("[\u0a00-\u0a7f]"),
    "ta": re.compile("[\u0b80-\u0bff]"),
    "ml": re.compile("[\u0d00-\u0d7f]"),
    "si": re.compile("[\u0d80-\u0dff]"),
}
# Python's re does not count Indic vowel signs as word characters: \w, \b and \W split words.
WORD_CLASSES = re.compile(r"\\[wWbB]")
# Letters with a nukta that Unicode also encodes as one code point (composition exclusions,
# so NFC never joins them): keyboards and sites write either form.
NUKTA_GURMUKHI = (0x0A59, 0x0A5A, 0x0A5B, 0x0A5E)
NUKTA_LETTERS = {
    chr(cp): "".join(chr(int(h, 16)) for h in unicodedata.decomposition(chr(cp)).split())
    for cp in (*range(0x0958, 0x0960), 0x09DC, 0x09DD, 0x09DF, 0x0A33, 0x0A36, *NUKTA_GURMUKHI)
}
DECOMPOSED = {pair: single for single, pair in NUKTA_LETTERS.items()}
# Malayalam chillu letters: atomic (Unicode 5.1) or consonant + virama + zero-width joiner.
CHILLU = {"ൺ": "ണ്\u200d", "ൻ": "ന്\u200d", "ർ": "ര്\u200d", "ൽ": "ല്\u200d", "ൾ": "ള്\u200d"}


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


def spellings(text: str) -> set[str]:
    """The text with nukta letters written both ways and chillu letters both ways."""
    precomposed = text
    for pair, single in DECOMPOSED.items():
        precomposed = precomposed.replace(pair, single)
    decomposed = precomposed
    for single, pair in NUKTA_LETTERS.items():
        decomposed = decomposed.replace(single, pair)
    old_chillu = text
    for atomic, old in CHILLU.items():
        old_chillu = old_chillu.replace(atomic, old)
    return {text, precomposed, decomposed, old_chillu}


def cue_counts(text: str) -> dict[str, int]:
    cues = load_kinds()
    norm = normalize(text).text
    return {kind: len(getattr(cues, kind).findall(norm)) for kind in KINDS}


def every_pattern(raw: dict[str, Any]) -> list[str]:
    found = [p for pats in (raw.get("terms") or {}).values() for p in pats]
    found += [p for entry in raw["indicators"].values() for p in entry["patterns"]]
    found += [p for kind in KINDS for p in raw["kinds"][kind]]
    return found


def test_spellings_change_what_they_should() -> None:
    assert spellings("\u095e\u094dरी") == {"\u095e\u094dरी", "\u092b\u093c\u094dरी"}
    assert "রাশি\u09df\u09be" in spellings("রাশি\u09af\u09bc\u09be")
    assert "റഷ്യന്\u200d" in spellings("റഷ്യൻ")


@pytest.mark.parametrize("lang", LANGS)
def test_file_loads_into_the_catalogue(lang: str) -> None:
    catalogue = load_catalogue()
    raw = FILES[lang]
    assert set(raw) <= {"terms", "indicators", "kinds"}
    for indicator_id, entry in raw["indicators"].items():
        assert catalogue.get(indicator_id).patterns[lang] == tuple(entry["patterns"])
    assert all(raw["kinds"][kind] for kind in KINDS), lang
    assert raw["terms"]["destination"], "vague jobs and routes need this language's Russia"


@pytest.mark.parametrize("lang", LANGS)
def test_patterns_use_no_word_classes(lang: str) -> None:
    for pattern in every_pattern(FILES[lang]):
        assert not WORD_CLASSES.search(pattern), (lang, pattern)


@pytest.mark.parametrize(("lang", "indicator_id", "entry"), ENTRIES)
def test_examples_are_caught_by_their_own_language_in_every_spelling(
    lang: str, indicator_id: str, entry: dict[str, Any]
) -> None:
    own = compile_patterns(entry["patterns"], f"{lang}: {indicator_id}")
    positives = entry["examples"]["positive"]
    assert entry["examples"].get("negative"), f"{lang}: {indicator_id} needs a negative"
    assert any(SCRIPTS[lang].search(text) for text in positives), (lang, indicator_id)
    for text in positives:
        for spelling in spellings(text):
            assert own.search(normalize(spelling).text), (lang, indicator_id, ascii(spelling))
    catalogue = load_catalogue()  # negatives through the catalogue: `requires` counts there
    for text in entry["examples"]["negative"]:
        for spelling in spellings(text):
            hits = find_indicators(normalize(spelling), catalogue)
            assert indicator_id not in {h.id for h in hits}, (lang, indicator_id, text)


def test_destination_terms_read_russia_in_each_script() -> None:
    destination = load_catalogue().terms["destination"]
    for text in ("रूस", "रुसमा", "রাশিয়ায়", "ரஷ்யாவுக்கு", "රුසියාවට", "ਰੂਸ", "റഷ്യയിൽ"):
        for spelling in spellings(text):
            assert destination.search(normalize(spelling).text), text
    for text in ("पुरुस्कार", "পুরস্কার"):  # "award", spelt with the letters of Russia
        assert not destination.search(normalize(text).text), text


@pytest.mark.parametrize(("lang", "kind", "text"), KIND_EXAMPLES)
def test_kind_examples_show_a_cue_of_their_kind(lang: str, kind: str, text: str) -> None:
    own = compile_patterns(FILES[lang]["kinds"][kind], f"{lang}: {kind}")
    assert own.search(normalize(text).text), (lang, kind, text)
    counts = cue_counts(text)
    assert counts[kind] >= 1, (lang, kind, text, counts)
    if kind == "warning":
        assert counts["offer"] <= counts["warning"], (lang, text, counts)


@pytest.mark.parametrize("lang", LANGS)
def test_a_kind_example_shows_no_cue_of_the_other_two_kinds_first(lang: str) -> None:
    # Each example sentence is led by its own kind, so the cues can tell the three apart.
    for kind in KINDS:
        for text in FILES[lang]["kinds"]["examples"][kind]:
            counts = cue_counts(text)
            assert counts[kind] == max(counts.values()), (lang, kind, text, counts)


def real_texts() -> list[dict[str, Any]]:
    if not REAL.exists():
        pytest.skip(f"real development texts absent ({REAL}); they are kept outside the repo")
    rows = [json.loads(line) for line in REAL.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if r["lang"] in LANGS]


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
        print(f"{row['id']:<22} {row['lang']} {row['kind']:<17} -> {kind:<8} {cues} | {ids}")
        if row["kind"] in lure_kinds:
            total[row["lang"]] += 1
            found[row["lang"]] += bool(hits)
    for lang in sorted(total):
        print(f"{lang}: {found[lang]}/{total[lang]} offer texts fire a lure indicator")
