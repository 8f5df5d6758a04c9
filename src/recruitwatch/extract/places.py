"""Places named in a text, by token lookup in the shipped gazetteers.

Every written form a name can take is generated once, when the index is built: Arabic
names with their proclitics (بروسيا، والبصرة، للبصرة), Russian names with their case
endings (России, Россию, в Москве). Matching is then one dictionary lookup per token, plus
a look at the following tokens for names of several words. Names that are also common
words carry a rule from `ambiguities.csv` (see the README there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from recruitwatch.extract.gazetteer import Place, load_ambiguities, load_places
from recruitwatch.model import Entity
from recruitwatch.text.normalize import Normalized, normalize_text

_TOKEN = re.compile(r"[^\W_]+")
_GAP = re.compile(r"[ \-.'’]{1,2}")  # between the words of one name: "St. Petersburg"
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_CYRILLIC_END = re.compile(r"[а-я]$")
MAX_WORDS = 5  # no name in the gazetteers has more words
PROCLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك")
# Words that make an ambiguous name a place: "مدينة العمارة", "محافظة الرمادي".
PLACE_WORDS = frozenset(
    normalize_text(w)
    for w in [
        "مدينة",
        "محافظة",
        "قضاء",
        "ناحية",
        "مركز",
        "city",
        "province",
        "governorate",
        "город",
        "г",
    ]
)
# Russian case endings by the last letter of the nominative.
_ENDINGS = {
    "а": ("а", "ы", "и", "е", "у", "ой", "ою"),
    "я": ("я", "и", "ю", "ей", "е"),
    "ь": ("ь", "и", "ью", "я", "ю", "е", "ем"),
    "й": ("й", "я", "ю", "е", "ем"),
    "ы": ("ы", "ов", "ам", "ах", "ами"),
}
_CONSONANT_ENDINGS = ("", "а", "у", "е", "ом")


@dataclass(frozen=True, slots=True)
class Form:
    """One written form of a name, keyed in the index by its first token."""

    rest: tuple[str, ...]  # the name's further tokens
    skip: int  # proclitic letters before the name in the first token
    place: Place
    rule: str | None


@cache
def place_index() -> dict[str, tuple[Form, ...]]:
    """First token -> the forms starting with it, longest first (built once)."""
    rules = {normalize_text(k): v for k, v in load_ambiguities().items()}
    exact: dict[str, list[Form]] = {}
    prefixed: dict[str, list[Form]] = {}
    for place in load_places():
        for name in {n for names in place.names.values() for n in names}:
            tokens = tuple(_TOKEN.findall(normalize_text(name)))
            if not tokens:
                continue
            rule = rules.get(" ".join(tokens))
            for variant in _inflections(tokens):
                exact.setdefault(variant[0], []).append(Form(variant[1:], 0, place, rule))
                for head, skip in _proclitic_heads(variant[0]):
                    form = Form(variant[1:], skip, place, rule)
                    prefixed.setdefault(head, []).append(form)
    index = {head: forms for head, forms in prefixed.items() if head not in exact}
    index.update(exact)  # a name as written beats a proclitic reading of another
    return {head: _unique(forms) for head, forms in index.items()}


def _unique(forms: list[Form]) -> tuple[Form, ...]:
    by_key = {(f.rest, f.skip, f.place.code): f for f in forms}
    return tuple(sorted(by_key.values(), key=_form_order))


def _form_order(form: Form) -> tuple[int, str]:
    return (-len(form.rest), form.place.code)


def _inflections(tokens: tuple[str, ...]) -> set[tuple[str, ...]]:
    """The name, and with a Russian last word, that word in every case."""
    last = tokens[-1]
    if not _CYRILLIC_END.search(last) or len(last) < 4:
        return {tokens}
    endings = _ENDINGS.get(last[-1])
    if endings is not None:
        stem = last[:-1]
    elif last[-1] in "оеиую":
        return {tokens}
    else:
        stem, endings = last, _CONSONANT_ENDINGS
    return {(*tokens[:-1], stem + ending) for ending in endings}


def _proclitic_heads(token: str) -> list[tuple[str, int]]:
    """An Arabic first word as it appears after و ف ب ل ك: (written form, proclitic length)."""
    if not _ARABIC.search(token):
        return []
    heads = [(p + token, len(p)) for p in PROCLITICS]
    if token.startswith("ال"):  # ل + ال is written لل: للبصرة
        heads += [(p + "لل" + token[2:], len(p)) for p in ("", "و", "ف")]
    return heads


def find_places(norm: Normalized) -> list[Entity]:
    """Every gazetteer place named in the text, value its code, span in the original."""
    index = place_index()
    text = norm.text
    words = _TOKEN.findall(text)
    hits = [i for i, word in enumerate(words) if word in index]
    if not hits:
        return []
    tokens = _positions(text, words[: hits[-1] + MAX_WORDS])
    found: list[Entity] = []
    after = 0  # the first token not yet taken by a match
    for i in hits:
        if i < after:
            continue
        match = _match(norm, tokens, i, index[words[i]])
        if match is not None:
            form, last = match
            found.append(_entity(norm, tokens[i][0] + form.skip, tokens[last][1], form.place))
            after = last + 1
    return found


def _positions(text: str, words: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, word) of each token; only non-token characters lie between tokens, so
    each word's next occurrence is the token itself (and str.find beats finditer)."""
    tokens = []
    pos = 0
    find = text.find
    for word in words:
        pos = find(word, pos)
        end = pos + len(word)
        tokens.append((pos, end, word))
        pos = end
    return tokens


def _match(
    norm: Normalized, tokens: list[tuple[int, int, str]], i: int, forms: tuple[Form, ...]
) -> tuple[Form, int] | None:
    for form in forms:
        last = i + len(form.rest)
        if last >= len(tokens) or not _continues(norm.text, tokens, i, form.rest):
            continue
        if _passes(norm, tokens, i, form):
            return form, last
    return None


def _continues(
    text: str, tokens: list[tuple[int, int, str]], i: int, rest: tuple[str, ...]
) -> bool:
    for k, word in enumerate(rest, start=i + 1):
        if tokens[k][2] != word or not _GAP.fullmatch(text, tokens[k - 1][1], tokens[k][0]):
            return False
    return True


def _passes(norm: Normalized, tokens: list[tuple[int, int, str]], i: int, form: Form) -> bool:
    if form.rule == "capitalised":
        start, _ = norm.original_span(tokens[i][0] + form.skip, tokens[i][1])
        return norm.original[start].isupper()
    if form.rule == "after-place-word":
        if i == 0:
            return False
        before = tokens[i - 1][2]
        return before in PLACE_WORDS or (len(before) > 2 and before[1:] in PLACE_WORDS)
    return True


def _entity(norm: Normalized, start: int, end: int, place: Place) -> Entity:
    o_start, o_end = norm.original_span(start, end)
    attrs: dict[str, Any] = {"kind": place.kind, "country": place.country}
    if place.parent:
        attrs["province" if place.kind == "city" else "region"] = place.parent
    if place.occupied:
        attrs["occupied"] = True
    return Entity("place", place.code, norm.original[o_start:o_end], o_start, o_end, attrs)
