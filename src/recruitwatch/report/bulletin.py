"""The public warning bulletin: a draft a ministry edits, from the current high-risk
patterns (the lures seen and how the offers read, where they send people, what they
promise), the official routes, where to report, and the recruiters' contacts that an admin
approved for publication (only those)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import phonenumbers
import yaml

from recruitwatch.detect.catalogue import load_catalogue
from recruitwatch.extract.gazetteer import load_places
from recruitwatch.store.reporting import BulletinData

LANGUAGES = ("en", "ar")
PLACE_COLUMN = {"en": "en", "ar": "ar"}


@cache
def texts() -> dict[str, Any]:
    path = resources.files("recruitwatch") / "resources" / "bulletin" / "bulletin.yaml"
    loaded: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


def _t(key: str, lang: str) -> Any:
    entry = texts()[key]
    return entry.get(lang) or entry["en"]


@dataclass
class Sign:
    title: str
    description: str
    examples: list[str]


@dataclass
class Bulletin:
    lang: str
    title: str
    issuer: str
    draft_note: str
    intro: str
    signs: list[Sign]
    places: list[str]
    salary: str | None
    routes: list[str]
    report: list[str]
    contacts: list[str]
    labels: dict[str, str] = field(default_factory=dict)


@cache
def _place_names() -> dict[str, dict[str, str]]:
    return {p.code: {k: v[0] for k, v in p.names.items() if v} for p in load_places()}


def place_name(code: str, lang: str) -> str:
    names = _place_names().get(code, {})
    return names.get(PLACE_COLUMN[lang]) or names.get("en") or code


def public_contact(identifier: str) -> str:
    """An identifier as people would type it: `+7 926 123-45-67`, `Telegram @name`."""
    kind, _, value = identifier.partition(":")
    if kind == "phone":
        try:
            number = phonenumbers.parse(value, None)
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
        except phonenumbers.NumberParseException:
            return value
    if kind == "handle" and ":" in value:
        platform, _, name = value.partition(":")
        return f"{platform.capitalize()} @{name}"
    return value


def _salary(values: list[float], lang: str) -> str | None:
    if len(values) < 4:
        return None
    low, median, high = statistics.quantiles(values, n=4)
    template: str = _t("salary_text", lang)
    return template.format(median=f"{median:,.0f}", low=f"{low:,.0f}", high=f"{high:,.0f}")


def build_bulletin(data: BulletinData, lang: str) -> Bulletin:
    if lang not in LANGUAGES:
        raise ValueError(f"language {lang!r}: choose one of {', '.join(LANGUAGES)}")
    catalogue = load_catalogue()
    signs = []
    for indicator_id, _, examples in data.lures:
        indicator = catalogue.get(indicator_id)
        signs.append(Sign(indicator.title[lang], indicator.description[lang], examples))
    approved = [
        public_contact(c["identifier"])
        for c in data.contacts
        if (c["decision"] or {}).get("value") == "approved"
    ]
    last = data.period.label.split(" – ")[-1]
    note: str = _t("draft_note", lang)
    return Bulletin(
        lang=lang,
        title=_t("title", lang),
        issuer=_t("issuer", lang),
        draft_note=note.format(offers=data.offers, start=data.period.start.isoformat(), end=last),
        intro=_t("intro", lang),
        signs=signs,
        places=[place_name(code, lang) for code, _ in data.places],
        salary=_salary(data.salaries_usd, lang),
        routes=list(_t("routes", lang)),
        report=list(_t("report", lang)),
        contacts=approved,
        labels={
            key: _t(key, lang)
            for key in (
                "signs_title",
                "example",
                "places_title",
                "salary_title",
                "routes_title",
                "report_title",
                "contacts_title",
                "contacts_intro",
                "contacts_none",
            )
        },
    )
