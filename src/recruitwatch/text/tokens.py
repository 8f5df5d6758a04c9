"""Word tokens and shingles over normalised text, for near-duplicate linking."""

from __future__ import annotations

import hashlib
import re

# URLs (with or without a scheme) and @handles stay whole: they are what ties template ads
# together. A URL does not take the punctuation that ends the sentence after it.
_TOKEN = re.compile(
    r"(?:https?://|www\.|t\.me/)\S*[^\s.,;:!?()\[\]'\"«»“”،؛؟]"
    r"|@\w+|[^\W_]+(?:[.'’][^\W_]+)*"
)


def tokens(normalized: str) -> list[str]:
    """Word tokens (letters and digits of any script), URLs and handles as single tokens."""
    return _TOKEN.findall(normalized)


def token_spans(normalized: str) -> list[tuple[int, int]]:
    """The [start, end) of each token, in order."""
    return [m.span() for m in _TOKEN.finditer(normalized)]


def stable_hash(value: str) -> int:
    """A 64-bit hash that is the same in every process and on every machine."""
    return int.from_bytes(hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest(), "big")


def shingles(words: list[str], k: int = 3) -> set[int]:
    """Hashes of every run of k consecutive tokens (the whole text if shorter)."""
    if not words:
        return set()
    if len(words) <= k:
        return {stable_hash(" ".join(words))}
    return {stable_hash(" ".join(words[i : i + k])) for i in range(len(words) - k + 1)}
