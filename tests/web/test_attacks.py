"""Attacks on the web app: stored and reflected XSS, SQL and full-text syntax injection (SQLite
FTS5 and PostgreSQL tsquery), the token on every write route (compared in constant time), no
CORS, and Schemathesis over ``/api/openapi.json`` (no 5xx)."""
from __future__ import annotations

import hmac
import re
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable

from quotegraph.store.search_syntax import parse

from .conftest import TOKEN, person_id
from .test_api import error_of
from .test_hardening import routes

XSS = ['<script>window.__x=1</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>",
       "javascript:alert(1)", "</textarea><script>alert(2)</script>"]
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def raw(payload: str, html: str) -> bool:
    """Whether ``payload``'s markup is in ``html`` unescaped: the whole of it, a tag of it with
    attributes, or its script."""
    if "<" not in payload:  # text, harmless unless it is a link
        return re.search(r"""(href|src|action)=["']?\s*javascript:""", html, re.I) is not None
    return (payload in html or any(tag in html for tag in re.findall(r"<[a-z]+ [^>]*>", payload))
            or "<script>window" in html or "<script>alert" in html)


# --- XSS --------------------------------------------------------------------------------------

@pytest.mark.parametrize("payload", XSS)
def test_reflected_xss(client, payload):
    pid = person_id(client, "Anna Berg")
    for path, params in [("/search", {"q": payload, "speaker": payload, "outlet": payload, "since": payload}),
                         ("/people", {"name": payload}), ("/articles", {"outlet": payload, "until": payload}),
                         (f"/articles/{payload}", {}), (f"/people/{pid}", {"page": payload}),
                         (f"/nothing/{payload}", {}), ("/search", {"type": payload})]:
        r = client.get(path, params=params)
        assert r.status_code < 500 and not raw(payload, r.text), (path, params, r.status_code)
    for path in [f"/api/articles/{payload}", f"/api/nothing/{payload}"]:
        r = client.get(path, params={"q": payload})
        assert r.headers["content-type"] == "application/json" and r.status_code in (404, 422)
    r = client.post("/try", data={"text": payload, "title": payload, "url": payload})
    assert r.status_code == 200 and not raw(payload, r.text)


def test_stored_xss(writable):
    payload = '<script>window.__x=1</script><img src=x onerror="window.__x=2">'
    text = f"{payload} said: “{payload} is here.”\nIt was {payload}.\n"
    meta = {"title": payload, "outlet": payload, "date": "2024-06-01", "url": "javascript:window.__x=3"}
    aid = "xss-" + payload
    r = writable.post("/api/articles", json={"id": aid, "text": text, "meta": meta}, headers=AUTH)
    assert r.status_code == 201
    pages = ["/", "/articles", f"/articles/{aid.replace('/', '%2F')}", "/people", f"/search?q=here",
             f"/search?outlet={payload}"]
    pages += [f"/people/{p['id']}" for p in writable.get("/api/people", params={"limit": 1000}).json()["items"]]
    for path in pages:
        r = writable.get(path)
        assert r.status_code == 200, path
        assert not raw(payload, r.text) and "javascript:" not in r.text, path


# --- SQL and full-text syntax injection -------------------------------------------------------

INJECTIONS = ["' OR '1'='1", "bridge' OR 1=1 --", '" OR ""="', "bridge); DROP TABLE quotes; --",
              "%' UNION SELECT id, text FROM articles --", "\\", "'", '"', "%", "_"]
FULL_TEXT = ['bridge OR town', 'bridge\x01town', '"' * 999, '-' * 999, 'OR ' * 300, '((((bridge', 'é' * 900,
             'bridge "town', 'NEAR(bridge town)', '"unbalanced', 'bridge*', '-bridge', 'bridge AND',
             'content:bridge', '^bridge', '(', ')', 'a & b', '!bridge', 'bridge:*', 'bridge <-> town',
             'bridge | town', "''", '{bridge}', '*', 'AND OR NOT', '+', '-', ':']


def injection_checks(client):
    before = client.get("/api/articles").json()["total"]
    for value in INJECTIONS + FULL_TEXT:
        for path, params in [("/api/search", {"q": value}), ("/api/quotes", {"q": value}),
                             ("/api/search", {"q": value, "case": "true", "order": "relevance", "facets": "true"}),
                             ("/search", {"q": value, "case": "true", "order": "relevance"}),
                             ("/api/quotes", {"speaker": value, "outlet": value}),
                             ("/api/people", {"name": value}), ("/api/articles", {"outlet": value}),
                             ("/search", {"q": value}), ("/people", {"name": value})]:
            r = client.get(path, params=params)
            assert r.status_code in (200, 400), (path, params, r.status_code, r.text[:200])
            if r.status_code == 400 and path.startswith("/api"):
                assert error_of(r, 400) in ("cannot search for that: use words",
                                            "q: give words to search for (letters or digits)"), (path, params)
            if not path.startswith("/api") or r.status_code != 200:
                continue
            ids = [q["id"] for q in r.json()["items"]]
            if "q" in params:  # what the search language makes of it (its normal form), nothing more
                words = str(parse(value, case=params.get("case") == "true"))
                again = client.get(path, params=dict(params, q=words)) if words else None
                assert again is None or again.status_code == 200, (path, params, again.text[:300])
                same = again.json()["items"] if words else []
                assert ids == [q["id"] for q in same], (path, params)
                assert words or ids == [], (path, params)
            else:  # the whole value, never a condition
                assert ids == [], (path, params)
    assert client.get("/api/articles").json()["total"] == before
    assert client.get("/api/search", params={"q": "bridge"}).json()["total"] == 3


def test_injection_sqlite(client):
    injection_checks(client)


def test_injection_postgresql(pg_client):
    injection_checks(pg_client[1])


# --- the token, CORS --------------------------------------------------------------------------

TOKENLESS = {("POST", "/api/extract"), ("POST", "/try")}  # extraction only; /try stores with the token


def test_every_write_route_needs_the_token(app, writable, monkeypatch):
    writes = {(m, r.path) for r in routes(app) for m in r.methods if m not in ("GET", "HEAD")}
    assert TOKENLESS < writes, writes
    compared = []
    real = hmac.compare_digest
    monkeypatch.setattr(hmac, "compare_digest", lambda a, b: compared.append(1) or real(a, b))
    body = {"id": "w-1", "text": "Anna Berg said: “Yes.”", "meta": {}}
    for method, path in sorted(writes - TOKENLESS):
        for headers, given in [({}, False), ({"Authorization": "Bearer wrong"}, True),
                               ({"Authorization": f"Bearer {TOKEN}x"}, True),
                               ({"Authorization": f"Basic {TOKEN}"}, False), ({"Authorization": "Bearer "}, False)]:
            n = len(compared)
            r = writable.request(method, path, json=body, headers=headers)
            assert r.status_code == 401, (method, path, headers, r.status_code)
            if given:  # a bearer token: compared in constant time
                assert len(compared) > n, (method, path, headers)
        r = app_client_without_token(app).request(method, path, json=body, headers=AUTH)
        assert r.status_code == 403, (method, path)
    r = writable.post("/try", data={"text": "Anna Berg said: “Yes.”", "store": "1", "token": "wrong"})
    assert r.status_code == 401 and compared
    assert writable.get("/api/articles/w-1").status_code == 404


def app_client_without_token(app):
    from fastapi.testclient import TestClient
    return TestClient(app, raise_server_exceptions=False)  # the session app has no token


def test_no_cors(client):
    r = client.options("/api/articles", headers={"Origin": "https://evil.example",
                                                 "Access-Control-Request-Method": "POST"})
    assert r.status_code == 405 and not any(h.startswith("access-control-") for h in r.headers)
    r = client.get("/api/articles", headers={"Origin": "https://evil.example"})
    assert r.status_code == 200 and not any(h.startswith("access-control-") for h in r.headers)


# --- Schemathesis -----------------------------------------------------------------------------

EXAMPLES = 10  # per operation and generation mode: ~30 s in all


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_api_never_answers_5xx(writable, mode):
    """Requests that Schemathesis makes from ``/api/openapi.json`` for every operation: valid ones
    (positive) and ones that break the schema (negative), with the token; none may answer 5xx."""
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", writable.app)
    answered: Counter = Counter()
    failures = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 13
    for operation in operations:
        @given(operation.as_strategy(schemathesis.GenerationMode(mode), headers=AUTH))
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
        def call(case):
            r = case.call()
            answered[case.operation.label] += 1
            if r.status_code >= 500:
                failures.append((case.operation.label, case.path_parameters, case.query, case.body,
                                 r.status_code, r.text[:200]))

        try:
            call()
        except Unsatisfiable:  # nothing in it to break (negative)
            assert mode == "negative"
    assert failures == []
    if mode == "positive":
        assert set(answered) == {op.label for op in operations}
    else:
        assert len(answered) >= len(operations) // 2, answered
