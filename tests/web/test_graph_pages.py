"""The graph in the web app: API (events, PLOVER JSON, claims, flips, a fix, the network, an
edge's quotes, a person's ties, quotes about/to), pages, and the new pages in Chromium."""
from __future__ import annotations

import pytest

from quotegraph.record import Claim, Event

from .conftest import TOKEN, ingest, make_record, serve


def dam(id: str, date: str, denier: str = "Omar Vance", denies: bool = True):
    """Ann Lee says the dam leaks (to reporters, about Brook Council), the denier answers her,
    Ann Lee met the council; an ACCUSE and a CONSULT event; one claim."""
    rec = make_record(id, [("Ann Lee", "The dam leaks and Brook Council knew it.", "direct"),
                           (denier, "The dam does not leak.", "direct"),
                           ("Ann Lee", "We met the council on Monday.", "direct")],
                      {"title": f"The dam ({date})", "date": date, "outlet": "Gazette"})
    from quotegraph.record import Person
    rec.people.append(Person(name="Brook Council", mentions=[], kind="organisation"))
    q = rec.quotes
    q[0].addressee_name, q[0].about = {"audience": "reporters"}, ["Brook Council", "Dam River"]
    q[1].addressee_name, q[1].addressee_id, q[1].about = "Ann Lee", 0, ["Ann Lee"]
    q[2].addressee_name = "Brook Council"
    rec.events = [Event(type="ACCUSE", mode="allege", actor=["Ann Lee"], recipient=["Brook Council"],
                        evidence=q[0].content, reported_by=0),
                  Event(type="CONSULT", actor=["Ann Lee", "Brook Council"], evidence=q[2].content)]
    rec.claims = [Claim(claim="the dam leaks", members=[
        {"quote": 0, "stance": "asserts"}, {"quote": 1, "stance": "denies" if denies else "asserts"}])]
    return rec


@pytest.fixture(scope="module")
def graph_db(tmp_path_factory, extractor):
    db = str(tmp_path_factory.mktemp("graph") / "g.db")
    ingest(db, [dam("d1", "2024-03-01"), dam("d2", "2024-04-01", "Ray Cole"),
                dam("d3", "2024-05-01", denies=False)], extractor)
    return db


@pytest.fixture(scope="module")
def gapp(graph_db, extractor):
    from quotegraph.web import Settings, create_app
    return create_app(Settings(db=graph_db, token=TOKEN), extractor=extractor)


@pytest.fixture(scope="module")
def gclient(gapp):
    from fastapi.testclient import TestClient
    return TestClient(gapp, raise_server_exceptions=False)


def pid(c, name):
    """A person's id, off the network's nodes (an organisation no one quotes is no /api/people row)."""
    (n,) = [n for n in c.get("/api/network").json()["nodes"] if n["label"] == name]
    return n["person_id"]


def test_api(gclient):
    c = gclient
    evs = c.get("/api/events", params={"type": "ACCUSE", "format": "plover"}).json()["items"]
    assert [(e["id"], e["event"], e["actor"], e["recipient"]) for e in evs] == [
        (f"d{i}-e0", "ACCUSE", ["Ann Lee"], ["Brook Council"]) for i in (3, 2, 1)]
    assert c.get("/api/events", params={"type": "MEET"}).status_code == 422
    (claim,) = c.get("/api/claims", params={"contradictions": "true"}).json()["items"]
    assert [m["speaker"] for m in claim["denies"]] == ["Omar Vance", "Ray Cole"]
    (flip,) = c.get("/api/claims/flips").json()["items"]
    assert (flip["speaker"], flip["before"]["stance"], flip["after"]["stance"]) == ("Omar Vance", "denies", "asserts")
    net = c.get("/api/network").json()
    ann, council = f"p{pid(c, 'Ann Lee')}", f"p{pid(c, 'Brook Council')}"
    pair = {ann, council}
    assert {(e["kind"], e["weight"]) for e in net["edges"] if {e["source"], e["target"]} == pair} == {
        ("said_to", 3), ("spoke_about", 3), ("accused", 3), ("met", 3)}
    assert c.get("/api/network", params={"max_nodes": 100000}).status_code == 422
    edge = c.get("/api/network/edge", params={"kind": "said_to", "source": ann, "target": council}).json()
    assert [q["content"] for q in edge["quotes"]] == ["We met the council on Monday."] * 3
    assert c.get("/api/network/edge", params={"kind": "x", "source": ann, "target": council}).status_code == 422
    ties = c.get(f"/api/people/{pid(c, 'Ann Lee')}/graph").json()
    assert [t["name"] for t in ties["talks_to"]] == ["Brook Council"]
    assert [(a["verb"], a["name"]) for a in ties["acts"]] == [("accused", "Brook Council"), ("met", "Brook Council")]
    assert c.get("/api/people/999999/graph").status_code == 404
    about = c.get("/api/graph/quotes", params={"about": "Dam River"}).json()["items"]
    assert len(about) == 3
    assert c.get("/api/graph/quotes").status_code == 400


def test_claim_fix_api(graph_db, extractor, tmp_path):
    import shutil

    from fastapi.testclient import TestClient

    from quotegraph.web import Settings, create_app
    db = str(tmp_path / "copy.db")
    shutil.copy(graph_db, db)
    c = TestClient(create_app(Settings(db=db, token=TOKEN), extractor=extractor), raise_server_exceptions=False)
    fix = {"article": "d2", "n": 1, "stance": "asserts"}
    assert c.post("/api/claims/fix", json=fix).status_code == 401
    r = c.post("/api/claims/fix", json=fix, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    (claim,) = c.get("/api/claims").json()["items"]
    assert [m["speaker"] for m in claim["denies"]] == ["Omar Vance"]
    r = c.post("/api/claims/fix", json={"article": "d2", "n": 7, "stance": "asserts"},
               headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 400 and "no quote #7" in r.json()["error"]


def test_pages(gclient):
    c = gclient
    r = c.get("/network")
    assert r.status_code == 200 and 'id="network"' in r.text and "accused" in r.text
    r = c.get("/claims", params={"contradictions": "true"})
    assert r.status_code == 200 and "Denied by" in r.text and "Ray Cole" in r.text
    r = c.get(f"/people/{pid(c, 'Ann Lee')}/graph")
    assert r.status_code == 200 and 'id="talks-to"' in r.text
    assert c.get("/people/999999/graph").status_code == 404
    ann, council = f"p{pid(c, 'Ann Lee')}", f"p{pid(c, 'Brook Council')}"
    r = c.get("/network/edge", params={"kind": "accused", "source": ann, "target": council})
    assert r.status_code == 200 and r.text.count("The dam leaks and Brook Council knew it.") == 3
    r = c.get("/network/edge", params={"kind": "spoke_about", "source": ann, "target": "n:dam river"})
    assert r.status_code == 200 and "<small>spoke about</small> Dam River" in r.text
    assert r.text.count("The dam leaks and Brook Council knew it.") == 3


@pytest.fixture(scope="module")
def glive(gapp):
    with serve(gapp) as url:
        yield url


def test_person_page_ties_in_chromium(page, glive, gclient):
    page.goto(f"{glive}/people/{pid(gclient, 'Ann Lee')}")
    page.wait_for_selector("#person-graph[data-loaded='1']")
    assert page.locator("#talks-to li a").all_inner_texts() == ["Brook Council"]
    assert "reporters" in page.locator("#talks-to").inner_text()
    assert page.locator("#talks-about").inner_text().split("\n")[0].startswith("Brook Council")
    acts = page.locator("#acts li").all_inner_texts()
    assert acts[0].split() == ["accused", "Brook", "Council", "3"]
    assert page.locator("#disagrees-with li a").all_inner_texts() == ["Omar Vance", "Ray Cole"]
    assert "the dam leaks" in page.locator("#disagrees-with").inner_text()


def test_network_in_chromium(page, glive):
    page.goto(f"{glive}/network")
    page.wait_for_selector("svg#network[data-drawn]")
    labels = page.locator("svg#network .node text").evaluate_all("els => els.map(e => e.textContent)")
    assert {"Ann Lee", "Brook Council", "Omar Vance"} <= set(labels)
    assert page.locator("#edge-details").is_hidden()
    # click the Ann Lee -> Brook Council "said to" edge
    i = page.evaluate("""() => [...document.querySelectorAll('svg#network line.edge')]
        .findIndex(l => l.classList.contains('said_to') && l.querySelector('title').textContent.startsWith('Ann Lee said to Brook Council'))""")
    assert i >= 0
    page.locator(f"svg#network line.edge-hit[data-edge='{i}']").dispatch_event("click")
    page.wait_for_selector("#edge-details[data-loaded='1']")
    assert page.locator("#edge-title").inner_text() == "Ann Lee said to Brook Council (3 articles)"
    assert page.locator("#edge-quotes blockquote").all_inner_texts() == ["We met the council on Monday."] * 3
    assert page.locator("#edges tbody tr").count() >= 5  # the table, for reading without the drawing


def test_claims_page_in_chromium(page, glive):
    page.goto(f"{glive}/claims?contradictions=true")
    claim = page.locator("#claims li.claim.contradiction")
    assert claim.count() == 1
    asserts, denies = claim.locator("section.asserts"), claim.locator("section.denies")
    a, d = asserts.bounding_box(), denies.bounding_box()
    assert a["x"] + a["width"] <= d["x"] and abs(a["y"] - d["y"]) < 2  # side by side
    assert denies.locator(".byline a").all_inner_texts()[::2] == ["Omar Vance", "Ray Cole"]
    assert "Omar Vance" in page.locator("#flips").inner_text()
