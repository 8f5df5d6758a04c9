"""The model commands: train, evaluate, label, review; and scan with and without a model.
Labels and the review queue run on SQLite and PostgreSQL."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from recruitwatch.cli import app
from recruitwatch.detect.modelfile import load_model, packaged_model
from recruitwatch.store import users as accounts
from recruitwatch.store.db import make_engine, migrate
from recruitwatch.store.models import Assessment, AuditEntry, Decision, Document, DocumentLink

DATA = Path(__file__).parent / "data"
POSTS = DATA / "cli" / "posts.jsonl"
GENERIC = DATA / "training" / "generic_jobs.csv"
DEMO_CORPUS = Path(__file__).parents[1] / "src/recruitwatch/resources/demo/corpus.jsonl"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def lines(stdout: str) -> list[dict[str, object]]:
    return [json.loads(x) for x in stdout.splitlines() if x.strip()]


def test_scan_uses_the_packaged_model_and_explains_on_request() -> None:
    code, out, err = run("scan", str(POSTS), "--explain")
    assert code == 0, err
    rows = {str(r["id"]): r for r in lines(out)}
    version = packaged_model().version
    for row in rows.values():
        model = row["model"]
        assert isinstance(model, dict) and model["version"] == version
        assert 0.0 <= float(model["indicator_score"]) <= 1.0
    lure = rows["lure-ru"]
    words = [f for f in lure["model"]["features"] if f["kind"] == "text"]  # type: ignore[index]
    text = next(json.loads(x)["text"] for x in POSTS.read_text().splitlines() if "lure-ru" in x)
    assert words and all(text[f["start"] : f["end"]] == f["text"] for f in words)


def test_no_model_gives_the_indicator_score() -> None:
    plain = {str(r["id"]): r for r in lines(run("scan", str(POSTS), "--no-model")[1])}
    explained = {
        str(r["id"]): r for r in lines(run("scan", str(POSTS), "--explain", "--no-model")[1])
    }
    modelled = {str(r["id"]): r for r in lines(run("scan", str(POSTS), "--explain")[1])}
    for key, row in plain.items():
        assert explained[key]["model"] is None
        assert modelled[key]["model"]["indicator_score"] == row["score"]  # type: ignore[index]


def test_explain_in_table_and_csv() -> None:
    table = run("scan", str(POSTS), "--explain", "-f", "table")[1]
    assert "words that raised the score" in table and "«" in table
    csv_out = run("scan", str(POSTS), "--explain", "-f", "csv")[1]
    assert csv_out.splitlines()[0].endswith("indicator_score,model_features")


def test_a_bad_model_file_stops_the_scan_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"nonsense")
    code, out, err = run("scan", str(POSTS), "--model", str(bad))
    assert code == 1 and not out
    assert "not a recruitwatch model file" in err and "Traceback" not in err


def test_train_writes_a_model_and_card_that_scan_uses(tmp_path: Path) -> None:
    target, card = tmp_path / "m.npz", tmp_path / "CARD.md"
    code, _, err = run(
        "train", "--background", str(GENERIC), "-o", str(target), "--card", str(card)
    )
    assert code == 0, err
    model = load_model(target)
    assert model.combiner.trusted
    roles = {d["name"]: d["role"] for d in model.info["data"]}
    assert roles == {"demo": "domain", "generic_jobs.csv": "background"}
    text = card.read_text(encoding="utf-8")
    assert model.version in text and "generic_jobs.csv" in text
    assert "indicators only" in text  # the held-out comparison
    out = run("scan", str(POSTS), "--explain", "--model", str(target))[1]
    assert {r["model"]["version"] for r in lines(out)} == {model.version}  # type: ignore[index]


def test_train_needs_in_domain_labels(tmp_path: Path) -> None:
    code, _, err = run("train", "--no-demo", "--background", str(GENERIC))
    assert code == 1 and "no in-domain labelled documents" in err


def test_evaluate_cross_validates_and_writes_a_report(tmp_path: Path) -> None:
    report = tmp_path / "r.html"
    code, out, err = run(
        "evaluate", "demo", "--folds", "3", "-f", "json", "--report", str(report), "--lang", "ar"
    )
    assert code == 0, err
    systems = json.loads(out)
    assert [s["system"] for s in systems] == ["model", "indicators only"]
    assert systems[0]["overall"]["n"] == 360
    page = report.read_text(encoding="utf-8")
    assert 'dir="rtl"' in page
    images = re.findall(r'src="data:image/png;base64,([^"]+)"', page)
    assert len(images) >= 2 and all(base64.b64decode(i)[:4] == b"\x89PNG" for i in images)


def test_evaluate_a_saved_model_warns_when_it_saw_the_data() -> None:
    code, out, err = run("evaluate", "demo", "--model", "packaged", "-f", "csv")
    assert code == 0, err
    header = out.splitlines()[0].split(",")
    assert header[:3] == ["system", "group", "value"]
    assert "optimistic" in err
    code, _, err = run("evaluate", str(GENERIC), "--model", "packaged", "-f", "table")
    assert code == 0 and "optimistic" not in err


@pytest.fixture
def stored(store_url: str) -> str:
    """The demo corpus scanned and linked into a store, with an analyst and an oversight user."""
    assert run("scan", str(DEMO_CORPUS), "--store", "--database", store_url, "-q")[0] == 0
    assert run("link", "--store", "--database", store_url, "-q")[0] == 0
    engine = make_engine(store_url)
    migrate(engine)
    with Session(engine) as session, session.begin():
        accounts.add_user(session, "rana", "analyst", "correct horse battery")
        accounts.add_user(session, "watch", "oversight", "correct horse battery")
    engine.dispose()
    return store_url


def _network_members(url: str) -> dict[str, list[str]]:
    engine = make_engine(url)
    with Session(engine) as session:
        rows = session.execute(
            select(DocumentLink.network_id, Document.external_id).join(
                Document, Document.id == DocumentLink.document_id
            )
        )
        found: dict[str, list[str]] = {}
        for network, external in rows:
            if network:
                found.setdefault(network, []).append(external)
    engine.dispose()
    return found


def test_label_review_and_retrain_from_the_store(stored: str, tmp_path: Path) -> None:
    members = max(_network_members(stored).values(), key=len)
    first, second = members[0], members[1]
    code, _, err = run("label", first, "deceptive", "--by", "rana", "--database", stored)
    assert code == 0, err
    engine = make_engine(stored)
    with Session(engine) as session:
        decision = session.scalars(select(Decision)).one()
        assert (decision.value, decision.kind, decision.subject_type) == (
            "deceptive",
            "label",
            "document",
        )
        assert session.scalars(select(AuditEntry).where(AuditEntry.action == "label")).one()
        stored_model = session.scalars(select(Assessment.model_version).distinct()).all()
        assert stored_model == [packaged_model().version]
    engine.dispose()
    code, out, err = run("review", "--database", stored, "-f", "json", "--limit", "500")
    assert code == 0, err
    queue = json.loads(out)
    ids = [item["id"] for item in queue]
    assert first not in ids  # labelled: out of the queue
    mates = [item for item in queue if item["id"] == second]
    assert mates and mates[0]["confirmed_in_network"] == 1
    assert any("confirmed lure" in r for r in mates[0]["reasons"])
    priorities = [item["priority"] for item in queue]
    assert priorities == sorted(priorities, reverse=True)
    model = tmp_path / "store.npz"
    code, _, err = run("train", "--from-store", "--database", stored, "-o", str(model))
    assert code == 0, err
    names = {d["name"]: d["documents"] for d in load_model(model).info["data"]}
    assert names["analysts' labels"] == 1


def test_label_refusals(stored: str) -> None:
    code, _, err = run("label", "demo-00002", "deceptive", "--database", stored)
    assert code == 1 and "--by" in err
    code, _, err = run("label", "demo-00002", "deceptive", "--by", "watch", "--database", stored)
    assert code == 1 and "may not label" in err
    code, _, err = run("label", "demo-00002", "maybe", "--by", "rana", "--database", stored)
    assert code == 1 and "choose one of" in err
    code, _, err = run("label", "no-such-doc", "deceptive", "--by", "rana", "--database", stored)
    assert code == 1 and "no offer" in err
    code, _, err = run("label", "demo-00002", "unsure", "--by", "nobody", "--database", stored)
    assert code == 1 and "no user" in err
