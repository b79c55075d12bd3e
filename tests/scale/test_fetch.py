"""Fetching from the web, against a local HTTP server on 127.0.0.1: robots.txt, delays, the
user agent, feeds, sitemaps, errors, and not fetching again what is stored."""
from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from quotegraph.record import Article, InputError, Skipped
from quotegraph.scale.fetch import Fetcher, feed_links, iter_pages, read_url_list, sitemap_links

from .helpers import PAGE, STORIES

DELAY = 0.3


def site(base: str) -> dict[str, tuple[int, str, bytes]]:
    ports, rail = (PAGE.format(title=t, body=b).encode() for t, b in STORIES.values())
    return {
        "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /private/\n"),
        "/news/ports.html": (200, "text/html; charset=utf-8", ports),
        "/news/rail.html": (200, "text/html; charset=utf-8", rail),
        "/private/secret.html": (200, "text/html", ports),
        "/feed.xml": (200, "application/rss+xml", f"""<?xml version="1.0"?><rss version="2.0"><channel>
<title>Gazette</title><link>{base}/</link>
<item><title>Ports</title><link>{base}/news/ports.html</link></item>
<item><title>Rail</title><link>/news/rail.html</link></item></channel></rss>""".encode()),
        "/sitemap_index.xml": (200, "application/xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{base}/sitemap-news.xml</loc></sitemap></sitemapindex>""".encode()),
        "/sitemap-news.xml": (200, "application/xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{base}/news/ports.html</loc></url><url><loc>{base}/news/rail.html</loc></url></urlset>""".encode()),
    }


@pytest.fixture
def server():
    """A news site on 127.0.0.1; ``server.log`` has (path, user agent, time) of every request."""
    log = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            log.append((self.path, self.headers.get("User-Agent"), time.monotonic()))
            status, ctype, body = pages.get(self.path, (404, "text/html", b"<html>not found</html>"))
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_port}"
    pages = site(base)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    httpd.base, httpd.log = base, log
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def fetcher():
    return Fetcher(delay=DELAY, allow_private=True)


def test_urls_fetched_politely_with_errors_in_place(server, tmp_path):
    b = server.base
    urls = tmp_path / "urls.txt"
    urls.write_text(f"# today\n{b}/news/ports.html\n\n{b}/private/secret.html\n{b}/gone.html\n"
                    f"ftp://example.org/x\n{b}/news/rail.html\n")
    items = list(iter_pages(read_url_list(str(urls)), fetcher()))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "InputError", "InputError", "Article"]
    ports = items[0]
    assert ports.id == f"{b}/news/ports.html"
    assert "“We have found a way to keep the ports open,” said Maria Lopez" in ports.text
    assert ports.meta["url"] == ports.id and ports.meta["status"] == 200
    assert ports.meta["fetched_at"].endswith("+00:00") and ports.meta["title"] == "Ports deal agreed"
    assert items[1:4] == [InputError(f"{b}/private/secret.html", "disallowed by robots.txt"),
                          InputError(f"{b}/gone.html", "HTTP 404"),
                          InputError(f"{urls}:6", "not an http(s) url: ftp://example.org/x")]
    paths = [p for p, _, _ in server.log]
    assert paths == ["/robots.txt", "/news/ports.html", "/gone.html", "/news/rail.html"]  # robots.txt once
    assert all(ua.startswith("quotegraph/") for _, ua, _ in server.log)
    times = [t for _, _, t in server.log]
    assert min(b - a for a, b in zip(times, times[1:])) >= DELAY * 0.9


def test_stored_urls_are_not_fetched_again(server):
    b = server.base
    known = {f"{b}/news/ports.html"}
    items = list(iter_pages([f"{b}/news/ports.html", f"{b}/news/rail.html"], fetcher(), known.__contains__))
    assert [i.id for i in items if isinstance(i, Article)] == [f"{b}/news/rail.html"]
    assert items[-1] == Skipped("urls", 1, "urls already stored, not fetched again")
    assert [p for p, _, _ in server.log] == ["/robots.txt", "/news/rail.html"]


def test_feed_and_sitemap_links(server):
    b = server.base
    f = fetcher()
    assert feed_links(f, f"{b}/feed.xml") == [f"{b}/news/ports.html", f"{b}/news/rail.html"]
    assert sitemap_links(f, f"{b}/sitemap_index.xml") == [f"{b}/news/ports.html", f"{b}/news/rail.html"]
    assert feed_links(f, f"{b}/nofeed.xml") == InputError(f"{b}/nofeed.xml", "HTTP 404")


def test_no_answer_and_private_addresses(server):
    dead = "http://127.0.0.1:9/news/x.html"  # the discard port: nothing listens
    assert list(iter_pages([dead], fetcher())) == [InputError(dead, "disallowed by robots.txt")]
    guarded = Fetcher(delay=0)  # trafilatura's default: no private addresses
    assert guarded.get(f"{server.base}/news/ports.html").status is None


def test_ingest_urls_stores_pages_and_resumes(server, tmp_path, monkeypatch, extractor):
    import json

    from sqlalchemy import select
    from typer.testing import CliRunner

    from quotegraph import cli
    from quotegraph.commands import common
    from quotegraph.store.db import Store
    from quotegraph.store.schema import articles
    monkeypatch.setattr(common, "_new_extractor", lambda name: extractor)
    b = server.base
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{b}/news/ports.html\n")
    db = str(tmp_path / "web.db")
    args = ["ingest", "--urls", str(urls), "--feed", f"{b}/feed.xml", "--db", db, "--delay", "0.05",
            "--allow-private-hosts"]
    res = CliRunner().invoke(cli.app, args)
    assert res.exit_code == 0, res.stderr
    assert res.stderr.startswith("quotegraph: 2 articles ingested")
    with Store(db) as store, store.connect() as conn:
        rows = conn.execute(select(articles.c.id, articles.c.url, articles.c.source_file, articles.c.meta)
                            .order_by(articles.c.id)).all()
    assert [(r.id, r.url, r.source_file) for r in rows] == [
        (f"{b}/news/ports.html", f"{b}/news/ports.html", str(urls)),
        (f"{b}/news/rail.html", f"{b}/news/rail.html", f"{b}/feed.xml")]
    assert json.loads(rows[0].meta)["status"] == 200 and "fetched_at" in json.loads(rows[0].meta)
    before = len(server.log)
    res = CliRunner().invoke(cli.app, args)
    assert res.exit_code == 0, res.stderr
    assert f"quotegraph: {urls}: 1 urls already stored, not fetched again" in res.stderr
    assert [p for p, _, _ in server.log[before:]] == ["/robots.txt", "/feed.xml"]
