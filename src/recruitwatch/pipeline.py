"""The scan pipeline: records in, assessments out, one per record, in input order.

Pure apart from its inputs: it takes records (from any reader) and yields results; writing
them anywhere is the caller's job. Exact duplicates (same content hash) are assessed once.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import Counter, OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from multiprocessing.pool import AsyncResult

from recruitwatch.detect import Catalogue, classify_kind, find_indicators, load_catalogue, score
from recruitwatch.extract import extract_entities, find_money
from recruitwatch.link import LinkInput
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


class _Recent:
    """The verdicts of the last `size` distinct texts, so reposts are assessed once without
    holding every verdict of a million-document scan in memory."""

    def __init__(self, size: int = 50_000) -> None:
        self.size = size
        self.items: OrderedDict[str, Assessment] = OrderedDict()

    def get(self, key: str) -> Assessment | None:
        found = self.items.get(key)
        if found is not None:
            self.items.move_to_end(key)
        return found

    def put(self, key: str, value: Assessment) -> None:
        self.items[key] = value
        if len(self.items) > self.size:
            self.items.popitem(last=False)


def scan(
    items: Iterable[Record | Reject],
    *,
    catalogue: Catalogue | None = None,
    on_reject: Callable[[Reject], None] | None = None,
    region: str = "IQ",
) -> Iterator[Scanned]:
    """Assess every record in order; rejects go to `on_reject` and never stop the scan."""
    catalogue = catalogue or load_catalogue()
    yielded: set[str] = set()
    recent = _Recent()
    for item in items:
        if isinstance(item, Reject):
            if on_reject is not None:
                on_reject(item)
            continue
        key = item.content_hash[:16]
        duplicate = key in yielded
        yielded.add(key)
        earlier = recent.get(item.content_hash)
        if earlier is None:
            result = assess(item, catalogue, region=region)
            recent.put(item.content_hash, result)
        else:  # same content, same verdict: only the id and source differ
            result = _as_of(earlier, item)
        yield Scanned(item, result, duplicate)


def link_input(item: Scanned) -> LinkInput:
    """What the linker needs of a scanned record."""
    a = item.assessment
    return LinkInput(
        a.id,
        item.record.text,
        a.kind,
        a.band,
        a.entities,
        item.record.date,
        a.language,
        a.source,
        tuple(h.id for h in a.indicators),
    )


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

    The main process reads and keeps each chunk while workers assess it, so only new texts
    go out and only their assessments come back; a bounded window keeps memory flat.
    """
    yielded: set[str] = set()
    recent = _Recent()
    pending: deque[tuple[list[Record | Reject], AsyncResult[list[Assessment]]]] = deque()
    # fork: workers inherit the loaded catalogue; they only run the pure core
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        iterator = iter(items)
        while chunk := list(itertools.islice(iterator, chunk_size)):
            fresh: dict[str, Record] = {}
            for i in chunk:
                if isinstance(i, Record) and recent.get(i.content_hash) is None:
                    fresh.setdefault(i.content_hash, i)
            job = pool.apply_async(_assess_chunk, (list(fresh.values()), region))
            pending.append((chunk, job))
            if len(pending) > 2 * workers:
                yield from _collect(*pending.popleft(), recent, yielded, on_reject)
        while pending:
            yield from _collect(*pending.popleft(), recent, yielded, on_reject)


def _collect(
    chunk: list[Record | Reject],
    result: AsyncResult[list[Assessment]],
    recent: _Recent,
    yielded: set[str],
    on_reject: Callable[[Reject], None] | None,
) -> Iterator[Scanned]:
    for verdict in result.get():
        recent.put(verdict.content_hash, verdict)
    for item in chunk:
        if isinstance(item, Reject):
            if on_reject is not None:
                on_reject(item)
            continue
        known = recent.get(item.content_hash)
        assert known is not None  # assessed in this chunk, or still recent from an earlier one
        key = item.content_hash[:16]
        duplicate = key in yielded
        yielded.add(key)
        yield Scanned(item, _as_of(known, item), duplicate)


def _as_of(verdict: Assessment, record: Record) -> Assessment:
    """An earlier verdict on the same content, given this record's id and source."""
    rid = record.id or verdict.id
    if verdict.id == rid and verdict.source == record.source:
        return verdict
    return replace(verdict, id=rid, source=record.source)
