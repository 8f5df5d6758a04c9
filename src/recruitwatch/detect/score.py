"""One risk score in [0, 1] and a band, from the indicators that fired and the kind."""

from __future__ import annotations

import math

from recruitwatch.detect.catalogue import Catalogue, load_catalogue
from recruitwatch.model import Band, IndicatorHit, Kind


def score(
    hits: tuple[IndicatorHit, ...],
    kind: Kind,
    catalogue: Catalogue | None = None,
    kinds: dict[str, float] | None = None,
) -> tuple[float, Band]:
    """Noisy-or of the weights (each lure is independent evidence), damped for kinds that
    describe lures without being offers. With the kind model's probabilities (`kinds`), the
    damping is their expectation, so a text the model hesitates over is damped part-way."""
    catalogue = catalogue or load_catalogue()
    combined = 1.0 - math.prod(1.0 - h.weight for h in hits)
    if kinds:
        damping = math.fsum(p * catalogue.damping.get(k, 1.0) for k, p in kinds.items())
    else:
        damping = catalogue.damping.get(kind, 1.0)
    value = combined * damping
    return value, band_of(value, catalogue)


def band_of(value: float, catalogue: Catalogue) -> Band:
    if value >= catalogue.bands["high"]:
        return "high"
    if value >= catalogue.bands["medium"]:
        return "medium"
    return "low"


def explain(
    hits: tuple[IndicatorHit, ...], lang: str = "en", catalogue: Catalogue | None = None
) -> list[str]:
    """One line per hit, in the user's language: what the lure is, its weight, the evidence."""
    catalogue = catalogue or load_catalogue()
    lang = "ar" if lang == "ar" else "en"
    lines = []
    for hit in hits:
        indicator = catalogue.get(hit.id)
        evidence = " | ".join(f"«{s.text}»" for s in hit.evidence)
        line = f"{indicator.description[lang]} ({hit.weight:.2f}): {evidence}"
        if hit.note and indicator.check == "salary":
            line += f" [{hit.note}]"
        lines.append(line)
    return lines
