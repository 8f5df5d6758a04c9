"""Is the promised pay far above the norm where the work is? (salary_far_above_norm)

The norm is the ordinary monthly wage of the destination the text names (Russia and Belarus
first), else of the country the pay's currency implies, else the default; see
resources/salary_norms.yaml for the figures, their sources and how the margin was chosen.
Only amounts the text calls pay count: a bonus, a signing payment, a fee or a deposit is
never monthly pay.
"""

from __future__ import annotations

import re
from functools import cache

from recruitwatch.detect.catalogue import CountryNorm, Indicator, SalaryNorms
from recruitwatch.extract.money import Money, find_money, money_value
from recruitwatch.model import IndicatorHit, Span
from recruitwatch.text.normalize import Normalized, fold_pattern

MAX_EVIDENCE = 3
NOT_PAY = frozenset({"bonus", "fee"})
# Arabic writes "and", "in", "to", "the" onto the next word: "وروسيا", "بالعراق", "لروسيا".
_CLITICS = "(?:[وفبلك]|ال|وال|بال|لل)?"


def usd_per_month(money: Money, norms: SalaryNorms) -> float | None:
    """The amount in US dollars a month, or None when it is not a wage we can compare
    (unknown currency, paid once, a bonus or a fee)."""
    rate = norms.usd_per_unit.get(money.currency or "")
    if rate is None or money.period == "once" or money.role in NOT_PAY:
        return None
    months = norms.months_per.get(money.period or "month", 1.0)
    return money.amount * rate * months


def _stems(words: tuple[str, ...]) -> str:
    folded = {fold_pattern(w).lower() for w in words}
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(folded, key=len)[::-1])


@cache
def _places(countries: tuple[CountryNorm, ...]) -> re.Pattern[str] | None:
    groups = [f"(?P<c{i}>{_stems(c.names)})" for i, c in enumerate(countries) if c.names]
    if not groups:
        return None
    return re.compile(rf"(?<![^\W\d_]){_CLITICS}(?:{'|'.join(groups)})")


@cache
def _skilled(words: tuple[str, ...]) -> re.Pattern[str] | None:
    return re.compile(rf"(?<![^\W\d_]){_CLITICS}(?:{_stems(words)})") if words else None


def _usd(where: CountryNorm, norms: SalaryNorms) -> float:
    return where.amount * norms.usd_per_unit[where.currency]


def destination(text: str, currencies: set[str], norms: SalaryNorms) -> CountryNorm | None:
    """The place whose norm applies: among the countries the (normalised) text names and
    those the pay's currencies imply, a lure destination (Russia, Belarus) first, else the
    one with the highest norm; the default norm where there is none."""
    found = _places(norms.countries)
    named = set()
    if found is not None:
        for match in found.finditer(text):
            named.add(int((match.lastgroup or "c0")[1:]))
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
    if not pay:
        return None
    where = destination(norm.text, {m.currency or "" for m, _ in pay}, norms)
    base = norms.threshold_usd_month / norms.margin if where is None else _usd(where, norms)
    skilled = _skilled(norms.skilled)
    factor = norms.skilled_factor if skilled and skilled.search(norm.text) else 1.0
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
