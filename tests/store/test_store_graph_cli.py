"""The graph's commands: events (--plover), claims (--contradictions, --flips), claim-fix,
quotes --about/--to, graph-export (GraphML read back by NetworkX, Gephi CSV)."""
from __future__ import annotations

import csv
import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from quotegraph import cli
from quotegraph.store import Store

from .helpers import put
from .test_store_graph_query import corpus

runner = CliRunner()


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "g.db")
    with Store(path) as store:
        put(store, *corpus())
    return path


def run(*args):
    return runner.invoke(cli.app, [str(a) for a in args])


def lines(out: str) -> list[dict]:
    return [json.loads(x) for x in out.splitlines() if x.strip()]


def test_events(db):
    r = run("events", "--type", "ACCUSE", "--plover", "--db", db)
    assert r.exit_code == 0, r.output
    evs = lines(r.stdout)
    assert [(e["id"], e["event"], e["actor"], e["recipient"]) for e in evs] == [
        (f"g{i}-e0", "ACCUSE", ["Ann Lee"], ["Brook Council"]) for i in (3, 2, 1)]
    r = run("events", "--acts", "-f", "csv", "--db", db)
    rows = list(csv.DictReader(r.stdout.splitlines()))
    assert {x["type"] for x in rows} == {"ACCUSE", "CONSULT"} and len(rows) == 6
    r = run("events", "--type", "MEET", "--db", db)
    assert r.exit_code == 2 and "unknown event type 'MEET'" in r.output


def test_claims_and_a_fix(db):
    r = run("claims", "--contradictions", "-f", "jsonl", "--db", db)
    (claim,) = lines(r.stdout)
    assert claim["claim"] == "the dam leaks" and len(claim["denies"]) == 2
    r = run("claims", "--flips", "-f", "jsonl", "--db", db)
    (flip,) = lines(r.stdout)
    assert (flip["speaker"], flip["before"]["stance"], flip["after"]["stance"]) == ("Omar Vance", "denies", "asserts")
    r = run("claim-fix", "g2", "1", "--stance", "asserts", "--db", db)  # Ray Cole's stance was misread
    assert r.exit_code == 0, r.output
    assert "g2 #1 now in claim 'the dam leaks' as asserts" in r.output
    (claim,) = lines(run("claims", "-f", "jsonl", "--db", db).stdout)
    assert [m["speaker"] for m in claim["denies"]] == ["Omar Vance"]
    r = run("claim-fix", "g2", "2", "--new", "Nobody met the council", "--db", db)
    assert r.exit_code == 0, r.output
    got = {c["claim"]: len(c["members"]) for c in lines(run("claims", "-f", "jsonl", "--db", db).stdout)}
    assert got == {"the dam leaks": 6, "Nobody met the council": 1}
    r = run("claim-fix", "g2", "9", "--stance", "denies", "--db", db)
    assert r.exit_code == 2 and "g2: no quote #9 in this article" in r.output


def test_quotes_about_and_to(db):
    r = run("quotes", "--about", "Brook Council", "-f", "jsonl", "--db", db)
    assert [q["article_id"] for q in lines(r.stdout)] == ["g3", "g2", "g1"]
    r = run("quotes", "--to", "Ann Lee", "-f", "jsonl", "--db", db)
    assert [q["speaker"] for q in lines(r.stdout)] == ["Omar Vance", "Ray Cole", "Omar Vance"]


def test_graph_export(db, tmp_path):
    out = tmp_path / "g.graphml"
    r = run("graph-export", "-f", "graphml", "-o", out, "--db", db)
    assert r.exit_code == 0, r.output
    g = nx.read_graphml(out, force_multigraph=True)
    labels = nx.get_node_attributes(g, "label")
    assert {"Ann Lee", "Brook Council", "Omar Vance", "Ray Cole", "Dam River"} <= set(labels.values())
    kinds = {d["kind"] for _, _, d in g.edges(data=True)}
    assert kinds == {"said_to", "spoke_about", "accused", "met"}
    r = run("graph-export", "-f", "csv", "-o", tmp_path / "gephi", "--db", db)
    assert r.exit_code == 0, r.output
    nodes = list(csv.DictReader(open(tmp_path / "gephi" / "nodes.csv", encoding="utf-8")))
    edges = list(csv.DictReader(open(tmp_path / "gephi" / "edges.csv", encoding="utf-8")))
    assert {n["Label"] for n in nodes} == set(labels.values())
    assert {e["Type"] for e in edges if e["kind"] == "met"} == {"Undirected"}
    assert len(edges) == g.number_of_edges()
    assert run("graph-export", "-o", tmp_path / "no" / "x.graphml", "--db", db).exit_code == 2
