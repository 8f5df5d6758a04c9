"""Finding the catalogue's indicators in a text, with evidence spans in the original."""

from __future__ import annotations

from recruitwatch.detect.catalogue import Catalogue, Indicator
from recruitwatch.detect.gate import candidates
from recruitwatch.detect.salary import salary_hit
from recruitwatch.detect.salary import usd_per_month as usd_per_month  # store.reporting
from recruitwatch.detect.watchlist import Watchlist, packaged_watchlist, watchlist_hit
from recruitwatch.extract.money import Money
from recruitwatch.model import IndicatorHit, Span
from recruitwatch.text.normalize import Normalized

MAX_EVIDENCE = 3


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
