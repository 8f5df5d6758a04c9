"""k-anonymity by local suppression, for case rows that leave the organisation.

Quasi-identifiers are the columns someone could know from outside (sex, age band, province,
year of departure, fate). Rows whose combination of them is shared by fewer than k rows get
one column blanked at a time ("*"), least useful first, until every combination is shared by
at least k rows; rows still alone after every column is blanked are dropped (and counted).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

HIDDEN = "*"


def _key(row: Mapping[str, Any], columns: Sequence[str]) -> tuple[str, ...]:
    return tuple(str(row.get(c) or "") for c in columns)


def k_anonymise(
    rows: Sequence[Mapping[str, Any]], quasi: Sequence[str], k: int
) -> tuple[list[dict[str, Any]], int]:
    """(rows, how many were dropped); `quasi` lists the columns to blank, first blanked first."""
    if k < 2:
        raise ValueError(f"k must be at least 2, got {k}")
    current = [dict(r) for r in rows]
    for column in quasi:
        sizes = Counter(_key(r, quasi) for r in current)
        for row in current:
            if sizes[_key(row, quasi)] < k:
                row[column] = HIDDEN
    sizes = Counter(_key(r, quasi) for r in current)
    kept = [r for r in current if sizes[_key(r, quasi)] >= k]
    return kept, len(current) - len(kept)


def smallest_class(rows: Sequence[Mapping[str, Any]], quasi: Sequence[str]) -> int:
    """The size of the rarest combination of quasi-identifiers (0 when there are no rows)."""
    sizes = Counter(_key(r, quasi) for r in rows)
    return min(sizes.values(), default=0)
