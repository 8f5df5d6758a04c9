"""A network as a graph of offers and the identifiers and templates that join them, for
Gephi (GEXF), yEd/Cytoscape (GraphML) or a spreadsheet (CSV edge list)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import networkx as nx

from recruitwatch.link.networks import LinkInput, Links, identifier


def network_graph(nid: str, docs: Sequence[LinkInput], links: Links) -> nx.Graph:
    """Offer nodes joined to identifier and template nodes; every edge says why it exists."""
    graph = nx.Graph(name=nid)
    for doc, cluster, network in zip(docs, links.clusters, links.networks, strict=True):
        if network != nid:
            continue
        graph.add_node(
            doc.id, kind="offer", band=doc.band, language=doc.language or "", date=doc.date or ""
        )
        for entity in doc.entities:
            key = identifier(entity)
            if key and key not in links.public:
                graph.add_node(key, kind=entity.type)
                graph.add_edge(doc.id, key, reason=f"{entity.type} in the offer")
        if cluster:
            graph.add_node(cluster, kind="template")
            graph.add_edge(doc.id, cluster, reason="written from the template")
    return graph


def export_graph(graph: nx.Graph, fmt: str) -> str:
    """The graph as GraphML, GEXF or a CSV edge list (source, target, reason)."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["source", "target", "reason"])
        for source, target, data in sorted(graph.edges(data=True)):
            writer.writerow([source, target, data.get("reason", "")])
        return out.getvalue()
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(graph, buffer)
    elif fmt == "gexf":
        nx.write_gexf(graph, buffer)
    else:
        raise ValueError(f"unknown graph format {fmt!r}; choose graphml, gexf or csv")
    return buffer.getvalue().decode("utf-8")
