"""Hostile requests: every route's parameters out of range, negative, past 64 bits or with NUL
answer 4xx in the app's error shape (on SQLite and PostgreSQL); HEAD on pages; what writing
answers; the JSON error text."""
from __future__ import annotations

import shutil
import threading
import time
import typing
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.routing import APIRoute

from .conftest import TOKEN, person_id
from .test_api import error_of

HUGE = [str(2**64), str(2**63), "-1", "-" + str(2**64), "99999999999999999999999999999999"]
NUL = ["\x00", "a\x00b", "bridge\x00 OR 1"]


def routes(app) -> list[APIRoute]:
    """The app's routes: its pages, and the API router's."""
    out = []
    for r in app.routes:
        if isinstance(r, APIRoute):
            out.append(r)
        out += [x for x in getattr(getattr(r, "original_router", None), "routes", []) if isinstance(x, APIRoute)]
    return out


def is_int(annotation) -> bool:
    return annotation is int or int in typing.get_args(annotation)


def hostile_urls(app, pid: int) -> list[tuple[str, str, dict]]:
    """(method, path, query) for each GET route and each of its integer and text parameters, with
    each hostile value; the other path parameters valid (a person's id, an article's)."""
    out = []
    for route in routes(app):
        if "GET" not in route.methods:
            continue
        d = route.dependant
        valid = {"person_id": str(pid), "article_id": "bridge-1"}
        for field in d.path_params + d.query_params:
            if is_int(field.field_info.annotation):
                values = HUGE
            elif field.field_info.annotation in (str, typing.Optional[str]):
                values = NUL
            else:
                continue
            for v in values:
                path_values = dict(valid, **({field.name: v} if field in d.path_params else {}))
                path = route.path.replace(":path", "")
                for k, pv in path_values.items():
                    path = path.replace("{" + k + "}", pv.replace("\x00", "%00"))
                query = {} if field in d.path_params else {field.name: v}
                if route.path == "/api/search" and field.name != "q":
                    query["q"] = "bridge"
                out.append((route.path, path, query))
    return out


def assert_all_4xx(client, urls) -> int:
    bad = []
    for route, path, query in urls:
        r = client.get(path, params=query)
        if not 400 <= r.status_code < 500:
            bad.append((route, path, query, r.status_code))
        elif route.startswith("/api"):
            error_of(r, r.status_code)  # the one JSON error shape
        else:
            assert r.headers["content-type"].startswith("text/html"), (path, query)
    assert bad == []
    return len(urls)


def test_hostile_parameters_answer_4xx_sqlite(app, client):
    urls = hostile_urls(app, person_id(client, "Anna Berg"))
    assert {u[0] for u in urls} >= {"/api/articles", "/api/people/{person_id}", "/api/quotes", "/api/search",
                                    "/people/{person_id}", "/search", "/articles", "/articles/{article_id:path}"}
    assert assert_all_4xx(client, urls) > 100


def test_hostile_parameters_answer_4xx_postgresql(pg_client):
    app, client = pg_client
    assert assert_all_4xx(client, hostile_urls(app, person_id(client, "Anna Berg"))) > 100
    r = client.post("/api/articles", json={"id": "n", "text": "a\x00b"},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert error_of(r, 422) == "text: must not contain a NUL character"


@pytest.mark.parametrize("url, message", [
    (f"/api/articles?offset={2**64}", "offset: Input should be less than or equal to 9223372036854775807"),
    (f"/api/people/{2**64}", "person_id: Input should be less than or equal to 9223372036854775807"),
    (f"/api/quotes?person={2**63}", "person: Input should be less than or equal to 9223372036854775807"),
    ("/api/search?q=a%00b", "q: must not contain a NUL character"),
    ("/api/articles/bridge%00", "article_id: must not contain a NUL character"),
])
def test_the_errors_say_what_is_wrong(client, url, message):
    assert error_of(client.get(url), 422) == message


def test_the_last_page_still_answers(client):
    from quotegraph.web.params import MAX_PAGE
    for url in (f"/search?q=bridge&page={MAX_PAGE}", f"/articles?page={MAX_PAGE}", f"/people?page={MAX_PAGE}"):
        assert client.get(url).status_code == 200, url
    assert client.get(f"/articles?page={MAX_PAGE + 1}").status_code == 422


def test_head_on_pages(client):
    for path in ["/", "/articles", "/articles/bridge-1", "/people", "/search?q=bridge", "/try", "/api-docs",
                 f"/people/{person_id(client, 'Anna Berg')}"]:
        head, get = client.head(path), client.get(path)
        assert head.status_code == 200 and head.content == b"", path
        assert head.headers["content-type"] == get.headers["content-type"], path
    assert client.head("/articles/nope").status_code == 404


def test_api_lists_its_endpoints(client):
    endpoints = client.get("/api").json()["endpoints"]
    assert {"/api/articles", "/api/people/{person_id}", "/api/search", "/api/extract"} <= set(endpoints)


def test_invalid_json_says_where(client):
    r = client.post("/api/extract", content=b'{"text": "a\x01b"}', headers={"content-type": "application/json"})
    assert error_of(r, 422) == "the body is not valid JSON (Invalid control character at offset 11)"


def test_a_skipped_article_is_not_created(writable):
    article = {"id": "again-1", "text": "Anna Berg said: “Again.”"}
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = writable.post("/api/articles", json=article, headers=auth)
    assert r.status_code == 201 and r.json()["result"] == "stored" and "reason" not in r.json()
    r = writable.post("/api/articles", json=article, headers=auth)
    assert r.status_code == 200 and r.json()["result"] == "skipped"
    assert r.json()["reason"] == "already stored with the same text"
    spec = writable.get("/api/openapi.json").json()["paths"]["/api/articles"]["post"]
    assert set(spec["responses"]) >= {"200", "201"} and "skipped" in spec["description"]


# --- extraction on request: body size, time and concurrency ----------------------------------

class Slow:
    """An extractor that waits for ``go`` (at most ``wait`` s) before answering."""

    model = "slow"

    def __init__(self, wait: float = 10.0):
        self.go, self.started, self.wait, self.done = threading.Event(), threading.Event(), wait, 0

    def extract(self, article):
        from quotegraph.record import Record
        self.started.set()
        self.go.wait(self.wait)
        self.done += 1
        return Record(id=article.id, text=article.text, meta=article.meta)

    def extract_many(self, articles):
        return (self.extract(a) for a in articles)


def limited(corpus_db, extractor, tmp_path=None, **limits):
    from fastapi.testclient import TestClient

    from quotegraph.web import Settings, create_app
    from quotegraph.web.extraction import ExtractLimits
    db = corpus_db
    if tmp_path is not None:
        db = str(tmp_path / "copy.db")
        shutil.copy(corpus_db, db)
    app = create_app(Settings(db=db, token=TOKEN, extract=ExtractLimits(**limits)), extractor=extractor)
    return TestClient(app, raise_server_exceptions=False)


def test_extract_body_limit_is_its_own(corpus_db, extractor, tmp_path):
    with limited(corpus_db, extractor, tmp_path, max_body=4096) as c:
        text = "Anna Berg said: “The bridge is finished.” " * 200  # ~9 KB: over 4096, under the store's limit
        assert error_of(c.post("/api/extract", json={"text": text}), 413) == \
            "request body too large (at most 4096 bytes)"
        r = c.post("/try", data={"text": text})
        assert r.status_code == 413 and "at most 4096 bytes" in r.text
        r = c.post("/api/articles", json={"id": "long-1", "text": text}, headers={"Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 201 and r.json()["result"] == "stored"
        assert c.post("/api/extract", json={"text": text[:2000]}).status_code == 200
        r = c.post("/api/articles", json={"id": "huge", "text": "x" * (600 * 1024)},
                   headers={"Authorization": f"Bearer {TOKEN}"})
        assert error_of(r, 413) == "request body too large (at most 524288 bytes)"  # the store's limit


def test_extract_busy_answers_429_and_search_goes_on(corpus_db):
    slow = Slow()
    with limited(corpus_db, slow, seconds=20, concurrency=1) as c, ThreadPoolExecutor(5) as pool:
        first = pool.submit(c.post, "/api/extract", json={"text": "one"})
        assert slow.started.wait(10)
        others = [pool.submit(c.post, "/api/extract", json={"text": "more"}) for _ in range(4)]
        for f in others:
            r = f.result(10)
            assert error_of(r, 429).startswith("busy: 1 extraction(s) running")
            assert r.headers["retry-after"] == "20"
        t = time.monotonic()
        assert c.get("/api/search", params={"q": "bridge"}).json()["total"] == 3  # not held up
        assert c.get("/search", params={"q": "bridge"}).status_code == 200
        assert time.monotonic() - t < 10  # the extraction holds its slot for 20 s
        slow.go.set()
        assert first.result(10).status_code == 200 and slow.done == 1
        assert c.post("/api/extract", json={"text": "again"}).status_code == 200


def test_extract_time_limit_answers_503_and_holds_the_slot_until_done(corpus_db):
    slow = Slow(wait=30)
    with limited(corpus_db, slow, seconds=0.3) as c:
        r = c.post("/api/extract", json={"text": "slow"})
        assert error_of(r, 503) == "the extraction took longer than 0.3 s: try a shorter text"
        assert r.headers["retry-after"] == "1" and slow.done == 0  # answered; the extraction goes on
        assert c.post("/api/extract", json={"text": "next"}).status_code == 429  # its slot is held
        r = c.post("/try", data={"text": "a pasted text"})
        assert r.status_code == 429 and r.headers["content-type"].startswith("text/html")
        slow.go.set()  # it ends: the slot is free again
        deadline = time.monotonic() + 10
        while c.post("/api/extract", json={"text": "fast now"}).status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert slow.done >= 2


def test_extract_limits_from_the_environment(monkeypatch):
    from quotegraph.web.extraction import ExtractLimits
    assert ExtractLimits.from_env() == ExtractLimits(65536, 30.0, 1)
    monkeypatch.setenv("QUOTEGRAPH_EXTRACT_MAX_BODY", "1000")
    monkeypatch.setenv("QUOTEGRAPH_EXTRACT_SECONDS", "2.5")
    monkeypatch.setenv("QUOTEGRAPH_EXTRACT_CONCURRENCY", "3")
    assert ExtractLimits.from_env() == ExtractLimits(1000, 2.5, 3)
    assert ExtractLimits(1, 2.0, 3).to_env() == {"QUOTEGRAPH_EXTRACT_MAX_BODY": "1", "QUOTEGRAPH_EXTRACT_SECONDS": "2.0",
                                                 "QUOTEGRAPH_EXTRACT_CONCURRENCY": "3"}
