"""Finding known schemes and actors in a text: every alias of every watchlist entry, folded
like the text, matched on word boundaries, with spans in the original.

Spellings differ more than the normaliser folds, so each alias becomes a small pattern:
- words may be joined by spaces, hyphens, quotes, dots or nothing ("Alabuga-Start",
  "ОЭЗ «Алабуга»", "#AlabugaStart", "O.S.D." as "OSD");
- an Arabic alias may carry a prefix (و، ف، ب، ل، ك، ال and their joins), and the foreign
  g and v have several Arabic spellings (غ ج گ ك; ف ڤ);
- a Russian word takes its case endings ("Алабуга", "Алабуги", "Алабугой"), except
  acronyms written in capitals ("ЧВК").
Each alias is one regular expression; an Aho-Corasick pass over the spellings of its words
picks the few whose every word occurs in the text, so most texts run none of them. Where
names overlap, the fullest wins ("Alabuga Start" over "Alabuga").
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
    patterns: tuple[re.Pattern[str], ...] = ()  # one per distinct alias
    owner: tuple[int, ...] = ()  # alias number -> index of its entry
    needs: tuple[int, ...] = ()  # alias number -> how many of its words the first pass needs
    keys: Any = None  # Aho-Corasick: each word's spellings -> (alias number, word number)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str) -> Entry | None:
        return next((e for e in self.entries if e.id == entry_id), None)


def _spellings(word: str) -> set[str]:
    """Every literal spelling of an Arabic word under the letter classes (capped)."""
    options = [_LETTER_CLASSES[c].strip("[]") if c in _LETTER_CLASSES else c for c in word]
    found = {""}
    for choice in options:
        found = {f + c for f in found for c in choice}
        if len(found) > 64:
            return {word}  # too many: only the spelling given (the pattern still matches all)
    return found


def _word_pattern(word: str, original: str) -> tuple[str, set[str]]:
    """A folded word's pattern and the literal spellings one of which every match holds."""
    if _CYRILLIC.fullmatch(word) and len(word) >= 4 and not original.isupper():
        stem = word[:-1] if word[-1] in _VOWELS else word
        return re.escape(stem) + _ENDING, {stem}
    if _ARABIC.search(word):
        pattern = "".join(_LETTER_CLASSES.get(c, re.escape(c)) for c in word)
        if word.startswith("ال") and len(word) > 3:
            # ل + ال is written لل: the alef goes
            return "ا?" + pattern[1:], _spellings(word[1:])
        return pattern, _spellings(word)
    return re.escape(word), {word}


def alias_pattern(alias: str) -> tuple[str, list[set[str]]] | None:
    """The pattern for one alias (its name in group `m`) and, for each word long enough to
    look for, its literal spellings (None: the alias has no word)."""
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
    keys = [k for _, k in pieces if min(map(len, k)) >= MIN_KEY]
    return f"(?<!\\w){prefix}(?P<m>{body})(?!\\w)", keys


def build_watchlist(entries: Iterable[Entry]) -> Watchlist:
    """Compile the entries' aliases: one pattern each, and a first pass over their words."""
    entries = tuple(entries)
    patterns: list[re.Pattern[str]] = []
    owner: list[int] = []
    needs: list[int] = []
    automaton = ahocorasick.Automaton()
    seen: set[tuple[int, str]] = set()
    for n, entry in enumerate(entries):
        for alias in entry.aliases:
            built = alias_pattern(alias)
            if built is None or (n, built[0]) in seen:
                continue
            seen.add((n, built[0]))
            number = len(patterns)
            patterns.append(re.compile(built[0]))
            owner.append(n)
            needs.append(len(built[1]))
            for w, spellings in enumerate(built[1]):
                for spelling in spellings:
                    holders = automaton.get(spelling, ())
                    automaton.add_word(spelling, (*holders, (number, w)))
    if len(automaton):
        automaton.make_automaton()
    return Watchlist(entries, tuple(patterns), tuple(owner), tuple(needs), automaton)


def _candidates(watchlist: Watchlist, text: str) -> list[int]:
    """The aliases all of whose words occur in the text (the only ones that can match)."""
    found: dict[int, set[int]] = {}
    if len(watchlist.keys):
        for _, holders in watchlist.keys.iter(text):
            for number, word in holders:
                found.setdefault(number, set()).add(word)
    ready = [n for n, words in found.items() if len(words) == watchlist.needs[n]]
    return ready + [n for n, need in enumerate(watchlist.needs) if need == 0]


def find_mentions(norm: Normalized, watchlist: Watchlist) -> list[Mention]:
    """Every mention of an entry in the text, in text order, spans in the original. Where
    names overlap, the one starting first wins, then the longest ("Alabuga Start" over
    "Alabuga")."""
    if not watchlist.patterns:
        return []
    spans: list[tuple[int, int, int]] = []  # (start, -length, alias)
    for number in _candidates(watchlist, norm.text):
        for match in watchlist.patterns[number].finditer(norm.text):
            start, end = match.span("m")
            if end > start:
                spans.append((start, start - end, number))
    found = []
    reached = 0
    for start, negative, number in sorted(spans):
        if start < reached:
            continue
        end = start - negative
        reached = end
        s, e = norm.original_span(start, end)
        entry = watchlist.entries[watchlist.owner[number]]
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
