"""Decode bytes whose encoding nobody wrote down: UTF-8/16 with or without BOM,
windows-1256 (Arabic), cp1251 and KOI8-R (Russian).

Without a BOM and when strict UTF-8 fails, each 8-bit candidate is decoded and scored by how
much of it reads as letters of its own script and, for Russian, how common those letters
are: cp1251 and KOI8-R both decode any byte, but only the right one gives "о е а и н т".
"""

from __future__ import annotations

import codecs

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
EIGHT_BIT = ("cp1256", "cp1251", "koi8-r")
# The most frequent Russian letters, lower and upper case.
RUSSIAN_COMMON = set("оеаинтсрвлкмдпуОЕАИНТСРВЛКМДПУ")
ARABIC_LETTERS = set(chr(c) for c in range(0x0621, 0x064B))


class UndecodableError(ValueError):
    """No supported encoding gives plausible text."""


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text of mostly ASCII or one script shows NULs in every other byte."""
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _score(text: str, encoding: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    if encoding == "cp1256":
        own = sum(c in ARABIC_LETTERS for c in letters)
        return own / len(letters)
    cyrillic = [c for c in letters if "\u0400" <= c <= "\u04ff"]
    if not cyrillic:
        return 0.0
    common = sum(c in RUSSIAN_COMMON for c in cyrillic) / len(cyrillic)
    lower = sum(c.islower() for c in cyrillic) / len(cyrillic)
    # Wrong Russian codecs give mostly capitals and rare letters.
    return (len(cyrillic) / len(letters)) * (0.5 * common + 0.5 * lower)


def detect_encoding(sample: bytes) -> str:
    """The encoding of `sample` (a file's first bytes), or raise UndecodableError."""
    for bom, name in BOMS:
        if sample.startswith(bom):
            return name
    utf16 = _utf16_without_bom(sample[:4096])
    if utf16:
        return utf16
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # A sample cut in the middle of a character is still UTF-8.
        if exc.start >= len(sample) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"
    best, best_score = "", 0.0
    for name in EIGHT_BIT:
        text = sample.decode(name, errors="replace")
        score = _score(text, name)
        if score > best_score:
            best, best_score = name, score
    if best_score < 0.5:
        raise UndecodableError("cannot decode as UTF-8 or any supported encoding")
    return best


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode `data` strictly, detecting the encoding when not given: (text, encoding)."""
    name = encoding or detect_encoding(data[:65536])
    try:
        return data.decode(name), name
    except UnicodeDecodeError as exc:
        raise UndecodableError(
            f"cannot decode as {name}: invalid byte 0x{data[exc.start]:02x} at offset {exc.start}"
        ) from exc
