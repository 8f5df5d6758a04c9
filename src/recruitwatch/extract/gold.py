"""Extracted entities against gold entity values (real labelled texts): pure judges.

A gold `salary` value is an annotator's note ("$2500/month plus a signing bonus",
"ثلاثة آلاف دولار شهريا"), not always the text's own words, so it is matched by its figures:
the promised pay counts as found when a `money` entity overlaps a place in the text where one
of the gold's figures is written, or when its amount equals the gold's main figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from recruitwatch.model import Entity
from recruitwatch.text.normalize import fold_pattern, normalize

# A number as written: "2,500", "2 500", "1.25", "٣٠٠٠" (digits are ASCII once normalised).
_NUMBER = re.compile(r"\d+(?:[ ,.'’]\d+)*")
_GROUPED = re.compile(r"\d{1,3}(?:([ ,.'’])\d{3})(?:\1\d{3})*")
# Multiplier words written after a figure, in the languages of the gold values (folded).
_MULTIPLIERS: dict[str, float] = {
    fold_pattern(word): value
    for words, value in (
        (("k", "thousand", "mil", "mila", "ming", "elfu", "тыс", "тысяч", "тысячи", "тисяч"), 1e3),
        (("ألف", "آلاف", "ألفي", "ہزار", "हजार", "हज़ार", "ҳазор", "হাজার", "ஆயிரம்"), 1e3),
        (("lakh", "lakhs", "लाख", "லட்சம்", "লাখ", "لاکھ", "ලක්ෂ"), 1e5),
        (("crore", "करोड़", "கோடி", "কোটি"), 1e7),
        (("million", "millions", "milhoes", "milhões", "millones", "milioni", "mln"), 1e6),
        (("млн", "миллион", "миллиона", "миллионов", "مليون", "ملايين"), 1e6),
    )
    for word in words
}
# Figures written in words ("three thousand", "ثلاثة آلاف", "трех миллионов"): the words a
# gold value may hold instead of digits, with their value (folded spelling).
_WORDS: dict[str, float] = {
    fold_pattern(word): value
    for word, value in (
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("five", 5),
        ("ten", 10),
        ("hundred", 100),
        ("thousand", 1e3),
        ("million", 1e6),
        ("واحد", 1),
        ("اثنين", 2),
        ("ثلاثة", 3),
        ("ثلاث", 3),
        ("أربعة", 4),
        ("خمسة", 5),
        ("عشرة", 10),
        ("مئة", 100),
        ("مائة", 100),
        ("ألف", 1e3),
        ("آلاف", 1e3),
        ("ألفي", 2e3),
        ("ألفين", 2e3),
        ("ألفا", 2e3),
        ("مليون", 1e6),
        ("два", 2),
        ("двух", 2),
        ("три", 3),
        ("трех", 3),
        ("трёх", 3),
        ("пять", 5),
        ("тысяча", 1e3),
        ("тысяч", 1e3),
        ("миллион", 1e6),
        ("миллиона", 1e6),
        ("миллионов", 1e6),
    )
}
_WORD_RX = re.compile(
    r"(?<!\w)(?:"
    + "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True))
    + r")(?:\s+(?:"
    + "|".join(sorted(map(re.escape, _WORDS), key=len, reverse=True))
    + r"))*(?!\w)"
)


def _digits(number: str) -> str:
    """The figure's digits without separators: "2,500" and "2 500" are both "2500"."""
    return re.sub(r"\D", "", number)


def _number_value(number: str) -> float:
    """ "2,500" -> 2500, "1.25" -> 1.25, "2.040" -> 2040 (a group of three is thousands)."""
    if _GROUPED.fullmatch(number):
        return float(_digits(number))
    return float(re.sub(r"[ '’]", "", number).replace(",", "."))


def _words_value(phrase: str) -> float:
    """ "ثلاثه الاف" -> 3000, "трех миллионов" -> 3e6: small counts times a multiplier."""
    total, current = 0.0, 0.0
    for word in phrase.split():
        value = _WORDS[word]
        if value >= 1000:
            total += max(current, 1.0) * value
            current = 0.0
        elif value == 100:
            current = max(current, 1.0) * 100
        else:
            current += value
    return total + current


def has_figure(value: str) -> bool:
    """Whether a gold value states a figure (digits or number words), not just "high pay"."""
    folded = normalize(value).text
    return bool(re.search(r"\d", folded) or _WORD_RX.search(folded))


def gold_figures(value: str) -> list[str]:
    """The figures a gold value names, as they would be matched in the text: digit strings
    without separators ("2500"), or folded number-word phrases ("ثلاثه الاف")."""
    folded = normalize(value).text
    figures = [_digits(m.group()) for m in _NUMBER.finditer(folded)]
    if not figures:
        figures = [m.group() for m in _WORD_RX.finditer(folded)]
    return figures


def main_figure(value: str) -> float | None:
    """The gold's main (first) figure as an amount: "Rs 1.25 lakh a month" -> 125000,
    "ثلاثة آلاف دولار" -> 3000, "50 ҳазор рубли" -> 50000; None when it states none."""
    folded = normalize(value).text
    number = _NUMBER.search(folded)
    if number is not None:
        try:
            amount = _number_value(number.group())
        except ValueError:
            return None
        after = re.match(r"\s*([^\W\d_]+|\$)", folded[number.end() :])
        if after is not None:
            amount *= _MULTIPLIERS.get(after.group(1), 1.0)
        return amount
    words = _WORD_RX.search(folded)
    return _words_value(words.group()) if words is not None else None


def figure_spans(text: str, figure: str) -> list[tuple[int, int]]:
    """Where a gold figure is written in the text (spans in the original text)."""
    norm = normalize(text)
    spans = []
    if figure.isdigit():
        for m in _NUMBER.finditer(norm.text):
            if _digits(m.group()) == figure:
                spans.append(norm.original_span(m.start(), m.end()))
    else:
        for m in re.finditer(rf"(?<!\w){re.escape(figure)}(?!\w)", norm.text):
            spans.append(norm.original_span(m.start(), m.end()))
    return spans


def _same_amount(a: float, b: float | None) -> bool:
    return b is not None and abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1.0)


def promised_pay_found(text: str, gold_values: Sequence[str], entities: Iterable[Entity]) -> bool:
    """Whether any gold pay value (those with a figure) comes out as a `money` entity: one
    whose span overlaps where a gold figure is written in `text`, or whose amount equals a
    gold value's main figure. False when no gold value has a figure."""
    money = [e for e in entities if e.type == "money"]
    for value in gold_values:
        if not has_figure(value):
            continue
        main = main_figure(value)
        spans = [s for f in gold_figures(value) for s in figure_spans(text, f)]
        for entity in money:
            amount = entity.attrs.get("amount")
            if isinstance(amount, (int, float)) and _same_amount(float(amount), main):
                return True
            if any(entity.start < end and start < entity.end for start, end in spans):
                return True
    return False
