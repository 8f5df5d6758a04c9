"""Labelled documents for training and evaluation: any reader's records with a gold label.

Labels come from a column or field (`label`, `fraudulent`, `class`...) in the words each
public set uses: deceptive, fraud, scam, spam and smishing count as deceptive; legitimate,
genuine, ham, news, warnings and chatter as not. `unsure` rows are skipped, and an unknown
label is a Reject naming the row, never a guess. Known layouts are recognised by their
header: EMSCAD's job-ad fields are joined into one text; the demo corpus is a folder of
`corpus.jsonl` with `labels.csv`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from recruitwatch.errors import InvalidInput
from recruitwatch.ingest import ReadOptions, read_inputs
from recruitwatch.ingest.encoding import UndecodableError, decode
from recruitwatch.ingest.records import reject
from recruitwatch.model import Record, Reject

POSITIVE = frozenset(
    {"deceptive", "fraud", "fraudulent", "scam", "spam", "smishing", "phishing", "lure"}
    | {"1", "true", "yes", "t", "y"}
)
NEGATIVE = frozenset(
    {"legitimate", "genuine", "real", "ham", "not_deceptive", "news", "warning", "other"}
    | {"0", "false", "no", "f", "n"}
)
SKIPPED = frozenset({"unsure", "unknown"})
LABEL_FIELDS = ("label", "fraudulent", "class", "is_deceptive", "target", "category")
KINDS = frozenset({"offer", "news", "warning", "other"})
EMSCAD_TEXT = ("title", "company_profile", "description", "requirements", "benefits")
DEMO = "demo"


@dataclass(frozen=True, slots=True)
class Example:
    """A document with its gold label: 1 deceptive, 0 not."""

    record: Record
    label: int
    dataset: str
    kind: str | None = None  # the gold document kind, when the data gives one


def parse_label(value: object) -> int | None:
    """1, 0, or None for a row to skip; ValueError for a label nobody defined."""
    word = str(value).strip().lower() if value is not None else ""
    if word in POSITIVE:
        return 1
    if word in NEGATIVE:
        return 0
    if word in SKIPPED or not word:
        return None
    raise ValueError(f"unknown label {str(value)[:40]!r}")


def demo_folder() -> Path:
    return Path(str(resources.files("recruitwatch") / "resources" / "demo"))


def read_labelled(path: str, *, label_field: str | None = None) -> Iterator[Example | Reject]:
    """Every labelled document of one file or folder; `demo` is the packaged demo corpus."""
    target = demo_folder() if path == DEMO else Path(path)
    if not target.exists():
        raise InvalidInput(f"{path}: no such file or folder")
    if target.is_dir() and (target / "labels.csv").exists():
        yield from _read_demo_layout(target)
        return
    name = "demo" if path == DEMO else target.stem
    options = ReadOptions(text_columns=EMSCAD_TEXT) if _is_emscad(target) else ReadOptions()
    for item in read_inputs([str(target)], options):
        if isinstance(item, Reject):
            yield item
        else:
            yield _labelled(item, name, label_field)


def _is_emscad(path: Path) -> bool:
    if path.suffix.lower() != ".csv":
        return False
    with path.open("rb") as handle:
        head = handle.readline(1 << 16)
    try:
        header = decode(head)[0].lower()
    except UndecodableError:
        return False
    return "fraudulent" in header and "company_profile" in header


def _labelled(record: Record, dataset: str, label_field: str | None) -> Example | Reject:
    where = record.provenance
    meta = {k.strip().lower(): v for k, v in record.meta.items()}
    names = (label_field.lower(),) if label_field else LABEL_FIELDS
    field = next((n for n in names if n in meta), None)
    if field is None:
        wanted = label_field or " or ".join(LABEL_FIELDS[:3])
        return reject(where.file, where.locator, f"no label: expected a {wanted} field")
    try:
        label = parse_label(meta[field])
    except ValueError as exc:
        return reject(where.file, where.locator, str(exc))
    if label is None:
        return reject(where.file, where.locator, f"label {meta[field]!r} is not a verdict")
    kind = str(meta.get("kind") or "").lower() or None
    return Example(record, label, dataset, kind if kind in KINDS else None)


def _read_demo_layout(folder: Path) -> Iterator[Example | Reject]:
    """A folder of `corpus.jsonl` and `labels.csv` (id, label, kind, ...), joined on id."""
    labels_file = folder / "labels.csv"
    try:
        text, _ = decode(labels_file.read_bytes())
    except (OSError, UndecodableError) as exc:
        raise InvalidInput(f"{labels_file}: cannot read the labels: {exc}") from exc
    rows = {r.get("id", ""): r for r in csv.DictReader(io.StringIO(text))}
    name = folder.name
    for item in read_inputs([str(folder / "corpus.jsonl")]):
        if isinstance(item, Reject):
            yield item
            continue
        row = rows.get(item.id or "")
        if row is None:
            yield reject(str(labels_file), f"id {item.id}", "no label for this document")
            continue
        merged = replace(item, meta={**item.meta, **row})
        yield _labelled(merged, "demo" if folder == demo_folder() else name, None)
