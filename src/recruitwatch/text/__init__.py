"""Text handling: normalisation with span mapping, language identification, tokens, shingles."""

from recruitwatch.text.langid import identify, identify_scores
from recruitwatch.text.normalize import Normalized, fold_pattern, normalize, normalize_text
from recruitwatch.text.tokens import shingles, stable_hash, token_spans, tokens

__all__ = [
    "Normalized",
    "fold_pattern",
    "identify",
    "identify_scores",
    "normalize",
    "normalize_text",
    "shingles",
    "stable_hash",
    "token_spans",
    "tokens",
]
