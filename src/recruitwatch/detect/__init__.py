"""Detection: the indicator catalogue, document kind, and the score with its explanation."""

from recruitwatch.detect.catalogue import Catalogue, Indicator, load_catalogue
from recruitwatch.detect.indicators import find_indicators
from recruitwatch.detect.kind import classify_kind, load_kinds
from recruitwatch.detect.score import explain, score

__all__ = [
    "Catalogue",
    "Indicator",
    "classify_kind",
    "explain",
    "find_indicators",
    "load_catalogue",
    "load_kinds",
    "score",
]
