"""Linking throughput, peak memory and agreement with the planted networks.

    .venv/bin/python benchmarks/bench_link.py [--sizes 100000 1000000] [--workers 2]

Generates synthetic corpora with planted networks (recruitwatch.demo), scans them (entities,
kind, band; timed separately), then links them: template clusters and networks. Prints the
seconds and documents per second of each step, peak RSS, and the adjusted Rand index of the
networks found against the planted ones (every document outside a planted network counts as
its own group). Goal: 1M documents linked in under 5 minutes on 2 cores, ARI >= 0.95.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import Counter
from math import comb

from rich.console import Console
from rich.table import Table


def adjusted_rand_index(truth: list[str], found: list[str]) -> float:
    """ARI of two labelings of the same items (Hubert and Arabie)."""
    n = len(truth)
    pairs = Counter(zip(truth, found, strict=True))
    sum_cells = sum(comb(c, 2) for c in pairs.values())
    sum_truth = sum(comb(c, 2) for c in Counter(truth).values())
    sum_found = sum(comb(c, 2) for c in Counter(found).values())
    expected = sum_truth * sum_found / comb(n, 2)
    best = (sum_truth + sum_found) / 2
    return 1.0 if best == expected else (sum_cells - expected) / (best - expected)


def run(n: int, workers: int) -> dict[str, float]:
    from recruitwatch.demo import generate_corpus
    from recruitwatch.ingest.records import make_record
    from recruitwatch.link import link
    from recruitwatch.pipeline import link_input, scan_parallel

    planted = {}
    records = []
    for doc in generate_corpus(n, seed=13):
        planted[doc.id] = doc.network or f"single:{doc.id}"
        records.append(make_record("bench", doc.id, doc.id, doc.text, id=doc.id, date=doc.date))
    start = time.perf_counter()
    docs = [link_input(s) for s in scan_parallel(records, workers=workers)]
    scanned = time.perf_counter() - start
    start = time.perf_counter()
    links = link(docs)
    linked = time.perf_counter() - start
    found = [net or f"single:{d.id}" for d, net in zip(docs, links.networks, strict=True)]
    truth = [planted[d.id] for d in docs]
    return {
        "n": n,
        "scan_s": scanned,
        "link_s": linked,
        "ari": adjusted_rand_index(truth, found),
        "networks": len({x for x in links.networks if x}),
        "clusters": len({x for x in links.clusters if x}),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--child", type=int)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run(args.child, args.workers)))
        return
    table = Table(title="linking (synthetic corpus with planted networks)")
    for col in (
        "documents",
        "scan s",
        "link s",
        "link docs/s",
        "peak RSS MB",
        "networks",
        "clusters",
        "ARI",
    ):
        table.add_column(col, justify="right")
    console = Console()
    for n in args.sizes:
        with console.status(f"{n:,} documents"):
            cmd = [sys.executable, __file__, "--child", str(n), "--workers", str(args.workers)]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        r = json.loads(out.strip().splitlines()[-1])
        table.add_row(
            f"{n:,}",
            f"{r['scan_s']:.1f}",
            f"{r['link_s']:.1f}",
            f"{n / r['link_s']:,.0f}",
            f"{r['peak_mb']:.0f}",
            str(r["networks"]),
            str(r["clusters"]),
            f"{r['ari']:.3f}",
        )
    console.print(table)
    console.print("goal: 1M documents linked in < 5 minutes on 2 cores, ARI >= 0.95")


if __name__ == "__main__":
    main()
