"""Small-count suppression for the aggregates sent to oversight bodies.

A published count below ``k`` (default 11, as the Counter Trafficking Data Collaborative uses)
could single out a victim, so it is hidden. Hiding it is not enough: a table prints its row,
column and grand totals, and a reader can subtract. This module decides what to print.

What is printed
    * a shown count prints as itself: ``"123"``, and a zero as ``"0"``;
    * a *primary* suppression (the count itself is ``1 .. k-1``) prints as ``"<k"``, e.g. ``"<11"``;
    * a *complementary* suppression (a count of ``k`` or more hidden only so that a small one
      cannot be recovered) prints as :data:`COMPLEMENT_TEXT` (``"x"``). It must not print as
      ``"<k"``: that would tell an oversight body something false. The consequence is that a
      reader knows a complementary count is at least ``k``; :func:`recoverable` accounts for it.

Zeros
    A zero is always shown and never chosen as a complement. A true zero reveals nobody; hiding
    one protects nothing unless the reader cannot prove it is zero, and next to shown totals the
    reader usually can (for example when the shown cells of a line already add up to its total).
    A non-zero complement always exists where rule 2 needs one: if the only hidden entry of a
    line is a cell, the line's total is at least that non-zero cell and is shown; if it is the
    total, some cell of the line is non-zero and shown. Because complements are never zero, a
    reader who knows this module also knows every ``"x"`` is ``>= k``; the checker uses exactly
    that. Showing every zero also keeps the tables honest about categories that have no cases.

Algorithm
    1. Primary: every cell, row or column total or grand total with ``0 < value < k`` is hidden.
    2. Lines: every row with its row total, every column with its column total, the totals row
       with the grand total and the totals column with the grand total. A line with exactly one
       hidden entry gives it away by subtraction (this covers a hidden total whose cells are all
       shown), so its smallest shown non-zero entry is hidden too (ties: input order, the total
       last). Lines are visited in a fixed order until nothing changes.
    3. Combinations of lines can still pin a hidden value (for example a hidden cell that is the
       only link between two otherwise separate groups of hidden cells). :func:`recoverable`
       finds such entries exactly with integer programs; while there are some, the smallest shown
       non-zero entry in a line of the first one is hidden and step 2 is repeated.

The reader model of :func:`recoverable`: shown entries are exact; a ``"<k"`` entry is in
``1 .. k-1``; an ``"x"`` entry is at least ``k``; every line adds up. A hidden entry is
*recoverable* when all integer tables that satisfy this give it the same value.

Some tables cannot be protected at all while zeros are shown and ``"<k"`` means ``1 .. k-1``:
with ``k = 2`` a ``"<2"`` is 1; more generally a line whose total is below ``k`` and which holds
``k-1`` non-zero cells (so all of them are 1), e.g. ``k = 3`` and a row ``1, 1, 0`` with total 2.
Such an entry is recoverable even with every non-zero entry hidden, so :func:`suppress` does not
hide more for it (hiding more would lose information and protect nothing); it still applies
every rule and protects every other entry. :func:`recoverable` reports such entries, as it
must: report code that asserts ``recoverable(...) == []`` should then merge categories or not
publish the table.

Totals in :func:`recoverable`'s answer are keyed with :data:`TOTAL` in place of the row or
column name, so ``TOTAL`` may not be used as a row or column name.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

DEFAULT_K = 11
COMPLEMENT_TEXT = "x"
TOTAL = "__total__"
SERIES_COLUMN = "count"


@dataclass(frozen=True, slots=True)
class Cell:
    value: int | None  # None when suppressed
    text: str  # what is printed: "123", "0", "<11", or COMPLEMENT_TEXT for a complement
    primary: bool = False  # suppressed because it is itself small (else complementary, or shown)


@dataclass(frozen=True)
class Table:
    """A suppressed two-way table with its margins. rows/columns keep the input order."""

    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: dict[tuple[str, str], Cell]
    row_totals: dict[str, Cell]
    column_totals: dict[str, Cell]
    total: Cell
    k: int

    def to_rows(self, *, row_label: str = "", total_label: str = "Total") -> list[dict[str, str]]:
        """Flat rows for CSV/HTML: one dict per row (row_label -> row name, each column -> cell
        text, total_label -> row total), then a totals row."""
        keys = [row_label, *self.columns, total_label]
        if len(set(keys)) != len(keys):
            raise ValueError(
                f"row_label {row_label!r} and total_label {total_label!r} must differ "
                "from each other and from every column name"
            )
        out: list[dict[str, str]] = []
        for row in self.rows:
            line = {row_label: row}
            line.update({column: self.cells[row, column].text for column in self.columns})
            line[total_label] = self.row_totals[row].text
            out.append(line)
        totals = {row_label: total_label}
        totals.update({column: self.column_totals[column].text for column in self.columns})
        totals[total_label] = self.total.text
        out.append(totals)
        return out


def suppress(
    counts: Mapping[tuple[str, str], int],
    *,
    rows: Sequence[str] | None = None,
    columns: Sequence[str] | None = None,
    k: int = DEFAULT_K,
) -> Table:
    """Two-way table (row, column) -> count; missing pairs count 0. rows/columns default to the
    sorted keys found."""
    _check_k(k)
    row_names = _names("row", rows, (key[0] for key in counts))
    column_names = _names("column", columns, (key[1] for key in counts))
    grid = _grid(counts, row_names, column_names)
    state = _protect(grid, k)
    return _table(grid, state, row_names, column_names, k)


def suppress_series(
    counts: Mapping[str, int], *, order: Sequence[str] | None = None, k: int = DEFAULT_K
) -> Table:
    """A one-way table (e.g. cases by fate) as a table with one column "count" and a total."""
    _check_k(k)
    names = _names("row", order, counts)
    for name in counts:
        if name not in names:
            raise ValueError(f"count for {name!r} is not in order")
    return suppress(
        {(name, SERIES_COLUMN): counts[name] for name in counts},
        rows=names,
        columns=[SERIES_COLUMN],
        k=k,
    )


def recoverable(table: Table, original: Mapping[tuple[str, str], int]) -> list[tuple[str, str]]:
    """The suppressed entries of `table` whose value a reader can work out exactly.

    `original` holds the true cell counts (missing pairs count 0). Entries come in row-major
    order; totals are keyed with TOTAL, e.g. (row, TOTAL), (TOTAL, column), (TOTAL, TOTAL).
    Raises ValueError when `table` does not match `original`.
    """
    _check_k(table.k)
    grid = _grid(original, table.rows, table.columns)
    n_rows, n_columns = len(table.rows), len(table.columns)
    state = [[_SHOWN] * (n_columns + 1) for _ in range(n_rows + 1)]
    for i in range(n_rows + 1):
        for j in range(n_columns + 1):
            cell = _entry(table, i, j)
            key = _key(table.rows, table.columns, i, j)
            value = grid[i][j]
            if cell.value is not None:
                if cell.value != value:
                    raise ValueError(f"{key} shows {cell.value}, the count is {value}")
                continue
            if cell.primary:
                state[i][j] = _PRIMARY
                if not 0 < value < table.k:
                    raise ValueError(f"{key} is marked small, the count is {value}")
            else:
                state[i][j] = _COMPLEMENT
                if value < table.k:
                    raise ValueError(f"{key} is a complement below k, the count is {value}")
    return [_key(table.rows, table.columns, i, j) for i, j in _determined(grid, state, table.k)]


class _State(Enum):
    SHOWN = "shown"
    PRIMARY = "primary"
    COMPLEMENT = "complement"


_SHOWN, _PRIMARY, _COMPLEMENT = _State.SHOWN, _State.PRIMARY, _State.COMPLEMENT

Grid = list[list[int]]
States = list[list[_State]]
Entry = tuple[int, int]


def _check_k(k: int) -> None:
    if isinstance(k, bool) or not isinstance(k, int) or k < 2:
        raise ValueError(f"k must be an integer of at least 2, not {k!r}")


def _names(kind: str, given: Sequence[str] | None, found: Iterable[str]) -> tuple[str, ...]:
    names = tuple(sorted(set(found))) if given is None else tuple(given)
    if len(set(names)) != len(names):
        raise ValueError(f"duplicate {kind} names in {names!r}")
    if TOTAL in names:
        raise ValueError(f"{TOTAL!r} is reserved and cannot be a {kind} name")
    return names


def _count(key: object, value: object) -> int:
    if isinstance(value, bool):
        raise ValueError(f"count for {key!r} must be a non-negative integer, not {value!r}")
    try:
        number = operator.index(value)  # type: ignore[arg-type]
    except TypeError:
        raise ValueError(
            f"count for {key!r} must be a non-negative integer, not {value!r}"
        ) from None
    if number < 0:
        raise ValueError(f"count for {key!r} must be a non-negative integer, not {value!r}")
    return number


def _grid(
    counts: Mapping[tuple[str, str], int], rows: Sequence[str], columns: Sequence[str]
) -> Grid:
    """Counts with their margins: row i < len(rows) are cells, the last row and column totals."""
    row_index = {name: i for i, name in enumerate(rows)}
    column_index = {name: j for j, name in enumerate(columns)}
    n_rows, n_columns = len(rows), len(columns)
    grid = [[0] * (n_columns + 1) for _ in range(n_rows + 1)]
    for key, value in counts.items():
        number = _count(key, value)
        row, column = key
        if row not in row_index or column not in column_index:
            raise ValueError(f"count for {key!r} is outside the table's rows and columns")
        i, j = row_index[row], column_index[column]
        grid[i][j] = number
        grid[i][n_columns] += number
        grid[n_rows][j] += number
        grid[n_rows][n_columns] += number
    return grid


def _lines(n_rows: int, n_columns: int) -> list[list[Entry]]:
    """Every line, its total last: rows, columns, then the totals row and the totals column."""
    rows = [[(i, j) for j in range(n_columns + 1)] for i in range(n_rows)]
    columns = [[(i, j) for i in range(n_rows + 1)] for j in range(n_columns)]
    totals_row = [(n_rows, j) for j in range(n_columns + 1)]
    totals_column = [(i, n_columns) for i in range(n_rows + 1)]
    return [*rows, *columns, totals_row, totals_column]


def _protect(grid: Grid, k: int) -> States:
    """Primary suppression, then complements until no line and no combination gives one away."""
    state = [[_PRIMARY if 0 < value < k else _SHOWN for value in line] for line in grid]
    n_rows, n_columns = len(grid) - 1, len(grid[0]) - 1
    lines = _lines(n_rows, n_columns)
    _close_lines(grid, state, lines)
    inherent: set[Entry] | None = None  # recoverable even with every non-zero entry hidden
    while True:
        found = _determined(grid, state, k)
        if found and inherent is None:
            inherent = set(_determined(grid, _all_hidden(grid, state), k))
        targets = [entry for entry in found if inherent is None or entry not in inherent]
        if not targets:
            return state
        wider = _complement_for(grid, state, k, lines, targets[0])
        if wider is None:
            return state
        state = wider


def _all_hidden(grid: Grid, state: States) -> States:
    """`state` with every shown non-zero entry hidden as a complement."""
    return [
        [
            _COMPLEMENT if s is _SHOWN and value > 0 else s
            for s, value in zip(line, values, strict=True)
        ]
        for line, values in zip(state, grid, strict=True)
    ]


def _complement_for(
    grid: Grid, state: States, k: int, lines: list[list[Entry]], target: Entry
) -> States | None:
    """The state after hiding one more entry so that `target` is no longer recoverable.

    Candidates are the shown non-zero entries in the target's two lines, smallest first (ties
    in row-major order); the first that frees the target once the lines are closed again wins,
    else the smallest is taken and the caller tries again. With no candidate there, the
    smallest shown non-zero entry anywhere; None when nothing is left to hide.
    """
    near = sorted({entry for line in lines if target in line for entry in line})
    candidates = _shown_by_size(grid, state, near)
    if not candidates:
        everywhere = [(i, j) for i in range(len(grid)) for j in range(len(grid[0]))]
        candidates = _shown_by_size(grid, state, everywhere)[:1]
    trials = []
    for i, j in candidates:
        trial = [list(line) for line in state]
        trial[i][j] = _COMPLEMENT
        _close_lines(grid, trial, lines)
        if target not in _determined(grid, trial, k, only=[target]):
            return trial
        trials.append(trial)
    return trials[0] if trials else None


def _close_lines(grid: Grid, state: States, lines: list[list[Entry]]) -> None:
    """Hide complements until no line has exactly one hidden entry."""
    changed = True
    while changed:
        changed = False
        for line in lines:
            hidden = [(i, j) for i, j in line if state[i][j] is not _SHOWN]
            if len(hidden) != 1:
                continue
            shown = _shown_by_size(grid, state, line)
            if not shown:  # impossible when hidden entries are never zero; kept as a guard
                raise AssertionError(f"no complement available in line {line}")
            state[shown[0][0]][shown[0][1]] = _COMPLEMENT
            changed = True


def _shown_by_size(grid: Grid, state: States, entries: Sequence[Entry]) -> list[Entry]:
    """The shown non-zero entries, smallest first, in the order of `entries` on ties."""
    eligible = [
        (grid[i][j], n)
        for n, (i, j) in enumerate(entries)
        if state[i][j] is _SHOWN and grid[i][j] > 0
    ]
    return [entries[n] for _, n in sorted(eligible)]


def _determined(
    grid: Grid, state: States, k: int, *, only: Sequence[Entry] | None = None
) -> list[Entry]:
    """Hidden entries (of `only`, if given) that take one value in every integer table the
    reader cannot rule out."""
    n_rows, n_columns = len(grid) - 1, len(grid[0]) - 1
    width = n_columns + 1
    size = (n_rows + 1) * width
    hidden = [(i, j) for i in range(n_rows + 1) for j in range(width) if state[i][j] is not _SHOWN]
    if only is not None:
        hidden = [entry for entry in hidden if entry in only]
    if not hidden:
        return []
    # A finite stand-in for "no upper bound" on complements: any cap at or above the true
    # values only removes tables, so it can make the check stricter, never laxer.
    cap = 2 * (grid[n_rows][n_columns] + k)
    lower = np.zeros(size)
    upper = np.zeros(size)
    for i in range(n_rows + 1):
        for j in range(width):
            n = i * width + j
            if state[i][j] is _SHOWN:
                lower[n] = upper[n] = grid[i][j]
            elif state[i][j] is _PRIMARY:
                lower[n], upper[n] = 1, k - 1
            else:
                lower[n], upper[n] = k, cap
    matrix = np.zeros((len(_lines(n_rows, n_columns)), size))
    for m, line in enumerate(_lines(n_rows, n_columns)):
        for i, j in line[:-1]:
            matrix[m, i * width + j] = 1
        i, j = line[-1]
        matrix[m, i * width + j] = -1
    constraints = LinearConstraint(matrix, 0, 0)
    bounds = Bounds(lower, upper)
    integrality = np.ones(size)

    def extreme(n: int, sign: float) -> int:
        objective = np.zeros(size)
        objective[n] = sign
        result = milp(objective, integrality=integrality, bounds=bounds, constraints=constraints)
        if not result.success:
            raise RuntimeError(f"integer program failed: {result.message}")
        return round(float(result.x[n]))

    found = []
    for i, j in hidden:
        n = i * width + j
        if extreme(n, 1.0) == grid[i][j] and extreme(n, -1.0) == grid[i][j]:
            found.append((i, j))
    return found


def _table(
    grid: Grid, state: States, rows: tuple[str, ...], columns: tuple[str, ...], k: int
) -> Table:
    def cell(i: int, j: int) -> Cell:
        if state[i][j] is _PRIMARY:
            return Cell(None, f"<{k}", primary=True)
        if state[i][j] is _COMPLEMENT:
            return Cell(None, COMPLEMENT_TEXT)
        return Cell(grid[i][j], str(grid[i][j]))

    n_rows, n_columns = len(rows), len(columns)
    return Table(
        rows=rows,
        columns=columns,
        cells={
            (row, column): cell(i, j)
            for i, row in enumerate(rows)
            for j, column in enumerate(columns)
        },
        row_totals={row: cell(i, n_columns) for i, row in enumerate(rows)},
        column_totals={column: cell(n_rows, j) for j, column in enumerate(columns)},
        total=cell(n_rows, n_columns),
        k=k,
    )


def _entry(table: Table, i: int, j: int) -> Cell:
    n_rows, n_columns = len(table.rows), len(table.columns)
    if i == n_rows and j == n_columns:
        return table.total
    if i == n_rows:
        return table.column_totals[table.columns[j]]
    if j == n_columns:
        return table.row_totals[table.rows[i]]
    return table.cells[table.rows[i], table.columns[j]]


def _key(rows: Sequence[str], columns: Sequence[str], i: int, j: int) -> tuple[str, str]:
    return (rows[i] if i < len(rows) else TOTAL, columns[j] if j < len(columns) else TOTAL)
