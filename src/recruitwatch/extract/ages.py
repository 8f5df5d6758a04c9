"""Ages and age ranges: "18-35", "aged 18 to 35", "من 18 الى 35 سنة", "от 18 до 35 лет"."""

from __future__ import annotations

import re

from recruitwatch.model import Entity
from recruitwatch.text.normalize import Normalized, fold_pattern

_AGE = r"(1[5-9]|[2-6]\d)"
_TO = r"\s*(?:-|–|—|to|until|الى|لغايه|حتى|до|по)\s*"
_CUE = (r"(?:ages?|aged|age group|between|from|years old|من عمر|بعمر|العمر|عمر|اعمار|الاعمار"
        r"|الفئه العمريه|من|بين|возраст(?:ом)?|в возрасте|от)")
_YEARS = r"(?:years?(?: old)?|yrs|y\.?o\.?|سنه|عام|عاما|سنوات|лет|года|год)"
RANGE_CUED = re.compile(fold_pattern(rf"(?<!\w){_CUE}\s*:?\s*(?:from|من|от)?\s*{_AGE}{_TO}{_AGE}(?:\s*{_YEARS})?"))
RANGE_YEARS = re.compile(fold_pattern(rf"(?<![\w.:/-]){_AGE}{_TO}{_AGE}\s*{_YEARS}(?!\w)"))
OPEN_UP = re.compile(fold_pattern(rf"(?<!\w)(?:age|aged|العمر|عمر|возраст)\s*:?\s*{_AGE}\s*\+"))
UNDER = re.compile(fold_pattern(rf"(?<!\w)(?:under|below|up to|اقل من|دون|до)\s*{_AGE}\s*{_YEARS}(?!\w)"))


def find_ages(norm: Normalized) -> list[Entity]:
    found: list[Entity] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, low: int | None, high: int | None) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        if low is not None and high is not None and low >= high:
            return
        value = f"{low}-{high}" if low and high else (f"{low}+" if low else f"-{high}")
        o_start, o_end = norm.original_span(start, end)
        found.append(Entity("age", value, norm.original[o_start:o_end], o_start, o_end,
                            {"min": low, "max": high}))
        taken.append((start, end))

    for rx in (RANGE_CUED, RANGE_YEARS):
        for m in rx.finditer(norm.text):
            add(m.start(), m.end(), int(m.group(1)), int(m.group(2)))
    for m in OPEN_UP.finditer(norm.text):
        add(m.start(), m.end(), int(m.group(1)), None)
    for m in UNDER.finditer(norm.text):
        add(m.start(), m.end(), None, int(m.group(1)))
    return sorted(found, key=lambda e: e.start)
