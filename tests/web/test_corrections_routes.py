"""Corrections in the web app (pages' forms, /corrections, /api/corrections) and the confidence
filters, through the test client."""
from __future__ import annotations

import re

from .conftest import TOKEN, person_id

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def speakers(client, article: str) -> list:
    return [(q["idx"], q["person_name"]) for q in client.get(f"/api/articles/{article}").json()["quotes"]]


def test_reading_only_server_refuses_corrections(client):
    r = client.post("/api/corrections", json={"action": "wrong", "article": "bridge-1", "n": 0})
    assert r.status_code == 403 and "writing is disabled" in r.json()["error"]
    r = client.post("/corrections", data={"action": "wrong", "article": "bridge-1", "n": "0", "token": "x"})
    assert r.status_code == 403 and "not corrected: writing is disabled" in r.text
    html = client.get("/articles/bridge-1").text
    assert 'id="correct-quote"' not in html and 'id="quote-filter"' in html
    assert "This server is read-only" in client.get("/corrections").text
    assert client.get("/api/corrections").json() == {"ok": True, "total": 0, "limit": 50, "offset": 0,
                                                     "items": []}


def test_api_corrections(writable):
    body = {"action": "speaker", "article": "bridge-1", "n": 1, "value": "Anna Berg", "by": "desk"}
    assert writable.post("/api/corrections", json=body).status_code == 401
    r = writable.post("/api/corrections", json=body, headers=AUTH)
    assert r.status_code == 201, r.text
    made = r.json()
    assert (made["action"], made["author"], made["person"], made["status"]) == \
        ("speaker", "desk", "Tom Hale", "applied")
    assert speakers(writable, "bridge-1") == [(0, "Anna Berg"), (1, "Anna Berg")]
    r = writable.post("/api/corrections", json={"action": "wrong", "article": "bridge-1", "n": 9},
                      headers=AUTH)
    assert r.status_code == 400 and r.json()["error"] == "bridge-1: no quote #9 in the database"
    r = writable.post("/api/corrections", json={"action": "merge", "person": "Tom Hale"}, headers=AUTH)
    assert r.status_code == 400 and r.json()["error"] == "merge: give the person they are"
    r = writable.post("/api/corrections", json={"action": "kind", "person": "Eve Stone",
                                                "value": "organisation"}, headers=AUTH)
    assert r.status_code == 201 and r.json()["author"] == "api"
    listed = writable.get("/api/corrections").json()
    assert listed["total"] == 2 and [c["what"] for c in listed["items"]] == [
        "Eve Stone is an organisation", "bridge-1 #1: said by Anna Berg (was Tom Hale)"]
    export = writable.get("/api/corrections/export")
    assert export.headers["content-disposition"] == 'attachment; filename="corrections.json"'
    data = export.json()
    assert [c["action"] for c in data["corrections"]] == ["speaker", "kind"]
    r = writable.post("/api/corrections/import", json=data, headers=AUTH)
    assert r.json() == {"ok": True, "added": 0, "applied": 0, "skipped": 2}
    r = writable.post("/api/corrections/import", json={"format": "nope"}, headers=AUTH)
    assert r.status_code == 400 and "not a quotegraph corrections file" in r.json()["error"]


def test_page_forms_correct_and_list(writable):
    html = writable.get("/articles/bridge-2").text
    assert 'id="correct-quote"' in html and 'action="/corrections"' in html
    form = {"action": "wrong", "article": "bridge-2", "n": "0", "token": TOKEN, "by": "Jo",
            "note": "a paraphrase of the press release", "back": "/articles/bridge-2#q-0"}
    r = writable.post("/corrections", data=form, follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (303, "/articles/bridge-2#q-0")
    assert [i for i, _ in speakers(writable, "bridge-2")] == [1, 2]
    html = writable.get("/articles/bridge-2").text
    assert 'id="article-corrections"' in html and "bridge-2 #0: not a quote</a> · Jo ·" in html
    r = writable.post("/corrections", data=dict(form, token="wrong"))
    assert r.status_code == 401 and "not corrected: a valid bearer token is needed" in r.text
    r = writable.post("/corrections", data=dict(form, n="0"))  # gone already
    assert r.status_code == 400 and "not corrected: bridge-2: no quote #0 in the database" in r.text
    r = writable.post("/corrections", data=dict(form, back="https://evil.example/"), follow_redirects=False)
    assert r.status_code == 400  # (gone) and never a redirect elsewhere

    tom = person_id(writable, "Tom Hale")
    page = writable.get(f"/people/{tom}").text
    assert 'id="correct-person"' in page and 'id="correct-merge"' in page
    r = writable.post("/corrections", data={"action": "merge", "person": f"#{tom}", "value": "Anna Berg",
                                            "token": TOKEN, "back": f"/people/{tom}"},
                      follow_redirects=False)
    assert r.status_code == 303
    assert writable.get(f"/people/{tom}").status_code == 404  # merged away
    anna = person_id(writable, "Anna Berg")
    page = writable.get(f"/people/{anna}").text
    assert "Tom Hale" in re.search(r'<p class="byline">.*?</p>', page, re.S)[0]  # also written
    listing = writable.get("/corrections").text
    assert "Tom Hale is Anna Berg" in listing and "a paraphrase of the press release" in listing
    assert '<a href="/articles/bridge-2#q-0">bridge-2 #0: not a quote</a>' in listing


def test_confidence_filter(client):
    everything = client.get("/api/quotes", params={"limit": 1000}).json()["total"]
    sure = client.get("/api/quotes", params={"min_confidence": 0.9, "limit": 1000}).json()
    assert 0 < sure["total"] < everything and all(q["confidence"] >= 0.9 for q in sure["items"])
    r = client.get("/api/search", params={"q": "bridge", "min_confidence": 2})
    assert r.status_code == 422
    html = client.get("/search", params={"q": "bridge", "min_confidence": "0.9"}).text
    assert '<option value="0.9" selected>at least 0.9</option>' in html
    r = client.get("/search", params={"min_confidence": "lots"})
    assert r.status_code == 400 and "min_confidence &#39;lots&#39; is not a number" in r.text
    page = client.get(f"/people/{person_id(client, 'Anna Berg')}").text
    assert 'id="person-filter"' in page and 'name="min_confidence"' in page
    html = client.get("/articles/bridge-1").text
    assert 'data-confidence="0.90"' in html


def test_nul_in_a_correction_is_refused(writable):
    r = writable.post("/api/corrections", json={"action": "kind", "person": "Anna\x00", "value": "person"},
                      headers=AUTH)
    assert r.status_code == 422 and "NUL" in r.json()["error"]
    r = writable.post("/corrections", data={"action": "kind", "person": "Anna\x00", "value": "person",
                                            "token": TOKEN})
    assert r.status_code == 400 and "NUL" in r.text
    assert writable.head("/corrections").status_code == 200
