"""The plain data that flows through recruitwatch: records in, assessments out.

Everything here is an immutable dataclass of built-in types so that it pickles (Dask),
serialises to JSON without help, and carries no behaviour beyond small conveniences.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Kind = Literal["offer", "warning", "news", "other"]
Band = Literal["low", "medium", "high"]
EntityType = Literal[
    "phone", "handle", "link", "email", "url", "money", "place", "organisation", "age"
]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a record came from: the file and the place in it ("line 12", "message 4821")."""

    file: str
    locator: str


@dataclass(frozen=True, slots=True)
class Record:
    """One input document as a reader yields it, decoded to text."""

    id: str | None
    text: str
    provenance: Provenance
    content_hash: str
    title: str | None = None
    url: str | None = None
    date: str | None = None
    source: str | None = None
    lang: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Reject:
    """An input record that could not be read, kept for review with the reason."""

    provenance: Provenance
    reason: str
    raw: str | None = None  # a bounded, printable excerpt of the offending input

    def message(self) -> str:
        return f"{self.provenance.file}: {self.provenance.locator}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the original text: [start, end) in code points, and the text itself."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class IndicatorHit:
    """One indicator that fired, its weight and the evidence spans that made it fire."""

    id: str
    weight: float
    evidence: tuple[Span, ...]
    note: str | None = None  # e.g. the parsed salary that made it fire


@dataclass(frozen=True, slots=True)
class Entity:
    """Something extracted from the text, with its span and a normalised value."""

    type: EntityType
    value: str
    text: str
    start: int
    end: int
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Feature:
    """One thing that moved the model's score: a word of the text (with its span), a fired
    indicator, or the document kind; `weight` is its share of the log-odds."""

    kind: Literal["text", "indicator", "kind"]
    text: str
    weight: float
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class ModelVerdict:
    """What the trained model added to the indicators: its version, the indicator score it
    started from, and the features that moved the score most (both ways)."""

    version: str
    indicator_score: float
    features: tuple[Feature, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "indicator_score": round(self.indicator_score, 4),
            "features": [
                {k: v for k, v in asdict(f).items() if v is not None} for f in self.features
            ],
        }


@dataclass(frozen=True, slots=True)
class Assessment:
    """The pure result of scanning one record."""

    id: str
    source: str | None
    kind: Kind
    language: str
    score: float
    band: Band
    indicators: tuple[IndicatorHit, ...]
    entities: tuple[Entity, ...]
    content_hash: str = ""
    model: ModelVerdict | None = None  # None: scored by the indicators alone

    @property
    def indicator_score(self) -> float:
        return self.score if self.model is None else self.model.indicator_score

    def to_json(self, *, explain: bool = False) -> dict[str, Any]:
        """The stable JSON Lines shape of `recruitwatch scan` (do not change field names);
        `explain` adds "model": the model's version, the indicator score and top features."""
        shape: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "kind": self.kind,
            "language": self.language,
            "score": round(self.score, 4),
            "band": self.band,
            "indicators": [
                {
                    "id": h.id,
                    "weight": h.weight,
                    "evidence": [asdict(s) for s in h.evidence],
                }
                for h in self.indicators
            ],
            "entities": [
                {
                    "type": e.type,
                    "value": e.value,
                    "text": e.text,
                    "start": e.start,
                    "end": e.end,
                }
                for e in self.entities
            ],
        }
        if explain:
            shape["model"] = None if self.model is None else self.model.to_json()
        return shape
