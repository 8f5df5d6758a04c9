"""The reality benchmark's figures as Rich tables: ROC-AUC of the lures against the hard
negatives (overall and per language), the kind confusion matrices, the accounts of lures with
evidence and pay, and language identification."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from recruitwatch.realeval import PAIRS, REAL_KINDS, Figures


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def print_figures(all_figures: Sequence[Figures], console: Console) -> None:
    table = Table(title="Lures' own words against the hard negatives (ROC-AUC)")
    table.add_column("system")
    for _, negative in PAIRS:
        table.add_column(f"vs {negative}", justify="right")
    table.add_column("offer_described: lure indicator", justify="right")
    table.add_column("promised pay found", justify="right")
    table.add_column("language right", justify="right")
    for f in all_figures:
        pairs = [_pct(f.auc[f"{p} vs {n}"]) for p, n in PAIRS]
        pay = f"{_pct(f.pay_found)} of {f.pay_n}" if f.pay_n else "—"
        table.add_row(f.system, *pairs, _pct(f.lure_evidence), pay, _pct(f.language_overall))
    console.print(table)
    for positive, negative in PAIRS:
        name = f"{positive} vs {negative}"
        langs = sorted({lang for f in all_figures for lang in f.auc_by_language[name]})
        table = Table(title=f"ROC-AUC per language of the lures: {name}")
        table.add_column("system")
        for lang in langs:
            table.add_column(lang, justify="right")
        for f in all_figures:
            table.add_row(f.system, *[_pct(f.auc_by_language[name].get(lang)) for lang in langs])
        console.print(table)
    for f in all_figures:
        if not f.confusion:
            continue
        kinds = ["offer", "warning", "news", "other"]
        table = Table(title=f"Kind confusion: {f.system} (rows: real kind; right share)")
        table.add_column("real kind")
        for kind in kinds:
            table.add_column(kind, justify="right")
        table.add_column("right", justify="right")
        for real in REAL_KINDS:
            row = f.confusion.get(real, {})
            cells = [str(row.get(k, 0)) for k in kinds]
            table.add_row(real, *cells, _pct(f.kind_right.get(real)))
        console.print(table)
    for f in all_figures:
        if not f.language_right:
            continue
        table = Table(title=f"Language identification: {f.system}")
        table.add_column("language")
        table.add_column("texts", justify="right")
        table.add_column("right", justify="right")
        for lang, share in f.language_right.items():
            table.add_row(lang, str(f.language_n[lang]), _pct(share))
        console.print(table)
        break  # every scanning system shares the identifier
