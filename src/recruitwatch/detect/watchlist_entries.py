"""Watchlist entries: known schemes and actors as FollowTheMoney-shaped data.

An entry is `{id, schema, properties: {name, alias, country, topics, ...}, sources, note}`:
the FollowTheMoney entity (so it travels to and from Aleph and `ftm` tools unchanged) plus
the public sources it rests on. The packaged entries live in resources/watchlist/*.yaml;
analysts add theirs to the database (store/watchlist.py). Parsing is pure: plain data in,
an `Entry` or a ConfigError naming the file and the entry out.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from typing import Any

import yaml

from recruitwatch.errors import ConfigError
from recruitwatch.text.normalize import normalize_text

# Schemas an entry may have: actors, never things or events.
SCHEMAS = ("Organization", "Company", "LegalEntity", "PublicBody", "Person")
PRIVATE = ("Person",)  # never shipped in the package: analysts add them in their database
NAMES = ("name", "alias", "weakAlias", "previousName")  # properties the matcher looks for
LISTED = ("name", "alias", "previousName")  # weakAlias: kept, shown, but too weak to match
MIN_ALIAS = 3  # folded letters: shorter names match too much
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")  # fits decisions.subject_id
_URL = re.compile(r"https?://[^\s]{3,2000}")


@dataclass(frozen=True, slots=True)
class Source:
    """Public reporting or an authority's document an entry rests on."""

    url: str
    title: str = ""
    date: str = ""

    def to_json(self) -> dict[str, str]:
        return {"url": self.url, "title": self.title, "date": self.date}


@dataclass(frozen=True, slots=True)
class Entry:
    """One known scheme or actor. `properties` are FollowTheMoney's (lists of strings)."""

    id: str
    schema: str
    properties: dict[str, tuple[str, ...]]
    sources: tuple[Source, ...]
    note: str = ""
    origin: str = ""  # "packaged: <file>", "database", or an import file's name
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def caption(self) -> str:
        return (self.properties.get("name") or (self.id,))[0]

    @property
    def aliases(self) -> tuple[str, ...]:
        """Every spelling the matcher looks for, the names first."""
        seen: dict[str, None] = {}
        for prop in LISTED:
            for value in self.properties.get(prop, ()):
                seen.setdefault(value, None)
        return tuple(seen)

    def to_ftm(self) -> dict[str, Any]:
        """The FollowTheMoney entity: id, schema, properties (with sourceUrl and notes)."""
        props = {k: list(v) for k, v in self.properties.items() if v}
        urls = [s.url for s in self.sources]
        if urls:
            props["sourceUrl"] = list(dict.fromkeys([*props.get("sourceUrl", []), *urls]))
        if self.note and not props.get("notes"):
            props["notes"] = [self.note]
        return {"id": self.id, "schema": self.schema, "properties": props}

    def to_json(self) -> dict[str, Any]:
        """The shipped YAML shape (round-trips through `parse_entry`)."""
        return {
            "id": self.id,
            "schema": self.schema,
            "properties": {k: list(v) for k, v in self.properties.items() if v},
            "sources": [s.to_json() for s in self.sources],
            "note": self.note,
            "origin": self.origin,
        }


def new_id(name: str) -> str:
    """A stable id for an analyst's entry: the same name gives the same id."""
    digest = hashlib.sha256(" ".join(normalize_text(name).split()).encode()).hexdigest()
    return f"db-{digest[:16]}"


def _strings(value: Any, where: str, prop: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: property {prop!r} must be a list of strings")
    return tuple(dict.fromkeys(v.strip() for v in value if v.strip()))


def _sources(raw: Any, props: dict[str, tuple[str, ...]], where: str) -> tuple[Source, ...]:
    found: list[Source] = []
    for item in raw or []:
        if isinstance(item, str):
            item = {"url": item}
        if not isinstance(item, dict) or not isinstance(item.get("url"), str):
            raise ConfigError(f"{where}: every source needs a url")
        found.append(
            Source(item["url"].strip(), str(item.get("title") or ""), str(item.get("date") or ""))
        )
    known = {s.url for s in found}
    found += [Source(url) for url in props.get("sourceUrl", ()) if url not in known]
    for source in found:
        if not _URL.fullmatch(source.url):
            raise ConfigError(f"{where}: source {source.url!r} is not an http(s) URL")
    return tuple(found)


def _check_property(schema: str, prop: str, values: tuple[str, ...], where: str) -> tuple[str, ...]:
    """Values of a property the schema knows; countries and topics cleaned to their codes."""
    from followthemoney import model
    from followthemoney.types import registry

    found = model.get(schema).get(prop)  # type: ignore[union-attr]
    if found is None:
        raise ConfigError(f"{where}: {schema} has no property {prop!r}")
    if found.type in (registry.country, registry.topic):
        cleaned = []
        for value in values:
            code = found.type.clean(value)
            if code is None:
                raise ConfigError(f"{where}: {prop} {value!r} is not a known {found.type.name}")
            cleaned.append(code)
        return tuple(dict.fromkeys(cleaned))
    return values


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False


def _usable(alias: str) -> bool:
    return sum(ch.isalnum() for ch in normalize_text(alias)) >= MIN_ALIAS


def parse_entry(
    raw: Any, where: str, *, packaged: bool = False, origin: str = "", strict: bool = True
) -> Entry:
    """One entry from its YAML or FollowTheMoney JSON form, checked; ConfigError otherwise.

    Packaged entries also need a title and a date on every source and a note, and may not
    be persons. `strict` checks properties, countries and topics against FollowTheMoney's
    model; the packaged entries skip it when loaded (importing followthemoney costs a second
    at every scan's start) because a test holds them to it.
    """
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: an entry must be a mapping with id, schema and properties")
    if _has_nul(raw):  # PostgreSQL text cannot hold it
        raise ConfigError(f"{where}: an entry may not hold NUL characters")
    entry_id = raw.get("id")
    if not isinstance(entry_id, str) or not _ID.fullmatch(entry_id):
        raise ConfigError(f"{where}: entry id {entry_id!r}: letters, digits, . _ : - (≤64)")
    here = f"{where}: entry {entry_id}"
    name = raw.get("schema")
    if name not in SCHEMAS:
        raise ConfigError(f"{here}: schema {name!r}: choose one of {', '.join(SCHEMAS)}")
    if packaged and name in PRIVATE:
        raise ConfigError(f"{here}: no private person is shipped in the package")
    raw_props = raw.get("properties")
    if not isinstance(raw_props, dict):
        raise ConfigError(f"{here}: needs properties with at least a name")
    props: dict[str, tuple[str, ...]] = {}
    for prop, value in raw_props.items():
        values = _strings(value, here, str(prop))
        if values:
            props[str(prop)] = _check_property(name, str(prop), values, here) if strict else values
    if not props.get("name"):
        raise ConfigError(f"{here}: needs a name")
    for prop in NAMES:
        if short := [v for v in props.get(prop, ()) if not _usable(v)]:
            raise ConfigError(f"{here}: {prop} {short[0]!r} is too short to match safely")
    sources = _sources(raw.get("sources"), props, here)
    if not sources:
        raise ConfigError(f"{here}: needs at least one source URL (public reporting)")
    note = raw.get("note") or " ".join(props.get("notes", ()))
    if not isinstance(note, str):
        raise ConfigError(f"{here}: note must be text")
    if packaged:
        if not note.strip():
            raise ConfigError(f"{here}: needs a note saying why it is listed")
        if missing := [s.url for s in sources if not (s.title and s.date)]:
            raise ConfigError(f"{here}: source {missing[0]} needs a title and a date")
    return Entry(entry_id, str(name), props, sources, " ".join(note.split()), origin)


def entries_from(folder: Traversable) -> tuple[Entry, ...]:
    """Every entry of the YAML files in `folder`, in file order; ids must be unique."""
    found: list[Entry] = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".yaml"):
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except yaml.YAMLError as exc:
            raise ConfigError(f"watchlist/{path.name}: invalid YAML: {exc}") from exc
        if not isinstance(data, list):
            raise ConfigError(f"watchlist/{path.name}: must be a list of entries")
        where = f"watchlist/{path.name}"
        origin = f"packaged: {path.name}"
        found += [parse_entry(e, where, packaged=True, origin=origin, strict=False) for e in data]
    ids = [e.id for e in found]
    if twice := sorted({i for i in ids if ids.count(i) > 1}):
        raise ConfigError(f"watchlist: entry ids used twice: {twice}")
    return tuple(found)


@cache
def packaged_entries() -> tuple[Entry, ...]:
    """The entries shipped in the package (cached: they are immutable)."""
    return entries_from(resources.files("recruitwatch") / "resources" / "watchlist")


def read_import(text: str, name: str) -> Iterator[tuple[str, Any]]:
    """The raw entries of an import file: FollowTheMoney JSON Lines (one entity a line) or
    YAML in the shipped format; each with where it was (for error messages)."""
    import json

    stripped = text.lstrip()
    if stripped.startswith("{"):
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                yield f"{name}: line {n}", json.loads(line)
            except json.JSONDecodeError as exc:
                yield f"{name}: line {n}", ConfigError(f"{name}: line {n}: not JSON: {exc.msg}")
        return
    try:
        data = yaml.safe_load(text) or []
    except yaml.YAMLError as exc:
        raise ConfigError(f"{name}: neither JSON Lines nor valid YAML: {exc}") from exc
    if not isinstance(data, list):
        raise ConfigError(f"{name}: YAML must be a list of entries")
    for n, raw in enumerate(data, 1):
        yield f"{name}: entry {n}", raw


def parse_import(text: str, name: str) -> tuple[list[Entry], list[str]]:
    """Good entries and, for each bad one, a line naming it and why it was refused."""
    good: list[Entry] = []
    bad: list[str] = []
    for where, raw in read_import(text, name):
        if isinstance(raw, ConfigError):
            bad.append(str(raw))
            continue
        try:
            good.append(parse_entry(raw, where, origin=name))
        except ConfigError as exc:
            bad.append(str(exc))
    return good, bad


def merged(entries: Iterable[Entry], hidden: Iterable[str] = ()) -> tuple[Entry, ...]:
    """Entries by id, later ones replacing earlier ones, without the hidden ids."""
    gone = set(hidden)
    by_id: dict[str, Entry] = {}
    for entry in entries:
        by_id[entry.id] = entry
    return tuple(e for i, e in by_id.items() if i not in gone)
