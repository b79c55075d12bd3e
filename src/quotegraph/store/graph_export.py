"""The corpus network for network tools: GraphML (through NetworkX) and nodes/edges CSV (Gephi).

Nodes are people and organisations (``p<id>``) and other named things
(``n:<name key>``: states, places, audiences); edges are ``said_to``,
``spoke_about``, ``accused`` and ``met`` (undirected), weight = number of
articles, as :func:`quotegraph.store.graph_query.network` computes them.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from .db import Store
from .graph_query import EDGE_KINDS, network

FORMATS = ("graphml", "csv")
ALL_NODES = 10**9


class GraphExportError(Exception):
    pass


def to_networkx(net: dict[str, Any]):
    """The network as a NetworkX MultiDiGraph (node and edge attributes as in the export)."""
    import networkx as nx
    g = nx.MultiDiGraph()
    for n in net["nodes"]:
        g.add_node(n["id"], label=n["label"] or n["id"], kind=n["kind"], weight=n["weight"],
                   person_id=-1 if n["person_id"] is None else n["person_id"])
    for e in net["edges"]:
        g.add_edge(e["source"], e["target"], key=e["kind"], kind=e["kind"], weight=e["weight"],
                   directed=e["kind"] != "met")
    return g


def export_graph(store: Store, fmt: str, out: str | Path, *, max_nodes: int = ALL_NODES,
                 kinds: tuple[str, ...] = EDGE_KINDS, since=None, until=None) -> tuple[int, int]:
    """Write the network: GraphML to the file ``out``, or CSV as ``out/nodes.csv`` and
    ``out/edges.csv``; returns (nodes, edges)."""
    if fmt not in FORMATS:
        raise GraphExportError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    net = network(store, max_nodes=max_nodes, kinds=kinds, since=since, until=until)
    if fmt == "graphml":
        import networkx as nx
        nx.write_graphml(to_networkx(net), str(out))
    else:
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        with open(folder / "nodes.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["Id", "Label", "kind", "weight", "person_id"])
            for n in net["nodes"]:
                w.writerow([n["id"], n["label"], n["kind"], n["weight"],
                            "" if n["person_id"] is None else n["person_id"]])
        with open(folder / "edges.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["Source", "Target", "Type", "kind", "Weight"])
            for e in net["edges"]:
                w.writerow([e["source"], e["target"], "Undirected" if e["kind"] == "met" else "Directed",
                            e["kind"], e["weight"]])
    return len(net["nodes"]), len(net["edges"])
