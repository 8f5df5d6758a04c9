"""Is the promised pay far above the norm where the work is? (salary_far_above_norm)

The norm is the ordinary monthly wage of the destination the text names (Russia and Belarus
first), else of the country the pay's currency implies, else the default; see
resources/salary_norms.yaml for the figures, their sources and how the margin was chosen.
Only amounts the text calls pay count: a bonus, a signing payment, a fee or a deposit is
never monthly pay.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import ahocorasick

from recruitwatch.detect.catalogue import CountryNorm, Indicator, SalaryNorms
from recruitwatch.extract.money import Money, find_money, money_value
from recruitwatch.model import IndicatorHit, Span
from recruitwatch.text.normalize import Normalized, fold_pattern

MAX_EVIDENCE = 3
NOT_PAY = frozenset({"bonus", "fee"})
# Arabic writes "and", "in", "to", "the" onto the next word: "وروسيا", "بالعراق", "لروسيا".
_CLITIC_BEFORE = re.compile(r"(?<![^\W\d_])(?:[وفبلك]|ال|وال|بال|لل)$")


def usd_per_month(money: Money, norms: SalaryNorms) -> float | None:
    """The amount in US dollars a month, or None when it is not a wage we can compare
    (unknown currency, paid once, a bonus or a fee)."""
    rate = norms.usd_per_unit.get(money.currency or "")
    if rate is None or money.period == "once" or money.role in NOT_PAY:
        return None
    months = norms.months_per.get(money.period or "month", 1.0)
    return money.amount * rate * months


def _automaton(words: dict[str, int]) -> Any:
    """One Aho-Corasick pass finds every stem (a few hundred, in many scripts) at once; a
    regular expression would try them one by one at every letter."""
    automaton = ahocorasick.Automaton()
    for word, value in words.items():
        automaton.add_word(word, (value, len(word)))
    automaton.make_automaton()
    return automaton


@dataclass(frozen=True)
class _Compiled:
    places: Any  # Aho-Corasick automaton: folded stem -> (country index, length)
    skilled: Any  # folded stem -> (0, length)
    floor_usd: float  # the lowest norm: pay under margin x this can fire nowhere


_COMPILED: dict[int, tuple[SalaryNorms, _Compiled]] = {}


def _folded(word: str) -> str:
    return " ".join(fold_pattern(word).lower().split())


def _compiled(norms: SalaryNorms) -> _Compiled:
    """The norms' word lists, built once per norms object (kept by identity: the norms hold
    dicts, so they cannot be a cache key)."""
    known = _COMPILED.get(id(norms))
    if known is not None and known[0] is norms:
        return known[1]
    places = {_folded(n): i for i, c in enumerate(norms.countries) for n in c.names}
    usd = [_usd(c, norms) for c in (norms.default, *norms.countries) if c is not None]
    compiled = _Compiled(
        _automaton(places) if places else None,
        _automaton({_folded(w): 0 for w in norms.skilled}) if norms.skilled else None,
        min(usd) if usd else norms.threshold_usd_month / norms.margin,
    )
    _COMPILED[id(norms)] = (norms, compiled)
    return compiled


def _at_word_start(text: str, start: int) -> bool:
    """Whether a match begins a word, allowing Arabic clitics ("وروسيا", "بالعراق")."""
    if start == 0 or not text[start - 1].isalpha():
        return True
    return _CLITIC_BEFORE.search(text, max(0, start - 3), start) is not None


def _mentions(automaton: Any, text: str) -> set[int]:
    """The values of the stems that begin a word in the text."""
    if automaton is None:
        return set()
    return {
        value for end, (value, size) in automaton.iter(text) if _at_word_start(text, end - size + 1)
    }


def _usd(where: CountryNorm, norms: SalaryNorms) -> float:
    return where.amount * norms.usd_per_unit[where.currency]


def destination(text: str, currencies: set[str], norms: SalaryNorms) -> CountryNorm | None:
    """The place whose norm applies: among the countries the (normalised) text names and
    those the pay's currencies imply, a lure destination (Russia, Belarus) first, else the
    one with the highest norm; the default norm where there is none."""
    named = _mentions(_compiled(norms).places, text)
    places = [c for i, c in enumerate(norms.countries) if i in named]
    places += [c for c in norms.countries if currencies.intersection(c.implied_by)]
    if not places:
        return norms.default
    first = [c for c in places if c.first]
    return max(first or places, key=lambda c: _usd(c, norms))


def salary_hit(
    indicator: Indicator, norm: Normalized, norms: SalaryNorms, amounts: list[Money] | None
) -> IndicatorHit | None:
    """A hit when pay is at least the margin times the norm where the work is; the note
    says the amount, the norm that applied and the margin."""
    pay = []
    for money in find_money(norm) if amounts is None else amounts:
        usd = usd_per_month(money, norms) if money.role == "pay" else None
        if usd is not None:
            pay.append((money, usd))
    compiled = _compiled(norms)
    if not pay or max(usd for _, usd in pay) < compiled.floor_usd * norms.margin:
        return None  # below the margin of every norm: no need to find the destination
    where = destination(norm.text, {m.currency or "" for m, _ in pay}, norms)
    base = norms.threshold_usd_month / norms.margin if where is None else _usd(where, norms)
    skilled = _mentions(compiled.skilled, norm.text)
    factor = norms.skilled_factor if skilled else 1.0
    limit = base * norms.margin * factor
    high = [(m, usd) for m, usd in pay if usd >= limit]
    if not high or base <= 0:
        return None
    money, usd = max(high, key=lambda pair: pair[1])
    if where is None:
        place = f"the ${base:,.0f} norm"
    else:
        place = f"the {where.label} norm of {where.amount:,.0f} {where.currency} (${base:,.0f})"
    note = (
        f"{money_value(money)} ≈ ${usd:,.0f} a month, {usd / base:.1f}x {place} a month; "
        f"far above from {norms.margin * factor:.1f}x"
        + (" (skilled work)" if factor != 1.0 else "")
    )
    evidence = tuple(Span(m.start, m.end, m.text) for m, _ in high[:MAX_EVIDENCE])
    return IndicatorHit(indicator.id, indicator.weight, evidence, note)
