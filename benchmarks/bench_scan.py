"""Scan throughput and peak memory against the floor of merely reading the same input.

    .venv/bin/python benchmarks/bench_scan.py [--sizes 10000 100000] [--workers 2]

Generates synthetic corpora (recruitwatch.demo), then measures in fresh subprocesses, so
each peak-memory figure belongs to one job: `read` (readers only: decode, parse, hash: the
floor), `scan` (the whole pipeline, indicators alone) and `scan+model` (the pipeline with
the packaged lure model). Prints documents per second, peak RSS, the ratio to the floor and
the model's cost against indicators alone. Targets: >= 5,000 documents/s on 2 cores and
<= 20x the floor for indicators alone; the model within 2x of indicators alone.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

TARGET_RATE = 5_000
TARGET_RATIO = 20.0
TARGET_MODEL = 2.0  # scan+model time over indicators-alone time


def write_corpus(path: Path, n: int) -> None:
    from recruitwatch.demo import generate_corpus

    with path.open("w", encoding="utf-8") as out:
        for doc in generate_corpus(n, seed=11):
            row = {"id": doc.id, "text": doc.text, "source": doc.source, "lang": None}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def run_job(job: str, path: Path, workers: int) -> dict[str, float]:
    """Run one measurement in this process (called in a child) and return its figures."""
    from recruitwatch.detect.modelfile import packaged_model
    from recruitwatch.ingest import read_inputs
    from recruitwatch.pipeline import Scoring, scan, scan_parallel

    scoring = Scoring(model=packaged_model() if job == "scan+model" else None)
    start = time.perf_counter()
    count = 0
    if job == "read":
        for _ in read_inputs([str(path)]):
            count += 1
    elif workers > 1:
        for _ in scan_parallel(read_inputs([str(path)]), scoring=scoring, workers=workers):
            count += 1
    else:
        for _ in scan(read_inputs([str(path)]), scoring=scoring):
            count += 1
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"count": count, "seconds": seconds, "rate": count / seconds, "peak_mb": peak_mb}


def measure(job: str, path: Path, workers: int) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--child", job, str(path), "--workers", str(workers)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--child", nargs=2, metavar=("JOB", "PATH"))
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run_job(args.child[0], Path(args.child[1]), args.workers)))
        return
    console = Console(width=max(Console().width, 130))
    table = Table(title="scan throughput (synthetic corpus, ar/en/ru)")
    for col in ("documents", "job", "docs/s", "seconds", "peak RSS MB", "x floor", "target"):
        table.add_column(col, justify="right")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path = Path(tmp) / f"corpus_{n}.jsonl"
            with console.status(f"generating {n:,} documents"):
                write_corpus(path, n)
            floor = measure("read", path, 1)
            table.add_row(
                f"{n:,}",
                "read (floor)",
                f"{floor['rate']:,.0f}",
                f"{floor['seconds']:.2f}",
                f"{floor['peak_mb']:.0f}",
                "1.0",
                "",
            )
            for workers in sorted({1, args.workers}):
                with console.status(f"scanning {n:,} documents, {workers} worker(s)"):
                    got = measure("scan", path, workers)
                    modelled = measure("scan+model", path, workers)
                ratio = floor["rate"] / got["rate"]
                ok = got["rate"] >= TARGET_RATE and ratio <= TARGET_RATIO
                cost = got["rate"] / modelled["rate"]
                table.add_row(
                    f"{n:,}",
                    f"scan, {workers} process(es)",
                    f"{got['rate']:,.0f}",
                    f"{got['seconds']:.2f}",
                    f"{got['peak_mb']:.0f}",
                    f"{ratio:.1f}",
                    "met" if ok else "missed",
                )
                table.add_row(
                    f"{n:,}",
                    f"scan+model, {workers} process(es)",
                    f"{modelled['rate']:,.0f}",
                    f"{modelled['seconds']:.2f}",
                    f"{modelled['peak_mb']:.0f}",
                    f"{floor['rate'] / modelled['rate']:.1f}",
                    f"{cost:.2f}x indicators: " + ("met" if cost <= TARGET_MODEL else "missed"),
                )
    console.print(table)
    console.print(
        f"targets: >= {TARGET_RATE:,} docs/s and <= {TARGET_RATIO:.0f}x the floor; "
        f"the model within {TARGET_MODEL:.0f}x of indicators alone"
    )


if __name__ == "__main__":
    main()
