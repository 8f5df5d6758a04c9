"""Places from the shipped gazetteer: Iraq's provinces and cities, Russian, Belarusian and
occupied Ukrainian places, countries; in Arabic, English, Kurdish and Russian spellings."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from recruitwatch.errors import ConfigError
from recruitwatch.model import Entity
from recruitwatch.text.normalize import Normalized, normalize_text

NAME_COLUMNS = ("en", "ar", "ku", "ru")
KINDS = {"country", "province", "region", "city"}
_CYRILLIC_ENDING = re.compile(r"[аяоеыиьйу]$")


@dataclass(frozen=True, slots=True)
class Place:
    code: str
    kind: str
    country: str
    province: str | None
    occupied: bool
    names: tuple[str, ...]


def parse_gazetteer(text: str, origin: str = "places.csv") -> tuple[Place, ...]:
    places = []
    for number, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        if row.get("kind") not in KINDS or not row.get("code") or not row.get("country"):
            raise ConfigError(f"{origin}: line {number}: needs code, country and a kind in "
                              f"{sorted(KINDS)}")
        names = tuple(n.strip() for col in NAME_COLUMNS for n in (row.get(col) or "").split("|")
                      if n.strip())
        if not names:
            raise ConfigError(f"{origin}: line {number}: {row['code']} has no names")
        places.append(Place(row["code"], row["kind"], row["country"], row["province"] or None,
                            row.get("occupied") == "yes", names))
    return tuple(places)


@dataclass(frozen=True)
class Gazetteer:
    places: dict[str, Place]
    pattern: re.Pattern[str]


def _key(name: str) -> str:
    """The form a name is looked up by: normalised, Russian case endings cut to the stem."""
    folded = normalize_text(name)
    if re.search(r"[а-я]$", folded) and len(folded) > 4:
        return _CYRILLIC_ENDING.sub("", folded)
    return folded


@cache
def load_gazetteer() -> Gazetteer:
    path = resources.files("recruitwatch") / "resources" / "gazetteers" / "places.csv"
    places = parse_gazetteer(path.read_text(encoding="utf-8"))
    lookup: dict[str, Place] = {}
    for place in places:
        for name in place.names:
            lookup.setdefault(_key(name), place)
    names = sorted(lookup, key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in names)
    # Arabic proclitics before (و ف ب ل ك, and لل for ل+ال), Russian case endings after.
    pattern = re.compile(
        rf"(?<!\w)(?:[وف]?[بلك](?=ال)|[وف]?[بك]|[وف](?=[^\W\d_]))?(?P<name>{alternation})"
        r"(?P<end>(?<=[а-я])[аяоеыиьйуюм]{0,3})?(?!\w)"
        r"|(?<!\w)[وف]?لل(?P<lname>" + "|".join(re.escape(n[2:]) for n in names
                                             if n.startswith("ال")) + r")(?!\w)"
    )
    return Gazetteer(lookup, pattern)


def find_places(norm: Normalized) -> list[Entity]:
    gazetteer = load_gazetteer()
    found = []
    for m in gazetteer.pattern.finditer(norm.text):
        if m.group("name") is not None:
            key, start = m.group("name"), m.start("name")
        else:
            key, start = "ال" + m.group("lname"), m.start("lname") - 1
        place = gazetteer.places[key]
        o_start, o_end = norm.original_span(start, m.end())
        attrs: dict[str, object] = {"kind": place.kind, "country": place.country}
        if place.province:
            attrs["province"] = place.province
        if place.occupied:
            attrs["occupied"] = True
        found.append(Entity("place", place.code, norm.original[o_start:o_end], o_start, o_end,
                            attrs))
    return found
