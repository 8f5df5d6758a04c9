"""What the lure model sees, and a fingerprint of it.

Two blocks: hashed character n-grams of the folded text (any script, no vocabulary to fit,
so a model file stays small and a new word is never out of range), and the detector's own
output: which indicators fired, the document kind, and the indicator score. A saved model
keeps the fingerprint of the features it was trained on; when the catalogue, the kinds or
the feature code change, the fingerprint changes and the model refuses to load.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import HashingVectorizer

from recruitwatch.detect.catalogue import Catalogue, load_catalogue
from recruitwatch.detect.kind import KindCues, cue_lists, load_kinds
from recruitwatch.model import Assessment

FEATURES_VERSION = 2  # bump when the code below computes anything differently
KINDS = ("offer", "warning", "news", "other")
LOGIT_CLIP = 0.01  # the indicator score is clipped to [0.01, 0.99] before its logit


@dataclass(frozen=True)
class FeatureSet:
    version: int
    text_features: int
    ngram_range: tuple[int, int]
    indicators: tuple[str, ...]
    kinds: tuple[str, ...]
    catalogue: str  # digest of everything in the catalogue that changes a verdict

    @property
    def width(self) -> int:
        return self.text_features + len(self.indicators) + len(self.kinds) + 1

    def fingerprint(self) -> str:
        body = json.dumps(asdict(self), sort_keys=True).encode("utf-8")
        return hashlib.sha256(body).hexdigest()[:16]

    def to_json(self) -> dict[str, Any]:
        """Plain JSON values (lists, not tuples), as a saved model card holds them."""
        shape: dict[str, Any] = json.loads(json.dumps(asdict(self)))
        return {**shape, "fingerprint": self.fingerprint()}


def catalogue_digest(catalogue: Catalogue, kinds: KindCues | None = None) -> str:
    """Digest of the catalogue's patterns, weights, terms, norms, bands, and the kind cues
    and weights in use; not of titles or descriptions, which change no verdict."""
    kinds = kinds or load_kinds()
    parts: list[Any] = [
        [(i.id, i.weight, i.patterns, i.requires, i.check) for i in catalogue.indicators],
        sorted((name, p.pattern) for name, p in catalogue.terms.items()),
        asdict(catalogue.salary),
        sorted(catalogue.bands.items()),
        sorted(catalogue.damping.items()),
        cue_lists(),  # the kind cues of every language
        None if kinds.model is None else asdict(kinds.model),
    ]
    body = json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(body).hexdigest()[:16]


def current_features(
    catalogue: Catalogue | None = None,
    *,
    text_features: int = 2**18,
    ngram_range: tuple[int, int] = (3, 5),
    kinds: KindCues | None = None,
) -> FeatureSet:
    """The features this build computes (with `kinds`: under those kind weights)."""
    catalogue = catalogue or load_catalogue()
    return FeatureSet(
        FEATURES_VERSION,
        text_features,
        ngram_range,
        tuple(i.id for i in catalogue.indicators),
        KINDS,
        catalogue_digest(catalogue, kinds),
    )


@cache
def vectorizer(text_features: int, ngram_range: tuple[int, int]) -> HashingVectorizer:
    # char_wb: n-grams inside word boundaries, so they read as pieces of words; the input
    # is already folded (case, hamza, tashkeel), hence lowercase=False.
    return HashingVectorizer(
        analyzer="char_wb",
        ngram_range=ngram_range,
        n_features=text_features,
        alternate_sign=False,
        lowercase=False,
        norm="l2",
        dtype=np.float32,
    )


def text_block(features: FeatureSet, folded: Sequence[str]) -> sp.csr_matrix:
    hashed = vectorizer(features.text_features, features.ngram_range).transform(folded)
    return sp.csr_matrix(hashed)


def indicator_logit(score: float) -> float:
    p = min(max(score, LOGIT_CLIP), 1.0 - LOGIT_CLIP)
    return math.log(p / (1.0 - p))


def detector_block(features: FeatureSet, verdicts: Sequence[Assessment]) -> sp.csr_matrix:
    """One row per document: fired indicators, kind one-hot, and the indicator logit / 5."""
    column = {i: n for n, i in enumerate(features.indicators)}
    offset = len(features.indicators)
    rows, cols, values = [], [], []
    for r, verdict in enumerate(verdicts):
        for hit in verdict.indicators:
            if hit.id in column:
                rows.append(r)
                cols.append(column[hit.id])
                values.append(1.0)
        rows.append(r)
        cols.append(offset + features.kinds.index(verdict.kind))
        values.append(1.0)
        rows.append(r)
        cols.append(offset + len(features.kinds))
        # divided by 5: about [-1, 1], the scale of the other features
        values.append(indicator_logit(verdict.indicator_score) / 5.0)
    shape = (len(verdicts), features.width - features.text_features)
    return sp.csr_matrix((values, (rows, cols)), shape=shape, dtype=np.float32)


def design(
    features: FeatureSet, folded: Sequence[str], verdicts: Sequence[Assessment]
) -> sp.csr_matrix:
    """The whole feature matrix: text block then detector block."""
    return sp.csr_matrix(
        sp.hstack([text_block(features, folded), detector_block(features, verdicts)])
    )
