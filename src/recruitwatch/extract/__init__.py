"""Entities: contacts, money, ages, places and organisations, each with its span in the
original text and a normalised value. Pure functions over a normalised text."""

from recruitwatch.extract.ages import find_ages
from recruitwatch.extract.entities import extract_entities, money_entity, resolve_overlaps
from recruitwatch.extract.handles import canonical_url, classify_url, find_links
from recruitwatch.extract.money import Money, find_money
from recruitwatch.extract.organisations import find_organisations
from recruitwatch.extract.phones import find_phones, to_e164
from recruitwatch.extract.places import find_places

__all__ = [
    "Money",
    "canonical_url",
    "classify_url",
    "extract_entities",
    "find_ages",
    "find_links",
    "find_money",
    "find_organisations",
    "find_phones",
    "find_places",
    "money_entity",
    "resolve_overlaps",
    "to_e164",
]
