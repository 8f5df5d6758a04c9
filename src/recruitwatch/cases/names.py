"""Personal names across scripts: normalised Latin tokens and coarse phonetic keys.

The same person is written محمد كاظم الساعدي, Mohammed Kadhim Al-Saadi and Мухаммед Казым
Аль-Саади. Tokens are the name transliterated to Latin with particles resolved (the
article and bin/ibn dropped, abd/abu joined to the next word); keys are consonant
skeletons of tokens, equal across those spellings. Keys are deliberately coarse: Arabic
script does not write short vowels, so Hassan and Hussein share a key, as do Mahmoud and
Mohammed. All rules live in resources/cases/transliteration.yaml.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from recruitwatch.errors import ConfigError

_SPLIT = re.compile(r"[^\w']+|[\d_]+")
_TATWEEL = "\u0640"


@dataclass(frozen=True)
class _Rules:
    latin_variants: Mapping[str, str]
    arabic_folds: Mapping[str, str]
    arabic: Mapping[str, str]
    cyrillic: Mapping[str, str]
    cyrillic_longest: int
    digraph_guard: frozenset[str]
    article: str
    article_exceptions: frozenset[str]
    drop: frozenset[str]
    drop_arabic: frozenset[str]
    join: Mapping[str, str]
    join_arabic: Mapping[str, str]
    fused: tuple[str, ...]
    fused_arabic: Mapping[str, str]
    link_strip: Mapping[str, str]
    classes: Mapping[str, str]
    classes_longest: int
    vowels: frozenset[str]
    initial_consonants: frozenset[str]
    max_length: int


def _str_map(raw: object, where: str) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise ConfigError(f"transliteration.yaml: {where} must be a mapping")
    out: dict[str, str] = {}
    for key, value in raw.items():
        if not isinstance(key, str) or not isinstance(value, str):
            # YAML reads bare no/on/y as booleans: such keys must be quoted.
            raise ConfigError(f"transliteration.yaml: {where}: {key!r} must map text to text")
        out[key] = value
    return out


def _str_list(raw: object, where: str) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        raise ConfigError(f"transliteration.yaml: {where} must be a list of quoted strings")
    return [str(v) for v in raw]


def _section(raw: object, name: str) -> dict[str, object]:
    if not isinstance(raw, dict) or not isinstance(raw.get(name), dict):
        raise ConfigError(f"transliteration.yaml: {name} must be a mapping")
    section: dict[str, object] = raw[name]
    return section


@cache
def _rules() -> _Rules:
    path = resources.files("recruitwatch") / "resources" / "cases" / "transliteration.yaml"
    raw: object = yaml.safe_load(path.read_text(encoding="utf-8"))
    particles = _section(raw, "particles")
    key = _section(raw, "key")
    top = raw if isinstance(raw, dict) else {}
    cyrillic = _str_map(top.get("cyrillic"), "cyrillic")
    classes = _str_map(key.get("classes"), "key.classes")
    return _Rules(
        latin_variants=_str_map(top.get("latin_variants"), "latin_variants"),
        arabic_folds=_str_map(top.get("arabic_folds"), "arabic_folds"),
        arabic=_str_map(top.get("arabic"), "arabic"),
        cyrillic=cyrillic,
        cyrillic_longest=max(map(len, cyrillic), default=1),
        digraph_guard=frozenset(str(top.get("digraph_guard", ""))),
        article=str(particles.get("arabic_article", "")),
        article_exceptions=frozenset(
            _str_list(particles.get("arabic_article_exceptions", []), "arabic_article_exceptions")
        ),
        drop=frozenset(_str_list(particles.get("drop"), "particles.drop")),
        drop_arabic=frozenset(_str_list(particles.get("drop_arabic"), "particles.drop_arabic")),
        join=_str_map(particles.get("join"), "particles.join"),
        join_arabic=_str_map(particles.get("join_arabic"), "particles.join_arabic"),
        fused=tuple(_str_list(particles.get("fused"), "particles.fused")),
        fused_arabic=_str_map(particles.get("fused_arabic"), "particles.fused_arabic"),
        link_strip=_str_map(particles.get("link_strip"), "particles.link_strip"),
        classes=classes,
        classes_longest=max(map(len, classes), default=1),
        vowels=frozenset(str(key.get("vowels", ""))),
        initial_consonants=frozenset(str(key.get("initial_consonants", ""))),
        max_length=int(str(key.get("max_length", 16))),
    )


def _is_arabic(ch: str) -> bool:
    code = ord(ch)
    return (
        0x0600 <= code <= 0x06FF
        or 0x0750 <= code <= 0x077F
        or 0xFB50 <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFF
    )


def _is_deleted(ch: str) -> bool:
    # Tashkeel, combining accents and invisible marks never distinguish two names.
    return ch == _TATWEEL or unicodedata.category(ch) in ("Mn", "Me", "Cf")


def _normalise(text: str, rules: _Rules) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = "".join(rules.latin_variants.get(ch, ch) for ch in text if not _is_deleted(ch))
    return "".join(rules.arabic_folds.get(ch, ch) for ch in text)


def _longest_match(
    text: str, table: Mapping[str, str], longest: int, *, keep_unknown: bool = True
) -> list[str]:
    """Pieces of text by the longest keys of table; unlisted characters kept or dropped."""
    out: list[str] = []
    i = 0
    while i < len(text):
        for size in range(min(longest, len(text) - i), 0, -1):
            piece = table.get(text[i : i + size])
            if piece is not None:
                out.append(piece)
                i += size
                break
        else:
            if keep_unknown:
                out.append(text[i])
            i += 1
    return out


def _concat(left: str, right: str, rules: _Rules) -> str:
    # Keep an s, d, k... that meets an h from reading as the digraph sh, dh, kh.
    if left and right.startswith("h") and left[-1] in rules.digraph_guard:
        return f"{left}'{right}"
    return left + right


def _ascii_latin(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if ("a" <= ch <= "z") or ch == "'")


def _transliterate(token: str, rules: _Rules) -> str:
    if any(_is_arabic(ch) for ch in token):
        out = ""
        for ch in token:
            out = _concat(out, rules.arabic.get(ch, ch), rules)
        token = out
    token = "".join(_longest_match(token, rules.cyrillic, rules.cyrillic_longest))
    return _ascii_latin(token)


def _pieces(token: str, rules: _Rules) -> list[tuple[str, str]]:
    """("join", canonical) and ("word", latin) pieces of one raw token."""
    if any(_is_arabic(ch) for ch in token):
        if token in rules.drop_arabic:
            return []
        if token in rules.join_arabic:
            return [("join", rules.join_arabic[token])]
        for prefix, canonical in rules.fused_arabic.items():
            if token.startswith(prefix) and len(token) > len(prefix):
                return [("join", canonical), *_pieces(_strip_article(token[len(prefix) :]), rules)]
        token = _strip_article(token)
    latin = _transliterate(token, rules)
    if not latin.strip("'") or latin in rules.drop:
        return []
    if latin in rules.join:
        return [("join", rules.join[latin])]
    for prefix in rules.fused:
        if latin.startswith(prefix) and len(latin) > len(prefix):
            return [("join", prefix), ("word", latin[len(prefix) :])]
    return [("word", latin)]


def _strip_article(token: str) -> str:
    rules = _rules()
    article = rules.article
    if (
        article
        and token.startswith(article)
        and len(token) > len(article)
        and token not in rules.article_exceptions
    ):
        return token[len(article) :]
    return token


def name_tokens(name: str) -> list[str]:
    """Latin tokens of a personal name in any script, particles resolved."""
    rules = _rules()
    pieces: list[tuple[str, str]] = []
    for raw in _SPLIT.split(_normalise(name, rules)):
        if raw:
            pieces.extend(_pieces(raw, rules))
    out: list[str] = []
    pending: str | None = None
    for kind, value in pieces:
        if kind == "join":
            if pending is not None:
                out.append(pending)
            pending = value
        elif pending is not None:
            rest = value.lstrip(rules.link_strip.get(pending, ""))
            out.append(_concat(pending, rest, rules))
            pending = None
        else:
            out.append(value)
    if pending is not None:
        out.append(pending)
    return [token for token in out if token.strip("'")]


def _symbols(token: str, rules: _Rules) -> list[str]:
    pieces = _longest_match(token, rules.classes, rules.classes_longest, keep_unknown=False)
    return [symbol for piece in pieces for symbol in piece]


def _token_key(token: str, rules: _Rules) -> str:
    symbols = _symbols(_ascii_latin(token), rules)
    # Doubled letters (Muhammad, Hussein) are written once in Arabic script.
    collapsed = [s for i, s in enumerate(symbols) if i == 0 or s != symbols[i - 1]]
    if not collapsed:
        return ""
    key: list[str] = []
    rest = collapsed
    first = collapsed[0]
    if first in rules.initial_consonants:
        key.append(first)
        rest = collapsed[1:]
    elif first in rules.vowels:
        # One initial vowel, whatever its spelling: Omar, Umar and عمر all start with a.
        key.append("a")
        i = 0
        while i < len(rest) and rest[i] in rules.vowels - rules.initial_consonants:
            i += 1
        rest = rest[i:]
    key.extend(s for s in rest if s not in rules.vowels)
    text = "".join(key)
    # A final h is often silent (ta marbuta, Abdullah/Abdulla).
    if len(text) > 1 and text.endswith("h"):
        text = text[:-1]
    return text[: rules.max_length]


def name_key(token: str) -> str:
    """Coarse phonetic skeleton of a name token (any script), in ASCII letters."""
    rules = _rules()
    return "".join(_token_key(t, rules) for t in name_tokens(token))[: rules.max_length]


def name_keys(name: str) -> list[str]:
    """Keys of all tokens of a name, in order, empty keys dropped."""
    rules = _rules()
    keys = (_token_key(token, rules) for token in name_tokens(name))
    return [key for key in keys if key]
