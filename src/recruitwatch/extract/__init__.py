"""Entities: contacts, money, ages, places and organisations, each with its span in the
original text and a normalised value. Pure functions over a normalised text."""

from __future__ import annotations

from recruitwatch.extract.ages import find_ages
from recruitwatch.extract.handles import find_links
from recruitwatch.extract.money import Money, find_money, money_value
from recruitwatch.extract.organisations import find_organisations
from recruitwatch.extract.phones import find_phones
from recruitwatch.extract.places import find_places
from recruitwatch.model import Entity
from recruitwatch.text.normalize import Normalized

__all__ = ["Money", "extract_entities", "find_money", "money_entities"]

# When spans overlap, the earlier kind in this order wins (a phone inside wa.me/... is the
# handle's; an age range is not a salary).
PRIORITY = ("url", "link", "handle", "email", "phone", "money", "age", "place", "organisation")


def money_entities(norm: Normalized) -> list[Entity]:
    return [
        Entity("money", money_value(m), m.text, m.start, m.end,
               {"amount": m.amount, "currency": m.currency, "period": m.period})
        for m in find_money(norm)
    ]


def extract_entities(norm: Normalized, *, region: str = "IQ") -> tuple[Entity, ...]:
    """Every entity in the text, sorted by position, without overlapping spans."""
    candidates = [
        *find_links(norm),
        *find_phones(norm, region),
        *money_entities(norm),
        *find_ages(norm),
        *find_places(norm),
        *find_organisations(norm),
    ]
    candidates.sort(key=lambda e: (PRIORITY.index(e.type), e.start))
    kept: list[Entity] = []
    for entity in candidates:
        if all(entity.end <= k.start or k.end <= entity.start for k in kept):
            kept.append(entity)
    return tuple(sorted(kept, key=lambda e: e.start))
