"""Small-count suppression: hand examples, the reader-model checker and random tables."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recruitwatch.report.suppress import (
    COMPLEMENT_TEXT,
    DEFAULT_K,
    SERIES_COLUMN,
    TOTAL,
    Cell,
    Table,
    recoverable,
    suppress,
    suppress_series,
)

Counts = Mapping[tuple[str, str], int]


def _entries(table: Table) -> dict[tuple[str, str], Cell]:
    """Every printed entry, totals keyed with TOTAL as recoverable() keys them."""
    entries = dict(table.cells)
    entries.update({(row, TOTAL): cell for row, cell in table.row_totals.items()})
    entries.update({(TOTAL, column): cell for column, cell in table.column_totals.items()})
    entries[TOTAL, TOTAL] = table.total
    return entries


def _truth(table: Table, counts: Counts) -> dict[tuple[str, str], int]:
    """The true value of every entry, totals included."""
    truth = {(r, c): counts.get((r, c), 0) for r in table.rows for c in table.columns}
    for row in table.rows:
        truth[row, TOTAL] = sum(truth[row, c] for c in table.columns)
    for column in table.columns:
        truth[TOTAL, column] = sum(truth[r, column] for r in table.rows)
    truth[TOTAL, TOTAL] = sum(truth[r, TOTAL] for r in table.rows)
    return truth


def _lines(table: Table) -> list[list[tuple[str, str]]]:
    """Rows with their totals, columns with theirs, the totals row and the totals column."""
    rows = [*table.rows, TOTAL]
    columns = [*table.columns, TOTAL]
    return [[(r, c) for c in columns] for r in rows] + [[(r, c) for r in rows] for c in columns]


def _hidden(table: Table) -> set[tuple[str, str]]:
    return {key for key, cell in _entries(table).items() if cell.value is None}


def _hand_made(
    counts: Counts,
    rows: list[str],
    columns: list[str],
    hidden: set[tuple[str, str]],
    k: int = DEFAULT_K,
) -> Table:
    """A table with exactly `hidden` suppressed (small ones as primary), for the checker."""
    truth = {(r, c): counts.get((r, c), 0) for r in rows for c in columns}
    for row in rows:
        truth[row, TOTAL] = sum(truth[row, c] for c in columns)
    for column in columns:
        truth[TOTAL, column] = sum(truth[r, column] for r in rows)
    truth[TOTAL, TOTAL] = sum(truth[r, TOTAL] for r in rows)

    def cell(key: tuple[str, str]) -> Cell:
        value = truth[key]
        if key not in hidden:
            return Cell(value, str(value))
        if value < k:
            return Cell(None, f"<{k}", primary=True)
        return Cell(None, COMPLEMENT_TEXT)

    return Table(
        rows=tuple(rows),
        columns=tuple(columns),
        cells={(r, c): cell((r, c)) for r in rows for c in columns},
        row_totals={r: cell((r, TOTAL)) for r in rows},
        column_totals={c: cell((TOTAL, c)) for c in columns},
        total=cell((TOTAL, TOTAL)),
        k=k,
    )


def _unprotectable(table: Table, counts: Counts) -> set[tuple[str, str]]:
    """Entries recoverable even when every non-zero entry is hidden."""
    truth = _truth(table, counts)
    everything = {key for key, value in truth.items() if value > 0}
    hand_made = _hand_made(counts, list(table.rows), list(table.columns), everything, table.k)
    return set(recoverable(hand_made, counts))


# Hand examples


def test_series_with_one_small_category_hides_it_and_one_more() -> None:
    counts = {"killed": 3, "returned": 20, "missing": 30}
    table = suppress_series(counts, order=["returned", "killed", "missing"])
    assert table.rows == ("returned", "killed", "missing")
    assert table.columns == (SERIES_COLUMN,)
    assert table.cells["killed", SERIES_COLUMN] == Cell(None, "<11", primary=True)
    assert table.cells["returned", SERIES_COLUMN] == Cell(None, COMPLEMENT_TEXT)
    assert table.cells["missing", SERIES_COLUMN] == Cell(30, "30")
    assert table.total == Cell(53, "53")
    hidden_cells = [key for key, cell in table.cells.items() if cell.value is None]
    assert hidden_cells == [("returned", SERIES_COLUMN), ("killed", SERIES_COLUMN)]
    series = {(name, SERIES_COLUMN): value for name, value in counts.items()}
    assert recoverable(table, series) == []


def test_two_by_two_with_one_small_cell_hides_a_rectangle_and_shows_the_totals() -> None:
    counts = {("a", "x"): 3, ("a", "y"): 20, ("b", "x"): 30, ("b", "y"): 40}
    table = suppress(counts)
    assert all(cell.value is None for cell in table.cells.values())
    assert [cell.primary for cell in table.cells.values()] == [True, False, False, False]
    assert table.row_totals == {"a": Cell(23, "23"), "b": Cell(70, "70")}
    assert table.column_totals == {"x": Cell(33, "33"), "y": Cell(60, "60")}
    assert table.total == Cell(93, "93")
    assert recoverable(table, counts) == []


def test_nothing_is_hidden_when_every_count_reaches_k() -> None:
    counts = {("a", "x"): 11, ("a", "y"): 12, ("b", "x"): 40, ("b", "y"): 0}
    table = suppress(counts)
    assert _hidden(table) == set()
    assert {key: cell.value for key, cell in _entries(table).items()} == _truth(table, counts)
    assert table.cells["b", "y"].text == "0"


def test_a_grand_total_below_k_is_hidden_with_everything_non_zero() -> None:
    counts = {("a", "x"): 2, ("a", "y"): 3, ("b", "x"): 0, ("b", "y"): 4}
    table = suppress(counts)
    assert table.total == Cell(None, "<11", primary=True)
    assert table.cells["b", "x"] == Cell(0, "0")
    assert _hidden(table) == {key for key, value in _truth(table, counts).items() if value > 0}
    assert recoverable(table, counts) == []


def test_series_total_below_k_is_hidden() -> None:
    table = suppress_series({"a": 4, "b": 5}, k=10)
    assert table.total == Cell(None, "<10", primary=True)
    assert table.column_totals[SERIES_COLUMN].text == "<10"


def test_all_zero_table_shows_every_zero() -> None:
    counts = {("a", "x"): 0, ("a", "y"): 0, ("b", "x"): 0, ("b", "y"): 0}
    table = suppress(counts)
    assert _hidden(table) == set()
    assert {cell.text for cell in _entries(table).values()} == {"0"}
    assert recoverable(table, counts) == []


def test_missing_pairs_count_zero_and_explicit_order_is_kept() -> None:
    table = suppress({("b", "y"): 50}, rows=["b", "a"], columns=["y", "x"])
    assert table.rows == ("b", "a")
    assert table.columns == ("y", "x")
    assert table.cells["a", "x"] == Cell(0, "0")
    assert table.row_totals["b"] == Cell(50, "50")


def test_default_rows_and_columns_are_sorted() -> None:
    table = suppress({("b", "y"): 12, ("a", "z"): 13, ("c", "x"): 14})
    assert table.rows == ("a", "b", "c")
    assert table.columns == ("x", "y", "z")


def test_a_complement_that_is_at_least_k_can_give_a_small_count_away() -> None:
    # "<11" and "x" with a total of 12: "x" is at least 11, so "<11" would be 1. The total must go.
    counts = {"a": 1, "b": 11}
    table = suppress_series(counts)
    assert table.total == Cell(None, COMPLEMENT_TEXT)
    assert recoverable(table, {(n, SERIES_COLUMN): v for n, v in counts.items()}) == []


def test_combinations_of_lines_are_caught_where_the_line_rule_is_not_enough() -> None:
    grid = [[23, 35, 22, 8], [0, 0, 0, 30], [0, 0, 0, 25]]
    rows, columns = ["r0", "r1", "r2"], ["c0", "c1", "c2", "c3"]
    counts = {(r, c): grid[i][j] for i, r in enumerate(rows) for j, c in enumerate(columns)}
    # What the line rule alone hides: every line has 0 or at least 2 hidden entries, yet
    # column c3 minus rows r1 and r2 (whose sum is the grand total minus r0) gives r0/c3 away.
    line_rule_only = {
        ("r0", "c0"), ("r0", "c2"), ("r0", "c3"), ("r1", "c3"), ("r1", TOTAL),
        ("r2", "c3"), ("r2", TOTAL), (TOTAL, "c0"), (TOTAL, "c2"),
    }  # fmt: skip
    weak = _hand_made(counts, rows, columns, line_rule_only, k=10)
    for line in _lines(weak):
        assert sum(key in line_rule_only for key in line) != 1
    assert recoverable(weak, counts) == [("r0", "c3")]

    table = suppress(counts, k=10)
    assert _hidden(table) == line_rule_only | {(TOTAL, "c3")}
    assert recoverable(table, counts) == []


def test_recoverable_reports_a_cell_recoverable_by_subtraction() -> None:
    counts = {("a", "x"): 3, ("a", "y"): 20, ("b", "x"): 30, ("b", "y"): 40}
    only_primary = _hand_made(counts, ["a", "b"], ["x", "y"], {("a", "x")})
    assert recoverable(only_primary, counts) == [("a", "x")]
    hidden_total = _hand_made(counts, ["a", "b"], ["x", "y"], {("a", TOTAL)})
    assert recoverable(hidden_total, counts) == [("a", TOTAL)]


def test_recoverable_rejects_a_table_that_does_not_match() -> None:
    table = suppress({("a", "x"): 30})
    with pytest.raises(ValueError, match="shows 30"):
        recoverable(table, {("a", "x"): 31})


def test_k_two_cannot_protect_a_one_but_everything_else_is_protected() -> None:
    counts = {"a": 1, "b": 11}
    table = suppress_series(counts, k=2)
    assert table.cells["a", SERIES_COLUMN] == Cell(None, "<2", primary=True)
    found = recoverable(table, {(n, SERIES_COLUMN): v for n, v in counts.items()})
    assert found == [("a", SERIES_COLUMN), ("a", TOTAL)]


def test_a_line_of_k_minus_one_ones_cannot_be_protected_and_is_not_over_suppressed() -> None:
    # k = 3: two "<3" cells with a "<3" total are both 1, whatever else is hidden
    counts = {("a", "x"): 1, ("a", "y"): 1, ("a", "z"): 0, ("b", "x"): 20, ("b", "y"): 30}
    counts |= {("b", "z"): 40}
    table = suppress(counts, k=3)
    found = recoverable(table, counts)
    assert {("a", "x"), ("a", "y"), ("a", TOTAL)} <= set(found)
    assert set(found) == _unprotectable(table, counts)
    assert table.cells["b", "z"] == Cell(40, "40")  # nothing hidden in vain for row a
    for line in _lines(table):
        assert sum(key in _hidden(table) for key in line) != 1


# Validation


@pytest.mark.parametrize("k", [1, 0, -3, True, 2.5])
def test_k_below_two_is_refused(k: int) -> None:
    with pytest.raises(ValueError, match="k must be"):
        suppress({("a", "x"): 1}, k=k)
    with pytest.raises(ValueError, match="k must be"):
        suppress_series({"a": 1}, k=k)


@pytest.mark.parametrize("value", [-1, 2.0, "3", None, True])
def test_bad_counts_are_refused_naming_the_cell(value: object) -> None:
    with pytest.raises(ValueError, match=r"'bad', 'y'"):
        suppress({("a", "x"): 1, ("bad", "y"): value})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="'bad'"):
        suppress_series({"bad": value})  # type: ignore[dict-item]


def test_counts_outside_the_given_rows_or_order_are_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        suppress({("a", "x"): 12, ("c", "x"): 12}, rows=["a"])
    with pytest.raises(ValueError, match="not in order"):
        suppress_series({"a": 12, "c": 12}, order=["a"])
    with pytest.raises(ValueError, match="duplicate"):
        suppress({("a", "x"): 12}, rows=["a", "a"])
    with pytest.raises(ValueError, match="reserved"):
        suppress({(TOTAL, "x"): 12})


# to_rows


def test_to_rows_shape_and_texts() -> None:
    counts = {("a", "x"): 3, ("a", "y"): 20, ("b", "x"): 30, ("b", "y"): 40}
    rows = suppress(counts).to_rows(row_label="Region")
    assert rows == [
        {"Region": "a", "x": "<11", "y": COMPLEMENT_TEXT, "Total": "23"},
        {"Region": "b", "x": COMPLEMENT_TEXT, "y": COMPLEMENT_TEXT, "Total": "70"},
        {"Region": "Total", "x": "33", "y": "60", "Total": "93"},
    ]
    assert [list(row) for row in rows] == [["Region", "x", "y", "Total"]] * 3


def test_to_rows_of_a_series_and_custom_labels() -> None:
    rows = suppress_series({"killed": 3, "missing": 30, "returned": 20}).to_rows(
        row_label="Fate", total_label="All"
    )
    assert rows[0] == {"Fate": "killed", SERIES_COLUMN: "<11", "All": "<11"}
    assert rows[-1] == {"Fate": "All", SERIES_COLUMN: "53", "All": "53"}
    assert len(rows) == 4


def test_to_rows_refuses_labels_that_collide_with_columns() -> None:
    table = suppress({("a", "Total"): 12})
    with pytest.raises(ValueError, match="must differ"):
        table.to_rows()


# Random tables

NAMES = ["zeta", "alpha", "mid", "beta"]


@st.composite
def tables(draw: st.DrawFn) -> tuple[Counts, list[str], list[str], int]:
    rows = draw(st.permutations(NAMES))[: draw(st.integers(1, 4))]
    columns = draw(st.permutations([n.upper() for n in NAMES]))[: draw(st.integers(1, 4))]
    value = st.integers(0, 40)
    counts = {(r, c): draw(value) for r in rows for c in columns}
    if draw(st.booleans()):  # leave some pairs out: they count 0
        counts = {key: v for key, v in counts.items() if v % 3}
    return counts, list(rows), list(columns), draw(st.integers(2, 15))


@settings(max_examples=150, deadline=None)
@given(tables())
def test_random_tables_are_protected(case: tuple[Counts, list[str], list[str], int]) -> None:
    counts, rows, columns, k = case
    table = suppress(counts, rows=rows, columns=columns, k=k)
    assert table.rows == tuple(rows)
    assert table.columns == tuple(columns)
    assert table.k == k
    truth = _truth(table, counts)
    entries = _entries(table)
    assert set(entries) == set(truth)
    for key, cell in entries.items():
        value = truth[key]
        if 0 < value < k:  # every small count and total is hidden as primary
            assert cell == Cell(None, f"<{k}", primary=True), key
        elif cell.value is None:  # complements are never zero and never small
            assert value >= k, key
            assert cell == Cell(None, COMPLEMENT_TEXT), key
        else:  # shown values are the true ones
            assert cell == Cell(value, str(value)), key
    hidden = _hidden(table)
    for line in _lines(table):  # no line gives its one hidden entry away by subtraction
        assert sum(key in hidden for key in line) != 1, line
    found = recoverable(table, counts)
    # only what no suppression can protect may be recoverable (e.g. "<2", which can only be 1)
    assert set(found) <= _unprotectable(table, counts)
    if k > 2 and max(len(rows), len(columns)) < k - 1 and truth[TOTAL, TOTAL] >= k:
        assert found == []  # too few cells in any line for all of them to be pinned at 1
    # deterministic, whatever the order of the mapping
    assert suppress(counts, rows=rows, columns=columns, k=k) == table
    shuffled = dict(reversed(list(counts.items())))
    assert suppress(shuffled, rows=rows, columns=columns, k=k) == table


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.sampled_from(NAMES), st.integers(0, 40), max_size=4), st.integers(3, 15))
def test_random_series_are_protected(counts: dict[str, int], k: int) -> None:
    table = suppress_series(counts, k=k)
    assert table.rows == tuple(sorted(counts))
    series = {(name, SERIES_COLUMN): value for name, value in counts.items()}
    found = recoverable(table, series)
    assert set(found) <= _unprotectable(table, series)
    if len(counts) < k - 1 or sum(counts.values()) >= k:
        assert found == []
    for name, value in counts.items():
        cell = table.cells[name, SERIES_COLUMN]
        if 0 < value < k:
            assert cell == Cell(None, f"<{k}", primary=True)
        elif value == 0:
            assert cell == Cell(0, "0")
        else:
            assert cell in (Cell(value, str(value)), Cell(None, COMPLEMENT_TEXT))
