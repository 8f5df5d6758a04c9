"""Finding known schemes and actors in a text: every alias of every watchlist entry, folded
like the text, matched on word boundaries, with spans in the original.

Spellings differ more than the normaliser folds, so each alias becomes a small pattern:
- words may be joined by spaces, hyphens, quotes, dots or nothing ("Alabuga-Start",
  "ОЭЗ «Алабуга»", "#AlabugaStart", "O.S.D." as "OSD");
- an Arabic alias may carry a prefix (و، ف، ب، ل، ك، ال and their joins), and the foreign
  g and v have several Arabic spellings (غ ج گ ك; ف ڤ);
- a Russian word takes its case endings ("Алабуга", "Алабуги", "Алабугой"), except
  acronyms written in capitals ("ЧВК").
All aliases go into one regular expression (longest first, so "Alabuga Start" wins over
"Alabuga"), behind an Aho-Corasick pass over a literal piece of each alias: most texts
mention no entry and never reach the expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import ahocorasick

from recruitwatch.detect.watchlist_entries import Entry, packaged_entries
from recruitwatch.model import IndicatorHit, Span
from recruitwatch.text.normalize import Normalized, normalize_text

_WORD = re.compile(r"[^\W_]+")
_SEPARATOR = r"[^\w\n]{0,4}"  # spaces, hyphens, quotes, dots between the words of a name
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]+")
_PREFIX = r"(?:[وفبلك]|وال|فال|بال|كال|ال|لل|وب|ول|وك)?"
_LETTER_CLASSES = {"غ": "[غجگك]", "ج": "[غجگك]", "گ": "[غجگك]", "ف": "[فڤ]", "ڤ": "[فڤ]"}
_ENDING = "[а-яе]{0,3}"  # Russian case endings (ё is folded to е)
_VOWELS = "аяоеиыуюйь"
MIN_KEY = 3


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a watchlist entry: the entry and where in the original text."""

    entry: Entry
    span: Span


@dataclass(frozen=True)
class Watchlist:
    """Entries with their compiled matcher; plain data that pickles (Dask ships it)."""

    entries: tuple[Entry, ...]
    regex: re.Pattern[str] | None
    owner: tuple[int, ...]  # alias group number -> index of its entry
    keys: Any = None  # Aho-Corasick automaton over a literal piece of each alias
    always: bool = False  # some alias has no literal piece: skip the first pass

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str) -> Entry | None:
        return next((e for e in self.entries if e.id == entry_id), None)


def _word_pattern(word: str, original: str) -> tuple[str, str]:
    """A folded word's pattern and a literal piece of it that every match contains."""
    if _CYRILLIC.fullmatch(word) and len(word) >= 4 and not original.isupper():
        stem = word[:-1] if word[-1] in _VOWELS else word
        return re.escape(stem) + _ENDING, stem
    if _ARABIC.search(word):
        parts = re.split("([غجگفڤ])", word)
        pattern = "".join(_LETTER_CLASSES.get(p, re.escape(p)) for p in parts)
        literal = max((p for p in parts if p not in _LETTER_CLASSES), key=len, default="")
        if word.startswith("ال") and len(word) > 3:
            pattern = "ا?" + pattern[1:]  # ل + ال is written لل: the alef goes
            literal = max((p for p in re.split("([غجگفڤ])", word[1:])), key=len)
        return pattern, literal
    return re.escape(word), word


def alias_pattern(alias: str) -> tuple[str, str] | None:
    """The pattern for one alias and a literal piece for the first pass (None: unusable)."""
    folded = normalize_text(alias)
    words = _WORD.findall(folded)
    originals = _WORD.findall(alias)
    if not words:
        return None
    if len(originals) != len(words):  # folding changed the word count: match as folded
        originals = words
    pieces = [_word_pattern(w, o) for w, o in zip(words, originals, strict=True)]
    body = _SEPARATOR.join(p for p, _ in pieces)
    prefix = _PREFIX if _ARABIC.match(words[0]) else ""
    literal = max((lit for _, lit in pieces), key=len)
    return f"(?<!\\w){prefix}(?P<{{name}}>{body})(?!\\w)", literal


def build_watchlist(entries: Iterable[Entry]) -> Watchlist:
    """Compile the entries' aliases into one matcher."""
    entries = tuple(entries)
    alternatives: list[tuple[int, str, int]] = []  # (length, pattern, entry index)
    literals: set[str] = set()
    always = False
    seen: set[str] = set()
    for n, entry in enumerate(entries):
        for alias in entry.aliases:
            built = alias_pattern(alias)
            if built is None:
                continue
            pattern, literal = built
            key = f"{n}\x00{pattern}"
            if key in seen:
                continue
            seen.add(key)
            alternatives.append((len(normalize_text(alias)), pattern, n))
            if len(literal) >= MIN_KEY:
                literals.add(literal)
            else:
                always = True
    if not alternatives:
        return Watchlist(entries, None, ())
    alternatives.sort(key=lambda a: -a[0])  # longest first: the fullest name wins
    regex = re.compile(
        "|".join(p.replace("{name}", f"a{i}") for i, (_, p, _) in enumerate(alternatives))
    )
    automaton = ahocorasick.Automaton()
    for literal in sorted(literals):
        automaton.add_word(literal, literal)
    automaton.make_automaton()
    return Watchlist(entries, regex, tuple(n for _, _, n in alternatives), automaton, always)


def _may_mention(watchlist: Watchlist, text: str) -> bool:
    if watchlist.always or watchlist.keys is None:
        return True
    return next(watchlist.keys.iter(text), None) is not None


def find_mentions(norm: Normalized, watchlist: Watchlist) -> list[Mention]:
    """Every mention of an entry in the text, in text order, spans in the original."""
    if watchlist.regex is None or not _may_mention(watchlist, norm.text):
        return []
    found = []
    for match in watchlist.regex.finditer(norm.text):
        name = match.lastgroup
        if name is None:
            continue
        start, end = match.span(name)
        if start == end:
            continue
        entry = watchlist.entries[watchlist.owner[int(name[1:])]]
        s, e = norm.original_span(start, end)
        found.append(Mention(entry, Span(s, e, norm.original[s:e])))
    return found


@cache
def packaged_watchlist() -> Watchlist:
    """The watchlist shipped in the package (cached: it is immutable)."""
    return build_watchlist(packaged_entries())


def watchlist_hit(
    indicator_id: str, weight: float, norm: Normalized, watchlist: Watchlist, limit: int = 3
) -> IndicatorHit | None:
    """The watchlist indicator's hit: the first `limit` mentions as evidence, and a note
    naming each entry mentioned with its first public source."""
    mentions = find_mentions(norm, watchlist)
    if not mentions:
        return None
    named: dict[str, Entry] = {}
    for mention in mentions:
        named.setdefault(mention.entry.id, mention.entry)
    note = "; ".join(
        f"{e.caption} — listed: {e.sources[0].url if e.sources else e.origin}"
        for e in named.values()
    )
    evidence = tuple(m.span for m in mentions[:limit])
    return IndicatorHit(indicator_id, weight, evidence, note)
