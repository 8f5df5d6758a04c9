"""Finding the catalogue's indicators in a text, with evidence spans in the original."""

from __future__ import annotations

from recruitwatch.detect.catalogue import Catalogue, Indicator, SalaryNorms
from recruitwatch.detect.gate import candidates
from recruitwatch.detect.watchlist import Watchlist, packaged_watchlist, watchlist_hit
from recruitwatch.extract.money import Money, find_money, money_value
from recruitwatch.model import IndicatorHit, Span
from recruitwatch.text.normalize import Normalized

MAX_EVIDENCE = 3


def usd_per_month(money: Money, norms: SalaryNorms) -> float | None:
    """The amount in US dollars a month, or None when it is not a wage we can compare."""
    rate = norms.usd_per_unit.get(money.currency or "")
    if rate is None or money.period == "once":
        return None
    months = norms.months_per.get(money.period or "month", 1.0)
    return money.amount * rate * months


def salary_hit(
    indicator: Indicator, norm: Normalized, norms: SalaryNorms, amounts: list[Money] | None
) -> IndicatorHit | None:
    high = []
    for money in find_money(norm) if amounts is None else amounts:
        usd = usd_per_month(money, norms)
        if usd is not None and usd >= norms.threshold_usd_month:
            high.append((money, usd))
    if not high:
        return None
    money, usd = max(high, key=lambda pair: pair[1])
    note = (
        f"{money_value(money)} ≈ ${usd:,.0f} a month, "
        f"{usd / norms.threshold_usd_month:.1f}x the ${norms.threshold_usd_month:,.0f} norm"
    )
    evidence = tuple(Span(m.start, m.end, m.text) for m, _ in high[:MAX_EVIDENCE])
    return IndicatorHit(indicator.id, indicator.weight, evidence, note)


def pattern_hit(indicator: Indicator, norm: Normalized) -> IndicatorHit | None:
    assert indicator.regex is not None
    spans: list[Span] = []
    for match in indicator.regex.finditer(norm.text):
        if match.end() == match.start():
            continue
        start, end = norm.original_span(match.start(), match.end())
        spans.append(Span(start, end, norm.original[start:end]))
        if len(spans) == MAX_EVIDENCE:
            break
    if not spans:
        return None
    return IndicatorHit(indicator.id, indicator.weight, tuple(spans), indicator.note)


def find_indicators(
    norm: Normalized,
    catalogue: Catalogue,
    money: list[Money] | None = None,
    *,
    watchlist: Watchlist | None = None,
) -> tuple[IndicatorHit, ...]:
    """Every indicator that fires, in catalogue order, each with its evidence.

    `money` saves parsing amounts twice when the caller already has them; `watchlist` is
    the known schemes and actors to look for (None: the packaged ones).
    """
    hits: list[IndicatorHit] = []
    present: dict[str, bool] = {}
    if catalogue.gate is not None:
        may_fire = candidates(*catalogue.gate, norm.text)
        chosen = [i for n, i in enumerate(catalogue.indicators) if n in may_fire]
    else:
        chosen = list(catalogue.indicators)
    for indicator in chosen:
        if indicator.requires:
            for term in indicator.requires:
                if term not in present:
                    present[term] = catalogue.terms[term].search(norm.text) is not None
            if not all(present[t] for t in indicator.requires):
                continue
        if indicator.check == "salary":
            hit = salary_hit(indicator, norm, catalogue.salary, money)
        elif indicator.check == "watchlist":
            known = packaged_watchlist() if watchlist is None else watchlist
            hit = watchlist_hit(indicator.id, indicator.weight, norm, known, MAX_EVIDENCE)
        else:
            hit = pattern_hit(indicator, norm)
        if hit is not None:
            hits.append(hit)
    return tuple(hits)
