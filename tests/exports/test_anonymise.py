"""k-anonymity by local suppression: every combination shared by k rows, nothing else lost."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recruitwatch.exports.anonymise import HIDDEN, k_anonymise, smallest_class

QUASI = ("province", "year", "sex")

rows_strategy = st.lists(
    st.fixed_dictionaries(
        {
            "province": st.sampled_from(["IQ-BA", "IQ-BG", "IQ-NA", "IQ-KA"]),
            "year": st.sampled_from(["2023", "2024", "2025"]),
            "sex": st.sampled_from(["Masculine", "Feminine"]),
            "fate": st.sampled_from(["missing", "killed", "returned"]),
        }
    ),
    max_size=80,
)


@settings(max_examples=200, deadline=None)
@given(rows_strategy, st.integers(2, 12))
def test_every_combination_is_shared_by_k_rows(rows: list[dict[str, str]], k: int) -> None:
    rows = [{**r, "id": str(n)} for n, r in enumerate(rows)]
    kept, dropped = k_anonymise(rows, QUASI, k)
    assert len(kept) + dropped == len(rows)
    if kept:
        assert smallest_class(kept, QUASI) >= k
    # blanking only ever hides a value; other columns are untouched; order is kept
    source = {r["id"]: r for r in rows}
    assert [r["id"] for r in kept] == sorted((r["id"] for r in kept), key=int)
    for row in kept:
        original = source[row["id"]]
        assert row["fate"] == original["fate"]
        assert all(row[c] in (original[c], HIDDEN) for c in QUASI)
    # nothing is blanked or dropped when every combination is already common enough
    if rows and smallest_class(rows, QUASI) >= k:
        assert kept == rows and dropped == 0


def test_a_large_class_is_left_alone_and_a_lone_row_is_blanked() -> None:
    rows = [{"province": "IQ-BA", "year": "2025", "sex": "Masculine"}] * 12
    rows = [*rows, {"province": "IQ-NA", "year": "2025", "sex": "Masculine"}]
    kept, dropped = k_anonymise(rows, QUASI, 11)
    assert dropped == 1  # the Najaf row stays alone even with its province blanked
    assert all(r["province"] == "IQ-BA" for r in kept)
    many = [*rows, *[{"province": "IQ-NA", "year": "2025", "sex": "Masculine"}] * 10]
    kept, dropped = k_anonymise(many, QUASI, 11)
    assert dropped == 0 and smallest_class(kept, QUASI) >= 11


def test_k_below_two_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 2"):
        k_anonymise([], QUASI, 1)
