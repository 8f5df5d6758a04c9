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
ARABIC_COMMON = set("اليمنوهرتبعكدسفقة")


class UndecodableError(ValueError):
    """No supported encoding gives plausible text."""


def utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text of mostly ASCII or one script shows NULs in every other byte."""
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    name = None
    if odd > 0.3 and even < 0.05:
        name = "utf-16-le"
    elif even > 0.3 and odd < 0.05:
        name = "utf-16-be"
    if name is None:
        return None
    text = sample[: len(sample) // 2 * 2].decode(name, errors="replace")
    printable = sum(c.isprintable() or c in "\r\n\t" for c in text)
    return name if printable >= 0.95 * len(text) else None


def _score(text: str, encoding: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    if encoding == "cp1256":
        arabic = [c for c in letters if c in ARABIC_LETTERS]
        if not arabic:
            return 0.0
        # Russian bytes read as cp1256 give Arabic letters too, but rare ones, mixed with
        # accented Latin letters; real Arabic is mostly its common letters.
        common = sum(c in ARABIC_COMMON for c in arabic) / len(arabic)
        return (len(arabic) / len(letters)) * min(1.0, common / 0.6)
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
    utf16 = utf16_without_bom(sample[:4096])
    if utf16:
        return utf16
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # A sample cut in the middle of a character is still UTF-8.
        if exc.start >= len(sample) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"
        # UTF-8 with a few broken bytes is still UTF-8: the broken records get rejected.
        text = sample.decode("utf-8", errors="replace")
        broken = text.count("\ufffd")
        if broken <= max(2, len(text) // 200) and sum(ord(c) > 127 for c in text) > 4 * broken:
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
