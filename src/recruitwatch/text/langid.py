"""Offline language identification: script, then distinctive letters, then function words.

Fast enough to run on every document (about 10 µs for a post), deterministic, and its
knowledge is a data file (resources/langid/languages.yaml) that a test checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from recruitwatch.errors import ConfigError

UNKNOWN = "und"
SAMPLE = 800  # characters: enough to tell languages apart, cheap on long documents
MIN_LETTERS = 3  # fewer letters of any script than this is too short to tell
SHORT = 6  # words: a text this short with no known word still gets its script's default
DEFAULT = {"arabic": "ar", "cyrillic": "ru", "devanagari": "hi", "latin": "en"}
LETTER_WEIGHT = 5.0  # distinctive letters are rarer than function words but surer

# Scripts counted on UTF-8 bytes, where bytes.count runs at memory speed: a lead byte (or
# two) marks each letter of a script. Latin also counts ASCII letters, computed apart.
_LEADS = {
    "arabic": (b"\xd8", b"\xd9", b"\xda", b"\xdb"),  # U+0600-U+06FF
    "cyrillic": (b"\xd0", b"\xd1", b"\xd2", b"\xd3"),  # U+0400-U+04FF
    "devanagari": (b"\xe0\xa4", b"\xe0\xa5"),  # U+0900-U+097F
    "latin": (b"\xc3", b"\xc4", b"\xc5"),  # U+00C0-U+017F, accented letters
}
_NOT_ASCII_LETTER = bytes(b for b in range(256) if not chr(b).isascii() or not chr(b).isalpha())
_URL = re.compile(r"(?:https?://|www\.|t\.me/)\S*")
_EDGE_PUNCTUATION = "\"'()[]{}<>.,;:!?«»“”‘’…-–—/|*#،؛؟۔"


@dataclass(frozen=True)
class Language:
    code: str
    script: str
    letters: frozenset[str]
    words: frozenset[str]


@cache
def languages() -> tuple[Language, ...]:
    """The languages the data file knows, in its order."""
    path = resources.files("recruitwatch") / "resources" / "langid" / "languages.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(_language(code, spec) for code, spec in raw.items())


def _language(code: str, spec: dict[str, object]) -> Language:
    words = spec.get("words") or []
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        # YAML reads a bare no or on as a boolean: such a word must be quoted.
        raise ConfigError(f"languages.yaml: {code}: words must be a list of quoted strings")
    return Language(
        code, str(spec["script"]), frozenset(str(spec.get("letters") or "")), frozenset(words)
    )


@cache
def _letter_pattern(script: str) -> re.Pattern[str]:
    letters = "".join(sorted(set().union(*(lang.letters for lang in _of_script(script)))))
    return re.compile(f"[{re.escape(letters)}]" if letters else r"(?!x)x")


@cache
def _of_script(script: str) -> tuple[Language, ...]:
    return tuple(lang for lang in languages() if lang.script == script)


def script_letters(text: str) -> dict[str, int]:
    """How many letters of each script the text has."""
    raw = text.encode("utf-8", "ignore")
    counts = {name: sum(map(raw.count, leads)) for name, leads in _LEADS.items()}
    counts["latin"] += len(raw.translate(None, _NOT_ASCII_LETTER))
    return counts


def dominant_script(text: str) -> str | None:
    """The script most of the text's letters are in, or None if it has almost no letters."""
    counts = script_letters(_without_urls(text[:SAMPLE]))
    name = max(counts, key=counts.__getitem__)
    return name if counts[name] >= MIN_LETTERS else None


def _without_urls(text: str) -> str:
    # Links are Latin whatever the post's language; only search when one may be there.
    if "http" in text or "www." in text or "t.me/" in text:
        return _URL.sub(" ", text)
    return text


def identify_scores(text: str) -> dict[str, float]:
    """A score per candidate language of the text's dominant script (empty if none)."""
    sample = _without_urls(text[:SAMPLE])
    counts = script_letters(sample)
    script = max(counts, key=counts.__getitem__)
    if counts[script] < MIN_LETTERS:
        return {}
    words = [w.strip(_EDGE_PUNCTUATION) for w in sample.lower().split()]
    hits = _letter_pattern(script).findall(sample)
    n_words = max(len(words), 1)
    return {
        lang.code: sum(map(lang.words.__contains__, words)) / n_words
        + LETTER_WEIGHT * sum(map(lang.letters.__contains__, hits)) / counts[script]
        for lang in _of_script(script)
    }


def identify(text: str) -> str:
    """ISO 639 code of the text's language (ar, en, ru, uk, ckb, ku, fa, hi, ur, ne, es, fr),
    or "und" when there is too little to tell or it is none of these."""
    scores = identify_scores(text)
    if not scores:
        return UNKNOWN
    code, best = max(scores.items(), key=lambda kv: kv[1])
    if best > 0:
        return code
    # Nothing known in it: a short text is most likely its script's main language here.
    if len(text[:SAMPLE].split()) <= SHORT:
        return DEFAULT.get(dominant_script(text) or "", UNKNOWN)
    return UNKNOWN
