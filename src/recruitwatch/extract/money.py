"""Amounts of money with currency and period: "$3,000 a month", "٣٠٠٠ دولار شهرياً",
"200 тысяч рублей в месяц". Works on normalised text (ASCII digits, folded letters)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from recruitwatch.text.normalize import Normalized, fold_pattern

CURRENCY_WORDS: dict[str, str] = {
    "$": "USD",
    "usd": "USD",
    "us$": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "دولار": "USD",
    "دولارات": "USD",
    "دولارا": "USD",
    "دولاراً": "USD",
    "الدولار": "USD",
    "доллар": "USD",
    "долларов": "USD",
    "доллара": "USD",
    "долл": "USD",
    "€": "EUR",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "يورو": "EUR",
    "евро": "EUR",
    "₽": "RUB",
    "rub": "RUB",
    "ruble": "RUB",
    "rubles": "RUB",
    "rouble": "RUB",
    "roubles": "RUB",
    "روبل": "RUB",
    "روبلات": "RUB",
    "рублей": "RUB",
    "рубля": "RUB",
    "рубль": "RUB",
    "руб": "RUB",
    "р": "RUB",
    "iqd": "IQD",
    "dinar": "IQD",
    "dinars": "IQD",
    "دينار": "IQD",
    "دنانير": "IQD",
    "الف دينار": "IQD",
    "динаров": "IQD",
    "byn": "BYN",
    "£": "GBP",
    "gbp": "GBP",
    "aed": "AED",
    "درهم": "AED",
}
MULTIPLIERS: dict[str, float] = {
    "k": 1e3,
    "thousand": 1e3,
    "الف": 1e3,
    "الاف": 1e3,
    "آلاف": 1e3,
    "тысяч": 1e3,
    "тысячи": 1e3,
    "тысяча": 1e3,
    "тыс": 1e3,
    "million": 1e6,
    "mln": 1e6,
    "مليون": 1e6,
    "ملايين": 1e6,
    "миллион": 1e6,
    "миллиона": 1e6,
    "миллионов": 1e6,
    "млн": 1e6,
}
PERIODS: tuple[tuple[str, str], ...] = (
    (
        "month",
        r"a month|per month|/\s?month|/\s?mo\b|monthly|every month|شهريا|بالشهر|في الشهر"
        r"|كل شهر|شهري|/\s?شهر|в месяц|ежемесячно|/\s?мес|в мес|месячн",
    ),
    ("year", r"a year|per year|/\s?year|annually|yearly|سنويا|بالسنه|في السنه|в год|/\s?год"),
    ("week", r"a week|per week|weekly|اسبوعيا|في الاسبوع|в неделю"),
    ("day", r"a day|per day|/\s?day|daily|يوميا|باليوم|في اليوم|в день|/\s?день|в сутки"),
    ("hour", r"an hour|per hour|/\s?h(?:ou)?r|بالساعه|в час"),
    ("once", r"one-off|one off|signing bonus|единовременно|разово|подъемные|مكافاه"),
)
_CUR = "|".join(sorted((re.escape(fold_pattern(c)) for c in CURRENCY_WORDS), key=len, reverse=True))
_MULT = "|".join(sorted((re.escape(fold_pattern(m)) for m in MULTIPLIERS), key=len, reverse=True))
_NUM = r"\d{1,3}(?:[ ,.\u00a0]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_AFTER = re.compile(
    rf"(?<![\w.,])(?P<num>{_NUM})\s?(?P<mult>(?:{_MULT})\.?)?\s?(?P<cur>{_CUR})(?![^\W\d_])",
)
_BEFORE = re.compile(
    rf"(?<![^\W\d_])(?P<cur>{_CUR})\s?(?P<num>{_NUM})\s?(?P<mult>(?:{_MULT})(?![^\W\d_]))?",
)
# "ألفين دولار" (two thousand dollars) and a bare "ألف دولار".
_WORDS = re.compile(r"(?<![\w])(?P<word>الفين|الفان|الف|مليون)\s(?P<cur>دولار|يورو|دينار)")
_PERIOD = [(n, re.compile(fold_pattern(rf"^[\s,.\-–:]{{0,4}}(?:{rx})"))) for n, rx in PERIODS]
CURRENCY = {fold_pattern(k): v for k, v in CURRENCY_WORDS.items()}
MULTIPLIER = {fold_pattern(k): v for k, v in MULTIPLIERS.items()}
WORD_AMOUNTS = {"الفين": 2000.0, "الفان": 2000.0, "الف": 1000.0, "مليون": 1e6}


@dataclass(frozen=True, slots=True)
class Money:
    amount: float
    currency: str | None
    period: str | None
    start: int
    end: int
    text: str


def parse_number(raw: str) -> float:
    """ "3,000" -> 3000, "2.5" -> 2.5, "190 000" -> 190000, "3.000.000" -> 3000000."""
    raw = raw.replace("\u00a0", " ")
    groups = re.split(r"[ ,.]", raw)
    if len(groups) > 1 and all(len(g) == 3 for g in groups[1:]):
        return float("".join(groups))
    return float(raw.replace(" ", "").replace(",", "."))


def _period(tail: str) -> tuple[str | None, int]:
    for name, rx in _PERIOD:
        match = rx.match(tail)
        if match:
            return name, match.end()
    return None, 0


def find_money(norm: Normalized) -> list[Money]:
    """Every amount with a currency in the text, with its period when one follows."""
    text = norm.text
    found: list[tuple[int, int, float, str]] = []
    taken: list[tuple[int, int]] = []
    for rx in (_AFTER, _BEFORE):
        for m in rx.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            try:
                amount = parse_number(m["num"])
            except ValueError:
                continue
            mult = (m["mult"] or "").rstrip(".")
            amount *= MULTIPLIER.get(mult, 1.0)
            if m["cur"] == "الف دينار":
                amount *= 1000
            end = m.end() if m["mult"] or rx is _AFTER else m.end("num")
            found.append((m.start(), end, amount, CURRENCY[m["cur"]]))
            taken.append((m.start(), end))
    for m in _WORDS.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            cur = CURRENCY[m["cur"]]
            found.append((m.start(), m.end(), WORD_AMOUNTS[m["word"]], cur))
    result = []
    for start, end, amount, currency in sorted(found):
        period, extra = _period(text[end : end + 30])
        end += extra
        o_start, o_end = norm.original_span(start, end)
        result.append(Money(amount, currency, period, o_start, o_end, norm.original[o_start:o_end]))
    return result


def money_value(money: Money) -> str:
    """ "3000 USD/month": the entity value of an amount."""
    amount = f"{money.amount:.2f}".rstrip("0").rstrip(".")
    period = f"/{money.period}" if money.period else ""
    return f"{amount} {money.currency or '?'}{period}"
