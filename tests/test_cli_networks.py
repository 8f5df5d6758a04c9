"""`link --store` and `networks list|show|export` on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
from importlib import resources
from pathlib import Path

import networkx as nx
import pytest
from followthemoney import model
from typer.testing import CliRunner

from recruitwatch.cli import app

CORPUS = str(resources.files("recruitwatch") / "resources" / "demo" / "corpus.jsonl")


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def linked(store_url: str) -> str:
    run("link", CORPUS, "--store", "--database", store_url, "-q")
    return store_url


def test_store_links_equal_file_links(linked: str) -> None:
    from_files = [json.loads(x) for x in run("link", CORPUS, "-q").splitlines()]
    again = [json.loads(x) for x in run("link", "--store", "--database", linked, "-q").splitlines()]
    assert sorted(again, key=lambda r: r["id"]) == sorted(from_files, key=lambda r: r["id"])


def test_list_show_and_export(linked: str) -> None:
    listed = [
        json.loads(x)
        for x in run("networks", "list", "-f", "jsonl", "--database", linked).splitlines()
    ]
    assert len(listed) == 6 and all(r["documents"] >= 2 for r in listed)
    nid = listed[0]["id"]
    shown = json.loads(run("networks", "show", nid, "--database", linked))
    assert shown["id"] == nid and len(shown["documents"]) == listed[0]["documents"]
    linked_ids = [json.loads(x) for x in run("link", CORPUS, "-q").splitlines()]
    assert shown["documents"] == sorted(r["id"] for r in linked_ids if r["network"] == nid)
    assert {"identifiers", "provinces", "indicators"} <= set(shown)
    graph = nx.read_graphml(
        io.BytesIO(run("networks", "export", nid, "-f", "graphml", "--database", linked).encode())
    )
    assert set(shown["documents"]) <= set(graph.nodes)
    gexf = nx.read_gexf(
        io.BytesIO(run("networks", "export", nid, "-f", "gexf", "--database", linked).encode())
    )
    assert gexf.number_of_nodes() == graph.number_of_nodes()
    entities = [
        json.loads(x)
        for x in run("networks", "export", nid, "-f", "ftm", "--database", linked).splitlines()
    ]
    assert all(model.get(e["schema"]).validate(e) is None for e in entities)


def test_unknown_network_is_a_clear_error(linked: str) -> None:
    result = CliRunner().invoke(app, ["networks", "show", "N-missing", "--database", linked])
    assert result.exit_code == 1 and "network N-missing" in result.stderr


def test_adding_documents_equals_a_full_recompute_and_sketches_only_the_new(
    store_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import recruitwatch.link.networks as networks

    lines = Path(CORPUS).read_text(encoding="utf-8").splitlines(keepends=True)
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("".join(lines[:200]), encoding="utf-8")
    second.write_text("".join(lines[200:]), encoding="utf-8")
    run("link", str(first), "--store", "--database", store_url, "-q")
    calls: list[str] = []
    original = networks.sketch
    monkeypatch.setattr(networks, "sketch", lambda doc, s: calls.append(doc.id) or original(doc, s))
    incremental = run("link", str(second), "--store", "--database", store_url, "-q")
    assert calls and all(int(c.split("-")[1]) >= 200 for c in calls)  # only new documents
    monkeypatch.undo()
    full = run("link", str(first), str(second), "-q")
    by_id = lambda text: sorted(text.splitlines())  # noqa: E731
    assert by_id(incremental) == by_id(full)
