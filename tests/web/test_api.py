"""The REST API through the test client: lists, filters, paging, downloads, errors, writing."""
from __future__ import annotations

import csv
import io
import json

from .conftest import EXAMPLE_ID, SCRIPT_ID, TOKEN, person_id

ERROR_KEYS = {"ok", "error", "status"}


def error_of(r, status: int) -> str:
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == "application/json"
    body = r.json()
    assert set(body) == ERROR_KEYS and body["ok"] is False and body["status"] == status
    return body["error"]


# --- articles -------------------------------------------------------------------------------

def test_articles_newest_first(client):
    body = client.get("/api/articles").json()
    assert body["ok"] is True and body["total"] == 4 and body["limit"] == 50 and body["offset"] == 0
    assert [a["id"] for a in body["items"]] == [SCRIPT_ID, "bridge-2", "bridge-1", EXAMPLE_ID]
    assert [a["date"] for a in body["items"]] == ["2024-05-01", "2024-04-10", "2024-03-05", "2017-12-22"]
    assert "text" not in body["items"][0]


def test_articles_filters_and_paging(client):
    body = client.get("/api/articles", params={"outlet": "Gazette"}).json()
    assert [a["id"] for a in body["items"]] == [SCRIPT_ID, "bridge-1"] and body["total"] == 2
    body = client.get("/api/articles", params={"since": "2024-04", "until": "2024-04"}).json()
    assert [a["id"] for a in body["items"]] == ["bridge-2"]
    body = client.get("/api/articles", params={"limit": 2, "offset": 1}).json()
    assert [a["id"] for a in body["items"]] == ["bridge-2", "bridge-1"] and body["total"] == 4


def test_article_with_quotes_and_spans(client):
    body = client.get("/api/articles/bridge-1").json()
    assert body["ok"] is True and body["id"] == "bridge-1" and body["title"] == "A bridge for the town"
    text = body["text"]
    assert text == "Anna Berg said: “We will build the bridge.”\nTom Hale said: “The bridge is too expensive.”\n"
    q0, q1 = body["quotes"]
    assert (q0["type"], q0["text"], q0["speaker_text"], q0["speaker_name"], q0["person_name"]) == \
        ("direct", "We will build the bridge.", "Anna Berg", "Anna Berg", "Anna Berg")
    assert text[slice(*q0["content"])] == "We will build the bridge."
    assert text[slice(*q0["cue"])] == "said" and text[slice(*q0["speaker"])] == "Anna Berg"
    assert q0["content_parts"] == [q0["content"]] and q0["confidence"] == 0.9
    assert q1["speaker_name"] == "Tom Hale" and q1["person_id"] == person_id(client, "Tom Hale")
    assert [p["name"] for p in body["people"]] == ["Anna Berg", "Tom Hale"]


def test_example_article_record(client):
    body = client.get(f"/api/articles/{EXAMPLE_ID}").json()
    assert body["outlet"] == "Example Wire" and body["date"] == "2017-12-22"
    assert [r["kind"] for r in body["regions"]] == ["caption", "caption"]
    assert body["text"][slice(*body["regions"][0]["span"])] == \
        "Sergei Lavrov during talks with Boris Johnson (Stefan Rousseau/PA)"
    (q,) = [q for q in body["quotes"] if q["text"] == "Not successfully."]
    assert (q["type"], q["speaker_name"], q["person_name"]) == ("direct", "Boris Johnson", "Boris Johnson")


def test_missing_article(client):
    assert error_of(client.get("/api/articles/nope"), 404) == "no such article: nope"


# --- people ---------------------------------------------------------------------------------

def test_people_most_quoted_first(client):
    items = client.get("/api/people", params={"outlet": "Herald"}).json()["items"]
    assert [(p["name"], p["quotes"], p["articles"]) for p in items] == [("Anna Berg", 2, 1), ("Tom Hale", 1, 1)]
    items = client.get("/api/people", params={"name": "Eve Stone"}).json()["items"]
    assert [(p["name"], p["quotes"], p["first_date"], p["last_date"]) for p in items] == \
        [("Eve Stone", 1, "2024-05-01", "2024-05-01")]


def test_person(client):
    anna = person_id(client, "Anna Berg")
    body = client.get(f"/api/people/{anna}").json()
    assert (body["name"], body["kind"], body["quote_count"], body["article_count"]) == ("Anna Berg", "person", 3, 2)
    assert (body["first_date"], body["last_date"]) == ("2024-03-05", "2024-04-10")
    assert body["by_month"] == [{"month": "2024-03", "quotes": 1}, {"month": "2024-04", "quotes": 2}]
    assert body["co_quoted"] == [{"id": person_id(client, "Tom Hale"), "name": "Tom Hale", "articles": 2}]
    assert [q["content"] for q in body["quotes"]] == [
        "the bridge would open in May", "Bentley cars will not cross it.", "We will build the bridge."]
    assert [q["article_id"] for q in body["quotes"]] == ["bridge-2", "bridge-2", "bridge-1"]


def test_person_sub_lists(client):
    anna = person_id(client, "Anna Berg")
    body = client.get(f"/api/people/{anna}/quotes", params={"limit": 1, "offset": 1}).json()
    assert body["total"] == 3 and [q["content"] for q in body["items"]] == ["Bentley cars will not cross it."]
    assert client.get(f"/api/people/{anna}/months").json()["items"] == \
        [{"month": "2024-03", "quotes": 1}, {"month": "2024-04", "quotes": 2}]
    assert [c["name"] for c in client.get(f"/api/people/{anna}/co-quoted").json()["items"]] == ["Tom Hale"]


def test_missing_person(client):
    assert error_of(client.get("/api/people/999999"), 404) == "no such person: 999999"
    assert error_of(client.get("/api/people/abc"), 422) == "person_id: Input should be a valid integer, " \
                                                            "unable to parse string as an integer"


# --- quotes and search -----------------------------------------------------------------------

def test_search(client):
    body = client.get("/api/search", params={"q": "bridge"}).json()
    assert body["total"] == 3 and body["total_is_lower_bound"] is False
    assert [q["content"] for q in body["items"]] == [
        "the bridge would open in May", "We will build the bridge.", "The bridge is too expensive."]
    assert [q["speaker"] for q in body["items"]] == ["Anna Berg", "Anna Berg", "Tom Hale"]
    q, q2 = client.get("/api/search", params={"q": "Bentley"}).json()["items"]
    assert (q["content"], q["article_id"], q["title"]) == \
        ("Bentley cars will not cross it.", "bridge-2", "The bridge opens in May")
    assert (q2["article_id"], q2["speaker"]) == (EXAMPLE_ID, "Boris Johnson")  # "300 Bentley cars"


def test_search_snippets(client):
    """snippets=true: each quote in its sentence with the words searched for marked, as on the page."""
    body = client.get("/api/search", params={"q": "expensive bridges", "snippets": "true"}).json()
    (q,) = body["items"]
    assert q["snippet"] == {"before": [["Tom Hale said: “", False]],
                            "quote": [["The ", False], ["bridge", True], [" is too ", False], ["expensive", True],
                                      [".", False]],
                            "after": [["”", False]]}
    assert "context" not in q and "context_start" not in q
    plain = client.get("/api/search", params={"q": "expensive bridges"}).json()["items"][0]
    assert "snippet" not in plain and {k: v for k, v in q.items() if k != "snippet"} == plain


def test_search_with_filters(client):
    def contents(**params):
        return [q["content"] for q in client.get("/api/search", params=params).json()["items"]]
    assert contents(q="bridge", speaker="Tom Hale") == ["The bridge is too expensive."]
    assert contents(q="bridge", type="indirect") == ["the bridge would open in May"]
    assert contents(q="bridge", outlet="Gazette") == ["We will build the bridge.", "The bridge is too expensive."]
    assert contents(q="bridge", since="2024-04-01") == ["the bridge would open in May"]
    assert contents(q="bridge", until="2024-03") == ["We will build the bridge.", "The bridge is too expensive."]
    assert contents(q="bridge", person=person_id(client, "Anna Berg"), limit=1, offset=1) == \
        ["We will build the bridge."]
    assert contents(q="no such words anywhere") == []


def test_quotes_without_words(client):
    body = client.get("/api/quotes", params={"outlet": "Herald"}).json()
    assert body["total"] == 3
    assert [q["content"] for q in body["items"]] == [
        "the bridge would open in May", "Bentley cars will not cross it.", "Nobody asked the town."]
    body = client.get("/api/quotes", params={"article": "bridge-1"}).json()
    assert [q["idx"] for q in body["items"]] == [0, 1]


def test_search_errors(client):
    assert error_of(client.get("/api/search"), 422) == "q: Field required"
    assert error_of(client.get("/api/search", params={"q": " "}), 400) == "q: give words to search for"
    assert error_of(client.get("/api/search", params={"q": "x", "since": "March"}), 400) == \
        "'March' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
    assert error_of(client.get("/api/search", params={"q": "x", "type": "quoted"}), 422).startswith("type: ")
    assert error_of(client.get("/api/quotes", params={"limit": 1001}), 422) == \
        "limit: Input should be less than or equal to 1000"


def test_search_is_parameterised(client):
    for q in ["'; DROP TABLE quotes; --", '"unbalanced', "NEAR(", "*", "1=1"]:
        r = client.get("/api/search", params={"q": q})
        assert r.status_code in (200, 400), (q, r.text)
        if r.status_code == 200:
            assert r.json()["items"] == [], q
    bridge = client.get("/api/search", params={"q": "bridge"}).json()["items"]
    assert client.get("/api/search", params={"q": "bridge OR 1=1"}).json()["items"] == bridge  # OR: ours
    assert client.get("/api/articles").json()["total"] == 4


# --- downloads ------------------------------------------------------------------------------

def test_csv_download(client):
    r = client.get("/api/search", params={"q": "bridge", "format": "csv"})
    assert r.status_code == 200 and r.headers["content-type"] == "text/csv; charset=utf-8"
    assert r.headers["content-disposition"] == 'attachment; filename="search.csv"'
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0]) == ["id", "article_id", "idx", "date", "outlet", "type", "kind", "speaker", "person_id",
                             "content", "cue", "speaker_name", "speaker_text", "addressee", "confidence",
                             "content_start", "content_end", "title", "url"]
    assert [(x["content"], x["date"], x["outlet"], x["type"]) for x in rows] == [
        ("the bridge would open in May", "2024-04-10", "Herald", "indirect"),
        ("We will build the bridge.", "2024-03-05", "Gazette", "direct"),
        ("The bridge is too expensive.", "2024-03-05", "Gazette", "direct")]


def test_json_download_is_the_whole_list(client):
    r = client.get("/api/quotes", params={"outlet": "Gazette", "format": "json"})
    assert r.headers["content-disposition"] == 'attachment; filename="quotes.json"'
    rows = json.loads(r.text)
    assert [q["content"] for q in rows] == [
        "<script>window.__qgPwned = 1</script> is what they sent.", "We will build the bridge.",
        "The bridge is too expensive."]


def test_every_list_downloads(client):
    anna = person_id(client, "Anna Berg")
    for path, first_line in [
        ("/api/articles", "id,date,outlet,title,url,status,error,quote_count,source_file,content_hash,run_id,ingested_at"),
        ("/api/people", "id,name,kind,quotes,articles,first_date,last_date"),
        ("/api/outlets", "outlet,quotes,articles"),
        (f"/api/people/{anna}/quotes", "id,article_id,idx,date,outlet,type,kind,speaker,person_id,content,cue,"
                                       "speaker_name,speaker_text,addressee,confidence,content_start,"
                                       "content_end,title,url"),
        (f"/api/people/{anna}/months", "month,quotes"),
        (f"/api/people/{anna}/co-quoted", "id,name,articles"),
        ("/api/articles/bridge-1", "id,article_id,idx,date,outlet,type,kind,speaker,person_id,content,cue,"
                                   "speaker_name,speaker_text,addressee,confidence,content_start,"
                                   "content_end,title,url"),
    ]:
        r = client.get(path, params={"format": "csv"})
        assert r.status_code == 200 and r.text.splitlines()[0] == first_line, path
        assert isinstance(json.loads(client.get(path, params={"format": "json"}).text), list), path
    months = list(csv.reader(io.StringIO(client.get(f"/api/people/{anna}/months?format=csv").text)))
    assert months == [["month", "quotes"], ["2024-03", "1"], ["2024-04", "2"]]
    outlets = json.loads(client.get("/api/outlets?format=json").text)
    assert [(o["outlet"], o["quotes"], o["articles"]) for o in outlets][1:] == [("Gazette", 3, 2), ("Herald", 3, 1)]
    assert outlets[0]["outlet"] == "Example Wire"


# --- overview, gender ----------------------------------------------------------------------

def test_overview(client):
    body = client.get("/api/overview").json()
    assert body["articles"] == 4 and body["outlets"] == 3
    assert (body["first_date"], body["last_date"]) == ("2017-12-22", "2024-05-01")
    assert body["top_people"][0]["name"] == "Boris Johnson"
    g = body["gender"]
    assert g["inferred"] is True and [s["gender"] for s in g["shares"]] == ["female", "male", "unknown"]
    assert sum(s["quotes"] for s in g["shares"]) == g["quotes"]
    assert abs(sum(s["share"] for s in g["shares"]) - 1) < 1e-3


def test_gender_switched_off(corpus_db, extractor):
    from fastapi.testclient import TestClient

    from quotegraph.web import Settings, create_app
    c = TestClient(create_app(Settings(db=corpus_db, gender=False), extractor=extractor))
    assert c.get("/api/overview").json()["gender"] is None
    assert 'id="gender"' not in c.get("/").text


# --- extraction and writing -----------------------------------------------------------------

def test_extract(client):
    r = client.post("/api/extract", json={"text": "“We will win,” Anna Berg said.", "id": "t1"})
    body = r.json()
    assert r.status_code == 200 and body["ok"] is True and body["id"] == "t1"
    (q,) = body["quotes"]
    assert (q["type"], q["speaker_name"]) == ("direct", "Anna Berg")
    assert body["text"][slice(*q["content"])] == "We will win,"
    assert client.get("/api/articles").json()["total"] == 4  # nothing stored


def test_extract_errors(client):
    assert error_of(client.post("/api/extract", json={}), 422) == "text: Field required"
    assert error_of(client.post("/api/extract", content=b"{not json", headers={"content-type": "application/json"}),
                    422) == "the body is not valid JSON (Expecting property name enclosed in double quotes at offset 1)"
    big = {"text": "x" * (600 * 1024)}
    assert error_of(client.post("/api/extract", json=big), 413) == "request body too large (at most 65536 bytes)"

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(100):
            yield b"x" * 10_000
    assert error_of(client.post("/api/extract", content=chunks(), headers={"content-type": "application/json"}),
                    413) == "request body too large (at most 65536 bytes)"


def test_writing_is_disabled_without_a_token(client):
    r = client.post("/api/articles", json={"id": "new", "text": "Anna Berg said: “Hello.”"},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert error_of(r, 403) == "writing is disabled (the server has no QUOTEGRAPH_TOKEN)"
    assert client.get("/api/articles").json()["total"] == 4


def test_writing_needs_the_token(writable):
    article = {"id": "new-1", "text": "Anna Berg said: “The bridge is finished.”",
               "meta": {"date": "2024-06-01", "outlet": "Herald", "title": "Finished"}}
    r = writable.post("/api/articles", json=article)
    assert error_of(r, 401).startswith("a valid bearer token is needed")
    assert r.headers["www-authenticate"] == "Bearer"
    error_of(writable.post("/api/articles", json=article, headers={"Authorization": "Bearer wrong"}), 401)
    error_of(writable.post("/api/articles", json=article, headers={"Authorization": TOKEN}), 401)
    r = writable.post("/api/articles", json=article, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201 and r.json() == {
        "ok": True, "id": "new-1", "result": "stored", "quotes": 1, "url": "/articles/new-1",
        "api": "/api/articles/new-1"}
    body = writable.get("/api/articles/new-1").json()
    assert (body["title"], body["date"], [q["person_name"] for q in body["quotes"]]) == \
        ("Finished", "2024-06-01", ["Anna Berg"])
    assert writable.get("/api/overview").json()["articles"] == 5  # the cached overview is renewed
    r = writable.post("/api/articles", json=article, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.json()["result"] == "skipped"


# --- errors and the description ---------------------------------------------------------------

def test_one_error_shape(client):
    assert error_of(client.get("/api/nothing/here"), 404) == "no such API endpoint: /api/nothing/here"
    assert error_of(client.delete("/api/articles"), 405) == "method DELETE not allowed on /api/articles"
    assert error_of(client.get("/api/articles", params={"offset": -1}), 422) == \
        "offset: Input should be greater than or equal to 0"


def test_openapi(client):
    spec = client.get("/api/openapi.json").json()
    assert spec["info"]["title"] == "quotegraph"
    for path in ["/api/articles", "/api/articles/{article_id}", "/api/people", "/api/people/{person_id}",
                 "/api/quotes", "/api/search", "/api/extract", "/api/overview", "/api/outlets"]:
        assert path in spec["paths"], path
    assert set(spec["paths"]["/api/extract"]) == {"post"}
    assert set(spec["paths"]["/api/articles"]) == {"get", "post"}
    assert not any(p.startswith("/people") or p == "/" for p in spec["paths"])


def test_quotes_filtered_by_kind(client):
    said = client.get("/api/quotes").json()
    assert said["total"] == client.get("/api/quotes", params={"kind": "all"}).json()["total"] > 0
    assert {q["kind"] for q in said["items"]} == {"speech"}
    assert client.get("/api/quotes", params={"kind": "belief"}).json()["items"] == []
    r = client.get("/api/quotes", params={"kind": "gossip"})
    assert r.status_code == 400 and "unknown quote kind 'gossip'" in r.text
    assert client.get("/search", params={"kind": "belief"}).status_code == 200


def test_search_language_facets_case_order(client):
    r = client.get("/api/search", params={"q": "bridge", "facets": "true"}).json()
    assert r["total"] == 3 and [(f["name"], f["quotes"]) for f in r["facets"]["speaker"]] == [
        ("Anna Berg", 2), ("Tom Hale", 1)]
    words = lambda **p: [q["content"] for q in client.get("/api/search", params=p).json()["items"]]  # noqa: E731
    assert words(q="bridge -expensive -build") == ["the bridge would open in May"]
    assert words(q="nobody", case="true") == [] and words(q="Nobody", case="true") == ["Nobody asked the town."]
    assert sorted(words(q="bridge", order="relevance")) == sorted(words(q="bridge"))
    assert error_of(client.get("/api/search", params={"q": "bridge", "order": "best"}), 422).startswith("order: ")
    assert error_of(client.get("/api/search", params={"q": "-"}), 400) == "q: give words to search for (letters or digits)"


def test_person_quotes_of_a_kind(client):
    pid = person_id(client, "Anna Berg")
    assert client.get(f"/api/people/{pid}/quotes", params={"kind": "belief"}).json()["total"] == 0
    said = client.get(f"/api/people/{pid}/quotes", params={"kind": "speech,writing"}).json()
    assert said["total"] == 3 and {q["kind"] for q in said["items"]} == {"speech"}
    assert error_of(client.get(f"/api/people/{pid}/quotes", params={"kind": "rumour"}), 400).startswith(
        "unknown quote kind 'rumour'")
