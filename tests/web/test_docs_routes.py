"""The API's documentation (/api/docs: Swagger UI served from here; /api-docs: the endpoints with
their parameters), and the API's totals, limits and date checks that the docs promise."""
from __future__ import annotations

from .conftest import TOKEN, person_id
from .test_api import error_of


def test_swagger_ui_is_served_without_a_cdn(client):
    r = client.get("/api/docs")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert '<script src="/api/docs/assets/swagger-ui-bundle.js" defer></script>' in r.text
    assert '<script src="/static/swagger-init.js" defer></script>' in r.text
    assert "http" not in r.text.split("<body>")[0].replace('http-equiv', '')  # nothing from elsewhere
    js = client.get("/api/docs/assets/swagger-ui-bundle.js")
    assert js.status_code == 200 and len(js.content) > 100_000
    assert client.get("/api/docs/assets/swagger-ui.css").status_code == 200
    assert client.head("/api/docs").status_code == 200


def test_api_docs_page_lists_parameters_and_examples(client):
    html = client.get("/api-docs").text
    assert '<a href="/api/docs" id="swagger-link">' in html
    assert '<a href="/api/search?q=said&amp;limit=5">/api/search</a>' in html
    assert '<code title="only quotes of at least this confidence (0 to 1)">min_confidence</code>' in html
    assert ">q*</code>" in html  # required


def test_totals_limits_and_dates(client):
    body = client.get("/api/people", params={"limit": 2}).json()
    assert len(body["items"]) == 2 and body["total"] > 2
    everyone = client.get("/api/people", params={"limit": 1000}).json()
    assert body["total"] == len(everyone["items"])
    assert client.get("/api/people", params={"name": "Anna Berg"}).json()["total"] == 1
    outlets = client.get("/api/outlets", params={"limit": 1}).json()
    assert len(outlets["items"]) == 1 and outlets["total"] == 3
    for params in ({"since": "2024-13"}, {"until": "2024-02-30"}):
        error = error_of(client.get("/api/quotes", params=params), 400)
        assert error.startswith(f"'{list(params.values())[0]}' is not a date")
    error_of(client.get("/api/people", params={"since": "2024-13"}), 400)
    assert client.get("/api/quotes", params={"since": "2024-02", "until": "2024-12-31"}).status_code == 200


def test_co_quoted_limit(writable):
    text = ("“We will build it,” Anna Berg said.\n“It is too dear,” Tom Hale said.\n"
            "“Nobody asked us,” Ivo Kral said.\n")
    r = writable.post("/api/articles", json={"id": "three", "text": text},
                      headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 201, r.text
    anna = person_id(writable, "Anna Berg")
    full = writable.get(f"/api/people/{anna}/co-quoted").json()["items"]
    co = writable.get(f"/api/people/{anna}/co-quoted", params={"limit": 1}).json()
    assert len(full) == 2 and co["items"] == full[:1] and co["limit"] == 1
