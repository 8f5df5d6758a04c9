"""MinHash signatures and LSH banding over shingles, vectorised with NumPy.

Each permutation is a multiply-add modulo 2**64 (NumPy's uint64 wrap-around) followed by a
splitmix64-style mixing step; both are bijections of the 64-bit space, and the mixing keeps
small or structured inputs from all landing on the same minimum. The signature is the
column minimum.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import cache

import numpy as np
import numpy.typing as npt

Signature = npt.NDArray[np.uint64]
EMPTY = np.iinfo(np.uint64).max
MIX = np.uint64(0xBF58476D1CE4E5B9)
BLOCK = 4096
VERIFY_CHUNK = 8192  # pairs compared at once: 8192 x 2 x 128 x 8 bytes = 16 MB
Pairs = npt.NDArray[np.int64]  # (n, 2) row numbers


@cache
def permutations(num_perm: int = 64, seed: int = 1) -> tuple[Signature, Signature]:
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) | np.uint64(1)  # odd: a bijection
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    return a, b


def signature(shingles: Iterable[int], a: Signature, b: Signature) -> Signature:
    hashes = np.fromiter(shingles, dtype=np.uint64)
    result: Signature = np.full(a.size, EMPTY, dtype=np.uint64)
    # In blocks: a 1 MB text has ~150k shingles; one block of all of them times 128
    # permutations would be 150 MB.
    for start in range(0, hashes.size, BLOCK):
        block = hashes[start : start + BLOCK]
        with np.errstate(over="ignore"):
            mixed = block[:, None] * a[None, :] + b[None, :]
            mixed ^= mixed >> np.uint64(31)
            mixed *= MIX
            mixed ^= mixed >> np.uint64(29)
        np.minimum(result, mixed.min(axis=0), out=result)
    return result


def similarity(x: Signature, y: Signature) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(x == y)) / x.size


def verify(signatures: Signature, pairs: npt.NDArray[np.int64], threshold: float) -> Pairs:
    """The pairs (rows of `pairs`) whose estimated Jaccard similarity reaches `threshold`:
    `similarity` for many pairs at once, in chunks so memory stays bounded."""
    pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
    kept = [np.empty((0, 2), dtype=np.int64)]
    for start in range(0, pairs.shape[0], VERIFY_CHUNK):
        part = pairs[start : start + VERIFY_CHUNK]
        same = np.count_nonzero(signatures[part[:, 0]] == signatures[part[:, 1]], axis=1)
        kept.append(part[same / signatures.shape[1] >= threshold])
    return np.vstack(kept)


def candidate_pairs(signatures: Signature, bands: int) -> set[tuple[int, int]]:
    """Pairs of rows that agree on at least one band. Each bucket links its members to its
    first member only, so a bucket of a million identical posts costs a million pairs, not
    half a trillion; connectivity is the same."""
    n, num_perm = signatures.shape
    rows = num_perm // bands
    pairs: set[tuple[int, int]] = set()
    for band in range(bands):
        block = np.ascontiguousarray(signatures[:, band * rows : (band + 1) * rows])
        buckets: dict[bytes, list[int]] = defaultdict(list)
        for index in range(n):
            buckets[block[index].tobytes()].append(index)
        for members in buckets.values():
            head = members[0]
            pairs.update((head, other) for other in members[1:])
    return pairs
