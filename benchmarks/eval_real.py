"""The reality benchmark: recruitwatch on real texts, beside simpler systems, in one run.

    .venv/bin/python benchmarks/eval_real.py [--data ../shared/data/real/real_dev.jsonl]
        [--folds 5] [--json out.json]

Prints, per kind and per language: ROC-AUC of the lures' own words against real legitimate
job ads and against official warnings; the kind confusion matrix; the share of accounts of
lures (`offer_described`) with a lure indicator with evidence and with their promised pay
found as a money entity; and language identification accuracy. Systems: recruitwatch as
packaged (with its lure model), the indicators alone, a keyword count, and a naive character
n-gram logistic regression. Systems that learn from the real texts are scored out of fold
(grouped: a page's and a story's items stay in one fold). Without the data, says so and
exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from recruitwatch.ingest.labelled import DEMO, Example, read_labelled
from recruitwatch.realeval import (
    PAIRS,
    REAL_KINDS,
    Figures,
    figures,
    read_real,
    reality_systems,
    run_system,
)

ROOT = Path(__file__).parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "real" / "real_dev.jsonl"
console = Console(width=max(Console().width, 140))


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def print_figures(all_figures: list[Figures]) -> None:
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    if not args.data.exists():
        console.print(f"skipped: {args.data} is absent (the real texts live in ../shared)")
        return 0
    texts, rejects = read_real(args.data)
    for item in rejects:
        console.print(f"[yellow]rejected[/] {item.message()}")
    console.print(
        f"{len(texts)} real texts, {len({t.group for t in texts})} page/story groups, "
        f"{args.folds}-fold grouped cross-validation where a system learns from them"
    )
    results = []
    demo = [e for e in read_labelled(DEMO) if isinstance(e, Example)]
    for name, system, learns in reality_systems(demo):
        started = time.perf_counter()
        outcomes = run_system(system, texts, learns=learns, k=args.folds)
        results.append(figures(name, outcomes))
        console.print(f"  {name}: {time.perf_counter() - started:.1f} s")
    print_figures(results)
    if args.json:
        args.json.write_text(json.dumps([f.to_json() for f in results], indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
