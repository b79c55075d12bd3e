"""The HTML pages through the test client: content, links, escaping, headers, errors, try it."""
from __future__ import annotations

import re

from .conftest import EXAMPLE_ID, SCRIPT_ID, TOKEN, person_id


def test_article_page(client):
    r = client.get(f"/articles/{EXAMPLE_ID}")
    assert r.status_code == 200 and r.headers["content-type"] == "text/html; charset=utf-8"
    html = r.text
    assert "<h1>Johnson and Lavrov clash over cyber attacks</h1>" in html
    assert len(set(re.findall(r'data-stretch="(\d+)"', html))) == 13
    assert html.count('<p class="region caption" data-region="caption">') == 2
    boris = person_id(client, "Boris Johnson")
    assert f'<a href="/people/{boris}">Boris Johnson</a>' in html  # in the side list
    assert f'href="/people/{boris}"' in re.search(r'<a class="speaker[^>]*>the Foreign Secretary</a>', html)[0]
    assert 'id="qg-quotes"' in html and "<script src=\"/static/app.js\" defer></script>" in html


def test_article_text_is_escaped(client):
    html = client.get(f"/articles/{SCRIPT_ID}").text
    assert "<script>window" not in html and "<img src" not in html
    assert "&lt;script&gt;window.__qgPwned = 1&lt;/script&gt;" in html
    assert "<p>&lt;img src=<span" in html and "&#34;window.__qgPwned = 2&#34;</span>&gt;</p>" in html
    assert "<h1>&lt;script&gt;window.__qgPwned = 3&lt;/script&gt;Scripts</h1>" in html
    assert "javascript:" not in html  # the article's url is no link
    # the quote details for the script are JSON, with < escaped
    assert "\\u003cscript\\u003ewindow.__qgPwned = 1\\u003c/script\\u003e" in html


def test_security_headers(client):
    r = client.get("/")
    assert r.headers["content-security-policy"].startswith("default-src 'self'; script-src 'self'")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get("/api/articles").headers["x-frame-options"] == "DENY"


def test_person_page(client):
    anna = person_id(client, "Anna Berg")
    html = client.get(f"/people/{anna}").text
    assert '<h1 id="person-name">Anna Berg</h1>' in html
    assert re.findall(r"<blockquote>(.*?)</blockquote>", html) == [
        "the bridge would open in May", "Bentley cars will not cross it.", "We will build the bridge."]
    assert re.findall(r'<a href="(/articles/bridge-2#q-\d)">The bridge opens in May</a>', html) == [
        "/articles/bridge-2#q-0", "/articles/bridge-2#q-1"]  # to the very quote
    months = re.findall(r"<tr><td>(\d{4}-\d\d)</td><td class=\"n\">(\d+)</td>", html)
    assert months == [("2024-03", "1"), ("2024-04", "2")]
    tom = person_id(client, "Tom Hale")
    assert re.search(rf'<li><a href="/people/{tom}">Tom Hale</a> <span class="count">2</span></li>', html)
    assert f'href="/api/people/{anna}/quotes?format=csv"' in html


def test_person_page_paging(client):
    boris = person_id(client, "Boris Johnson")
    html = client.get(f"/people/{boris}").text
    n = len(re.findall("<blockquote>", html))
    assert n >= 10 and "page 1 of" not in html  # fewer than 50: one page
    assert client.get(f"/people/{boris}?page=0").status_code == 422


def test_person_page_kept_until_the_store_changes(writable):
    """A person page is rendered once per store version (web/pagecache.py): the same page and
    headers again, a 304 for a browser that has it, a new page once the store changed."""
    anna = person_id(writable, "Anna Berg")
    first, again = writable.get(f"/people/{anna}"), writable.get(f"/people/{anna}")
    assert first.status_code == again.status_code == 200
    assert first.text == again.text and dict(first.headers) == dict(again.headers)
    assert "content-security-policy" in first.headers and first.headers["cache-control"] == "no-cache"
    tag = first.headers["etag"]
    assert writable.get(f"/people/{anna}?page=1").headers["etag"] != tag  # another query, another page
    not_modified = writable.get(f"/people/{anna}", headers={"If-None-Match": tag})
    assert not_modified.status_code == 304 and not_modified.content == b"" and not_modified.headers["etag"] == tag
    missing = writable.get("/people/999999")
    assert missing.status_code == 404 and "no such person: 999999" in missing.text and "etag" not in missing.headers
    assert writable.get(f"/people/{anna}?page=x").status_code == 422
    r = writable.post("/corrections", data={"action": "kind", "person": f"#{anna}", "value": "organisation",
                                            "token": TOKEN, "back": f"/people/{anna}"}, follow_redirects=False)
    assert r.status_code == 303
    changed = writable.get(f"/people/{anna}", headers={"If-None-Match": tag})
    assert changed.status_code == 200 and changed.headers["etag"] != tag
    assert '<p class="byline">organisation' in changed.text and '<p class="byline">person' in first.text


def hits(html: str) -> list[str]:
    """The quotes of a search page, their marked words in [brackets]."""
    return [re.sub("</?mark>", lambda m: "]" if m[0][1] == "/" else "[", q)
            for q in re.findall(r'<q class="hit-quote">(.*?)</q>', html)]


def test_search_page(client):
    html = client.get("/search", params={"q": "bridge", "outlet": "Gazette"}).text
    assert hits(html) == ["We will build the [bridge].", "The [bridge] is too expensive."]
    # in its sentence, linked to the very quote, kind shown
    assert '<blockquote class="context">Anna Berg said: “<q class="hit-quote">We will build the <mark>bridge' in html
    assert '<a class="to-quote" href="/articles/bridge-1#q-0">A bridge for the town</a>' in html
    assert '<span class="badge kind-speech">speech</span>' in html
    assert '<p class="result-count" id="result-count"><b>2</b> quotes' in html
    assert 'href="/api/quotes?q=bridge&amp;outlet=Gazette&amp;format=csv"' in html
    assert 'value="bridge"' in html and 'value="Gazette"' in html


def test_search_language_on_the_page(client):
    found = lambda **p: hits(client.get("/search", params=p).text)  # noqa: E731
    assert found(q="bridge -build") == ["the [bridge] would open in May", "The [bridge] is too expensive."]
    assert found(q='"open in may" OR asked') == ["the bridge would [open in May]", "Nobody [asked] the town."]
    assert found(q="nobody asked") == ["[Nobody] [asked] the town."]
    assert found(q="nobody asked", case="true") == []
    assert found(q="Nobody asked", case="true") == ["[Nobody] [asked] the town."]
    assert found(q="bridge town", order="relevance") == []
    assert found(q="bridge", order="relevance")[0] in ("We will build the [bridge].", "The [bridge] is too expensive.")
    html = client.get("/search", params={"q": "bridge"}).text
    facets = re.findall(r'<li><a href="/search\?q=bridge&amp;person=(\d+)">([^<]+)</a> <span class="count">(\d+)', html)
    assert [(name, n) for _, name, n in facets] == [("Anna Berg", "2"), ("Tom Hale", "1")]
    assert found(q="bridge", person=facets[1][0]) == ["The [bridge] is too expensive."]
    r = client.get("/search", params={"q": "***"})
    assert r.status_code == 400 and "give words to search for" in r.text
    r = client.get("/search", params={"q": "x " * 600})
    assert r.status_code == 400 and "too long" in r.text


def test_search_page_paging(client, monkeypatch):
    import quotegraph.web.app
    import quotegraph.web.search_routes
    monkeypatch.setattr(quotegraph.web.app, "PER_PAGE", 2)
    monkeypatch.setattr(quotegraph.web.search_routes, "PER_PAGE", 2)
    html = client.get("/search", params={"q": "bridge"}).text
    assert hits(html) == ["the [bridge] would open in May", "We will build the [bridge]."]
    assert "<span>page 1 of 2</span>" in html and 'href="/search?q=bridge&amp;page=2"' in html
    html = client.get("/search", params={"q": "bridge", "page": 2}).text
    assert hits(html) == ["The [bridge] is too expensive."]
    assert 'rel="prev" href="/search?q=bridge&amp;page=1"' in html and 'rel="next"' not in html


def test_overview_page(client):
    html = client.get("/").text
    assert "<b>4</b> articles" in html
    assert "Quotes by speaker gender <small>(inferred from first names)</small>" in html
    assert 'data-gender="unknown"' in html and 'href="/?gender=0"' in html
    hidden = client.get("/?gender=0").text
    assert 'id="gender-shares"' not in hidden and 'href="/">Show quotes by inferred gender' in hidden
    assert re.search(r'<a href="/search\?outlet=Gazette">Gazette</a></td><td class="n">3</td>', html)


def test_lists(client):
    html = client.get("/articles").text
    assert re.findall(r'<a href="/articles/([^"]+)">', html) == [SCRIPT_ID, "bridge-2", "bridge-1", EXAMPLE_ID]
    html = client.get("/people", params={"name": "Anna"}).text
    assert re.findall(r'<a href="/people/\d+">([^<]+)</a>', html) == ["Anna Berg"]


def test_html_errors(client):
    r = client.get("/articles/nope")
    assert r.status_code == 404 and '<p class="error" id="error-message">no such article: nope</p>' in r.text
    r = client.get("/nowhere")
    assert r.status_code == 404 and "no such page: /nowhere" in r.text
    r = client.get("/search", params={"since": "soon"})
    assert r.status_code == 400 and "&#39;soon&#39; is not a date" in r.text


def test_try_it(client):
    text = "“We will win,” Anna Berg said.\nThe match is on Sunday."
    r = client.post("/try", data={"text": text})
    assert r.status_code == 200
    assert '<h2 id="result">1 quote found</h2>' in r.text
    assert re.search(r'<span class="quote direct c0" data-q="0"[^>]*>We will win,</span>', r.text)
    assert "Nothing is stored: this server is read-only." in r.text
    assert client.get("/api/articles").json()["total"] == 4
    r = client.post("/try", data={"text": text, "store": "1", "token": TOKEN})
    assert r.status_code == 403 and "not stored: writing is disabled" in r.text
    r = client.post("/try", data={"text": "  "})
    assert r.status_code == 400 and "paste an article first" in r.text


def test_try_it_stores_with_the_token(writable):
    text = "“We will win,” Anna Berg said."
    r = writable.post("/try", data={"text": text, "store": "1", "token": "wrong", "id": "mine"})
    assert r.status_code == 401 and "not stored: a valid bearer token is needed" in r.text
    r = writable.post("/try", data={"text": text, "store": "1", "token": TOKEN, "id": "mine",
                                    "title": "Mine", "date": "2024-07-01"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/articles/mine"
    assert "<h1>Mine</h1>" in writable.get("/articles/mine").text


def test_api_docs_page(client):
    html = client.get("/api-docs").text
    assert "<code><a href=\"/api/search?q=said&amp;limit=5\">/api/search</a></code>" in html and "<code>POST</code>" in html
    assert "This server is read-only" in html
