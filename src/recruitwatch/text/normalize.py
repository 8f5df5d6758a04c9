"""Normalisation for matching, with every normalised span mapped back to the original.

Every change is one character to one character, or a deletion (diacritics, tatweel,
invisible format marks, combining accents). Nothing expands, so a normalised position maps
back to the original through the list of kept positions, and only texts that lost
characters need that list at all. A letter written as base plus combining mark folds like
its precomposed form (decomposed Cyrillic й stays й).

Folded: Arabic alef forms, alef maqsura to ya, ta marbuta to ha, hamza seats, Persian and
Kurdish letter variants to their Arabic counterparts, Arabic-Indic and Persian digits to
ASCII, Arabic punctuation, presentation forms, Cyrillic ё, Latin case and accents,
full-width and mathematical letters (used to dodge filters), exotic spaces and line
separators. Vowel signs of Indic scripts are letters, not diacritics, and are kept.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cache

_ARABIC_FOLD = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ٲ": "ا",
    "ٳ": "ا",
    "ى": "ي",
    "ئ": "ي",
    "ؤ": "و",
    "ة": "ه",
    # Persian and Kurdish letters that stand for Arabic ones in loose spelling
    "ک": "ك",
    "ی": "ي",
    "ێ": "ي",
    "ې": "ي",
    "ۍ": "ي",
    "ے": "ي",
    "ە": "ه",
    "ھ": "ه",
    "ہ": "ه",
    "ۀ": "ه",
    "ۓ": "ي",
    "ۂ": "ه",
    "ۆ": "و",
    "ۇ": "و",
    "ۈ": "و",
    "ۉ": "و",
    "ڵ": "ل",
    "ڕ": "ر",
    "،": ",",
    "؛": ";",
    "؟": "?",
    "٪": "%",
    "٫": ".",
    "٬": ",",
    "ё": "е",
    "Ё": "е",
    "ß": "ß",  # kept: casefold would expand it
    "İ": "i",  # lower() would expand it
    "\u2028": "\n",
    "\u2029": "\n",
}
_SPACES = "\u00a0\u1680\u202f\u205f\u3000" + "".join(chr(c) for c in range(0x2000, 0x200B))
_TATWEEL = "\u0640"
# Marks that compose with the letter before them into another letter (й, ї, é).
_COMPOSING = re.compile("[\u0300-\u036f]")


def _is_deleted(ch: str) -> bool:
    if ch == _TATWEEL:
        return True
    category = unicodedata.category(ch)
    if category == "Cf":  # zero-width marks, direction marks, BOM, soft hyphen, word joiner
        return True
    # Diacritics, harakat, combining accents; but Indic vowel signs spell the word.
    return category == "Mn" and not 0x0900 <= ord(ch) < 0x1AB0


def _fold_one(ch: str) -> str | None:
    """The normalised form of one character: one character, or None to delete it."""
    if ch in _ARABIC_FOLD:
        return _ARABIC_FOLD[ch]
    if ch in _SPACES:
        return " "
    if _is_deleted(ch):
        return None
    if ch.isdigit() and unicodedata.decimal(ch, None) is not None:
        return str(unicodedata.decimal(ch))
    base = ch
    compat = unicodedata.normalize("NFKC", ch)
    if len(compat) == 1:
        base = compat
    decomposed = unicodedata.normalize("NFD", base)
    if (
        len(decomposed) > 1
        and decomposed[0] < "\u0250"  # Latin only: Cyrillic й and Arabic letters are letters
        and all(unicodedata.category(c) == "Mn" for c in decomposed[1:])
    ):
        base = decomposed[0]  # é -> e
    lower = base.lower()
    if len(lower) == 1:
        base = lower
    base = _ARABIC_FOLD.get(base, base)
    return base


@cache
def _table() -> dict[int, str | None]:
    """The translation table, built once from Unicode data (not hand-kept)."""
    table: dict[int, str | None] = {}
    # Beyond the BMP only mathematical and enclosed letters: look-alikes that dodge filters.
    ranges = [(0x80, 0x3000), (0xFB00, 0x10000), (0x1D400, 0x1D800), (0x1F100, 0x1F1E6)]
    for lo, hi in ranges:
        for cp in range(lo, hi):
            ch = chr(cp)
            if unicodedata.category(ch) in ("Cn", "Cs", "Co"):
                continue
            folded = _fold_one(ch)
            if folded != ch:
                table[cp] = folded
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp + 32)
    return table


@cache
def _deleted() -> frozenset[str]:
    return frozenset(chr(cp) for cp, v in _table().items() if v is None)


@dataclass(frozen=True, slots=True)
class Normalized:
    """A normalised text that remembers the original it came from."""

    text: str
    original: str
    _kept: list[int] | None = field(default=None, repr=False, compare=False)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map [start, end) in the normalised text to the exact span in the original.

        A span that ends on a letter takes that letter's diacritics with it.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span {start}:{end} outside text of length {len(self.text)}")
        kept = self._kept
        if kept is None:
            return start, end
        if start == end:
            pos = kept[start] if start < len(kept) else len(self.original)
            return pos, pos
        orig_end = kept[end - 1] + 1
        limit = kept[end] if end < len(kept) else len(self.original)
        while orig_end < limit and _trails(self.original[orig_end]):
            orig_end += 1
        return kept[start], orig_end

    def original_text(self, start: int, end: int) -> str:
        s, e = self.original_span(start, end)
        return self.original[s:e]


def _trails(ch: str) -> bool:
    return ch in _deleted() and (ch == _TATWEEL or unicodedata.category(ch) == "Mn")


def normalize(text: str) -> Normalized:
    """Fold `text` for matching; see the module docstring for what is folded."""
    if text.isascii():
        return Normalized(text.lower(), text)
    folded = text.translate(_table())
    if len(folded) == len(text):
        return Normalized(folded, text)
    deleted = _deleted()
    kept = [i for i, ch in enumerate(text) if ch not in deleted]
    if _COMPOSING.search(text):
        folded = _compose(text, folded, kept)
    return Normalized(folded, text, kept)


def _compose(text: str, folded: str, kept: list[int]) -> str:
    """Fold a letter followed by a combining mark like its precomposed form (и + ̆ is й)."""
    table = _table()
    chars = list(folded)
    for match in _COMPOSING.finditer(text):
        base = match.start() - 1
        j = bisect_left(kept, base)
        if base < 0 or j == len(kept) or kept[j] != base:
            continue  # the mark follows another mark or a deleted character
        composed = unicodedata.normalize("NFC", text[base : base + 2])
        if len(composed) == 1:
            chars[j] = table.get(ord(composed), composed) or chars[j]
    return "".join(chars)


def normalize_text(text: str) -> str:
    """Just the normalised string, for keys and comparisons."""
    if text.isascii():
        return text.lower()
    if _COMPOSING.search(text):
        return normalize(text).text
    return text.translate(_table())


# Unbounded runs of word or non-space characters backtrack quadratically on a long text with
# no spaces (40 KB of one word took seconds); no real word is longer than this.
_UNBOUNDED = re.compile(r"(?<!\\)(\\[wS])([*+])")
MAX_WORD = 40


def fold_pattern(pattern: str) -> str:
    """A regex written in plain spelling, folded like the text it will run on, with its
    `\\w*`, `\\w+`, `\\S*`, `\\S+` bounded to MAX_WORD characters.

    Only non-ASCII characters are folded, so escapes such as \\D or \\S keep their case.
    """
    table = _table()
    folded = "".join(ch if ch.isascii() else (table.get(ord(ch), ch) or "") for ch in pattern)
    return _UNBOUNDED.sub(
        lambda m: f"{m.group(1)}{{{0 if m.group(2) == '*' else 1},{MAX_WORD}}}", folded
    )
