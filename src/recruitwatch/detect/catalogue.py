"""The indicator catalogue: documented lures kept as YAML data, loaded and compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from typing import Any

import yaml

from recruitwatch.detect.gate import build_gate
from recruitwatch.errors import ConfigError
from recruitwatch.text.normalize import fold_pattern

LANGUAGES = ("ar", "ar-iq", "en", "ru")  # every pattern indicator speaks these (a test checks)
CHECKS = ("salary", "watchlist")
OVERLAYS = "languages"  # folder of one YAML file per further language: languages/<code>.yaml


@dataclass(frozen=True)
class Indicator:
    id: str
    weight: float
    title: dict[str, str]
    description: dict[str, str]
    patterns: dict[str, tuple[str, ...]]  # language code -> patterns
    examples: dict[str, tuple[str, ...]]
    regex: re.Pattern[str] | None
    requires: tuple[str, ...] = ()
    check: str | None = None
    note: str | None = None
    origin: str = ""

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages this indicator has patterns in."""
        return tuple(lang for lang, found in self.patterns.items() if found)


@dataclass(frozen=True)
class CountryNorm:
    """The ordinary monthly wage where the work is (`amount` in `currency`), the words that
    name the place, the currencies that imply it, and whether it is a lure destination whose
    norm applies first when named."""

    code: str
    label: str
    amount: float
    currency: str
    names: tuple[str, ...] = ()
    implied_by: tuple[str, ...] = ()
    first: bool = False


@dataclass(frozen=True)
class SalaryNorms:
    """Exchange rates, months per period and wage norms (resources/salary_norms.yaml).

    Pay is far above the norm at `margin` times the norm of the destination (times
    `skilled_factor` where the text names a skilled profession). `threshold_usd_month` is
    the default norm times the margin, in US dollars."""

    usd_per_unit: dict[str, float]
    threshold_usd_month: float
    months_per: dict[str, float]
    as_of: str
    margin: float = 1.0
    default: CountryNorm | None = None
    countries: tuple[CountryNorm, ...] = ()
    skilled_factor: float = 1.0
    skilled: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalogue:
    indicators: tuple[Indicator, ...]
    terms: dict[str, re.Pattern[str]]
    salary: SalaryNorms
    bands: dict[str, float] = field(default_factory=dict)
    damping: dict[str, float] = field(default_factory=dict)
    gate: tuple[Any, frozenset[int]] | None = None  # see detect/gate.py
    # the gate's items: (indicator index, one language's patterns compiled, or None for a
    # computed check), so a text runs only the languages whose literals it holds
    items: tuple[tuple[int, re.Pattern[str] | None], ...] = ()

    def get(self, indicator_id: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)


def compile_patterns(patterns: list[str], where: str) -> re.Pattern[str]:
    folded = [fold_pattern(p) for p in patterns]
    for pattern in folded:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"{where}: bad pattern {pattern!r}: {exc}") from exc
    return re.compile("|".join(f"(?:{p})" for p in folded))


def parse_indicator(raw: Any, origin: str, terms: dict[str, re.Pattern[str]]) -> Indicator:
    if not isinstance(raw, dict) or "id" not in raw:
        raise ConfigError(f"{origin}: every entry needs an id")
    where = f"{origin}: indicator {raw['id']}"
    for key in ("weight", "title", "description", "examples"):
        if key not in raw:
            raise ConfigError(f"{where}: missing {key!r}")
    weight = raw["weight"]
    if not isinstance(weight, int | float) or not 0 < weight <= 1:
        raise ConfigError(f"{where}: weight must be in (0, 1], got {weight!r}")
    for key in ("title", "description"):
        if not all(raw[key].get(lang) for lang in ("en", "ar")):
            raise ConfigError(f"{where}: {key} needs 'en' and 'ar'")
    check = raw.get("check")
    if check is not None and check not in CHECKS:
        raise ConfigError(f"{where}: unknown check {check!r}")
    patterns = {lang: tuple(raw.get("patterns", {}).get(lang) or ()) for lang in LANGUAGES}
    every = [p for lang in LANGUAGES for p in patterns[lang]]
    if not every and check is None:
        raise ConfigError(f"{where}: needs patterns or a check")
    requires = tuple(raw.get("requires") or ())
    if unknown := [t for t in requires if t not in terms]:
        raise ConfigError(f"{where}: requires unknown terms {unknown}")
    examples = {k: tuple(raw["examples"].get(k) or ()) for k in ("positive", "negative")}
    return Indicator(
        id=str(raw["id"]),
        weight=float(weight),
        title=dict(raw["title"]),
        description=dict(raw["description"]),
        patterns=patterns,
        examples=examples,
        regex=compile_patterns(every, where) if every else None,
        requires=requires,
        check=check,
        note=raw.get("note"),
        origin=origin,
    )


def _yaml(path: Traversable) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path.name}: invalid YAML: {exc}") from exc


def overlay_files(folder: Traversable) -> list[tuple[str, dict[str, Any]]]:
    """Each further language's file: `languages/<code>.yaml` with up to three sections,
    `terms` (more spellings of shared terms), `indicators` (patterns and examples for the
    catalogue's indicators) and `kinds` (cues for the document kind, read by detect/kind.py).
    One language is one file, so someone who reads it can review and test it alone."""
    overlays = folder / OVERLAYS
    if not overlays.is_dir():
        return []
    found = []
    for path in sorted(overlays.iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".yaml"):
            continue
        raw = _yaml(path) or {}
        if not isinstance(raw, dict) or set(raw) - {"terms", "indicators", "kinds"}:
            raise ConfigError(f"{OVERLAYS}/{path.name}: sections are terms, indicators and kinds")
        found.append((path.name.removesuffix(".yaml"), raw))
    return found


def _overlay(lang: str, raw: dict[str, Any], indicators: list[Indicator]) -> list[Indicator]:
    """One language's patterns and examples, added to the indicators they name."""
    by_id = {i.id: n for n, i in enumerate(indicators)}
    result = list(indicators)
    for indicator_id, entry in (raw.get("indicators") or {}).items():
        where = f"{OVERLAYS}/{lang}.yaml: indicator {indicator_id}"
        if indicator_id not in by_id:
            raise ConfigError(f"{where}: no such indicator in the catalogue")
        if not isinstance(entry, dict) or not entry.get("patterns"):
            raise ConfigError(f"{where}: needs a list of patterns")
        if not (entry.get("examples") or {}).get("positive"):
            raise ConfigError(f"{where}: needs positive examples")
        n = by_id[indicator_id]
        base = result[n]
        if base.check is not None:
            raise ConfigError(f"{where}: a computed check takes no patterns")
        patterns = {**base.patterns, lang: tuple(str(p) for p in entry["patterns"])}
        examples = {
            polarity: base.examples[polarity] + tuple(entry["examples"].get(polarity) or ())
            for polarity in ("positive", "negative")
        }
        every = [p for ps in patterns.values() for p in ps]
        result[n] = replace(
            base, patterns=patterns, examples=examples, regex=compile_patterns(every, where)
        )
    return result


def _terms(folder: Traversable, overlays: list[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    terms: dict[str, list[str]] = {
        name: list(pats) for name, pats in (_yaml(folder / "terms.yaml") or {}).items()
    }
    for lang, raw in overlays:
        for name, pats in (raw.get("terms") or {}).items():
            if name not in terms:
                raise ConfigError(f"{OVERLAYS}/{lang}.yaml: unknown term {name!r}")
            terms[name] += list(pats)
    return {name: compile_patterns(pats, f"terms: {name}") for name, pats in terms.items()}


def _country(code: str, raw: Any) -> CountryNorm:
    return CountryNorm(
        code,
        str(raw.get("label", code)),
        float(raw["amount"]),
        str(raw["currency"]),
        tuple(str(n) for n in raw.get("names", ())),
        tuple(str(c) for c in raw.get("implied_by", ())),
        bool(raw.get("first", False)),
    )


def salary_norms(raw: Any) -> SalaryNorms:
    """Norms from salary_norms.yaml; a file with only `threshold_usd_month` (one norm for
    every country, margin 1) still loads."""
    rates = {str(k): float(v) for k, v in raw["usd_per_unit"].items()}
    margin = float(raw.get("margin", 1.0))
    default = _country("default", raw["default"]) if "default" in raw else None
    countries = tuple(_country(str(c), v) for c, v in (raw.get("countries") or {}).items())
    for norm in (default, *countries):
        if norm is not None and norm.currency not in rates:
            raise ConfigError(f"salary norm {norm.code} in {norm.currency}, which has no rate")
    if default is not None:
        threshold = default.amount * rates[default.currency] * margin
    else:
        threshold = float(raw["threshold_usd_month"])
    return SalaryNorms(
        rates,
        threshold,
        {str(k): float(v) for k, v in raw["months_per"].items()},
        str(raw["as_of"]),
        margin,
        default,
        countries,
        float(raw.get("skilled_factor", 1.0)),
        tuple(str(w) for w in raw.get("skilled", ())),
    )


def load_from(folder: Traversable, scoring: Any, norms: Any) -> Catalogue:
    overlays = overlay_files(folder)
    terms = _terms(folder, overlays)
    indicators: list[Indicator] = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.endswith(".yaml") and path.name != "terms.yaml":
            entries = _yaml(path) or []
            indicators.extend(parse_indicator(e, path.name, terms) for e in entries)
    for lang, raw in overlays:
        indicators = _overlay(lang, raw, indicators)
    ids = [i.id for i in indicators]
    if duplicated := {i for i in ids if ids.count(i) > 1}:
        raise ConfigError(f"indicator ids used twice: {sorted(duplicated)}")
    salary = salary_norms(norms)
    items: list[tuple[int, re.Pattern[str] | None]] = []
    folded: list[list[str]] = []
    for n, indicator in enumerate(indicators):
        if indicator.check:
            items.append((n, None))
            folded.append([])
            continue
        for patterns in indicator.patterns.values():
            if patterns:
                items.append((n, compile_patterns(list(patterns), indicator.id)))
                folded.append([fold_pattern(p) for p in patterns])
    automaton, always = build_gate(folded)
    checked = frozenset(k for k, (_, regex) in enumerate(items) if regex is None)
    return Catalogue(
        tuple(indicators),
        terms,
        salary,
        dict(scoring["bands"]),
        dict(scoring["damping"]),
        (automaton, always | checked),
        tuple(items),
    )


@cache
def load_catalogue() -> Catalogue:
    """The catalogue shipped in the package (cached: it is immutable)."""
    base = resources.files("recruitwatch") / "resources"
    return load_from(
        base / "indicators", _yaml(base / "scoring.yaml"), _yaml(base / "salary_norms.yaml")
    )
