"""Writers for scan results: JSON Lines, JSON, CSV, a terminal table and an HTML page."""

from __future__ import annotations

import csv
import html
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from recruitwatch.ingest.records import reject_to_json
from recruitwatch.model import Assessment, Reject
from recruitwatch.pipeline import Scanned

if TYPE_CHECKING:  # the store pulls in SQLAlchemy: keep plain scans light
    from recruitwatch.store.repository import FlaggedOffer

Format = Literal["jsonl", "json", "csv", "table", "html"]
FORMATS: tuple[str, ...] = ("jsonl", "json", "csv", "table", "html")
CSV_FIELDS = ("id", "source", "kind", "language", "score", "band", "indicators", "entities")
BAND_STYLE = {"high": "bold red", "medium": "yellow", "low": "green"}
EXIT_REJECTED = 3  # the command finished, but some input records were rejected
_ERR = Console(stderr=True, soft_wrap=True)


def write(items: Iterable[Scanned], fmt: str, out: IO[str], *, explain: bool = False) -> None:
    """Write `items` in format `fmt`; JSON Lines and CSV stream, the others collect.
    `explain` adds the model's part of each verdict: the indicator score and top features."""
    if fmt == "jsonl":
        for item in items:
            row = item.assessment.to_json(explain=explain)
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "json":
        rows = [i.assessment.to_json(explain=explain) for i in items]
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        write_csv(items, out, explain=explain)
    elif fmt == "table":
        write_table(list(items), out, explain=explain)
    elif fmt == "html":
        out.write(render_html(list(items)))
    else:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def features_line(a: Assessment, limit: int = 5) -> str:
    """The model's top features that raised the score, e.g. `«Telegram» +0.41`."""
    if a.model is None:
        return ""
    shown = [f for f in a.model.features if f.kind == "text" and f.weight > 0][:limit]
    return ", ".join(f"«{f.text}» {f.weight:+.2f}" for f in shown)


def csv_row(a: Assessment) -> dict[str, str]:
    return {
        "id": a.id,
        "source": a.source or "",
        "kind": a.kind,
        "language": a.language,
        "score": f"{a.score:.4f}",
        "band": a.band,
        "indicators": ";".join(h.id for h in a.indicators),
        "entities": ";".join(f"{e.type}:{e.value}" for e in a.entities),
    }


def write_csv(items: Iterable[Scanned], out: IO[str], *, explain: bool = False) -> None:
    fields = CSV_FIELDS + (("indicator_score", "model_features") if explain else ())
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    for item in items:
        row = csv_row(item.assessment)
        if explain:
            row["indicator_score"] = f"{item.assessment.indicator_score:.4f}"
            row["model_features"] = features_line(item.assessment)
        writer.writerow(row)


def write_table(items: list[Scanned], out: IO[str], *, explain: bool = False) -> None:
    table = Table(title=f"{len(items)} record(s)", show_lines=False)
    columns = ["id", "band", "score", "kind", "lang", "indicators", "contacts and salaries"]
    for name in columns + (["model: words that raised the score"] if explain else []):
        table.add_column(name, overflow="fold")
    for item in items:
        a = item.assessment
        shown = [e for e in a.entities if e.type in ("phone", "handle", "link", "email", "money")]
        table.add_row(
            a.id,
            Text(a.band, style=BAND_STYLE[a.band]),
            f"{a.score:.2f}",
            a.kind,
            a.language,
            ", ".join(h.id for h in a.indicators[:6]),
            ", ".join(e.value for e in shown[:4]),
            *([features_line(a)] if explain else []),
        )
    Console(file=out, width=160, force_terminal=False).print(table)


def highlight(text: str, a: Assessment) -> str:
    """The text with every evidence span wrapped in <mark>, escaped for HTML."""
    spans = sorted(
        {(s.start, s.end, h.id) for h in a.indicators for s in h.evidence}, key=lambda t: t[:2]
    )
    parts: list[str] = []
    pos = 0
    for start, end, rule in spans:
        if start < pos:
            continue  # overlapping evidence: the first span wins the mark
        parts.append(html.escape(text[pos:start]))
        parts.append(f'<mark title="{html.escape(rule)}">{html.escape(text[start:end])}</mark>')
        pos = end
    parts.append(html.escape(text[pos:]))
    return "".join(parts)


def render_html(items: list[Scanned]) -> str:
    """A self-contained page: one card per record, evidence marked, right-to-left where Arabic."""
    cards = []
    for item in items:
        a = item.assessment
        rtl = a.language in ("ar", "fa", "ur", "ckb")
        rules = "".join(
            f"<li><code>{html.escape(h.id)}</code> ({h.weight:.2f})"
            + (f" — {html.escape(h.note)}" if h.note else "")
            + "</li>"
            for h in a.indicators
        )
        ents = "".join(
            f"<li>{html.escape(e.type)}: <bdi>{html.escape(e.value)}</bdi></li>" for e in a.entities
        )
        cards.append(
            f'<article class="{a.band}"><h2><bdi>{html.escape(a.id)}</bdi> · {a.band} '
            f"{a.score:.2f} · {a.kind} · {a.language}</h2>"
            f'<p dir="{"rtl" if rtl else "ltr"}" lang="{html.escape(a.language)}">'
            f"{highlight(item.record.text, a)}</p>"
            f"<h3>Indicators</h3><ul>{rules}</ul><h3>Entities</h3><ul>{ents}</ul></article>"
        )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>recruitwatch scan</title><style>"
        "body{font-family:system-ui,'Noto Naskh Arabic',sans-serif;max-width:60rem;margin:auto}"
        "article{border:1px solid #ccc;border-left:6px solid #999;padding:.5rem 1rem;margin:1rem 0}"
        "article.high{border-left-color:#c00}article.medium{border-left-color:#e90}"
        "mark{background:#ffe066}p{white-space:pre-wrap}"
        f"</style></head><body><h1>recruitwatch scan: {len(items)} record(s)</h1>"
        + "".join(cards)
        + "</body></html>\n"
    )


def print_flagged(rows: list[FlaggedOffer], console: Console) -> None:
    """The demo's closing table: the top flagged offers with their first words."""
    table = Table(title="Top flagged offers (synthetic demo data)")
    for name in ("id", "band", "score", "lang", "source", "indicators", "text"):
        table.add_column(name, overflow="fold")
    for row in rows:
        snippet = " ".join(row.text.split())[:70]
        table.add_row(
            row.id,
            Text(row.band, style=BAND_STYLE.get(row.band, "")),
            f"{row.score:.2f}",
            row.language,
            row.source or "",
            ", ".join(row.indicators[:4]) + ("…" if len(row.indicators) > 4 else ""),
            snippet,
        )
    console.print(table)


def write_rows(rows: list[dict[str, Any]], fmt: str, out: IO[str], *, title: str) -> None:
    """Flat records (one per input document) as JSON Lines, JSON, CSV or a table."""
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["id"])
        writer.writeheader()
        writer.writerows(rows)
    elif fmt == "table":
        table = Table(title=f"{title}: {len(rows)} record(s)")
        for name in rows[0] if rows else ["id"]:
            table.add_column(name, overflow="fold")
        for row in rows:
            table.add_row(*("" if v is None else str(v) for v in row.values()))
        Console(file=out, width=160, force_terminal=False).print(table)
    else:
        raise ValueError(f"unknown format {fmt!r}")


class RejectLog:
    """Writes each rejected record to the rejects file and one line to stderr."""

    def __init__(self, path: Path, quiet: bool) -> None:
        self.path, self.quiet, self.count = path, quiet, 0
        self._handle: IO[str] | None = None

    def __call__(self, reject: Reject) -> None:
        self.count += 1
        if not self.quiet:
            _ERR.print(f"[yellow]rejected:[/yellow] {escape(reject.message())}", highlight=False)
        if self._handle is None:
            self._handle = self.path.open("w", encoding="utf-8")
        self._handle.write(json.dumps(reject_to_json(reject), ensure_ascii=False) + "\n")

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()


def write_partitioned(
    items: Iterable[Scanned], folder: Path, fmt: str, size: int, *, explain: bool = False
) -> int:
    """Write `items` as numbered parts of `size` records (part-00000.jsonl or .parquet), in
    input order; a re-run rewrites the same parts. Returns how many parts were written."""
    folder.mkdir(parents=True, exist_ok=True)
    parts = 0
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        nonlocal parts
        target = folder / f"part-{parts:05d}.{fmt}"
        partial = target.with_suffix(target.suffix + ".partial")
        if fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            flat = [_flat(row) for row in batch]
            pq.write_table(pa.Table.from_pylist(flat), partial)
        else:
            with partial.open("w", encoding="utf-8") as handle:
                for row in batch:
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        partial.replace(target)  # a part is there whole or not at all
        parts += 1
        batch.clear()

    if fmt not in ("jsonl", "parquet"):
        raise ValueError(f"partitioned output is jsonl or parquet, not {fmt!r}")
    for item in items:
        batch.append(item.assessment.to_json(explain=explain))
        if len(batch) >= size:
            flush()
    if batch:
        flush()
    return parts


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    """A scan record with its lists as JSON text: Parquet columns of plain types."""
    return {
        k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
        for k, v in row.items()
    }
