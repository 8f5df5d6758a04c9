"""The place gazetteers shipped in `resources/gazetteers/`: loading and validation.

Every CSV there with the place columns is one gazetteer; a row is a place with its code and
its names in English, Arabic, Kurdish (Sorani) and Russian, variants separated by `|`.
`ambiguities.csv` says which names are also common words and what a match needs.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from recruitwatch.errors import ConfigError

KINDS = ("country", "province", "region", "city")
RULES = ("capitalised", "after-place-word", "accepted")
REQUIRED_NAMES = ("en", "ar", "ru")
NAME_COLUMNS = ("en", "ar", "ku", "ru")
COLUMNS = ("code", "kind", "country", "province", "occupied", *NAME_COLUMNS)
# ISO 3166-2 codes that rows may use; anything else must be a `CC:slug` of our own.
ISO_3166_2 = {
    "IQ": frozenset(
        "IQ-" + c
        for c in [
            "AN",
            "AR",
            "BA",
            "BB",
            "BG",
            "DA",
            "DI",
            "DQ",
            "KA",
            "KI",
            "KR",
            "MA",
            "MU",
            "NA",
            "NI",
            "QA",
            "SD",
            "SU",
            "WA",
        ]
    ),
    "UA": frozenset(
        "UA-" + c
        for c in [
            "05",
            "07",
            "09",
            "12",
            "14",
            "18",
            "21",
            "23",
            "26",
            "30",
            "32",
            "35",
            "40",
            "43",
            "46",
            "48",
            "51",
            "53",
            "56",
            "59",
            "61",
            "63",
            "65",
            "68",
            "71",
            "74",
            "77",
        ]
    ),
}
_ISO_FORM = re.compile(r"[A-Z]{2}-[A-Z0-9]{1,3}")
_SLUG_FORM = re.compile(r"[A-Z]{2}:[a-z0-9-]+")


@dataclass(frozen=True, slots=True)
class Place:
    """One place and every name it goes by."""

    code: str
    kind: str
    country: str
    parent: str | None  # the province of a city, the region of a province
    occupied: bool
    names: dict[str, tuple[str, ...]]  # column -> names as written


def parse_places(text: str, origin: str) -> tuple[Place, ...]:
    """The places of one gazetteer CSV; raises ConfigError naming the first bad row."""
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise ConfigError(f"{origin}: header must be {','.join(COLUMNS)}")
    places = []
    for line, row in enumerate(reader, start=2):
        problem = _row_problem(row)
        if problem:
            raise ConfigError(f"{origin}: line {line}: {problem}")
        names = {
            col: tuple(n.strip() for n in (row[col] or "").split("|") if n.strip())
            for col in NAME_COLUMNS
        }
        places.append(
            Place(
                row["code"],
                row["kind"],
                row["country"],
                row["province"] or None,
                row["occupied"] == "yes",
                names,
            )
        )
    return tuple(places)


def _row_problem(row: dict[str, str]) -> str | None:
    code, kind, country = row["code"] or "", row["kind"] or "", row["country"] or ""
    if kind not in KINDS:
        return f"kind {kind!r} is not one of {', '.join(KINDS)}"
    if not re.fullmatch(r"[A-Z]{2}", country):
        return f"country {country!r} is not an ISO 3166-1 alpha-2 code"
    if kind == "country" and code != country:
        return f"a country's code must be its ISO code {country}, not {code!r}"
    if kind != "country" and not _valid_code(code, country):
        return f"code {code!r} is neither a known ISO 3166-2 code nor {country}:slug"
    if row["province"] and not _valid_code(row["province"], country):
        return f"province {row['province']!r} is not a valid code in {country}"
    if row["occupied"] not in ("", "yes"):
        return f"occupied must be empty or yes, not {row['occupied']!r}"
    missing = [col for col in REQUIRED_NAMES if not (row[col] or "").strip("| ")]
    if missing:
        return f"{code} has no {' or '.join(missing)} name"
    return None


def _valid_code(code: str, country: str) -> bool:
    if not code.startswith(country):
        return False
    if _ISO_FORM.fullmatch(code):
        return code in ISO_3166_2.get(country, frozenset())
    return bool(_SLUG_FORM.fullmatch(code))


def parse_ambiguities(text: str, origin: str) -> dict[str, str]:
    """Name as written -> the rule a match of it must pass."""
    rules: dict[str, str] = {}
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        if row.get("rule") not in RULES or not row.get("name"):
            raise ConfigError(f"{origin}: line {line}: needs a name and a rule in {RULES}")
        rules[row["name"]] = row["rule"]
    return rules


def _folder() -> Traversable:
    return resources.files("recruitwatch") / "resources" / "gazetteers"


@cache
def load_places() -> tuple[Place, ...]:
    """Every place of every shipped gazetteer, read once; codes are unique."""
    places: list[Place] = []
    for item in sorted(_folder().iterdir(), key=lambda p: p.name):
        if item.name.endswith(".csv") and item.name != "ambiguities.csv":
            places.extend(parse_places(item.read_text(encoding="utf-8"), item.name))
    seen: set[str] = set()
    for place in places:
        if place.code in seen:
            raise ConfigError(f"gazetteers: code {place.code} appears twice")
        seen.add(place.code)
    return tuple(places)


@cache
def load_ambiguities() -> dict[str, str]:
    item = _folder() / "ambiguities.csv"
    return parse_ambiguities(item.read_text(encoding="utf-8"), "ambiguities.csv")
