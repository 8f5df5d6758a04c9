"""Graph exports read back with the same nodes and edges."""

from __future__ import annotations

import csv
import io
from importlib import resources

import networkx as nx
import pytest

from recruitwatch.ingest import read_inputs
from recruitwatch.link import link
from recruitwatch.link.graph import export_graph, network_graph
from recruitwatch.pipeline import link_input, scan

CORPUS = resources.files("recruitwatch") / "resources" / "demo" / "corpus.jsonl"
DOCS = [link_input(s) for s in scan(read_inputs([str(CORPUS)]))]
LINKS = link(DOCS)
NID = sorted(n for n in LINKS.networks if n)[0]


def test_graph_holds_the_members_and_why_they_are_joined() -> None:
    graph = network_graph(NID, DOCS, LINKS)
    offers = {n for n, d in graph.nodes(data=True) if d["kind"] == "offer"}
    assert offers == {d.id for d, n in zip(DOCS, LINKS.networks, strict=True) if n == NID}
    assert nx.is_connected(graph)
    assert all(data["reason"] for _, _, data in graph.edges(data=True))
    assert not any(n in LINKS.public for n in graph.nodes)


@pytest.mark.parametrize(("fmt", "reader"), [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_round_trip(fmt: str, reader: object) -> None:
    graph = network_graph(NID, DOCS, LINKS)
    back = reader(io.BytesIO(export_graph(graph, fmt).encode("utf-8")))  # type: ignore[operator]
    assert set(back.nodes) == set(graph.nodes)
    assert back.number_of_edges() == graph.number_of_edges()


def test_csv_edge_list() -> None:
    graph = network_graph(NID, DOCS, LINKS)
    rows = list(csv.DictReader(io.StringIO(export_graph(graph, "csv"))))
    assert len(rows) == graph.number_of_edges() and set(rows[0]) == {"source", "target", "reason"}
