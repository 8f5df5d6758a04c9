"""The scan pipeline: records in, assessments out, one per record, in input order.

Pure apart from its inputs: it takes records (from any reader) and yields results; writing
them anywhere is the caller's job. Exact duplicates (same content hash) are assessed once.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from multiprocessing.pool import AsyncResult

from recruitwatch.detect import Catalogue, classify_kind, find_indicators, load_catalogue, score
from recruitwatch.extract import extract_entities, find_money
from recruitwatch.model import Assessment, Record, Reject
from recruitwatch.text import identify, normalize

SCANNER_VERSION = "indicators-1"


@dataclass(frozen=True, slots=True)
class Scanned:
    """One input record and its assessment."""

    record: Record
    assessment: Assessment
    duplicate: bool = False


@dataclass
class Summary:
    """What a scan did, for the closing line and the exit code."""

    read: int = 0
    rejected: int = 0
    duplicates: int = 0
    bands: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)

    def add(self, item: Scanned) -> None:
        self.read += 1
        self.duplicates += item.duplicate
        self.bands[item.assessment.band] += 1
        self.kinds[item.assessment.kind] += 1


def assess(record: Record, catalogue: Catalogue, *, region: str = "IQ") -> Assessment:
    """Score one record: language, entities, indicators, kind, score and band."""
    norm = normalize(record.text)
    language = record.lang or identify(record.text)
    money = find_money(norm)  # parsed once: both an entity and the salary indicator's input
    entities = extract_entities(norm, region=region, money=money)
    hits = find_indicators(norm, catalogue, money)
    kind = classify_kind(norm, hits, entities)
    value, band = score(hits, kind)
    return Assessment(
        id=record.id or record.content_hash[:16],
        source=record.source,
        kind=kind,
        language=language,
        score=value,
        band=band,
        indicators=hits,
        entities=entities,
        content_hash=record.content_hash,
    )


def scan(
    items: Iterable[Record | Reject],
    *,
    catalogue: Catalogue | None = None,
    on_reject: Callable[[Reject], None] | None = None,
    region: str = "IQ",
) -> Iterator[Scanned]:
    """Assess every record in order; rejects go to `on_reject` and never stop the scan."""
    catalogue = catalogue or load_catalogue()
    seen: dict[str, Assessment] = {}
    for item in items:
        if isinstance(item, Reject):
            if on_reject is not None:
                on_reject(item)
            continue
        earlier = seen.get(item.content_hash)
        if earlier is not None:
            # Same content, same verdict: only the id and source differ.
            result = replace(earlier, id=item.id or earlier.id, source=item.source)
            yield Scanned(item, result, duplicate=True)
            continue
        result = assess(item, catalogue, region=region)
        seen[item.content_hash] = result
        yield Scanned(item, result)


def _assess_chunk(records: list[Record], region: str) -> list[Assessment]:
    catalogue = load_catalogue()  # cached once per worker process
    return [assess(r, catalogue, region=region) for r in records]


def scan_parallel(
    items: Iterable[Record | Reject],
    *,
    workers: int = 2,
    chunk_size: int = 400,
    on_reject: Callable[[Reject], None] | None = None,
    region: str = "IQ",
) -> Iterator[Scanned]:
    """`scan` on several processes, same output in the same order.

    The main process reads and keeps each chunk while workers assess it, so only records go
    out and only assessments come back; a bounded window keeps memory flat.
    """
    seen: set[str] = set()
    pending: deque[tuple[list[Record | Reject], AsyncResult[list[Assessment]]]] = deque()
    # fork: workers inherit the loaded catalogue; they only run the pure core
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        iterator = iter(items)
        while chunk := list(itertools.islice(iterator, chunk_size)):
            records = [i for i in chunk if isinstance(i, Record)]
            pending.append((chunk, pool.apply_async(_assess_chunk, (records, region))))
            if len(pending) > 2 * workers:
                yield from _collect(*pending.popleft(), seen, on_reject)
        while pending:
            yield from _collect(*pending.popleft(), seen, on_reject)


def _collect(
    chunk: list[Record | Reject],
    result: AsyncResult[list[Assessment]],
    seen: set[str],
    on_reject: Callable[[Reject], None] | None,
) -> Iterator[Scanned]:
    assessments = iter(result.get())
    for item in chunk:
        if isinstance(item, Reject):
            if on_reject is not None:
                on_reject(item)
            continue
        duplicate = item.content_hash in seen
        seen.add(item.content_hash)
        yield Scanned(item, next(assessments), duplicate)
