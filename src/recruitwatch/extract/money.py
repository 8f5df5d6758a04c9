"""Amounts of money with currency, period and role, in the languages lures come in:
"$3,000 a month", "٣٠٠٠ دولار شهرياً", "от 150 до 200 тысяч рублей в месяц", "Rs 1.25 lakh",
"ثلاثة آلاف دولار", "2,000 dollars on signing", "processing fees of KSh 200,000".

Works on normalised text (ASCII digits, folded letters). The words (currencies, multipliers,
number words, periods, and the cues that tell pay from a one-off bonus or a fee) are data, in
resources/money.yaml. Each figure is found first (a fast scan for digits and a few number
words), then its surroundings are read with anchored patterns, so the cost grows with the
figures in a text, not with the size of the lexicon.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from recruitwatch.text.normalize import Normalized, fold_pattern

# A figure: grouped thousands ("1,200", "2 040", "1.200.000"), Indian grouping ("1,25,000"),
# or plain digits with a decimal part ("2.5", "3,8").
_NUM = (
    r"\d{1,3}(?:(?P<sep>[ ,.'’])\d{3})(?:(?P=sep)\d{3})*(?:[.,]\d{1,2})?(?!\d)"
    r"|\d{1,2}(?:,\d{2})+,\d{3}(?!\d)"
    r"|\d+(?:[.,]\d+)?"
)
_NUM_HI = _NUM.replace("(?P<sep>", "(?P<sep2>").replace("(?P=sep)", "(?P=sep2)")
# No look-behind in front: a pattern that starts with a digit lets the engine skip ahead fast.
_FIGURE = re.compile(_NUM)
_INDIAN = re.compile(r"\d{1,2}(?:,\d{2})+,\d{3}")
_GROUPED = re.compile(r"(\d{1,3}(?:([ ,.'])\d{3})(?:\2\d{3})*)(?:[.,](\d{1,2}))?")
_GAP = r"[\s,.\-–—:;)]{0,4}"
_PAREN = r"(?:\((?P<paren>[^()\n]{0,60})\)[\s,.]{0,3})?"
_LETTER_AFTER = r"(?![^\W\d_])"
ROLES = ("pay", "bonus", "fee")
# Figures in words are rare in ASCII text: only look for them where one of these is written.
_ASCII_WORDS = re.compile(r"thousand|million|hundred|\bmil(?:le)?\b")
RECURRING = frozenset({"month", "year", "week", "day", "shift", "hour"})


@dataclass(frozen=True, slots=True)
class Money:
    """An amount as written. `role` says what it is for: "pay" (what the work earns),
    "bonus" (paid once: on signing, a lump sum) or "fee" (paid by the recruit: a fee,
    deposit or commission); None when the text does not say. `high` is the top of a range
    ("200-300 dollars": amount 200, high 300)."""

    amount: float
    currency: str | None
    period: str | None
    start: int
    end: int
    text: str
    role: str | None = None
    high: float | None = None


@dataclass(frozen=True)
class Lexicon:
    currency: dict[str, str]  # folded word -> ISO code
    multiplier: dict[str, float]
    count: dict[str, float]
    amount_word: dict[str, float]
    figure: re.Pattern[str]
    words: re.Pattern[str]  # figures written as words
    anchor: re.Pattern[str]  # the word a figure in words ends on ("آلاف", "thousand")
    cur_after: re.Pattern[str]
    cur_before: re.Pattern[str]  # runs on the reversed text, from the figure leftwards
    plus_before: re.Pattern[str]  # reversed too: "مليون و" before "750 ألف"
    mult: re.Pattern[str]
    range_: re.Pattern[str]
    period_after: re.Pattern[str]
    period_before: re.Pattern[str]
    role_before: re.Pattern[str]
    role_after: re.Pattern[str]
    families: tuple[tuple[frozenset[str], frozenset[str]], ...]  # (members, generic words)


def _variants(word: str) -> set[str]:
    """The folded spellings of a word (precomposed and decomposed marks fold apart)."""
    return {
        fold_pattern(unicodedata.normalize(form, word)).lower().strip() for form in ("NFC", "NFD")
    } - {""}


def _alternation(words: Iterable[str], reverse: bool = False) -> str:
    """Longest first, so "белорусских рублей" wins over "рублей"; spaces match any space.
    `reverse` spells each word backwards, for patterns run on the reversed text."""
    escaped = {
        re.escape(v[::-1] if reverse else v).replace(r"\ ", r"\s+")
        for w in words
        for v in _variants(w)
    }
    return "|".join(sorted(escaped, key=len, reverse=True))


def _groups(table: dict[str, list[str]]) -> str:
    return "|".join(f"(?P<{name}>{_alternation(words)})" for name, words in table.items())


def _table(raw: dict[Any, list[str]], value: Any = str) -> dict[str, Any]:
    return {v: value(key) for key, words in raw.items() for w in words for v in _variants(w)}


def build_lexicon(raw: dict[str, Any]) -> Lexicon:
    """The lexicon's patterns, from resources/money.yaml's shape."""
    currency = _table(raw["currencies"])
    cur = _alternation(currency)
    multiplier = _table(raw["multipliers"], float)
    mult = _alternation(multiplier)
    counts = raw["number_words"]["counts"]
    amounts = raw["number_words"]["amounts"]
    roles = raw["roles"]
    joiners = _alternation(raw["range_joiners"])
    count_words = _alternation(w for ws in counts.values() for w in ws)
    amount_words = _alternation(w for ws in amounts.values() for w in ws)
    after_cues = {k: v["after"] for k, v in roles.items() if "after" in v}
    return Lexicon(
        currency=currency,
        multiplier=multiplier,
        count=_table(counts, float),
        amount_word=_table(amounts, float),
        figure=_FIGURE,
        anchor=re.compile(
            _alternation(
                [w for w in multiplier if len(w) >= 3] + [w for ws in amounts.values() for w in ws]
            )
        ),
        words=re.compile(
            rf"(?:(?P<count>{count_words})\s+(?P<mult>{mult})|(?P<word>{amount_words}))"
            rf"{_LETTER_AFTER}"
        ),
        cur_after=re.compile(rf"\s{{0,2}}(?:(?:de|of|d'|di|za)\s+)?(?P<cur>{cur}){_LETTER_AFTER}"),
        plus_before=re.compile(
            "|".join(
                rf"(?P<p{int(value)}>\s{{0,2}}(?:{_alternation(words, reverse=True)}))"
                rf"{_LETTER_AFTER}"
                for value, words in raw["number_words"].get("plus_before", {}).items()
            )
            or "(?!)"
        ),
        cur_before=re.compile(
            rf"\s{{0,2}}\.?(?P<cur>{_alternation(currency, reverse=True)}){_LETTER_AFTER}"
        ),
        mult=re.compile(rf"\s{{0,2}}(?P<mult>{mult})\.?{_LETTER_AFTER}"),
        range_=re.compile(
            rf"\s{{0,2}}(?:{joiners})\s{{0,2}}(?:(?P<cur>{cur})\.?\s{{0,2}})?(?P<hi>{_NUM_HI})"
        ),
        period_after=re.compile(
            rf"{_GAP}{_PAREN}(?:{_groups(raw['periods_after'])}){_LETTER_AFTER}"
        ),
        period_before=re.compile(rf"(?<![^\W\d_])(?:{_groups(raw['periods_before'])})"),
        role_before=re.compile(
            rf"(?<![^\W\d_])(?:{_groups({k: v['before'] for k, v in roles.items()})})"
        ),
        role_after=re.compile(rf"{_GAP}{_PAREN}(?:{_groups(after_cues)})"),
        families=tuple(
            (
                frozenset(f["members"]),
                frozenset(v for w in f["generic"] for v in _variants(w)),
            )
            for f in raw.get("families", {}).values()
        ),
    )


@cache
def lexicon() -> Lexicon:
    """The packaged lexicon (cached: built once per process)."""
    path = resources.files("recruitwatch") / "resources" / "money.yaml"
    return build_lexicon(yaml.safe_load(path.read_text("utf-8")))


def parse_number(raw: str) -> float:
    """ "3,000" -> 3000, "2.5" -> 2.5, "190 000" -> 190000, "3.000.000" -> 3000000,
    "2.040" -> 2040 (a group of three after one separator is thousands), "1,25,000" ->
    125000, "1,200.50" -> 1200.5."""
    raw = raw.replace("\u00a0", " ").replace("’", "'").strip()
    if _INDIAN.fullmatch(raw):
        return float(raw.replace(",", ""))
    grouped = _GROUPED.fullmatch(raw)
    if grouped:
        whole = "".join(c for c in grouped.group(1) if c.isdigit())
        return float(f"{whole}.{grouped.group(3)}" if grouped.group(3) else whole)
    return float(raw.replace(" ", "").replace("'", "").replace(",", "."))


def _scale(amount: float, mult: str | None, lex: Lexicon) -> float:
    if not mult:
        return amount
    return amount * lex.multiplier.get(mult.rstrip(".").strip(), 1.0)


def _key(match: re.Match[str] | None, group: str) -> str | None:
    if match is None or match.group(group) is None:
        return None
    return " ".join(match.group(group).split())


@dataclass
class _Found:
    start: int
    end: int
    amount: float
    currency: str | None
    high: float | None
    multiplied: bool
    word: str = ""  # the currency as written (folded)


def _figure_at(
    text: str, reverse: str, match: re.Match[str], floor: int, lex: Lexicon
) -> _Found | None:
    """A figure with what is written round it: currency before or after, multiplier, range.
    None when it has neither a currency nor a multiplier (most figures: phones, ages)."""
    start, end = match.start(), match.end()
    mult = lex.mult.match(text, end)
    if mult:
        end = mult.end()
    span = lex.range_.match(text, end)
    top_mult = lex.mult.match(text, span.end()) if span else None
    tail = top_mult.end() if top_mult else span.end() if span else end
    size = len(text)
    before = lex.cur_before.match(reverse, size - start, size - floor)
    after = lex.cur_after.match(text, tail)
    if before is None and after is None and mult is None and top_mult is None:
        return None
    try:
        amount = _scale(parse_number(match.group()), _key(mult, "mult"), lex)
        top = _scale(parse_number(span.group("hi")), _key(top_mult, "mult"), lex) if span else -1
    except ValueError:
        return None
    plus = lex.plus_before.match(reverse, size - start, size - floor)
    if plus is not None and plus.lastgroup and amount < int(plus.lastgroup[1:]):
        amount += int(plus.lastgroup[1:])
        start = size - plus.end()
        before = lex.cur_before.match(reverse, size - start, size - floor)
    high = None
    if span is not None:
        # "от 150 до 200 тысяч": the multiplier after the top applies to both ends.
        low = amount if mult or not top_mult else _scale(amount, _key(top_mult, "mult"), lex)
        if top >= low:
            amount, high, end = low, top, tail
        else:
            top_mult, after = None, lex.cur_after.match(text, end)
    code = _key(after, "cur") or (_key(before, "cur") or "")[::-1] or None
    multiplied = bool(mult or (high is not None and top_mult))
    if code is None:
        return _Found(start, end, amount, None, high, multiplied)
    if before is not None:
        start = size - before.end()
    if after is not None:
        end = after.end()
    return _Found(start, end, amount, lex.currency.get(code), high, multiplied, code)


def _words_at(text: str, match: re.Match[str], lex: Lexicon) -> _Found | None:
    """A figure written in words, which counts only with a currency after it."""
    after = lex.cur_after.match(text, match.end())
    if after is None:
        return None
    word = _key(match, "word")
    if word is not None:
        amount = lex.amount_word.get(word, 0.0)
    else:
        amount = lex.count.get(_key(match, "count") or "", 1.0)
        amount = _scale(amount, _key(match, "mult"), lex)
    code = _key(after, "cur") or ""
    return _Found(match.start(), after.end(), amount, lex.currency.get(code), None, True, code)


def _role(text: str, found: _Found, floor: int, tail: int, lex: Lexicon) -> str | None:
    """What the amount is for: a bonus or fee cue right after it, else the nearest cue in
    the few words before it (not reaching back past the previous amount)."""
    after = lex.role_after.match(text, tail)
    if after is not None and after.lastgroup in ROLES:
        return after.lastgroup
    window = max(floor, found.start - 48)
    last = None
    for cue in lex.role_before.finditer(text, window, found.start):
        last = cue
    return last.lastgroup if last is not None else None


def find_money(norm: Normalized) -> list[Money]:
    """Every amount with a currency in the text, with its period and role when written;
    amounts without a currency only where a pay word and a multiplier say they are money
    ("зарплата от 150 тысяч")."""
    text = norm.text
    lex = lexicon()
    candidates: list[tuple[int, re.Match[str], bool]] = [
        (m.start(), m, False)
        for m in lex.figure.finditer(text)
        if not (m.start() and text[m.start() - 1].isdigit())
    ]
    if not text.isascii() or _ASCII_WORDS.search(text):
        candidates += _in_words(text, lex)
    candidates.sort(key=lambda c: c[0])
    reverse = text[::-1]
    kept: list[tuple[_Found, str | None, str | None, int]] = []
    floor = 0
    for start, match, in_words in candidates:
        if start < floor:
            continue
        if in_words:
            found = _words_at(text, match, lex)
        else:
            found = _figure_at(text, reverse, match, floor, lex)
        if found is None or found.start < floor:
            continue
        if found.currency is None and not (
            found.multiplied and _pay_cue_just_before(text, found, floor, lex)
        ):
            continue
        period, end, skipped = _period(text, found, floor, lex)
        role = _role(text, found, floor, end, lex)
        if role in ("bonus", "fee") and period not in RECURRING:
            period = "once"
        elif period == "once" and role is None:
            role = "bonus"
        elif role is None and period in RECURRING:
            role = "pay"
        floor = found.end if skipped else end
        kept.append((found, period, role, floor))
    currencies = _resolve_families([f for f, *_ in kept], lex)
    result = []
    for (found, period, role, stop), currency in zip(kept, currencies, strict=True):
        o_start, o_end = norm.original_span(found.start, stop)
        text_ = norm.original[o_start:o_end]
        result.append(
            Money(found.amount, currency, period, o_start, o_end, text_, role, found.high)
        )
    return result


def _in_words(text: str, lex: Lexicon) -> list[tuple[int, re.Match[str], bool]]:
    """Figures written in words: found from the word they end on (a short list, so the scan
    is fast), then read from the count word before it, if any ("ثلاثة آلاف")."""
    found: list[tuple[int, re.Match[str], bool]] = []
    for anchor in lex.anchor.finditer(text):
        start = anchor.start()
        if start and text[start - 1].isalpha():
            continue
        before = start
        while before > 0 and text[before - 1] == " ":
            before -= 1
        word = before
        while word > 0 and text[word - 1].isalpha() and before - word < 16:
            word -= 1
        for pos in (word, start) if word < before else (start,):
            if pos and text[pos - 1].isalpha():
                continue
            match = lex.words.match(text, pos)
            if match is not None and match.end() >= anchor.end():
                found.append((pos, match, True))
                break
    return found


def _resolve_families(found: list[_Found], lex: Lexicon) -> list[str | None]:
    """Currencies, with words several share ("rupees", "dinar") taking the member of their
    family that the text writes out elsewhere, when it writes out exactly one."""
    currencies = [f.currency for f in found]
    for members, generic in lex.families:
        explicit = {f.currency for f in found if f.currency in members and f.word not in generic}
        if len(explicit) == 1:
            (member,) = explicit
            currencies = [
                member if f.word in generic and c in members else c
                for f, c in zip(found, currencies, strict=True)
            ]
    return currencies


def _pay_cue_just_before(text: str, found: _Found, floor: int, lex: Lexicon) -> bool:
    last = None
    for cue in lex.role_before.finditer(text, max(floor, found.start - 24), found.start):
        last = cue
    return last is not None and last.lastgroup == "pay"


def _period(text: str, found: _Found, floor: int, lex: Lexicon) -> tuple[str | None, int, bool]:
    """The period written after the amount (past a bracketed conversion), else one written
    just before it ("monthly salary of"); with where the amount's text ends and whether a
    bracket was skipped (then the span stops at the amount, not to swallow the bracket)."""
    after = lex.period_after.match(text, found.end)
    if after is not None:
        name = after.lastgroup
        between = text[found.end : after.start(name)] if name else ""
        return name, after.end(), "(" in between or ")" in between
    window = max(floor, found.start - 40)
    last = None
    for cue in lex.period_before.finditer(text, window, found.start):
        last = cue
    return (last.lastgroup if last is not None else None), found.end, False


def money_value(money: Money) -> str:
    """ "3000 USD/month", "200-300 USD/month": the entity value of an amount."""
    amount = _format(money.amount)
    if money.high is not None and money.high != money.amount:
        amount = f"{amount}-{_format(money.high)}"
    period = f"/{money.period}" if money.period else ""
    return f"{amount} {money.currency or '?'}{period}"


def _format(amount: float) -> str:
    return f"{amount:.2f}".rstrip("0").rstrip(".")


# Folded currency word -> ISO code, for other extractors that read amounts (extract.claims).
CURRENCY: dict[str, str] = lexicon().currency
