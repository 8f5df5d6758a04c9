"""PNG charts for the oversight report and the bulletin, in Arabic or English.

matplotlib 3.11 shapes Arabic and lays it out right to left itself (older releases drew
it unjoined and reversed, hence the version floor in pyproject); DejaVu Sans, which matplotlib
ships, covers Arabic, so no system font is needed. A suppressed count is drawn as an empty
hatched bar marked "<k": a chart must not reveal what its table hides.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

SIZE = (7.0, 3.6)
DPI = 110
FONT = "DejaVu Sans"
COLOURS = ("#b3261e", "#e69500", "#4a7c59", "#3b6ea8", "#7a5195", "#888888")


def _figure(title: str, lang: str, size: tuple[float, float] = SIZE) -> tuple[Figure, Axes]:
    figure = Figure(figsize=size, dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.set_title(title, fontfamily=FONT, loc="right" if lang == "ar" else "left")
    axes.spines[["top", "right"]].set_visible(False)
    return figure, axes


def _png(figure: Figure) -> bytes:
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def bars(
    labels: Sequence[str],
    values: Sequence[int | None],
    title: str,
    lang: str,
    *,
    marks: Sequence[str] | None = None,
) -> bytes:
    """Vertical bars; a None value is a suppressed count, drawn as an empty hatched bar with
    its printed mark ("<11" for a small count, "x" for one hidden to protect another)."""
    figure, axes = _figure(title, lang)
    shown = [v or 0 for v in values]
    positions = list(range(len(labels)))
    drawn = axes.bar(positions, shown, color=COLOURS[3])
    top = max(shown, default=0) or 1
    for n, (value, bar) in enumerate(zip(values, drawn, strict=True)):
        if value is None:
            bar.set_height(top * 0.08)
            bar.set_fill(False)
            bar.set_hatch("///")
            mark = marks[n] if marks is not None else "?"
            axes.text(n, top * 0.1, mark, ha="center", fontsize=8)
    axes.set_xticks(positions, list(labels), rotation=45, ha="right", fontsize=8, fontfamily=FONT)
    return _png(figure)


def stacked(
    categories: Sequence[str],
    series: Mapping[str, Sequence[int]],
    title: str,
    lang: str,
) -> bytes:
    """Stacked vertical bars: one bar per category, one colour per series."""
    figure, axes = _figure(title, lang)
    bottom = [0] * len(categories)
    for colour, (name, values) in zip(COLOURS, series.items(), strict=False):
        axes.bar(categories, values, bottom=bottom, label=name, color=colour)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    axes.legend(prop={"family": FONT, "size": 8})
    axes.set_xticks(range(len(categories)), list(categories), fontfamily=FONT)
    return _png(figure)


def horizontal(labels: Sequence[str], values: Sequence[int], title: str, lang: str) -> bytes:
    """Horizontal bars, largest on top (top indicators)."""
    figure, axes = _figure(title, lang, (7.0, 0.35 * max(len(labels), 4) + 1.0))
    order = list(range(len(labels)))[::-1]
    axes.barh(order, values, color=COLOURS[0])
    axes.set_yticks(order, list(labels), fontsize=8, fontfamily=FONT)
    return _png(figure)


def histogram(values: Sequence[float], title: str, xlabel: str, lang: str) -> bytes:
    """A histogram (promised salaries, in US dollars a month)."""
    figure, axes = _figure(title, lang)
    if values:
        axes.hist(values, bins=min(20, max(5, len(values) // 5)), color=COLOURS[1])
    axes.set_xlabel(xlabel, fontfamily=FONT)
    return _png(figure)
