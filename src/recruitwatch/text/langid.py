"""Offline language identification: script, then distinctive letters, then function words.

Fast enough to run on every document (a few microseconds), deterministic, and its
knowledge is a data file (resources/langid/languages.yaml) that a test checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

UNKNOWN = "und"
SCRIPTS = {
    "arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"),
    "cyrillic": re.compile(r"[\u0400-\u04ff]"),
    "devanagari": re.compile(r"[\u0900-\u097f]"),
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f]"),
}
_WORD = re.compile(r"[^\W\d_]+")
DEFAULT = {"arabic": "ar", "cyrillic": "ru", "devanagari": "hi", "latin": "en"}


@dataclass(frozen=True)
class Language:
    code: str
    script: str
    letters: frozenset[str]
    words: frozenset[str]


@cache
def languages() -> tuple[Language, ...]:
    raw = yaml.safe_load(
        (resources.files("recruitwatch") / "resources" / "langid" / "languages.yaml").read_text(
            encoding="utf-8"
        )
    )
    return tuple(
        Language(
            code,
            spec["script"],
            frozenset(spec.get("letters") or ""),
            frozenset(str(w) for w in spec.get("words") or ()),
        )
        for code, spec in raw.items()
    )


SAMPLE = 800  # characters: enough to tell languages apart, cheap on long documents


def dominant_script(text: str) -> str | None:
    counts = {name: len(rx.findall(text, 0, 300)) for name, rx in SCRIPTS.items()}
    name, count = max(counts.items(), key=lambda kv: kv[1])
    return name if count >= 2 else None


def identify_scores(text: str) -> dict[str, float]:
    """A score per candidate language of the text's dominant script."""
    sample = text[:SAMPLE]
    script = dominant_script(sample)
    if script is None:
        return {}
    words = _WORD.findall(sample.lower())
    total = max(len(words), 1)
    scores: dict[str, float] = {}
    for lang in languages():
        if lang.script != script:
            continue
        letter_hits = sum(sample.count(c) for c in lang.letters)
        word_hits = sum(map(lang.words.__contains__, words))
        scores[lang.code] = word_hits / total + 5 * letter_hits / len(sample)
    return scores


def identify(text: str) -> str:
    """ISO 639 code of the text's language (ar, en, ru, ckb, ku, fa, hi, ur, ne, es, fr, uk),
    or "und" when there is too little to tell."""
    scores = identify_scores(text)
    if not scores:
        return UNKNOWN
    best = max(scores.items(), key=lambda kv: kv[1])
    if best[1] <= 0:
        script = dominant_script(text)
        return DEFAULT.get(script or "", UNKNOWN)
    return best[0]
