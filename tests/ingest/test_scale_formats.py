"""Inputs at scale: globs, JSON Lines compressed with zstandard, Parquet; and partitioned
JSON Lines or Parquet output. Every text is synthetic."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard
from typer.testing import CliRunner

from recruitwatch.cli import app
from recruitwatch.errors import InvalidInput
from recruitwatch.ingest import read_inputs
from recruitwatch.model import Record, Reject

ROWS = [
    {
        "id": "a",
        "text": "Работа в России, зарплата 200 тысяч рублей, пишите @synthetic_a",
        "lang": "ru",
    },
    {"id": "b", "text": "مطلوب محاسب في بغداد، التقديم عبر موقع الشركة", "lang": "ar"},
    {
        "id": "c",
        "text": "Drivers wanted abroad, $2,500 a month, visa and tickets paid",
        "lang": "en",
    },
]


def records(items: list[Record | Reject]) -> list[Record]:
    return [i for i in items if isinstance(i, Record)]


def test_zstandard_json_lines(tmp_path: Path) -> None:
    raw = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROWS).encode()
    path = tmp_path / "posts.jsonl.zst"
    path.write_bytes(zstandard.ZstdCompressor().compress(raw))
    found = records(list(read_inputs([str(path)])))
    assert [(r.id, r.text) for r in found] == [(r["id"], r["text"]) for r in ROWS]
    broken = tmp_path / "broken.jsonl.zst"
    broken.write_bytes(path.read_bytes()[:-20])
    items = list(read_inputs([str(broken)]))
    assert any(isinstance(i, Reject) for i in items) or len(records(items)) < len(ROWS)


def test_parquet_rows_map_like_csv_rows(tmp_path: Path) -> None:
    path = tmp_path / "posts.parquet"
    table = pa.Table.from_pylist([{**r, "channel": "synthetic", "views": 10} for r in ROWS])
    pq.write_table(table, path, row_group_size=2)
    found = records(list(read_inputs([str(path)])))
    assert [r.id for r in found] == ["a", "b", "c"]
    assert found[0].source == "synthetic" and found[0].lang == "ru"
    assert found[0].meta == {"views": 10}
    assert found[1].provenance.locator == "row 2"


def test_bad_parquet_is_rejected_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "bad.parquet"
    path.write_bytes(b"PAR1" + b"\x00" * 64)
    rejects = [i for i in read_inputs([str(path)]) if isinstance(i, Reject)]
    assert rejects and "Parquet" in rejects[0].reason
    numbers = tmp_path / "numbers.parquet"
    pq.write_table(pa.Table.from_pylist([{"id": "x", "text": 5}, {"id": "y", "text": 6}]), numbers)
    items = list(read_inputs([str(numbers)]))
    assert not records(items) and len(items) == 2
    assert all(isinstance(i, Reject) and "other than text" in i.reason for i in items)


def test_globs_expand_in_order_and_an_empty_glob_is_an_error(tmp_path: Path) -> None:
    for n, row in enumerate(ROWS):
        (tmp_path / f"part-{n}.jsonl").write_text(
            json.dumps(row, ensure_ascii=False) + "\n", "utf-8"
        )
    found = records(list(read_inputs([str(tmp_path / "part-*.jsonl")])))
    assert [r.id for r in found] == ["a", "b", "c"]
    with pytest.raises(InvalidInput, match="no file matches"):
        list(read_inputs([str(tmp_path / "nothing-*.jsonl")]))


def test_scan_writes_partitioned_json_lines_and_parquet(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROWS * 5), "utf-8")
    runner = CliRunner()
    jsonl = tmp_path / "out-jsonl"
    result = runner.invoke(
        app, ["scan", str(source), "--out-dir", str(jsonl), "--partition-size", "10", "-q"]
    )
    assert result.exit_code == 0, result.stderr
    parts = sorted(jsonl.glob("part-*.jsonl"))
    assert [p.name for p in parts] == ["part-00000.jsonl", "part-00001.jsonl"]
    lines = [json.loads(x) for p in parts for x in p.read_text("utf-8").splitlines()]
    assert [x["id"] for x in lines] == [r["id"] for r in ROWS * 5]
    parquet = tmp_path / "out-parquet"
    result = runner.invoke(
        app,
        [
            "scan",
            str(source),
            "--out-dir",
            str(parquet),
            "--format",
            "parquet",
            "--partition-size",
            "10",
            "-q",
        ],
    )
    assert result.exit_code == 0, result.stderr
    table = pq.read_table(parquet)
    assert table.num_rows == 15 and set(table.column_names) >= {"id", "score", "band", "indicators"}
    assert json.loads(table.column("indicators")[0].as_py()) == lines[0]["indicators"]
    refused = runner.invoke(app, ["scan", str(source), "--format", "parquet"])
    assert refused.exit_code == 1 and "--out-dir" in refused.stderr
