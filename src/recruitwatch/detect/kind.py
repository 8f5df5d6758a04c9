"""Document kind: an offer, a warning, a news item, or something else.

Warnings and news describe lures in the same words as offers; what sets them apart is who
speaks (a ministry warns, an outlet reports) and whether the reader is asked to apply. The
cues are word lists per language (kinds.yaml for Arabic, English and Russian, and each
further language's file); a small linear model over cue counts and signals that hold in any
language (contacts, quotation, years, exclamations, length) weighs them. Its weights are a
data file (resources/kind_model.yaml), learned by `fit_kind_weights` from real and
synthetic texts whose kind is known, and checked on real texts (benchmarks/eval_real.py).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import yaml

from recruitwatch.detect.catalogue import overlay_files
from recruitwatch.detect.gate import build_gate, candidates
from recruitwatch.errors import ConfigError
from recruitwatch.model import Entity, IndicatorHit, Kind
from recruitwatch.text.normalize import Normalized, fold_pattern

CONTACT_TYPES = {"phone", "handle", "link", "email"}
KINDS: tuple[Kind, ...] = ("offer", "warning", "news", "other")
CUES = ("warning", "news", "offer", "harm")
FEATURES = (
    "warning_cues",
    "news_cues",
    "offer_cues",
    "harm_cues",
    "warning_rate",
    "news_rate",
    "offer_rate",
    "harm_rate",
    "contacts",
    "money",
    "indicators",
    "words",
    "quotes",
    "years",
    "exclamations",
    "emoji",
    "lines",
    "has_contact",
    "short",
    "short_with_contact",
)
SHORT_POST = 25  # words: a post this short with a contact is an ad, not chatter
BINARY_SCALE = 3.0  # yes/no signals on the scale of the log counts, so shrunk alike
_YEAR = re.compile(r"(?<!\d)(?:19[89]\d|20[0-4]\d)(?!\d)")
_QUOTE = re.compile('["«»“”„]')
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\u2b50\u2705\u274c]")


@dataclass(frozen=True)
class KindWeights:
    """A linear score per kind over FEATURES; the kind with the highest score wins."""

    features: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]  # kind -> one weight per feature
    bias: dict[str, float]

    def scores(self, x: Sequence[float]) -> dict[str, float]:
        return {
            k: self.bias[k] + math.fsum(w * v for w, v in zip(self.weights[k], x, strict=True))
            for k in self.weights
        }


@dataclass(frozen=True)
class CueCounter:
    """Every cue pattern compiled alone behind one Aho-Corasick pass over the literals each
    needs, so a text runs only the few patterns that can match it (the cues of 25
    languages, run whole, cost more than the rest of the scan)."""

    patterns: tuple[re.Pattern[str], ...]
    owner: tuple[int, ...]  # the cue list (index into CUES) of each pattern
    gate: tuple[Any, frozenset[int]]

    def counts(self, text: str) -> list[int]:
        found = [0] * len(CUES)
        for index in candidates(*self.gate, text):
            found[self.owner[index]] += len(self.patterns[index].findall(text))
        return found


@dataclass(frozen=True)
class KindCues:
    warning: re.Pattern[str]
    news: re.Pattern[str]
    offer: re.Pattern[str]
    harm: re.Pattern[str]  # reported harm: lured, killed, missing, trafficked (not a kind)
    model: KindWeights | None = None  # None: the hand rule (no weights shipped)
    counter: CueCounter | None = None  # the fast way to count the four lists


@cache
def load_cues() -> KindCues:
    """The cues of kinds.yaml (Arabic, English, Russian) and of each further language's
    file (`indicators/languages/<code>.yaml`, section `kinds`), without weights: what
    training starts from."""
    raw = cue_lists()

    def compiled(name: str) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{fold_pattern(p)})" for p in raw[name]))

    warning, news, offer, harm = (compiled(name) for name in CUES)
    folded = [(n, fold_pattern(p)) for n, name in enumerate(CUES) for p in raw[name]]
    counter = CueCounter(
        tuple(re.compile(p) for _, p in folded),
        tuple(n for n, _ in folded),
        build_gate([[p] for _, p in folded]),
    )
    return KindCues(warning, news, offer, harm, counter=counter)


@cache
def load_kinds() -> KindCues:
    """The cues and the shipped weights (resources/kind_model.yaml): what a scan uses."""
    model_file = resources.files("recruitwatch") / "resources" / "kind_model.yaml"
    if not model_file.is_file():
        return load_cues()
    weights = parse_weights(yaml.safe_load(model_file.read_text("utf-8")))
    return replace(load_cues(), model=weights)


@cache
def cue_lists() -> dict[str, list[str]]:
    """Every cue pattern per kind, across languages (also what the model fingerprints)."""
    base = resources.files("recruitwatch") / "resources"
    raw: dict[str, list[str]] = yaml.safe_load((base / "kinds.yaml").read_text(encoding="utf-8"))
    for lang, overlay in overlay_files(base / "indicators"):
        for name, cues in (overlay.get("kinds") or {}).items():
            if name == "examples":  # sentences that must show a cue of their kind (tested)
                continue
            if name not in CUES:
                raise ConfigError(f"kinds: {lang}: unknown cue {name!r} ({', '.join(CUES)})")
            raw[name] = [*raw.get(name, []), *cues]
    return raw


def parse_weights(raw: Any) -> KindWeights:
    """The kind model's weights from their YAML form, checked against FEATURES."""
    if not isinstance(raw, dict) or tuple(raw.get("features") or ()) != FEATURES:
        raise ConfigError("kind_model.yaml: its features are not this build's; retrain it")
    weights: dict[str, tuple[float, ...]] = {
        k: tuple(float(w) for w in raw["weights"][k]) for k in KINDS
    }
    if any(len(w) != len(FEATURES) for w in weights.values()):
        raise ConfigError("kind_model.yaml: a weight per feature is needed; retrain it")
    return KindWeights(FEATURES, weights, {k: float(raw["bias"][k]) for k in KINDS})


def kind_features(
    norm: Normalized,
    hits: tuple[IndicatorHit, ...],
    entities: tuple[Entity, ...],
    cues: KindCues,
) -> list[float]:
    """The kind model's inputs, log-scaled counts, in FEATURES order."""
    text = norm.text
    words = max(len(text.split()), 1)
    if cues.counter is not None:
        counts = cues.counter.counts(text)
    else:
        counts = [len(p.findall(text)) for p in (cues.warning, cues.news, cues.offer, cues.harm)]
    rates = [min(100.0 * c / words, 20.0) for c in counts]
    contacts = sum(e.type in CONTACT_TYPES for e in entities)
    money = sum(e.type == "money" for e in entities)
    raw_counts = [
        contacts,
        money,
        len(hits),
        words,
        len(_QUOTE.findall(norm.original)),
        len(_YEAR.findall(text)),
        text.count("!"),
        len(_EMOJI.findall(norm.original)),
        text.count("\n"),
    ]
    short = words < SHORT_POST
    flags = [contacts > 0, short, short and contacts > 0]
    return (
        [math.log1p(c) for c in counts]
        + [r / 5.0 for r in rates]
        + [math.log1p(c) for c in raw_counts]
        + [BINARY_SCALE * flag for flag in flags]
    )


def classify_kind(
    norm: Normalized,
    hits: tuple[IndicatorHit, ...],
    entities: tuple[Entity, ...],
    cues: KindCues | None = None,
) -> Kind:
    return most_likely(kind_probabilities(norm, hits, entities, cues))


def most_likely(probabilities: dict[str, float]) -> Kind:
    return max(KINDS, key=lambda kind: probabilities.get(kind, 0.0))


def kind_probabilities(
    norm: Normalized,
    hits: tuple[IndicatorHit, ...],
    entities: tuple[Entity, ...],
    cues: KindCues | None = None,
) -> dict[str, float]:
    """How likely each kind is (softmax of the model's scores); the hand rule, without
    weights, is sure of its one answer."""
    cues = cues or load_kinds()
    if cues.model is None:
        return {_rule(norm, hits, entities, cues): 1.0}
    scores = cues.model.scores(kind_features(norm, hits, entities, cues))
    top = max(scores.values())
    odds = {kind: math.exp(value - top) for kind, value in scores.items()}
    total = math.fsum(odds.values())
    return {kind: value / total for kind, value in odds.items()}


def _rule(
    norm: Normalized, hits: tuple[IndicatorHit, ...], entities: tuple[Entity, ...], cues: KindCues
) -> Kind:
    """The hand rule the model replaced, kept for a build without weights."""
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


def fit_kind_weights(
    rows: Sequence[Sequence[float]],
    kinds: Sequence[str],
    sample_weight: Sequence[float] | None = None,
    c: float = 1.0,
) -> KindWeights:
    """A multinomial logistic regression over kind features; classes balanced."""
    from sklearn.linear_model import LogisticRegression

    x = np.asarray(rows, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] != len(FEATURES):
        raise ValueError(f"kind rows must have {len(FEATURES)} features each")
    y = np.asarray(kinds)
    present = [k for k in KINDS if k in set(kinds)]
    if len(present) < 2:
        raise ValueError("need texts of at least two kinds to learn the kind model")
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
    model.fit(x, y, sample_weight=None if sample_weight is None else np.asarray(sample_weight))
    classes = list(model.classes_)
    weights: dict[str, tuple[float, ...]] = {}
    bias: dict[str, float] = {}
    for kind in KINDS:
        if kind in classes:
            row = classes.index(kind) if len(classes) > 2 else None
            coef = model.coef_[row] if row is not None else _binary(model, kind, classes)
            weights[kind] = tuple(round(float(w), 5) for w in coef)
            intercept = (
                model.intercept_[row] if row is not None else _binary_bias(model, kind, classes)
            )
            bias[kind] = round(float(intercept), 5)
        else:  # never seen: never chosen
            weights[kind] = (0.0,) * len(FEATURES)
            bias[kind] = -1e6
    return KindWeights(FEATURES, weights, bias)


def _binary(model: Any, kind: str, classes: list[str]) -> Any:
    return model.coef_[0] if kind == classes[1] else -model.coef_[0]


def _binary_bias(model: Any, kind: str, classes: list[str]) -> Any:
    return model.intercept_[0] if kind == classes[1] else -model.intercept_[0]


def weights_to_yaml(weights: KindWeights, about: dict[str, Any]) -> str:
    body = {
        **about,
        "features": list(weights.features),
        "weights": {k: list(v) for k, v in weights.weights.items()},
        "bias": weights.bias,
    }
    return yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=100)
