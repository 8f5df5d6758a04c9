"""Phone numbers: Iraqi (+964, 07xx), Russian (+7, 8), any E.164 with a plus.

Candidates come from a regex over the normalised text (Arabic-Indic digits are already
ASCII, direction marks already gone) and are checked by `phonenumbers`; its
PhoneNumberMatcher is far too slow for a per-document budget of microseconds. A run of
digit groups may hold several numbers ("0770 123 4567 / 0780 ..."), so the groups are
split greedily into the longest valid numbers.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers

from recruitwatch.model import Entity
from recruitwatch.text.normalize import Normalized

# Seven or more digits in groups joined by at most three separators; a plus may open any
# group. No lookbehind, so the scan skips ahead fast; what precedes is checked after.
_RUN = re.compile(r"\+?\(?\d(?:[ ().\-]{0,3}\+?\d){6,}")
_BAD_BEFORE = frozenset("0123456789abcdefghijklmnopqrstuvwxyz+#№=_@.-")
_GROUP = re.compile(r"\+?\d+")
# 15.03.2024, 2024-03-15, 03/2024: dates written with separators are never phones.
_DATE = re.compile(r"\d{1,4}[./\-]\d{1,2}[./\-]\d{2,4}")
_AFTER_OK = re.compile(r"(?![0-9a-z_%$€₽@]|[.,]\d|/[^0-9 ])")
MIN_DIGITS, MAX_DIGITS = 9, 15
_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    phonenumbers.PhoneNumberType.VOIP,
}


@lru_cache(maxsize=4096)
def to_e164(digits: str, region: str = "IQ") -> str | None:
    """The E.164 form of a dialled string ("+9647701234567", "07701234567"), or None.

    Without a plus, only national forms are taken: a trunk 0 in `region`, a Russian trunk 8
    with 11 digits, or the international 964/7 prefix typed without its plus.
    """
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    if digits.startswith("+"):
        return _parse(digits, None)
    if digits.startswith("0") and len(digits) >= MIN_DIGITS:
        return _parse(digits, region)
    if digits.startswith("8") and len(digits) == 11:
        return _parse(digits, "RU")
    if digits.startswith("964") and len(digits) in (12, 13):
        return _parse("+" + digits, None)
    return None


def _parse(digits: str, region: str | None) -> str | None:
    try:
        number = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    if phonenumbers.number_type(number) not in _TYPES:
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


@lru_cache(maxsize=4096)
def phone_region(e164: str) -> str | None:
    """The ISO country of an E.164 number ("+9647701234567" -> "IQ")."""
    region = phonenumbers.region_code_for_number(phonenumbers.parse(e164, None))
    return str(region) if region and region != "ZZ" else None


def find_phones(norm: Normalized, region: str = "IQ") -> list[Entity]:
    """Every valid phone number in the text, value E.164, span in the original text."""
    text = norm.text
    found: list[Entity] = []
    for run in _RUN.finditer(text):
        raw = run.group()
        if not _clear_before(text, run.start()) or _DATE.fullmatch(raw):
            continue
        if not _AFTER_OK.match(text, run.end()):
            continue
        groups = [
            (run.start() + g.start(), run.start() + g.end(), g.group())
            for g in _GROUP.finditer(raw)
        ]
        found.extend(_split(norm, groups, region))
    return found


def _clear_before(text: str, start: int) -> bool:
    """Not glued to a word, an order number or a URL path ("x/0770...", but "0770/0780")."""
    if start == 0:
        return True
    if text[start - 1] in _BAD_BEFORE:
        return False
    return not (text[start - 1] == "/" and start > 1 and text[start - 2] not in "0123456789 ")


def _split(norm: Normalized, groups: list[tuple[int, int, str]], region: str) -> list[Entity]:
    """The longest valid numbers made of consecutive digit groups, left to right."""
    found: list[Entity] = []
    i = 0
    while i < len(groups):
        for j in _ends(groups, i):
            digits = "".join(g[2] for g in groups[i : j + 1])
            value = to_e164(digits, region)
            if value is None:
                continue
            start, end = groups[i][0], groups[j][1]
            if start > 0 and norm.text[start - 1] == "(":
                start -= 1  # "(0770) 123 4567" keeps its bracket
            found.append(_entity(norm, start, end, value, region))
            i = j
            break
        i += 1
    return found


def _ends(groups: list[tuple[int, int, str]], i: int) -> list[int]:
    """Last-group indexes to try from group i, longest first, stopping at a new plus."""
    ends: list[int] = []
    digits = 0
    for j in range(i, len(groups)):
        if j > i and groups[j][2].startswith("+"):
            break
        digits += len(groups[j][2].lstrip("+"))
        if digits > MAX_DIGITS:
            break
        if digits >= MIN_DIGITS - 1:  # "+7 912..." counts its plus as a digit-less mark
            ends.append(j)
    return ends[::-1]


def _entity(norm: Normalized, start: int, end: int, value: str, region: str) -> Entity:
    o_start, o_end = norm.original_span(start, end)
    raw = norm.original[o_start:o_end]
    attrs = {"region": phone_region(value) or region, "raw": raw}
    return Entity("phone", value, raw, o_start, o_end, attrs)
