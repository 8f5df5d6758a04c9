"""Organisations named with a cue word: "شركة النور", "Golden Gate Agency", "ООО «Вектор»".

The cues, the words that end a name and the words that only describe ("شركة روسية",
"Our company") are data, in `resources/gazetteers/organisations.yaml`. A name is a quoted
string after its cue, or up to a few words, ending at punctuation, a line end or a stop
word; Russian and English names must be capitalised as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from recruitwatch.errors import ConfigError
from recruitwatch.model import Entity
from recruitwatch.text.normalize import Normalized, normalize_text

_WORD = re.compile(r"[^\W\d_]+(?:[-'’&][^\W\d_]+)*")
_QUOTES = {"«": "»", '"': '"', "“": "”", "„": "“"}
MAX_WORDS = 4


@dataclass(frozen=True, slots=True)
class Cues:
    before: re.Pattern[str]  # cue, then the name
    after: re.Pattern[str]  # the name, then the cue
    before_lang: dict[str, str]  # cue -> language
    stops: frozenset[str]
    generic: frozenset[str]


@cache
def load_cues() -> Cues:
    path = resources.files("recruitwatch") / "resources" / "gazetteers" / "organisations.yaml"
    data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        before = {normalize_text(c): lang for lang, cs in data["before_name"].items() for c in cs}
        after = [normalize_text(c) for cs in data["after_name"].values() for c in cs]
        stops = frozenset(normalize_text(w) for ws in data["stops"].values() for w in ws)
        generic = frozenset(normalize_text(w) for ws in data["generic"].values() for w in ws)
    except (KeyError, TypeError, AttributeError) as error:
        raise ConfigError(f"organisations.yaml: malformed ({error})") from error
    return Cues(_alternation(before), _alternation(after), before, stops, generic)


def _alternation(cues: dict[str, str] | list[str]) -> re.Pattern[str]:
    words = sorted(cues, key=len, reverse=True)  # longest cue first: "مكتب توظيف" over "مكتب"
    body = "|".join(re.escape(w) for w in words)
    # No lookbehind: a pattern that starts with a literal is scanned much faster; the
    # start of a word is checked by the caller.
    return re.compile(rf"(?:{body})(?![^\W\d_])")


def find_organisations(norm: Normalized) -> list[Entity]:
    """Every organisation named with a cue word; value is the normalised name."""
    cues = load_cues()
    found: list[Entity] = []
    text = norm.text
    for m in cues.before.finditer(text):
        if _inside_word(text, m.start()):
            continue
        lang = cues.before_lang[m.group()]
        named = _name_after(norm, m.end(), lang, cues)
        if named:
            found.append(_entity(norm, m.start(), named[2], named[:2]))
    for m in cues.after.finditer(text):
        if _inside_word(text, m.start()):
            continue
        span = _name_before(norm, m.start(), cues)
        if span:
            found.append(_entity(norm, span[0], m.end(), span))
    return found


def _inside_word(text: str, pos: int) -> bool:
    return pos > 0 and text[pos - 1].isalpha()


def _name_after(norm: Normalized, pos: int, lang: str, cues: Cues) -> tuple[int, int, int] | None:
    """(name start, name end, phrase end): a quoted name keeps its closing quote."""
    text = norm.text
    while pos < len(text) and text[pos] == " ":
        pos += 1
    if pos < len(text) and text[pos] in _QUOTES:
        close = text.find(_QUOTES[text[pos]], pos + 1, pos + 62)
        inner = text[pos + 1 : close] if close > 0 else ""
        if inner.strip() and "\n" not in inner:
            return pos + 1, close, close + 1
        return None
    start, end = pos, pos
    words: list[str] = []
    for m in _words_from(text, pos):
        word = m.group()
        if word in cues.stops or len(words) == MAX_WORDS:
            break
        if lang != "ar" and not _capitalised(norm, m.start()):
            break
        words.append(word)
        end = m.end()
    if not words or all(w in cues.generic for w in words):
        return None
    return start, end, end


def _words_from(text: str, pos: int) -> list[re.Match[str]]:
    """Consecutive words from `pos`, one space apart, on one line."""
    words: list[re.Match[str]] = []
    while True:
        m = _WORD.match(text, pos)
        if m is None:
            return words
        words.append(m)
        pos = m.end()
        if text[pos : pos + 1] != " ":
            return words
        pos += 1


def _name_before(norm: Normalized, pos: int, cues: Cues) -> tuple[int, int] | None:
    """Capitalised words right before an English cue, without leading generic ones."""
    text = norm.text
    spans: list[tuple[int, int]] = []
    end = pos - 1
    while end > 0 and text[end] == " " and len(spans) < MAX_WORDS:
        start = end
        while start > 0 and (text[start - 1].isalpha() or text[start - 1] in "-'&"):
            start -= 1
        if start == end or not _capitalised(norm, start):
            break
        spans.append((start, end))
        end = start - 1
    spans.reverse()
    while spans and text[spans[0][0] : spans[0][1]] in cues.generic:
        spans.pop(0)
    return (spans[0][0], spans[-1][1]) if spans else None


def _capitalised(norm: Normalized, pos: int) -> bool:
    start, _ = norm.original_span(pos, pos + 1)
    return norm.original[start].isupper()


def _entity(norm: Normalized, start: int, end: int, name: tuple[int, int]) -> Entity:
    value = " ".join(norm.text[name[0] : name[1]].split())
    o_start, o_end = norm.original_span(start, end)
    return Entity(
        "organisation",
        value,
        norm.original[o_start:o_end],
        o_start,
        o_end,
        {"name": norm.original_text(*name)},
    )
