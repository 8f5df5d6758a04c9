"""The `recruitwatch scan` command: formats, order, filters, rejects and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from recruitwatch.cli import EXIT_REJECTED, app

DATA = Path(__file__).parent / "data" / "cli"
POSTS = DATA / "posts.jsonl"
JSONL_FIELDS = {"id", "source", "kind", "language", "score", "band", "indicators", "entities"}


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def scan(runner: CliRunner, *args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["scan", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def lines(stdout: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_jsonl_has_one_record_per_input_in_order(runner: CliRunner) -> None:
    code, out, _ = scan(runner, str(POSTS), "--format", "jsonl")
    assert code == 0, out
    rows = lines(out)
    assert [r["id"] for r in rows] == ["lure-ar", "benign-en", "warning-en", "lure-ru", "chatter"]
    assert all(set(r) == JSONL_FIELDS for r in rows)


def test_jsonl_evidence_and_entities_point_into_the_text(runner: CliRunner) -> None:
    texts = {json.loads(x)["id"]: json.loads(x)["text"] for x in POSTS.read_text().splitlines()}
    rows = lines(scan(runner, str(POSTS))[1])
    for row in rows:
        text = texts[str(row["id"])]
        for hit in row["indicators"]:  # type: ignore[attr-defined]
            assert set(hit) == {"id", "weight", "evidence"}
            for ev in hit["evidence"]:
                assert text[ev["start"] : ev["end"]] == ev["text"]
        for ent in row["entities"]:  # type: ignore[attr-defined]
            assert set(ent) == {"type", "value", "text", "start", "end"}
            assert text[ent["start"] : ent["end"]] == ent["text"]


def test_lures_outrank_warnings_benign_ads_and_chatter(runner: CliRunner) -> None:
    rows = {r["id"]: r for r in lines(scan(runner, str(POSTS))[1])}
    assert rows["lure-ar"]["band"] == "high"
    assert rows["lure-ru"]["band"] == "high"
    assert rows["warning-en"]["kind"] == "warning"
    for lure in ("lure-ar", "lure-ru"):
        for other in ("benign-en", "warning-en", "chatter"):
            assert rows[lure]["score"] > rows[other]["score"]  # type: ignore[operator]
    assert rows["lure-ar"]["language"] == "ar"
    assert rows["lure-ru"]["language"] == "ru"
    phones = [e["value"] for e in rows["lure-ar"]["entities"] if e["type"] == "phone"]  # type: ignore[attr-defined,index]
    assert phones == ["+9647701234567"]


def test_min_band_keeps_only_flagged(runner: CliRunner) -> None:
    rows = lines(scan(runner, str(POSTS), "--min-band", "high")[1])
    assert {r["id"] for r in rows} == {"lure-ar", "lure-ru"}


def test_stdin_dash_reads_json_lines(runner: CliRunner) -> None:
    code, out, _ = scan(runner, "-", stdin=POSTS.read_text(encoding="utf-8"))
    assert code == 0
    assert len(lines(out)) == 5


def test_csv_format(runner: CliRunner) -> None:
    out = scan(runner, str(POSTS), "--format", "csv")[1]
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["id"] == "lure-ar"
    assert set(rows[0]) == {
        "id",
        "source",
        "kind",
        "language",
        "score",
        "band",
        "indicators",
        "entities",
    }
    assert "phone:+9647701234567" in rows[0]["entities"].split(";")


def test_json_format_is_one_array(runner: CliRunner) -> None:
    data = json.loads(scan(runner, str(POSTS), "--format", "json")[1])
    assert isinstance(data, list) and len(data) == 5


def test_table_format_names_every_record(runner: CliRunner) -> None:
    out = scan(runner, str(POSTS), "--format", "table")[1]
    for rid in ("lure-ar", "benign-en", "chatter"):
        assert rid in out


def test_html_format_marks_evidence_right_to_left(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "scan.html"
    code, _, _ = scan(runner, str(POSTS), "--format", "html", "-o", str(target))
    page = target.read_text(encoding="utf-8")
    assert code == 0
    assert page.count("<article") == 5
    assert "<mark" in page and 'dir="rtl"' in page


def test_bad_line_is_rejected_the_rest_scanned(runner: CliRunner, tmp_path: Path) -> None:
    rejects = tmp_path / "rejects.jsonl"
    code, out, err = scan(runner, str(DATA / "mixed.jsonl"), "--rejects", str(rejects))
    assert code == EXIT_REJECTED
    assert [r["id"] for r in lines(out)] == ["ok-1", "ok-2"]
    kept = [json.loads(x) for x in rejects.read_text().splitlines()]
    assert len(kept) == 1 and kept[0]["locator"] == "line 2" and kept[0]["reason"]
    assert "mixed.jsonl: line 2" in err
    assert "rejected 1" in err


def test_missing_file_is_a_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = scan(runner, str(tmp_path / "nope.jsonl"))
    assert code == 1
    assert "nope.jsonl" in err


def test_parallel_workers_give_the_same_output(runner: CliRunner) -> None:
    one = scan(runner, str(POSTS), "-q")[1]
    two = scan(runner, str(POSTS), "-q", "--workers", "2")[1]
    assert one == two and one


def test_link_gives_one_line_per_document_in_order(runner: CliRunner) -> None:
    result = runner.invoke(app, ["link", str(POSTS), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = lines(result.stdout)
    assert [r["id"] for r in rows] == ["lure-ar", "benign-en", "warning-en", "lure-ru", "chatter"]
    assert all(set(r) == {"id", "cluster", "network"} for r in rows)
    assert all(r["network"] is None for r in rows)  # no two posts share anything


def test_link_csv_and_rejects(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["link", str(DATA / "mixed.jsonl"), "-f", "csv", "--rejects", str(tmp_path / "r")]
    )
    assert result.exit_code == EXIT_REJECTED
    first, *_ = csv.DictReader(io.StringIO(result.stdout))
    assert first == {
        "id": "ok-1",
        "cluster": "",
        "network": "",
    }


def test_link_stoplist_keeps_an_identifier_from_joining(runner: CliRunner, tmp_path: Path) -> None:
    posts = tmp_path / "p.jsonl"
    posts.write_text(
        '{"id": "a", "text": "Guards in Moscow, $3,000 a month, WhatsApp only +79123456789"}\n'
        '{"id": "b", "text": "Drivers for Minsk, visa paid, call +79123456789 now"}\n',
        encoding="utf-8",
    )
    joined = lines(runner.invoke(app, ["link", str(posts), "-q"]).stdout)
    assert joined[0]["network"] == joined[1]["network"] is not None
    stop = tmp_path / "stop.txt"
    stop.write_text("# hotlines\nphone:+79123456789\n", encoding="utf-8")
    apart = lines(runner.invoke(app, ["link", str(posts), "-q", "--stoplist", str(stop)]).stdout)
    assert apart[0]["network"] is None and apart[1]["network"] is None


def test_demo_loads_scans_and_shows_the_top_offers(runner: CliRunner, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'demo.db'}"
    first = runner.invoke(app, ["demo", "--database", url, "--top", "5"])
    assert first.exit_code == 0, first.output
    assert "Top flagged offers" in first.stdout and first.stdout.count("demo-") == 5
    assert "stored 360 documents" in first.stderr
    assert "14 claims from synthetic articles" in first.stderr
    again = runner.invoke(app, ["demo", "--database", url, "--top", "5"])
    assert "stored 360 documents" in again.stderr  # loading twice stores nothing twice
    listed = runner.invoke(app, ["claims", "list", "-f", "json", "--database", url])
    assert len(json.loads(listed.stdout)) == 14  # nor twice the claims
