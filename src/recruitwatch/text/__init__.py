"""Text handling: normalisation with span mapping, language identification, tokens, shingles."""

from recruitwatch.text.normalize import Normalized, normalize

__all__ = ["Normalized", "normalize"]
