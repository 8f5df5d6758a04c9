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

from recruitwatch.ingest.labelled import DEMO, Example, read_labelled
from recruitwatch.realeval import packaged_saw, read_real, reality
from recruitwatch.report.reality import print_figures

ROOT = Path(__file__).parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "real" / "real_dev.jsonl"
console = Console(width=max(Console().width, 140))


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
    demo = [e for e in read_labelled(DEMO) if isinstance(e, Example)]
    started = time.perf_counter()
    results = reality(
        texts,
        demo,
        args.folds,
        progress=lambda name: console.print(f"  scoring: {name}"),
        packaged_seen=packaged_saw([args.data]),
    )
    console.print(f"  {time.perf_counter() - started:.1f} s in all")
    print_figures(results, console)
    if args.json:
        args.json.write_text(json.dumps([f.to_json() for f in results], indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
