"""Where the pure core runs: in this process (`local`), or on a Dask cluster (`dask`): a
local `dask.distributed` cluster by default, or an existing one at a scheduler address.

The same functions run either way (pipeline.assess_batch, link.networks.sketch,
link.minhash.verify); Dask only carries partitions of records to them and their results
back. Partitions are pure functions of their input, so a partition lost with a worker is
simply run again (`retries`), and the client puts results back in input order, so a run
gives the same output as the local engine, record for record, whatever the workers did.
"""

from __future__ import annotations

import contextlib
import itertools
import operator
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from recruitwatch.link.minhash import MIX, Signature, verify
from recruitwatch.link.networks import LinkInput, LinkSettings, Sketch, sketch
from recruitwatch.model import Assessment, Record, Reject
from recruitwatch.pipeline import Scanned, Scoring, _collect, _fresh, _Recent

RETRIES = 3


@dataclass(frozen=True)
class Engine:
    kind: Literal["local", "dask"] = "local"
    scheduler: str | None = None  # a running scheduler (tcp://host:8786); None: start one here
    workers: int = 2  # workers of a local cluster (one process, one thread each)
    partition_size: int = 1000  # records per task


@contextlib.contextmanager
def dask_client(engine: Engine) -> Iterator[Any]:
    """A Dask client: to the scheduler at `engine.scheduler`, or to a local cluster of
    `engine.workers` single-threaded worker processes that lives as long as the block."""
    from distributed import Client, LocalCluster

    if engine.scheduler:
        with Client(engine.scheduler) as client:  # type: ignore[no-untyped-call]
            yield client
        return
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=engine.workers, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        yield client


def _score(scoring: Scoring, records: list[Record]) -> list[Assessment]:
    return scoring(records)


def scan_dask(
    items: Iterable[Record | Reject],
    client: Any,
    *,
    scoring: Scoring | None = None,
    partition_size: int = 1000,
    on_reject: Callable[[Reject], None] | None = None,
) -> Iterator[Scanned]:
    """`pipeline.scan` with the scoring done on the cluster: same output, same order.

    The client reads the input and keeps each partition while a worker scores its new
    texts; a bounded window of partitions in flight keeps memory flat on both sides."""
    scoring = scoring or Scoring()
    shared = client.scatter(scoring, broadcast=True)  # the model travels once per worker
    window = 2 * max(1, len(client.nthreads()))
    recent, yielded = _Recent(), set[str]()
    pending: deque[tuple[list[Record | Reject], Any]] = deque()
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, partition_size)):
        fresh = _fresh(chunk, recent)
        pending.append((chunk, client.submit(_score, shared, fresh, retries=RETRIES, pure=False)))
        if len(pending) > window:
            done, future = pending.popleft()
            yield from _collect(done, future.result(), recent, yielded, on_reject)
    while pending:
        done, future = pending.popleft()
        yield from _collect(done, future.result(), recent, yielded, on_reject)


def _sketches(docs: list[LinkInput], settings: LinkSettings) -> list[Sketch | None]:
    return [sketch(d, settings) if d.kind == "offer" else None for d in docs]


def sketch_dask(
    docs: Sequence[LinkInput], client: Any, settings: LinkSettings, partition_size: int = 1000
) -> list[Sketch | None]:
    """Every offer's MinHash signature, computed in partitions on the cluster (the costly
    part of linking); `pairs_dask` then finds the near-duplicate pairs on the cluster too."""
    parts = [
        list(docs[start : start + partition_size]) for start in range(0, len(docs), partition_size)
    ]
    futures = client.map(_sketches, parts, settings=settings, retries=RETRIES, pure=False)
    found: list[Sketch | None] = []
    for future in futures:
        found.extend(future.result())
    return found


def band_rows(block: Signature, offset: int, bands: int, reducers: int) -> list[Signature]:
    """Every (band, band values, row) of a block of signatures, as rows of one array per
    reducer; a band's values decide its reducer, so equal bands meet in one place."""
    n, num_perm = block.shape
    width = num_perm // bands
    index = np.arange(offset, offset + n, dtype=np.uint64)
    rows = np.vstack(
        [
            np.column_stack(
                [
                    np.full(n, band, dtype=np.uint64),
                    block[:, band * width : (band + 1) * width],
                    index,
                ]
            )
            for band in range(bands)
        ]
    )
    with np.errstate(over="ignore"):
        route = (rows[:, 1] ^ (rows[:, 0] * MIX)) % np.uint64(reducers)
    return [rows[route == k] for k in range(reducers)]


def bucket_pairs(*parts: Signature) -> npt.NDArray[np.int64]:
    """(first member, other member) of every bucket of equal bands: the pairs that
    `minhash.candidate_pairs` finds in one process, bucket by bucket."""
    rows = np.vstack(parts) if parts else np.empty((0, 2), dtype=np.uint64)
    if rows.shape[0] < 2:
        return np.empty((0, 2), dtype=np.int64)
    rows = rows[np.lexsort(rows.T[::-1])]  # by band, then values, then row
    keys = rows[:, :-1]
    starts = np.ones(rows.shape[0], dtype=bool)
    starts[1:] = np.any(keys[1:] != keys[:-1], axis=1)
    heads = rows[starts, -1][np.cumsum(starts) - 1]
    others = ~starts
    return np.column_stack([heads[others], rows[others, -1]]).astype(np.int64)


def _band_block(
    matrix: Signature, start: int, size: int, bands: int, reducers: int
) -> list[Signature]:
    return band_rows(matrix[start : start + size], start, bands, reducers)


def pairs_dask(client: Any, partition_size: int = 20_000, reducers: int | None = None) -> Any:
    """Near-duplicate pairs found on the cluster, the same as `networks.verified_pairs`.

    LSH banding is a distributed group-by on band keys: blocks of signatures are cut into
    (band, key, row) rows on the workers and routed to reducers by key; each reducer pairs
    every bucket's first member with the others, and its candidate pairs are verified where
    they are (estimated Jaccard against the threshold). Only verified pairs reach the client
    (a pair that shares several bands may come from several reducers; union-find does not mind).
    The signature matrix is sent to each worker once (8 bytes x permutations per offer)."""
    count = reducers or 2 * max(1, len(client.nthreads()))

    def find(matrix: Signature, settings: LinkSettings) -> Iterator[tuple[int, int]]:
        shared = client.scatter(matrix, broadcast=True, hash=False)
        mapped = [
            client.submit(
                _band_block,
                shared,
                start,
                partition_size,
                settings.bands,
                count,
                retries=RETRIES,
                pure=False,
            )
            for start in range(0, matrix.shape[0], partition_size)
        ]
        verified = []
        for k in range(count):
            parts = [client.submit(operator.getitem, m, k, pure=False) for m in mapped]
            candidates = client.submit(bucket_pairs, *parts, retries=RETRIES, pure=False)
            verified.append(
                client.submit(
                    verify, shared, candidates, settings.threshold, retries=RETRIES, pure=False
                )
            )
        for future in verified:
            for x, y in future.result():
                yield int(x), int(y)

    return find
