"""Duplicate-person matching for the case registry.

Names are the main evidence, compared through cross-script keys (recruitwatch.cases.names).
A shared phone is strong, the same province weak, a compatible age mild; an age conflict
lowers the score strongly. Evidence is combined as a noisy-or, so no single weak fact makes
two people one, and every function is symmetric in its two arguments.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from recruitwatch.cases.names import name_keys

# Keys compared per name; longer strings are noise, and alignment is exponential in this.
_MAX_KEYS = 8
# Weight of a token the other name lacks (middle or tribal names are often left out).
_EXTRA_TOKEN_WEIGHT = 0.25
# Share of the score given to the first tokens agreeing: the given name is the most stable.
_FIRST_WEIGHT = 0.15
# Names alone cap below 1 so that a full name match still wants other evidence to be sure.
_NAME_WEIGHT = 0.85
_PHONE_WEIGHT = 0.6
_PROVINCE_WEIGHT = 0.1
_AGE_WEIGHT = 0.15
_AGE_TOLERANCE = 2
_AGE_CONFLICT = 5
_AGE_CONFLICT_FACTOR = 0.5


@dataclass(frozen=True)
class PersonFacts:
    """What a case record says about one person."""

    names: tuple[str, ...]
    birth_year: int | None = None
    age: int | None = None
    age_year: int | None = None
    province: str | None = None
    phones: tuple[str, ...] = ()


@dataclass(frozen=True)
class MatchResult:
    """Score in [0, 1] and the machine-readable reasons behind it."""

    score: float
    reasons: tuple[str, ...]


@cache
def _token_similarity(a: str, b: str) -> float:
    # Keys are short, so ratio is generous to near misses (Karim/Kadhim); cubing keeps
    # equal keys at 1 and pushes such misses down.
    ratio: float = fuzz.ratio(a, b) / 100.0
    return ratio**3


def _best_alignment(short: tuple[str, ...], long: tuple[str, ...]) -> float:
    """Largest sum of token similarities pairing each short key with a distinct long key."""
    best: dict[int, float] = {0: 0.0}
    for key in short:
        step: dict[int, float] = {}
        for used, total in best.items():
            for j, other in enumerate(long):
                if used & (1 << j):
                    continue
                mask = used | (1 << j)
                value = total + _token_similarity(key, other)
                if value > step.get(mask, -1.0):
                    step[mask] = value
        best = step
    return max(best.values(), default=0.0)


@cache
def _keys_similarity(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    if not a or not b:
        return 0.0
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    total = _best_alignment(short, long)
    coverage = total / (len(short) + _EXTRA_TOKEN_WEIGHT * (len(long) - len(short)))
    first = _token_similarity(a[0], b[0])
    return min(1.0, (1 - _FIRST_WEIGHT) * coverage + _FIRST_WEIGHT * first)


def _keys(name: str) -> tuple[str, ...]:
    return tuple(name_keys(name)[:_MAX_KEYS])


def name_similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """Best similarity between any name of a and any name of b, in [0, 1]."""
    keys_a = {_keys(name) for name in a} - {()}
    keys_b = {_keys(name) for name in b} - {()}
    best = 0.0
    for x in keys_a:
        for y in keys_b:
            # One fixed order per pair, so floating-point sums are the same both ways.
            best = max(best, _keys_similarity(min(x, y), max(x, y)))
    return best


def _phones(person: PersonFacts) -> set[str]:
    out = set()
    for phone in person.phones:
        digits = "".join(ch for ch in phone if ch.isdigit())
        if digits:
            out.add(digits)
    return out


def _birth_year(person: PersonFacts) -> int | None:
    if person.birth_year is not None:
        return person.birth_year
    if person.age is not None and person.age_year is not None:
        return person.age_year - person.age
    return None


def _province(person: PersonFacts) -> str | None:
    return person.province.strip().upper() if person.province and person.province.strip() else None


def _noisy_or(weights: Sequence[float]) -> float:
    miss = 1.0
    for weight in weights:
        miss *= 1.0 - max(0.0, min(1.0, weight))
    return 1.0 - miss


def match(a: PersonFacts, b: PersonFacts) -> MatchResult:
    """How likely a and b are the same person, with reasons."""
    names = name_similarity(a.names, b.names)
    reasons = [f"name:{names:.2f}"]
    weights = [_NAME_WEIGHT * names]
    if _phones(a) & _phones(b):
        reasons.append("phone")
        weights.append(_PHONE_WEIGHT)
    province_a, province_b = _province(a), _province(b)
    if province_a is not None and province_a == province_b:
        reasons.append("province")
        weights.append(_PROVINCE_WEIGHT)
    year_a, year_b = _birth_year(a), _birth_year(b)
    conflict = False
    if year_a is not None and year_b is not None:
        gap = abs(year_a - year_b)
        if gap <= _AGE_TOLERANCE:
            reasons.append(f"age:+-{gap}")
            weights.append(_AGE_WEIGHT)
        elif gap > _AGE_CONFLICT:
            reasons.append("age_conflict")
            conflict = True
    score = _noisy_or(weights)
    if conflict:
        score *= _AGE_CONFLICT_FACTOR
    return MatchResult(score=round(min(1.0, max(0.0, score)), 6), reasons=tuple(reasons))


def is_candidate(result: MatchResult, threshold: float = 0.75) -> bool:
    """Whether a match is worth a person's review as a possible duplicate."""
    return result.score >= threshold
