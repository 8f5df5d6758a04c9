"""Ages and age ranges asked for: "18-35", "aged 18 to 35", "من 18 الى 35 سنة", "от 18 до 35 лет".

A pair of numbers is an age range only with an age word before it ("age", "العمر",
"возраст") or a years word after it ("years", "سنة", "лет"), and only between 15 and 70, so
salaries, dates and phone digits stay out. Value: "18-35", "20+" (a minimum), "-40" (a
maximum); attrs min and max.
"""

from __future__ import annotations

import re

from recruitwatch.model import Entity
from recruitwatch.text.normalize import Normalized, fold_pattern

YOUNGEST, OLDEST = 15, 70
_N = r"(\d{2})(?![\d.,:/]\d)"
_NUM_START = r"(?<![\d.,:/$€£₽+\-])"
_TO = r"\s*(?:-|–|—|to|and|until|till|الى|إلى|لغاية|حتى|و|до|по|и)\s*"
_AGE_WORD = (
    r"(?:age[sd]?|age group|age limit|ages between|between the ages of|from the age of"
    r"|العمر|عمر|بعمر|اعمار|الاعمار|الفئة العمرية|السن|سن|возраст(?:ом|а)?|в возрасте)"
)
_FROM = r"(?:from|between|من|بين|от)"
_YEARS = r"(?:years?(?: old)?|yrs|y\.?o\.?|سنة|سنه|عام|عاما|سنوات|лет|года|год)"
_MIN_WORD = r"(?:over|above|older than|at least|فوق|اكثر من|اكبر من|старше|не младше)"
_MAX_WORD = r"(?:under|below|up to|younger than|not over|اقل من|دون|لا يزيد عن|до|младше|не старше)"
_END = r"(?![^\W_])"

_FORMS: tuple[tuple[str, str], ...] = (
    # "age 18-35", "العمر من 18 الى 35", "возраст от 18 до 45 лет"
    (
        "range",
        rf"(?<!\w){_AGE_WORD}\s*:?\s*(?:{_FROM}\s*)?{_NUM_START}{_N}{_TO}{_N}"
        rf"(?:\s*{_YEARS})?{_END}",
    ),
    # "from 18 to 35 years", "18-35 years old", "من 18 الى 35 سنة", "от 18 до 35 лет"
    ("range", rf"(?:(?<!\w){_FROM}\s*)?{_NUM_START}{_N}{_TO}{_N}\s*{_YEARS}{_END}"),
    # "age 20+", "20+ years", "العمر 20 فما فوق"
    ("min", rf"(?<!\w){_AGE_WORD}\s*:?\s*{_NUM_START}{_N}\s*(?:\+|فما فوق|и старше|or older)"),
    ("min", rf"{_NUM_START}{_N}\s*\+\s*{_YEARS}{_END}"),
    # "over 18 years", "старше 18 лет", "age: over 20"
    ("min", rf"(?<!\w)(?:{_AGE_WORD}\s*:?\s*)?{_MIN_WORD}\s*{_N}\s*{_YEARS}{_END}"),
    # "under 40", "младше 40 лет", "اقل من 40 سنة", "age up to 40"
    ("max", rf"(?<!\w){_AGE_WORD}\s*:?\s*{_MAX_WORD}\s*{_N}{_END}"),
    ("max", rf"(?<!\w){_MAX_WORD}\s*{_N}\s*{_YEARS}{_END}"),
    ("max", rf"(?<!\w)(?:under|below)\s*{_N}(?!\s*(?:%|\$|€|k\b|[^\W\d_]))"),
)
# One pattern, one branch per form in order of preference, so a window is scanned once.
_PATTERN = re.compile(fold_pattern("|".join(f"(?P<f{i}>{rx})" for i, (_, rx) in enumerate(_FORMS))))


_NUMBER = re.compile(r"\d+")
BEFORE, AFTER = 34, 26  # characters an age phrase can reach around its first number


def find_ages(norm: Normalized) -> list[Entity]:
    """Every age range, minimum or maximum age asked for in the text."""
    text = norm.text
    # The patterns run only in windows around numbers that could be ages: most of a
    # post has none, and eight patterns over all of it would cost too much.
    windows = _windows(text)
    if not windows:
        return []
    found: list[Entity] = []
    for lo, hi in windows:
        for m in _PATTERN.finditer(text, lo, hi):
            if m.end() == hi and hi < len(text):
                continue  # cut by the window: seen whole in a wider one, or not at all
            bounds = _bounds(m)
            if bounds is not None:
                found.append(_entity(norm, m.start(), m.end(), *bounds))
    return sorted(found, key=lambda e: e.start)


def _windows(text: str) -> list[tuple[int, int]]:
    """Merged stretches of text around the two-digit numbers that could be ages."""
    windows: list[tuple[int, int]] = []
    for m in _NUMBER.finditer(text):
        start, end = m.span()
        if end - start != 2 or not YOUNGEST <= int(m.group()) <= OLDEST:
            continue
        if _in_digit_groups(text, start, end):
            continue
        lo, hi = max(0, start - BEFORE), min(len(text), end + AFTER)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _in_digit_groups(text: str, start: int, end: int) -> bool:
    """A later group of a phone ("345-67-89") or an amount ("18 500") is no age."""
    before = text[max(0, start - 2) : start]
    if before[-1:] == "+" or (len(before) == 2 and before[0].isdigit() and before[1] in "-. "):
        return True
    after = text[end : end + 4]
    return len(after) == 4 and after[0] in " .," and after[1:].isdigit()


def _bounds(m: re.Match[str]) -> tuple[int | None, int | None] | None:
    """(min, max) of the matched form, or None when the numbers are not ages."""
    branch = m.lastgroup or ""
    kind = _FORMS[int(branch[1:])][0]
    first_group = _PATTERN.groupindex[branch] + 1
    first = int(m.group(first_group))
    if not YOUNGEST <= first <= OLDEST:
        return None
    if kind == "min":
        return first, None
    if kind == "max":
        return None, first
    second = int(m.group(first_group + 1))
    if not first < second <= OLDEST:
        return None
    return first, second


def _entity(norm: Normalized, start: int, end: int, low: int | None, high: int | None) -> Entity:
    if low is not None and high is not None:
        value = f"{low}-{high}"
    elif low is not None:
        value = f"{low}+"
    else:
        value = f"-{high}"
    o_start, o_end = norm.original_span(start, end)
    return Entity(
        "age", value, norm.original[o_start:o_end], o_start, o_end, {"min": low, "max": high}
    )
