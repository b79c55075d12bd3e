"""Hostile requests: every route's parameters out of range, negative, past 64 bits or with NUL
answer 4xx in the app's error shape (on SQLite and PostgreSQL); HEAD on pages; what writing
answers; the JSON error text."""
from __future__ import annotations

import typing

import pytest
from fastapi.routing import APIRoute

from store.conftest import pg_server, wipe_pg  # noqa: F401  (pg_server: a fixture)
from .conftest import TOKEN, Given, corpus_records, ingest, person_id
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


@pytest.fixture(scope="module")
def pg_client(pg_server):  # noqa: F811
    from fastapi.testclient import TestClient

    from quotegraph.web import Settings, create_app
    wipe_pg(pg_server)
    ingest(pg_server, corpus_records(), None)
    app = create_app(Settings(db=pg_server, token=TOKEN), extractor=Given(corpus_records()))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield app, c


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
