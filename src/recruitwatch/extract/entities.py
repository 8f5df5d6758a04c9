"""All entities of one text: each extractor's findings, overlaps resolved, in text order."""

from __future__ import annotations

from recruitwatch.extract.ages import find_ages
from recruitwatch.extract.handles import find_links
from recruitwatch.extract.money import Money, find_money
from recruitwatch.extract.organisations import find_organisations
from recruitwatch.extract.phones import find_phones
from recruitwatch.extract.places import find_places
from recruitwatch.model import Entity
from recruitwatch.text.normalize import Normalized

# Where spans overlap, the lower tier wins, then the longer span: a phone inside
# wa.me/... is the handle's, a place inside "Baghdad Travel Agency" is the organisation's.
TIERS = {
    "url": 0,
    "link": 0,
    "handle": 0,
    "email": 0,
    "phone": 1,
    "money": 2,
    "age": 2,
    "organisation": 3,
    "place": 3,
}


def extract_entities(
    norm: Normalized, *, region: str = "IQ", money: list[Money] | None = None
) -> tuple[Entity, ...]:
    """Every entity in the text, sorted by start, no two spans overlapping.

    `region` is the country whose national phone formats ("0770 ...") are assumed.
    """
    candidates = [
        *find_links(norm, region),
        *find_phones(norm, region),
        *(money_entity(m) for m in (find_money(norm) if money is None else money)),
        *find_ages(norm),
        *find_places(norm),
        *find_organisations(norm),
    ]
    return resolve_overlaps(candidates)


def resolve_overlaps(candidates: list[Entity]) -> tuple[Entity, ...]:
    """Keep the best of overlapping entities (by tier, then length), sorted by start."""
    ranked = sorted(candidates, key=lambda e: (TIERS[e.type], e.start - e.end, e.start))
    kept: list[Entity] = []
    for entity in ranked:
        if all(entity.end <= k.start or k.end <= entity.start for k in kept):
            kept.append(entity)
    return tuple(sorted(kept, key=lambda e: e.start))


def money_entity(money: Money) -> Entity:
    """An amount as an entity: value "3000 USD/month" ("?" for an unknown currency)."""
    period = f"/{money.period}" if money.period else ""
    value = f"{format_amount(money.amount)} {money.currency or '?'}{period}"
    attrs = {"amount": money.amount, "currency": money.currency, "period": money.period}
    return Entity("money", value, money.text, money.start, money.end, attrs)


def format_amount(amount: float) -> str:
    """3000.0 -> "3000", 2.5 -> "2.5": no trailing zeros, never an exponent."""
    if amount.is_integer():
        return str(int(amount))
    return f"{amount:.6f}".rstrip("0").rstrip(".")
