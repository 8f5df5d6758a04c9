"""Document kind: an offer, a warning, a news item, or something else.

Warnings and news describe lures in the same words as offers; what sets them apart is who
speaks (a ministry warns, an outlet reports) and whether the reader is asked to apply."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from recruitwatch.detect.catalogue import overlay_files
from recruitwatch.errors import ConfigError
from recruitwatch.model import Entity, IndicatorHit, Kind
from recruitwatch.text.normalize import Normalized, fold_pattern

CONTACT_TYPES = {"phone", "handle", "link", "email"}


@dataclass(frozen=True)
class KindCues:
    warning: re.Pattern[str]
    news: re.Pattern[str]
    offer: re.Pattern[str]


@cache
def load_kinds() -> KindCues:
    """The cues of kinds.yaml (Arabic, English, Russian) and of each further language's
    file (`indicators/languages/<code>.yaml`, section `kinds`)."""
    base = resources.files("recruitwatch") / "resources"
    raw = yaml.safe_load((base / "kinds.yaml").read_text(encoding="utf-8"))
    for _, overlay in overlay_files(base / "indicators"):
        for name, cues in (overlay.get("kinds") or {}).items():
            if name == "examples":  # sentences that must show a cue of their kind (tested)
                continue
            if name not in raw:
                raise ConfigError(f"kinds: unknown kind {name!r} (warning, news or offer)")
            raw[name] = [*raw[name], *cues]

    def compiled(name: str) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{fold_pattern(p)})" for p in raw[name]))

    return KindCues(compiled("warning"), compiled("news"), compiled("offer"))


def classify_kind(
    norm: Normalized,
    hits: tuple[IndicatorHit, ...],
    entities: tuple[Entity, ...],
    cues: KindCues | None = None,
) -> Kind:
    cues = cues or load_kinds()
    text = norm.text
    warning = 2 * len(cues.warning.findall(text))
    news = len(cues.news.findall(text))
    contacts = sum(e.type in CONTACT_TYPES for e in entities)
    offer = len(cues.offer.findall(text)) + min(contacts, 2) + (len(hits) >= 3)
    if warning >= 2 and warning >= offer:
        return "warning"
    if news >= 2 and news > offer:
        return "news"
    if offer >= 1 or len(hits) >= 2:
        return "offer"
    if news >= 1:
        return "news"
    return "other"
