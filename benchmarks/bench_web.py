"""Web load: concurrent users browsing and searching the app on localhost.

    .venv/bin/python benchmarks/bench_web.py [--documents 100000] [--cases 10000]
        [--users 50] [--seconds 60] [--database URL] [--workers 1] [--goal-ms 200]
        [--build-only documents link cases]

Builds (once, kept in benchmarks/out/; an interrupted build resumes) a store with N
synthetic documents scanned and linked and M synthetic cases, starts `recruitwatch serve` in
its own process, then runs U simulated users for S seconds. Each user signs in, then loops:
open a page, read it, think 0.5-2 s (people read before they click). The pages are the
dashboard, the offers feed (filtered and full-text searched), an offer, the networks and one
network, an identifier search, the cases list and a case. Prints p50/p95/p99 per page and
overall, requests per second, and the server's peak memory; the baseline in the same run is
a static file (the server's floor).
Goals: p95 under 200 ms on SQLite with 100k documents, 10k cases and 50 users; under 300 ms
on PostgreSQL with 1M documents and 100k cases.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import itertools
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

OUT = Path(__file__).resolve().parent / "out"
console = Console()


STEPS = ("documents", "link", "cases")


def _store(
    documents: int, cases: int, url: str | None, steps: tuple[str, ...] = STEPS
) -> tuple[str, Path]:
    """The database URL and key file, built unless an earlier run left them. The build is
    in steps (documents, link, cases), each resumed where an interrupted run left it."""
    OUT.mkdir(exist_ok=True)
    url = url or f"sqlite:///{OUT / f'web-{documents}-{cases}.db'}"
    tag = hashlib.sha1(url.encode()).hexdigest()[:8]
    keys = OUT / f"web-{documents}-{cases}.{tag}.keys"
    marker = OUT / f"web-{documents}-{cases}.{tag}.ready"
    if marker.exists():
        return url, keys
    from recruitwatch.store import crypto
    from recruitwatch.store.db import analyze, make_engine, migrate

    os.environ["RECRUITWATCH_KEY_FILE"] = str(keys)
    engine = make_engine(url)
    migrate(engine)
    ring = crypto.load_keyring(create=True)
    if "documents" in steps:
        _store_documents(engine, documents)
    linked = marker.with_suffix(".linked")
    if "link" in steps and not linked.exists():
        with console.status("linking"):
            subprocess.run(
                [sys.executable, "-m", "recruitwatch", "link", "--store", "--database", url],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        linked.touch()
    if "cases" in steps:
        _store_cases(engine, ring, cases)
    analyze(engine)
    engine.dispose()
    if steps == STEPS:
        marker.touch()
    return url, keys


def _stored(engine: Any, table: Any) -> int:
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    with Session(engine) as session:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)


def _store_documents(engine: Any, documents: int) -> None:
    """Scan and store the generated corpus; documents already stored are skipped (the
    corpus is the same on every run and batches are whole or absent)."""
    from sqlalchemy.orm import Session

    from recruitwatch.demo import generate_corpus
    from recruitwatch.ingest.records import make_record
    from recruitwatch.pipeline import SCANNER_VERSION, scan_parallel
    from recruitwatch.store import save_batch
    from recruitwatch.store.models import Document

    done = _stored(engine, Document)
    corpus = itertools.islice(generate_corpus(documents, seed=21), done, None)
    records = (
        make_record("bench", d.id, d.id, d.text, id=d.id, date=d.date, source=d.source)
        for d in corpus
    )
    with Progress(console=console) as progress:
        task = progress.add_task("scanning and storing", total=documents, completed=done)
        batch = []
        for scanned in scan_parallel(records, workers=2):
            batch.append((scanned.record, scanned.assessment))
            if len(batch) == 2000:
                with Session(engine) as session, session.begin():
                    save_batch(session, batch, scanner_version=SCANNER_VERSION)
                progress.advance(task, len(batch))
                batch = []
        with Session(engine) as session, session.begin():
            save_batch(session, batch, scanner_version=SCANNER_VERSION)
        progress.advance(task, len(batch))


def _store_cases(engine: Any, ring: Any, cases: int) -> None:
    """The benchmark's two accounts and M synthetic cases; cases already made are skipped."""
    from sqlalchemy.orm import Session

    from recruitwatch.demo.cases import demo_cases
    from recruitwatch.errors import NotFound
    from recruitwatch.store import users as accounts
    from recruitwatch.store.cases import create_case
    from recruitwatch.store.db import writer
    from recruitwatch.store.models import Case

    with Session(writer(engine)) as session, session.begin():
        for role in ("caseworker", "analyst"):
            try:
                accounts.get_user(session, f"bench-{role}")
            except NotFound:
                accounts.add_user(session, f"bench-{role}", role, "benchmark password")
        user = accounts.get_user(session, "bench-caseworker")
        who = accounts.Identity(user.id, user.name, user.role)
    done = _stored(engine, Case)
    people = demo_cases(cases, seed=5)[done:]
    with Progress(console=console) as progress:
        task = progress.add_task("creating cases", total=cases, completed=done)
        for start in range(0, len(people), 500):
            with Session(writer(engine)) as session, session.begin():
                for case in people[start : start + 500]:
                    create_case(session, ring, case, who)
            progress.advance(task, len(people[start : start + 500]))


def _sessions(url: str, users: int) -> list[str]:
    from sqlalchemy.orm import Session

    from recruitwatch.store import users as accounts
    from recruitwatch.store.db import make_engine

    engine = make_engine(url)
    tokens = []
    with Session(engine) as session, session.begin():
        for i in range(users):
            role = "bench-caseworker" if i % 2 == 0 else "bench-analyst"
            token, _ = accounts.start_session(session, accounts.get_user(session, role))
            tokens.append(token)
    engine.dispose()
    return tokens


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _samples(base: str, token: str) -> dict[str, list[str]]:
    """Real ids to visit, read once through the API."""
    with httpx.Client(base_url=base, cookies={"rw_session": token}) as client:
        offers = [
            o["id"]
            for o in client.get("/api/v1/offers", params={"band": "high", "limit": 200}).json()[
                "items"
            ]
        ]
        nets = [n["id"] for n in client.get("/api/v1/networks").json()["items"]]
        cases = [
            c["id"] for c in client.get("/api/v1/cases", params={"limit": 200}).json()["items"]
        ]
        idents = [
            i
            for n in nets[:5]
            for i in client.get(f"/api/v1/networks/{n}").json()["summary"]["identifiers"]
        ]
    return {
        "offers": [str(o) for o in offers],
        "networks": nets,
        "cases": [str(c) for c in cases],
        "identifiers": [i.split(":", 1)[1] for i in idents] or ["+79106322322"],
    }


def _page(rng: random.Random, caseworker: bool, ids: dict[str, list[str]]) -> tuple[str, str]:
    words = ["روسيا", "Russia", "راتب", "контракт", "visa", "عمل"]
    pages = [
        ("dashboard", "/"),
        ("offers", "/offers"),
        ("offers filtered", f"/offers?band=high&lang={rng.choice(['ar', 'en', 'ru'])}"),
        ("offers search", f"/offers?q={rng.choice(words)}"),
        ("offer", f"/offers/{rng.choice(ids['offers'])}"),
        ("networks", "/networks"),
        ("network", f"/networks/{rng.choice(ids['networks'])}"),
        ("identifier search", f"/search?q={rng.choice(ids['identifiers'])}"),
    ]
    if caseworker:
        pages += [("cases", "/cases"), ("case", f"/cases/{rng.choice(ids['cases'])}")] * 2
    return rng.choice(pages)


async def _user(
    base: str,
    token: str,
    caseworker: bool,
    ids: dict[str, list[str]],
    until: float,
    seed: int,
    times: dict[str, list[float]],
    errors: list[str],
) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(
        base_url=base, cookies={"rw_session": token}, timeout=30
    ) as client:
        await asyncio.sleep(rng.uniform(0, 2))
        while time.monotonic() < until:
            name, path = _page(rng, caseworker, ids)
            if rng.random() < 0.1:
                name, path = "static file (baseline)", "/static/app.css"
            start = time.perf_counter()
            try:
                answer = await client.get(path)
            except httpx.TransportError as exc:  # counted, never the end of the run
                errors.append(f"{path}: {type(exc).__name__}")
                continue
            times.setdefault(name, []).append(time.perf_counter() - start)
            if answer.status_code != 200:
                errors.append(f"{path}: {answer.status_code}")
            await asyncio.sleep(rng.uniform(0.5, 2.0))


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def _peak_rss_mb(pid: int) -> float:
    """Peak RSS of the server: of its worker processes if it has any, else its own."""
    children = Path(f"/proc/{pid}/task/{pid}/children")
    pids = [int(p) for p in children.read_text().split()] if children.exists() else []
    peaks = []
    for one in pids or [pid]:
        try:
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        except OSError:
            pass
    return max(peaks, default=float("nan"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--database", default=None)
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument("--goal-ms", type=float, default=200, help="the p95 to meet")
    parser.add_argument(
        "--build-only", nargs="+", choices=STEPS, help="build these steps of the store, then stop"
    )
    args = parser.parse_args()
    if args.build_only:
        _store(args.documents, args.cases, args.database, tuple(args.build_only))
        return
    url, keys = _store(args.documents, args.cases, args.database)
    port = _free_port()
    env = {**os.environ, "RECRUITWATCH_KEY_FILE": str(keys)}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "recruitwatch",
            "serve",
            "--port",
            str(port),
            "--database",
            url,
            "--workers",
            str(args.workers),
        ],
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(base + "/login")
                break
            except httpx.TransportError:
                time.sleep(0.1)
        tokens = _sessions(url, args.users)
        ids = _samples(base, tokens[0])
        times: dict[str, list[float]] = {}
        errors: list[str] = []
        until = time.monotonic() + args.seconds
        started = time.monotonic()

        async def everyone() -> None:
            await asyncio.gather(
                *(
                    _user(base, t, i % 2 == 0, ids, until, i, times, errors)
                    for i, t in enumerate(tokens)
                )
            )

        console.print(
            f"{args.users} users for {args.seconds:.0f} s against {url}, "
            f"{args.workers} server process(es) ..."
        )
        asyncio.run(everyone())
        elapsed = time.monotonic() - started
        peak = _peak_rss_mb(server.pid)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    table = Table("page", "requests", "p50 ms", "p95 ms", "p99 ms", "mean ms", title="web load")
    everything = [t for name, v in times.items() if "baseline" not in name for t in v]
    for name, values in sorted(times.items()):
        table.add_row(
            name,
            str(len(values)),
            f"{_quantile(values, 0.5):.1f}",
            f"{_quantile(values, 0.95):.1f}",
            f"{_quantile(values, 0.99):.1f}",
            f"{statistics.mean(values) * 1000:.1f}",
        )
    table.add_row(
        "all pages",
        str(len(everything)),
        f"{_quantile(everything, 0.5):.1f}",
        f"{_quantile(everything, 0.95):.1f}",
        f"{_quantile(everything, 0.99):.1f}",
        f"{statistics.mean(everything) * 1000:.1f}",
        style="bold",
    )
    console.print(table)
    p95 = _quantile(everything, 0.95)
    console.print(
        f"{args.documents:,} documents, {args.cases:,} cases, {args.users} users: "
        f"{len(everything) / elapsed:.1f} pages/s; p95 {p95:.0f} ms "
        f"({'meets' if p95 < args.goal_ms else 'misses'} the {args.goal_ms:.0f} ms goal); "
        f"peak RSS per server process {peak:.0f} MB; "
        f"errors {len(errors)}" + (f" e.g. {errors[:3]}" if errors else "")
    )


if __name__ == "__main__":
    main()
