"""The case registry's picklists (resources/cases/fields.yaml) and the provinces of Iraq."""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

import yaml

Labels = dict[str, dict[str, str]]


def _resource(*parts: str) -> str:
    path = resources.files("recruitwatch").joinpath("resources", *parts)
    return path.read_text(encoding="utf-8")


@cache
def picklists() -> dict[str, Labels]:
    data: dict[str, Labels] = yaml.safe_load(_resource("cases", "fields.yaml"))
    return data


def codes(field: str) -> tuple[str, ...]:
    return tuple(picklists()[field])


def label(field: str, code: str, lang: str) -> str:
    """The code's label in the language (English when missing; the code when unknown)."""
    entry = picklists().get(field, {}).get(code)
    if entry is None:
        return code
    return entry.get(lang) or entry.get("en") or code


@cache
def provinces() -> Labels:
    """ISO 3166-2 code -> {en, ar} for Iraq's provinces, from the place gazetteer."""
    rows = csv.DictReader(_resource("gazetteers", "iraq.csv").splitlines())
    return {
        r["code"]: {"en": r["en"].split("|")[0], "ar": r["ar"].split("|")[0]}
        for r in rows
        if r["kind"] == "province"
    }


def province_label(code: str | None, lang: str) -> str:
    if not code:
        return ""
    return provinces().get(code, {}).get(lang, code)
