"""`recruitwatch watchlist add|list|remove|import`, and `scan` with the database's
watchlist. Every name and text is synthetic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from recruitwatch.cli import app
from recruitwatch.detect.watchlist_entries import new_id
from recruitwatch.store import users as accounts
from recruitwatch.store.db import make_engine, migrate
from recruitwatch.store.models import AuditEntry

SOURCE = "https://example.org/synthetic-ruling"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(store_url: str) -> str:
    engine = make_engine(store_url)
    migrate(engine)
    with Session(engine) as session, session.begin():
        accounts.add_user(session, "rana", "analyst", "correct horse battery")
        accounts.add_user(session, "watch", "oversight", "correct horse battery")
    engine.dispose()
    return store_url


def listed(db: str, *extra: str) -> dict[str, dict[str, object]]:
    code, out, err = run("watchlist", "list", "--format", "json", "--database", db, *extra)
    assert code == 0, err
    return {row["id"]: row for row in json.loads(out)}


def test_add_list_remove(db: str) -> None:
    code, _, err = run(
        "watchlist", "add", "Golden Gate Recruiting",
        "--alias", "البوابة الذهبية للتوظيف", "--alias", "Золотые Ворота Рекрутинг",
        "--source", SOURCE, "--note", "synthetic", "--country", "Iraq",
        "--by", "rana", "--database", db,
    )  # fmt: skip
    assert code == 0, err
    entry_id = new_id("Golden Gate Recruiting")
    rows = listed(db)
    assert rows[entry_id]["origin"] == "database" and "rw-alabuga-start" in rows
    assert rows[entry_id]["properties"]["country"] == ["iq"]  # type: ignore[index]
    code, out, _ = run("watchlist", "list", "--format", "csv", "-q", "golden", "--database", db)
    assert code == 0 and out.splitlines()[0].startswith("id,name,schema,aliases")
    assert len(out.splitlines()) == 2
    code, _, err = run(
        "watchlist", "remove", entry_id, "--reason", "closed", "--by", "rana", "--database", db
    )
    assert code == 0, err
    assert entry_id not in listed(db) and listed(db, "--all")[entry_id]["active"] is False
    engine = make_engine(db)
    with Session(engine) as session:
        actions = list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.seq)))
    engine.dispose()
    assert actions == ["watchlist.add", "watchlist.remove"]


def test_refusals_name_the_problem(db: str) -> None:
    code, _, err = run("watchlist", "add", "Some Agency", "--by", "rana", "--database", db)
    assert code == 1 and "needs at least one source URL" in err
    code, _, err = run(
        "watchlist", "add", "Some Agency", "--source", SOURCE, "--by", "watch", "--database", db
    )
    assert code == 1 and "may not change the watchlist" in err
    code, _, err = run("watchlist", "add", "Some Agency", "--source", SOURCE, "--database", db)
    assert code == 1 and "say who decides" in err
    code, _, err = run(
        "watchlist", "remove", "nowhere", "--reason", "x", "--by", "rana", "--database", db
    )
    assert code == 1 and "no watchlist entry 'nowhere'" in err


def test_import_keeps_good_entries_and_names_bad_ones(db: str, tmp_path: Path) -> None:
    entities = [
        {"id": "imp-1", "schema": "Company",
         "properties": {"name": ["Northern Star Visa"], "sourceUrl": [SOURCE]}},
        {"id": "imp-2", "schema": "Company", "properties": {"name": ["Unsourced Ltd"]}},
    ]  # fmt: skip
    path = tmp_path / "entities.jsonl"
    path.write_text("\n".join(json.dumps(e) for e in entities) + "\n", "utf-8")
    code, _, err = run("watchlist", "import", str(path), "--by", "rana", "--database", db)
    assert code == 3 and "entry imp-2: needs at least one source URL" in err
    assert "imported 1 entry, refused 1" in err
    assert "imp-1" in listed(db) and "imp-2" not in listed(db)
    shaped = [{"id": "yaml-1", "schema": "Organization",
               "properties": {"name": ["Synthetic Route Office"]},
               "sources": [{"url": SOURCE, "title": "t", "date": "2025"}]}]  # fmt: skip
    path = tmp_path / "entries.yaml"
    path.write_text(yaml.safe_dump(shaped, allow_unicode=True), "utf-8")
    code, _, err = run("watchlist", "import", str(path), "--by", "rana", "--database", db)
    assert code == 0, err
    assert "yaml-1" in listed(db)


def test_ftm_listing_round_trips_through_import(db: str, tmp_path: Path) -> None:
    code, out, _ = run("watchlist", "list", "--format", "ftm", "--database", db)
    assert code == 0
    entities = [json.loads(line) for line in out.splitlines()]
    assert all({"id", "schema", "properties"} <= set(e) for e in entities)
    assert all(e["properties"]["sourceUrl"] for e in entities)
    path = tmp_path / "all.jsonl"
    path.write_text(out, "utf-8")
    code, _, err = run("watchlist", "import", str(path), "--by", "rana", "--database", db)
    assert code == 0 and f"imported {len(entities)} entries, refused 0" in err


def test_scan_uses_the_database_watchlist(db: str, tmp_path: Path) -> None:
    post = tmp_path / "post.jsonl"
    text = "Work abroad with Golden Gate Recruiting, salary $2,500 a month"
    post.write_text(json.dumps({"id": "p1", "text": text}) + "\n", "utf-8")

    def indicators() -> dict[str, object]:
        code, out, err = run("scan", str(post), "--no-model", "--database", db, "-q")
        assert code == 0, err
        return {i["id"]: i for i in json.loads(out)["indicators"]}

    assert "known_scheme_or_actor" not in indicators()
    code, _, err = run(
        "watchlist", "add", "Golden Gate Recruiting", "--source", SOURCE,
        "--by", "rana", "--database", db,
    )  # fmt: skip
    assert code == 0, err
    hit = indicators()["known_scheme_or_actor"]
    assert hit["evidence"] == [{"start": 17, "end": 39, "text": "Golden Gate Recruiting"}]  # type: ignore[index]
