"""Organisations named with a cue word: "شركة النور", "Golden Gate Agency", "ООО «Вектор»"."""

from __future__ import annotations

import re

from recruitwatch.model import Entity
from recruitwatch.text.normalize import Normalized, fold_pattern

_NAME_AR = r"(?:[^\W\d_]{2,}(?:\s(?!لل|في|من|الى|على|عن|مع|براتب|للعمل)[^\W\d_]{2,}){0,2})"
_NAME_RU = r"(?:[«\"“]([^»\"”\n]{2,40})[»\"”]|([а-яa-z][\w-]{2,}(?:\s[а-яa-z][\w-]{2,})?))"
_NAME_EN = r"((?:[a-z][\w&'-]+\s){1,3})"
PATTERNS = (
    re.compile(fold_pattern(
        rf"(?<!\w)(?:شركة|شركه|مكتب|وكالة|مؤسسة|مجموعة)\s(?!عمل|سفر|في|من)(?P<name>{_NAME_AR})"
    )),
    re.compile(
        r"(?<!\w)(?:ооо|оао|зао|ип|кадровое агентство|агентство|компания|фирма)\s"
        rf"(?P<name>{_NAME_RU})"
    ),
    re.compile(rf"(?<![\w])(?P<name>{_NAME_EN})(?:company|agency|agencies|recruitment office"
               r"|recruiting office|group|llc|ltd|co\.)(?!\w)"),
)
STOP_EN = {"a", "an", "the", "our", "this", "recruitment", "travel", "your", "from", "by", "at",
           "of", "in", "and", "with", "for", "is", "are", "to", "any", "every", "no", "not"}


def _clean_en(name: str) -> str:
    words = name.split()
    while words and words[0] in STOP_EN:
        words.pop(0)
    return " ".join(words)


def find_organisations(norm: Normalized) -> list[Entity]:
    found = []
    for rx in PATTERNS:
        for m in rx.finditer(norm.text):
            name = m.group("name").strip(" «»\"“”")
            if rx is PATTERNS[2]:
                name = _clean_en(name)
                if not name:
                    continue
            start, end = m.span()
            o_start, o_end = norm.original_span(start, end)
            found.append(Entity("organisation", name, norm.original[o_start:o_end].strip(),
                                o_start, o_end))
    return found
