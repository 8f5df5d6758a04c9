"""`recruitwatch claims`: the stable JSON Lines shape, the ledger on SQLite and PostgreSQL,
comparisons and verdicts. Every text is synthetic."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.orm import Session
from typer.testing import CliRunner

from recruitwatch.cli import app
from recruitwatch.store import users as accounts
from recruitwatch.store.db import make_engine, migrate

DATA = Path(__file__).parent / "data"
ARTICLE = DATA / "cli" / "article.html"
ARTICLES = Path(__file__).parents[1] / "src/recruitwatch/resources/demo/articles.jsonl"
KEYS = [
    "doc",
    "figure",
    "value_min",
    "value_max",
    "unit",
    "subject",
    "claimant",
    "stance",
    "sentence",
    "start",
    "end",
]


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def lines(out: str) -> list[dict[str, object]]:
    return [json.loads(x) for x in out.splitlines() if x.strip()]


def test_jsonl_shape_is_exact_and_spans_point_into_the_text() -> None:
    code, out, err = run("claims", str(ARTICLES), "--format", "jsonl", "-q")
    assert code == 0, err
    rows = lines(out)
    assert len(rows) >= 10
    texts = {
        json.loads(x)["id"]: json.loads(x)["text"] for x in ARTICLES.read_text("utf-8").splitlines()
    }
    for row in rows:
        assert list(row) == KEYS
        text = texts[str(row["doc"])]
        assert text[int(row["start"]) : int(row["end"])] == row["figure"]  # type: ignore[call-overload]
    vague = [r for r in rows if r["figure"] in ("only a few", "a few dozen")]
    assert vague and all(r["value_min"] is None and r["value_max"] is None for r in vague)
    lower = next(r for r in rows if r["figure"] == "more than 5,000")
    assert (lower["value_min"], lower["value_max"], lower["subject"]) == (5000, None, "recruited")


def test_html_articles_are_read_like_scan_reads_them() -> None:
    code, out, err = run("claims", str(ARTICLE), "-q")
    assert code == 0, err
    rows = {r["figure"]: r for r in lines(out)}
    assert rows["more than 2,000"]["subject"] == "recruited"
    assert rows["at least 80"]["subject"] == "killed"
    assert "Home | World" not in json.dumps(list(rows.values()))  # navigation is not text


def test_bad_input_is_rejected_by_record_and_good_records_kept(tmp_path: Path) -> None:
    mixed = tmp_path / "mixed.jsonl"
    good = json.dumps({"id": "ok", "text": "Officials said that more than 300 Iraqis are missing."})
    mixed.write_text(good + "\n{not json\n" + json.dumps({"id": "x"}) + "\n", encoding="utf-8")
    rejects = tmp_path / "rejects.jsonl"
    code, out, err = run("claims", str(mixed), "--rejects", str(rejects))
    assert code == 3
    assert [r["doc"] for r in lines(out)] == ["ok"]
    assert len(rejects.read_text(encoding="utf-8").splitlines()) == 2 and "line 2" in err


def test_ledger_compare_and_verdicts(store_url: str) -> None:
    code, _, err = run(
        "claims", str(ARTICLES), "--store", "--database", store_url, "-f", "csv", "-o", "/dev/null"
    )
    assert code == 0, err
    again = run("claims", str(ARTICLES), "--store", "--database", store_url, "-o", "/dev/null")
    assert "0 new claim" in again[2]  # the same figures are stored once
    code, out, _ = run(
        "claims", "list", "--subject", "recruited", "-f", "json", "--database", store_url
    )
    listed = json.loads(out)
    assert listed and all(r["subject"] == "recruited" for r in listed)
    code, out, _ = run(
        "claims", "compare", "--nationality", "IQ", "-f", "json", "--database", store_url
    )
    groups = json.loads(out)
    recruited = next(g for g in groups if g["subject"] == "recruited")
    figures = {c["figure"] for c in recruited["claims"]}
    assert {"only a few", "more than 5,000"} <= figures and recruited["conflict"]
    engine = make_engine(store_url)
    migrate(engine)
    with Session(engine) as session, session.begin():
        accounts.add_user(session, "rana", "analyst", "correct horse battery")
        accounts.add_user(session, "watch", "oversight", "correct horse battery")
    engine.dispose()
    target = recruited["claims"][0]["id"]
    code, _, err = run(
        "claims", "verify", str(target), "disputed", "--by", "rana", "--database", store_url
    )
    assert code == 0, err
    code, _, err = run(
        "claims", "verify", str(target), "verified", "--by", "watch", "--database", store_url
    )
    assert code == 1 and "may not" in err
    code, _, err = run(
        "claims", "verify", "999999", "verified", "--by", "rana", "--database", store_url
    )
    assert code == 1 and "no claim" in err
    out = run("claims", "list", "-f", "json", "--database", store_url)[1]
    marked = next(r for r in json.loads(out) if r["id"] == target)
    assert marked["verdict"]["value"] == "disputed" and marked["verdict"]["by"] == "rana"
