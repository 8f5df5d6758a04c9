"""The scan pipeline: records in, assessments out, one per record, in input order.

Pure apart from its inputs: it takes records (from any reader) and yields results; writing
them anywhere is the caller's job. Exact duplicates (same content hash) are assessed once.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import Counter, OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from multiprocessing.pool import AsyncResult

from recruitwatch.detect import (
    Catalogue,
    classifier,
    find_indicators,
    load_catalogue,
    score,
)
from recruitwatch.detect.classifier import LureModel
from recruitwatch.detect.kind import KindCues, kind_probabilities, most_likely
from recruitwatch.detect.watchlist import Watchlist, packaged_watchlist
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


def indicator_verdict(
    record: Record,
    catalogue: Catalogue,
    region: str = "IQ",
    kinds: KindCues | None = None,
    watchlist: Watchlist | None = None,
) -> tuple[Assessment, str]:
    """The indicators' verdict on one record, and its folded text for the model
    (`watchlist`: the known schemes and actors; None: the packaged ones)."""
    norm = normalize(record.text)
    language = record.lang or identify(record.text)
    money = find_money(norm)  # parsed once: both an entity and the salary indicator's input
    entities = extract_entities(norm, region=region, money=money)
    hits = find_indicators(norm, catalogue, money, watchlist=watchlist)
    probabilities = kind_probabilities(norm, hits, entities, kinds)
    kind = most_likely(probabilities)
    value, band = score(hits, kind, catalogue, probabilities)
    verdict = Assessment(
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
    return verdict, norm.text


def assess_batch(
    records: Sequence[Record],
    catalogue: Catalogue,
    *,
    region: str = "IQ",
    model: LureModel | None = None,
    explain: bool = False,
    kinds: KindCues | None = None,
    watchlist: Watchlist | None = None,
) -> list[Assessment]:
    """Score records: language, entities, indicators, kind; then, with a model, the
    probability that each is a deceptive offer (scored in one batch: it is much faster)."""
    pairs = [indicator_verdict(r, catalogue, region, kinds, watchlist) for r in records]
    verdicts = [v for v, _ in pairs]
    if model is None:
        return verdicts
    verdicts = classifier.apply(model, verdicts, [folded for _, folded in pairs], catalogue)
    if explain:
        verdicts = [_explained(model, v, r) for v, r in zip(verdicts, records, strict=True)]
    return verdicts


def _explained(model: LureModel, verdict: Assessment, record: Record) -> Assessment:
    assert verdict.model is not None
    features = classifier.explain(model, verdict, normalize(record.text))
    return replace(verdict, model=replace(verdict.model, features=features))


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


@dataclass(frozen=True)
class Scoring:
    """How records are scored: the catalogue, the model (None: indicators alone), whether
    to explain the model's scores, the phone region, and the known schemes and actors
    (the packaged watchlist, or packaged and analysts' entries from the database)."""

    catalogue: Catalogue = field(default_factory=load_catalogue)
    model: LureModel | None = None
    explain: bool = False
    region: str = "IQ"
    watchlist: Watchlist = field(default_factory=packaged_watchlist)

    def __call__(self, records: Sequence[Record]) -> list[Assessment]:
        return assess_batch(
            records,
            self.catalogue,
            region=self.region,
            model=self.model,
            explain=self.explain,
            watchlist=self.watchlist,
        )


def scan(
    items: Iterable[Record | Reject],
    *,
    scoring: Scoring | None = None,
    on_reject: Callable[[Reject], None] | None = None,
    chunk_size: int = 256,
) -> Iterator[Scanned]:
    """Assess every record in order; rejects go to `on_reject` and never stop the scan.

    Records are scored a chunk at a time (the model is much faster on a batch); output
    order is input order."""
    scoring = scoring or Scoring()
    yielded: set[str] = set()
    recent = _Recent()
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, chunk_size)):
        fresh = _fresh(chunk, recent)
        verdicts = scoring(fresh)
        yield from _collect(chunk, verdicts, recent, yielded, on_reject)


def _fresh(chunk: list[Record | Reject], recent: _Recent) -> list[Record]:
    """The records of a chunk whose content has no recent verdict, each content once."""
    fresh: dict[str, Record] = {}
    for item in chunk:
        if isinstance(item, Record) and recent.get(item.content_hash) is None:
            fresh.setdefault(item.content_hash, item)
    return list(fresh.values())


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


_WORKER_SCORING: Scoring | None = None


def _start_worker(scoring: Scoring) -> None:
    global _WORKER_SCORING
    _WORKER_SCORING = scoring  # sent once per worker, not with every chunk


def _assess_chunk(records: list[Record]) -> list[Assessment]:
    assert _WORKER_SCORING is not None
    return _WORKER_SCORING(records)


def scan_parallel(
    items: Iterable[Record | Reject],
    *,
    scoring: Scoring | None = None,
    workers: int = 2,
    chunk_size: int = 400,
    on_reject: Callable[[Reject], None] | None = None,
) -> Iterator[Scanned]:
    """`scan` on several processes, same output in the same order.

    The main process reads and keeps each chunk while workers assess it, so only new texts
    go out and only their assessments come back; a bounded window keeps memory flat.
    """
    scoring = scoring or Scoring()
    yielded: set[str] = set()
    recent = _Recent()
    pending: deque[tuple[list[Record | Reject], AsyncResult[list[Assessment]]]] = deque()
    # fork: workers start with the loaded catalogue and model; they only run the pure core
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_start_worker, initargs=(scoring,)) as pool:
        iterator = iter(items)
        while chunk := list(itertools.islice(iterator, chunk_size)):
            job = pool.apply_async(_assess_chunk, (_fresh(chunk, recent),))
            pending.append((chunk, job))
            if len(pending) > 2 * workers:
                chunk, job = pending.popleft()
                yield from _collect(chunk, job.get(), recent, yielded, on_reject)
        while pending:
            chunk, job = pending.popleft()
            yield from _collect(chunk, job.get(), recent, yielded, on_reject)


def _collect(
    chunk: list[Record | Reject],
    verdicts: list[Assessment],
    recent: _Recent,
    yielded: set[str],
    on_reject: Callable[[Reject], None] | None,
) -> Iterator[Scanned]:
    for verdict in verdicts:
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
