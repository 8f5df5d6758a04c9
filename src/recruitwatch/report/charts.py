"""PNG charts of evaluations: ROC, precision-recall and confusion matrices.

Figures are built with `matplotlib.figure.Figure` and `FigureCanvasAgg` directly, never
pyplot, so there is no global figure state and charts can be drawn from several threads.

Labels are English even in an Arabic report: matplotlib cannot shape Arabic (join letters,
lay out right to left) without extra libraries, and unshaped Arabic is unreadable.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from recruitwatch.detect.evaluation import Evaluation, Metrics

SIZE = (6.0, 4.5)
DPI = 100


def roc_chart(
    evaluations: Sequence[Evaluation],
    title: str,
    *,
    xlabel: str = "False positive rate",
    ylabel: str = "True positive rate",
) -> bytes:
    """One ROC curve per system, with the diagonal of a random guess."""
    figure, axes = _figure(title, xlabel, ylabel)
    axes.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=1, label="chance")
    for evaluation in evaluations:
        label = _plain(f"{evaluation.system} (AUC {_auc(evaluation.overall.roc_auc)})")
        axes.plot(*_xy(evaluation.curves.roc), linewidth=2, label=label)
    return _png(figure, axes)


def pr_chart(
    evaluations: Sequence[Evaluation],
    title: str,
    *,
    xlabel: str = "Recall",
    ylabel: str = "Precision",
) -> bytes:
    """One precision-recall curve per system, with the positive rate a random guess gets."""
    figure, axes = _figure(title, xlabel, ylabel)
    rates = sorted({e.overall.positives / e.overall.n for e in evaluations})
    for rate in rates:
        axes.axhline(
            rate, linestyle="--", color="grey", linewidth=1, label=f"positive rate {rate:.3f}"
        )
    for evaluation in evaluations:
        label = _plain(f"{evaluation.system} (AP {_auc(evaluation.overall.pr_auc)})")
        axes.plot(*_xy(evaluation.curves.pr), linewidth=2, label=label)
    return _png(figure, axes)


def confusion_chart(
    m: Metrics,
    title: str,
    *,
    actual: str = "Actual",
    predicted: str = "Predicted",
    classes: tuple[str, str] = ("deceptive", "not deceptive"),
) -> bytes:
    """A 2x2 heat map of counts: rows are the actual class, columns the predicted one."""
    figure = Figure(figsize=(4.0, 3.5), dpi=DPI)
    axes = figure.add_subplot()
    cells = [[m.tp, m.fn], [m.fp, m.tn]]
    axes.imshow(cells, cmap="Blues", vmin=0, vmax=max(1, m.n))
    for row in range(2):
        for col in range(2):
            # Dark cells get white text so every count stays readable.
            colour = "white" if cells[row][col] > m.n / 2 else "black"
            axes.text(col, row, str(cells[row][col]), ha="center", va="center", color=colour)
    axes.set_xticks([0, 1], [_plain(c) for c in classes])
    axes.set_yticks([0, 1], [_plain(c) for c in classes])
    axes.set_xlabel(_plain(predicted))
    axes.set_ylabel(_plain(actual))
    axes.set_title(_plain(title))
    figure.tight_layout()
    return _save(figure)


def _figure(title: str, xlabel: str, ylabel: str) -> tuple[Figure, Axes]:
    figure = Figure(figsize=SIZE, dpi=DPI)
    axes = figure.add_subplot()
    axes.set_xlim(0, 1)
    axes.set_ylim(0, 1.02)
    axes.set_xlabel(_plain(xlabel))
    axes.set_ylabel(_plain(ylabel))
    axes.set_title(_plain(title))
    axes.grid(True, alpha=0.3)
    return figure, axes


def _png(figure: Figure, axes: Axes) -> bytes:
    axes.legend(loc="lower right", fontsize="small")
    figure.tight_layout()
    return _save(figure)


def _save(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    # No "Software" stamp: the same evaluation then gives the same bytes on any version.
    FigureCanvasAgg(figure)  # attaches itself to the figure; savefig then draws with Agg
    figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def _xy(points: Sequence[tuple[float, float]]) -> tuple[list[float], list[float]]:
    return [x for x, _ in points], [y for _, y in points]


def _auc(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def _plain(text: str) -> str:
    """Text shown as written: "$" would start mathtext (and may fail to parse), and a
    legend hides labels that start with "_"."""
    text = text.replace("$", r"\$")
    return " " + text if text.startswith("_") else text
