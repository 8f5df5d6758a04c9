"""Offline language identification: script, then distinctive letters, then function words.

Fast enough to run on every document (10-15 µs for a 300-character post), deterministic; its
knowledge is a data file (resources/langid/languages.yaml) that a test checks. The work is
done on the UTF-8 bytes of the lower-cased text, where translate, count and split run in C.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from recruitwatch.errors import ConfigError

UNKNOWN = "und"
SAMPLE = 800  # characters: enough to tell languages apart, cheap on long documents
MIN_LETTERS = 3  # fewer letters of any script than this is too short to tell
SHORT = 6  # words: a Latin text this short with no known word is still taken for English
DEFAULT = {"arabic": "ar", "cyrillic": "ru", "devanagari": "hi", "latin": "en"}
LETTER_WEIGHT = 5.0  # distinctive letters are rarer than function words but surer
SCRIPTS = ("arabic", "cyrillic", "devanagari", "latin")


def _script_classes() -> tuple[bytes, bytes]:
    """A byte table marking each letter's UTF-8 lead byte with its script's initial."""
    table = bytearray(range(256))
    marks = {b"a": b"\xd8\xd9\xda\xdb", b"c": b"\xd0\xd1\xd2\xd3", b"l": b"\xc3\xc4\xc5"}
    marks[b"l"] += string.ascii_letters.encode()  # Latin: ASCII and U+00C0-U+017F
    for mark, leads in marks.items():
        for byte in leads:
            table[byte] = mark[0]
    kept = b"".join(marks.values())
    return bytes(table), bytes(b for b in range(256) if b not in kept)


_CLASS_TABLE, _NOT_A_LETTER_LEAD = _script_classes()
_DEVANAGARI = (b"\xe0\xa4", b"\xe0\xa5")  # U+0900-U+097F; other scripts share the lead E0
_PUNCTUATION_TO_SPACE = bytes.maketrans(string.punctuation.encode(), b" " * len(string.punctuation))
_WIDE_PUNCTUATION = re.compile("[،؛؟۔।«»“”…]")  # slow to find in bytes, fast in str
_URL = re.compile(r"(?:https?://|www\.|t\.me/)\S*")


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
    script = str(spec.get("script"))
    if script not in SCRIPTS:
        raise ConfigError(f"languages.yaml: {code}: script must be one of {', '.join(SCRIPTS)}")
    letters = frozenset(str(spec.get("letters") or ""))
    return Language(code, script, letters, frozenset(words))


@dataclass(frozen=True)
class _Candidate:
    code: str
    letters: frozenset[str]
    words: frozenset[bytes]  # UTF-8, to meet the text's words as bytes


@cache
def _candidates(script: str) -> tuple[tuple[_Candidate, ...], re.Pattern[str]]:
    """The languages of one script, and a pattern finding any of their distinctive letters."""
    langs = [lang for lang in languages() if lang.script == script]
    found = tuple(
        _Candidate(lang.code, lang.letters, frozenset(w.encode() for w in lang.words))
        for lang in langs
    )
    letters = "".join(sorted({c for lang in langs for c in lang.letters}))
    return found, re.compile(f"[{re.escape(letters)}]" if letters else r"(?!x)x")


def _script_letters(raw: bytes) -> dict[str, int]:
    marks = raw.translate(_CLASS_TABLE, _NOT_A_LETTER_LEAD)
    counts = {"arabic": marks.count(b"a"), "cyrillic": marks.count(b"c")}
    counts["devanagari"] = raw.count(_DEVANAGARI[0]) + raw.count(_DEVANAGARI[1])
    counts["latin"] = marks.count(b"l")
    return counts


def _sample(text: str) -> str:
    sample = text[:SAMPLE].lower()
    # Links are Latin whatever the post's language; only search when one may be there.
    if "http" in sample or "www." in sample or "t.me/" in sample:
        sample = _URL.sub(" ", sample)
    return sample if sample.isascii() else _WIDE_PUNCTUATION.sub(" ", sample)


def script_letters(text: str) -> dict[str, int]:
    """How many letters of each script the text has (links left out)."""
    return _script_letters(_sample(text).encode("utf-8", "ignore"))


def dominant_script(text: str) -> str | None:
    """The script most of the text's letters are in, or None if it has almost no letters."""
    counts = script_letters(text)
    name = max(counts, key=counts.__getitem__)
    return name if counts[name] >= MIN_LETTERS else None


def _words(raw: bytes) -> list[bytes]:
    return raw.translate(_PUNCTUATION_TO_SPACE).split()


def identify_scores(text: str) -> dict[str, float]:
    """A score per candidate language of the text's dominant script (empty if none).

    The share of the text's distinct words that are the language's function words, plus
    its distinctive letters per letter of the script."""
    sample = _sample(text)
    raw = sample.encode("utf-8", "ignore")
    counts = _script_letters(raw)
    script = max(counts, key=counts.__getitem__)
    if counts[script] < MIN_LETTERS:
        return {}
    candidates, letter_pattern = _candidates(script)
    words = set(_words(raw))
    hits = letter_pattern.findall(sample)
    n_words = max(len(words), 1)
    return {
        lang.code: len(lang.words.intersection(words)) / n_words
        + LETTER_WEIGHT * sum(map(lang.letters.__contains__, hits)) / counts[script]
        for lang in candidates
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
    # Nothing known in it. Here a Cyrillic, Arabic or Devanagari text is most likely its
    # script's main language; a Latin one may be any of many, unless it is short.
    script = dominant_script(text) or ""
    if script != "latin" or len(text[:SAMPLE].split()) <= SHORT:
        return DEFAULT.get(script, UNKNOWN)
    return UNKNOWN
