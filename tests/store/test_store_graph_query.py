"""Questions to the graph layer: events, claims (contradictions, flips), a person's ties, the
network, quotes about or addressed to someone; on SQLite and PostgreSQL."""
from __future__ import annotations

import pytest

from quotegraph.store.graph_query import edge_quotes, flips, list_claims, list_events, network, person_graph, plover
from quotegraph.store.query import find_people, search_quotes

from .helpers import put
from .test_store_graph import graph_record


def corpus():
    """Three articles on the dam: Ann Lee asserts it leaks in each; Omar Vance denies it (March),
    Ray Cole denies it (April), Omar Vance asserts it (May): a flip."""
    a = graph_record("g1", "2024-03-01")
    b = graph_record("g2", "2024-04-01", denier="Ray Cole")
    b.claims[0].claim = "The dam is leaking."
    c = graph_record("g3", "2024-05-01")
    c.claims[0].members[1]["stance"] = "asserts"
    return a, b, c


@pytest.fixture
def filled(store):
    put(store, *corpus())
    return store


def pid(store, name):
    (i,) = find_people(store, name)
    return i


def test_events(filled):
    rows = list_events(filled, type="accuse")
    assert [(e["article_id"], e["mode"]) for e in rows] == [("g3", "allege"), ("g2", "allege"), ("g1", "allege")]
    e = rows[0]
    assert [p["name"] for p in e["actor"]] == ["Ann Lee"] and [p["name"] for p in e["recipient"]] == ["Brook Council"]
    assert e["actor"][0]["person_id"] == pid(filled, "Ann Lee")
    assert (e["evidence"], e["reporter"]) == ("The dam leaks and Brook Council knew it.", "Ann Lee")
    assert {e["type"] for e in list_events(filled, acts_only=True)} == {"ACCUSE", "CONSULT"}
    assert len(list_events(filled, person_ids=[pid(filled, "Brook Council")])) == 6
    assert len(list_events(filled, since="2024-04", until="2024-04")) == 3
    p = plover(rows[0])
    assert (p["id"], p["event"], p["mode"], p["actor"], p["recipient"], p["date"]) == (
        "g3-e0", "ACCUSE", "allege", ["Ann Lee"], ["Brook Council"], "2024-05-01")
    assert p["source"]["reported_by"] == "Ann Lee"


def test_claims_contradictions_and_flips(filled):
    (claim,) = list_claims(filled)
    assert claim["claim"] == "the dam leaks" and claim["contradiction"]
    assert [(m["speaker"], m["date"]) for m in claim["denies"]] == [("Omar Vance", "2024-03-01"),
                                                                   ("Ray Cole", "2024-04-01")]
    assert len(claim["asserts"]) == 4
    assert list_claims(filled, contradictions=True) == [claim]
    assert list_claims(filled, person_ids=[pid(filled, "Ray Cole")]) == [claim]
    (flip,) = flips(filled)
    assert (flip["speaker"], flip["before"]["stance"], flip["before"]["date"], flip["after"]["stance"],
            flip["after"]["date"]) == ("Omar Vance", "denies", "2024-03-01", "asserts", "2024-05-01")
    assert flips(filled, person_ids=[pid(filled, "Ann Lee")]) == []


def test_person_graph(filled):
    g = person_graph(filled, pid(filled, "Ann Lee"))
    assert [(t["name"], t["articles"]) for t in g["talks_to"]] == [("Brook Council", 3), ("Nobody Known", 3)]
    assert [(t["name"], t["kind"]) for t in g["audiences"]] == [("reporters", "name")]
    assert [t["name"] for t in g["talks_about"]] == ["Brook Council", "Dam River"]
    assert [(a["verb"], a["name"], a["articles"]) for a in g["acts"]] == [
        ("accused", "Brook Council", 3), ("met", "Brook Council", 3)]
    assert [(d["name"], d["claims"]) for d in g["disagrees_with"]] == [("Omar Vance", 1), ("Ray Cole", 1)]
    council = person_graph(filled, pid(filled, "Brook Council"))
    assert [(a["verb"], a["name"]) for a in council["acts"]] == [("accused by", "Ann Lee"), ("met", "Ann Lee")]
    omar = person_graph(filled, pid(filled, "Omar Vance"))
    assert [t["name"] for t in omar["talks_to"]] == ["Ann Lee"]


def test_network(filled):
    net = network(filled)
    ann, council = f"p{pid(filled, 'Ann Lee')}", f"p{pid(filled, 'Brook Council')}"
    edges = {(e["kind"], e["source"], e["target"]): e["weight"] for e in net["edges"]}
    assert edges[("said_to", ann, council)] == 3
    assert edges[("spoke_about", ann, council)] == 3
    assert edges[("accused", ann, council)] == 3
    assert edges[("met", min(ann, council), max(ann, council))] == 3
    assert edges[("said_to", f"p{pid(filled, 'Omar Vance')}", ann)] == 2
    assert ("spoke_about", ann, "n:dam river") in edges
    labels = {n["id"]: n["label"] for n in net["nodes"]}
    assert labels[ann] == "Ann Lee" and labels["n:dam river"] == "Dam River"
    small = network(filled, max_nodes=2, names=False)
    assert [n["label"] for n in small["nodes"]] == ["Ann Lee", "Brook Council"]
    assert {e["source"] for e in small["edges"]} <= {ann, council}
    quotes = edge_quotes(filled, "said_to", ann, council)
    assert [q["content"] for q in quotes] == ["We met the council on Monday."] * 3
    assert len(edge_quotes(filled, "accused", ann, council)) == 3


def test_quotes_about_and_to(filled):
    about = search_quotes(filled, about="Brook Council", limit=None)
    assert {q["content"] for q in about} == {"The dam leaks and Brook Council knew it."}
    assert len(about) == 3
    assert len(search_quotes(filled, about="Dam River", limit=None)) == 3
    to = search_quotes(filled, to="Ann Lee", limit=None)
    assert {q["speaker"] for q in to} == {"Omar Vance", "Ray Cole"}
    assert len(search_quotes(filled, to="reporters", limit=None)) == 3
    assert search_quotes(filled, to="Nobody Else", limit=None) == []
