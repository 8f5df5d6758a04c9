"""Finding the catalogue's indicators in a text, with evidence spans in the original."""

from __future__ import annotations

import re

from recruitwatch.detect.catalogue import Catalogue, Indicator
from recruitwatch.detect.gate import candidates
from recruitwatch.detect.salary import salary_hit
from recruitwatch.detect.salary import usd_per_month as usd_per_month  # store.reporting
from recruitwatch.detect.watchlist import Watchlist, packaged_watchlist, watchlist_hit
from recruitwatch.extract.money import Money
from recruitwatch.model import IndicatorHit, Span
from recruitwatch.text.normalize import Normalized

MAX_EVIDENCE = 3


def pattern_hit(
    indicator: Indicator, norm: Normalized, regexes: list[re.Pattern[str]] | None = None
) -> IndicatorHit | None:
    """The indicator's first matches, with spans in the original text. `regexes`: only
    these of its languages' patterns (those the gate let through); their matches are merged
    as one alternation would find them: leftmost first, earlier language on a tie, no
    overlaps."""
    assert indicator.regex is not None
    found: list[tuple[int, int, int]] = []  # start, language order, end
    for order, regex in enumerate([indicator.regex] if regexes is None else regexes):
        taken = 0
        for match in regex.finditer(norm.text):
            if match.end() > match.start():
                found.append((match.start(), order, match.end()))
                taken += 1
                if taken == MAX_EVIDENCE:
                    break
    spans: list[Span] = []
    last_end = -1
    for begin, _, finish in sorted(found):
        if begin < last_end:
            continue
        start, end = norm.original_span(begin, finish)
        spans.append(Span(start, end, norm.original[start:end]))
        last_end = finish
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
    regexes: dict[int, list[re.Pattern[str]]] | None = None
    if catalogue.gate is not None and catalogue.items:
        regexes = {}
        for k in sorted(candidates(*catalogue.gate, norm.text)):
            n, regex = catalogue.items[k]
            regexes.setdefault(n, [])
            if regex is not None:
                regexes[n].append(regex)
        chosen = [(n, catalogue.indicators[n]) for n in sorted(regexes)]
    else:
        chosen = list(enumerate(catalogue.indicators))
    for n, indicator in chosen:
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
            hit = pattern_hit(indicator, norm, None if regexes is None else regexes[n])
        if hit is not None:
            hits.append(hit)
    return tuple(hits)
