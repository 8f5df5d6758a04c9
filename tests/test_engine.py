"""The Dask engine: the same output as the local engine, record for record, on the demo
corpus and on 50,000 generated documents, even when a worker process is killed mid-run."""

from __future__ import annotations

import itertools
import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from recruitwatch.demo import generate_corpus
from recruitwatch.engine import (
    Engine,
    band_rows,
    bucket_pairs,
    dask_client,
    pairs_dask,
    scan_dask,
    sketch_dask,
)
from recruitwatch.ingest import read_inputs
from recruitwatch.ingest.records import make_record
from recruitwatch.link import LinkSettings, link
from recruitwatch.link.minhash import candidate_pairs
from recruitwatch.link.networks import verified_pairs
from recruitwatch.model import Record
from recruitwatch.pipeline import Scoring, link_input, scan

DEMO = Path(__file__).parents[1] / "src" / "recruitwatch" / "resources" / "demo" / "corpus.jsonl"


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with dask_client(Engine("dask", workers=2)) as found:
        yield found


def generated(n: int) -> list[Record]:
    return [
        make_record("generated", f"doc {d.id}", d.id, d.text, id=d.id, source=d.source)
        for d in generate_corpus(n, seed=23)
    ]


def shapes(items: Any) -> list[tuple[dict[str, Any], bool]]:
    return [(s.assessment.to_json(explain=True), s.duplicate) for s in items]


def test_demo_corpus_scans_and_links_the_same(client: Any) -> None:
    scoring = Scoring(explain=True)
    local = list(scan(read_inputs([str(DEMO)]), scoring=scoring))
    remote = list(scan_dask(read_inputs([str(DEMO)]), client, scoring=scoring, partition_size=37))
    assert shapes(local) == shapes(remote)
    docs = [link_input(s) for s in local]
    settings = LinkSettings()
    here = link(docs, settings)
    sketches = sketch_dask(docs, client, settings, partition_size=41)
    there = link(docs, settings, sketches, pairs_dask(client, partition_size=50, reducers=3))
    assert (here.clusters, here.networks) == (there.clusters, there.networks)
    assert any(here.networks)


def test_fifty_thousand_generated_documents_scan_the_same(client: Any) -> None:
    records = generated(50_000)
    local = shapes(scan(records))
    remote = shapes(scan_dask(records, client, partition_size=2_000))
    assert len(remote) == 50_000
    assert local == remote


def _kill_one_worker(client: Any) -> None:
    pids = client.run(os.getpid)
    os.kill(next(iter(pids.values())), signal.SIGKILL)


def test_a_killed_worker_loses_nothing_and_doubles_nothing(client: Any) -> None:
    records = generated(12_000)
    expected = shapes(scan(records))
    received: list[Any] = []
    before = set(client.run(os.getpid).values())
    stream = scan_dask(records, client, partition_size=300)
    received.extend(itertools.islice(stream, 900))  # partitions are in flight on both workers
    killer = threading.Thread(target=_kill_one_worker, args=(client,))
    killer.start()
    received.extend(stream)
    killer.join()
    assert set(client.run(os.getpid).values()) != before  # a worker really died and restarted
    assert len(received) == len(records)  # no record lost, none yielded twice
    assert shapes(received) == expected
    assert [s.record.id for s in received] == [r.id for r in records]


def test_the_command_line_gives_the_same_lines_on_both_engines() -> None:
    from typer.testing import CliRunner

    from recruitwatch.cli import app

    runner = CliRunner()
    local = runner.invoke(app, ["scan", str(DEMO), "-q"])
    remote = runner.invoke(
        app,
        ["scan", str(DEMO), "-q", "--engine", "dask", "--workers", "1", "--partition-size", "90"],
    )
    assert local.exit_code == remote.exit_code == 0, remote.stderr
    assert local.stdout == remote.stdout and local.stdout.count("\n") == 360
    linked = runner.invoke(app, ["link", str(DEMO), "-q", "--engine", "dask", "--workers", "1"])
    assert (
        linked.exit_code == 0
        and linked.stdout == runner.invoke(app, ["link", str(DEMO), "-q"]).stdout
    )
    wrong = runner.invoke(app, ["scan", str(DEMO), "--scheduler", "tcp://127.0.0.1:9"])
    assert wrong.exit_code == 1 and "--engine dask" in wrong.stderr


@settings(max_examples=40, deadline=None)
@given(
    st.integers(1, 120),
    st.integers(2, 6),
    st.sampled_from([8, 16, 32]),
    st.integers(1, 5),
    st.integers(1, 50),
    st.integers(0, 2**32),
)
def test_distributed_banding_finds_the_pairs_one_process_finds(
    rows: int, alphabet: int, bands: int, reducers: int, block: int, seed: int
) -> None:
    matrix = np.random.default_rng(seed).integers(0, alphabet, size=(rows, 64), dtype=np.uint64)
    blocks = [band_rows(matrix[s : s + block], s, bands, reducers) for s in range(0, rows, block)]
    found = {
        (int(x), int(y)) for k in range(reducers) for x, y in bucket_pairs(*[b[k] for b in blocks])
    }
    assert found == candidate_pairs(matrix, bands)


@pytest.mark.parametrize(("rows", "alphabet", "block", "reducers"), [(1, 2, 5, 1), (300, 3, 37, 4)])
def test_pairs_verified_on_the_cluster_are_the_pairs_verified_here(
    client: Any, rows: int, alphabet: int, block: int, reducers: int
) -> None:
    # A small alphabet gives many band collisions, and similarities on both sides of 0.5.
    matrix = np.random.default_rng(rows).integers(0, alphabet, size=(rows, 64), dtype=np.uint64)
    settings = LinkSettings(num_perm=64, bands=16)
    here = set(verified_pairs(matrix, settings))
    there = list(pairs_dask(client, partition_size=block, reducers=reducers)(matrix, settings))
    assert set(there) == here
    assert rows == 1 or 0 < len(here) < len(candidate_pairs(matrix, settings.bands))
