"""The local engine against Dask local clusters of 1 and 2 workers: time, documents per
second and peak memory per process, on generated corpora.

    .venv/bin/python benchmarks/bench_engine.py --sizes 100000 1000000 [--skip-local]

Each measurement runs in a fresh process (its own cluster, its own peak RSS). The corpus is
the demo generator at scale (with its share of reposts, which every engine assesses once).
Scoring uses the packaged lure model, as `recruitwatch scan` does.
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


def write_corpus(path: Path, n: int) -> None:
    from recruitwatch.demo import generate_corpus

    with path.open("w", encoding="utf-8") as out:
        for doc in generate_corpus(n, seed=17):
            row = {"id": doc.id, "text": doc.text, "source": doc.source}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_job(engine: str, workers: int, path: Path, partition: int) -> dict[str, float]:
    from recruitwatch.detect.modelfile import packaged_model
    from recruitwatch.engine import Engine, dask_client, scan_dask
    from recruitwatch.ingest import read_inputs
    from recruitwatch.pipeline import Scoring, scan

    scoring = Scoring(model=packaged_model())
    start = time.perf_counter()
    count = 0
    worker_peak = 0.0
    if engine == "local":
        for _ in scan(read_inputs([str(path)]), scoring=scoring):
            count += 1
    else:
        with dask_client(Engine("dask", workers=workers, partition_size=partition)) as client:
            for _ in scan_dask(
                read_inputs([str(path)]), client, scoring=scoring, partition_size=partition
            ):
                count += 1
            worker_peak = max(client.run(_rss_mb).values())
    seconds = time.perf_counter() - start
    if count == 0:
        raise SystemExit(f"{path}: no record was read")
    return {
        "count": count,
        "seconds": seconds,
        "rate": count / seconds,
        "client_mb": _rss_mb(),
        "worker_mb": worker_peak,
    }


def measure(engine: str, workers: int, path: Path, partition: int) -> dict[str, float]:
    cmd = [sys.executable, __file__, "--child", engine, str(workers), str(path), str(partition)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--partition-size", type=int, default=2000)
    parser.add_argument("--skip-local", action="store_true")
    parser.add_argument("--child", nargs=4)
    args = parser.parse_args()
    if args.child:
        engine, workers, path, partition = args.child
        figures = run_job(engine, int(workers), Path(path), int(partition))
        print(json.dumps(figures))
        return
    console = Console(width=max(Console().width, 120))
    table = Table(title="scan on the local engine and on Dask local clusters")
    for col in ("documents", "engine", "seconds", "docs/s", "vs local", "client MB", "worker MB"):
        table.add_column(col, justify="right")
    jobs = [("dask", 1), ("dask", 2)]
    if not args.skip_local:
        jobs.insert(0, ("local", 1))
    with tempfile.TemporaryDirectory() as folder:
        for n in args.sizes:
            path = Path(folder) / f"corpus-{n}.jsonl"
            with console.status(f"generating {n:,} documents"):
                write_corpus(path, n)
            local_rate = None
            for engine, workers in jobs:
                with console.status(f"{n:,} documents on {engine} ({workers})"):
                    got = measure(engine, workers, path, args.partition_size)
                if engine == "local":
                    local_rate = got["rate"]
                label = "local (1 process)" if engine == "local" else f"dask, {workers} worker(s)"
                row = (
                    f"{n:,}",
                    label,
                    f"{got['seconds']:.1f}",
                    f"{got['rate']:,.0f}",
                    f"{got['rate'] / local_rate:.2f}x" if local_rate else "",
                    f"{got['client_mb']:.0f}",
                    f"{got['worker_mb']:.0f}" if got["worker_mb"] else "",
                )
                console.print("  ".join(row))  # as each finishes: a long run shows its figures
                table.add_row(*row)
    console.print(table)


if __name__ == "__main__":
    main()
