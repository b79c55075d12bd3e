"""Web fixtures: a small corpus (the bundled example, extracted, and hand-made records), the app
on it through Starlette's test client, and a live server for the browser tests.

The hand-made records (``corpus_records``) have exact spans, so the API tests can assert exact
values; the bundled example goes through the real extraction.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
import time
from importlib import resources

import pytest
from store.conftest import pg_server, wipe_pg  # noqa: F401  (pg_server: the session's PostgreSQL)

from quotegraph.record import Article, Person, Quote, Record

EXAMPLE_ID = "johnson-lavrov"
EXAMPLE_META = {"title": "Johnson and Lavrov clash over cyber attacks", "date": "2017-12-22",
                "outlet": "Example Wire", "url": "https://example.org/johnson-lavrov"}
SCRIPT_ID = "script-article"
TOKEN = "s3cret-token"


class Given:
    """An 'extractor' returning prepared records by article id (anything else: the real one)."""

    model = "given"

    def __init__(self, records, fallback=None):
        self.by_id = {r.id: r for r in records}
        self.fallback = fallback

    def extract_many(self, articles, limits=None):
        for a in articles:
            if a.id in self.by_id:
                yield self.by_id[a.id]
            else:
                yield from self.fallback.extract_many([a])

    def extract(self, article):
        return next(self.extract_many([article]))


def make_record(id: str, lines: list[tuple], meta: dict, tail: str = "") -> Record:
    """A record of lines ``Name said: “words”`` (or ``Name said that words.`` for indirect
    quotes), one a line, each a quote of that person; ``tail`` is a last line without quotes."""
    text, quotes, people, index = "", [], [], {}
    for name, words, qtype in lines:
        if name not in index:
            index[name] = len(people)
            people.append(Person(name=name, mentions=[], kind="person"))
        start = len(text)
        if qtype == "indirect":
            line = f"{name} said that {words}."
            c0 = start + len(name) + len(" said that ")
            c1 = c0 + len(words)
        else:
            line = f"{name} said: “{words}”"
            c0 = start + len(name) + len(" said: “")
            c1 = c0 + len(words)
        cue = (start + len(name) + 1, start + len(name) + 5)
        speaker = (start, start + len(name))
        people[index[name]].mentions.append(speaker)
        quotes.append(Quote(type=qtype, content=(c0, c1), content_parts=[(c0, c1)], cue=cue,
                            speaker=speaker, speaker_text=name, speaker_name=name,
                            speaker_id=index[name], confidence=0.9))
        text += line + "\n"
    text += tail
    return Record(id=id, text=text, meta=meta, quotes=quotes, people=people)


def corpus_records() -> list[Record]:
    return [
        make_record("bridge-1", [
            ("Anna Berg", "We will build the bridge.", "direct"),
            ("Tom Hale", "The bridge is too expensive.", "direct"),
        ], {"title": "A bridge for the town", "date": "2024-03-05", "outlet": "Gazette"}),
        make_record("bridge-2", [
            ("Anna Berg", "the bridge would open in May", "indirect"),
            ("Anna Berg", "Bentley cars will not cross it.", "direct"),
            ("Tom Hale", "Nobody asked the town.", "direct"),
        ], {"title": "The bridge opens in May", "date": "2024-04-10", "outlet": "Herald"}),
        make_record(SCRIPT_ID, [
            ("Eve Stone", "<script>window.__qgPwned = 1</script> is what they sent.", "direct"),
        ], {"title": "<script>window.__qgPwned = 3</script>Scripts", "date": "2024-05-01",
            "outlet": "Gazette", "url": "javascript:window.__qgPwned=4"},
            tail='<img src="x" onerror="window.__qgPwned = 2">\n'),
    ]


def ingest(db: str, records, extractor) -> None:
    from quotegraph.store import Store
    from quotegraph.store.ingest import Ingest
    with Store(db) as store:
        Ingest(store, extractor=Given(records, extractor)).run(
            ("test", Article(r.id, r.text, r.meta)) for r in records)


@pytest.fixture(scope="session")
def example_text() -> str:
    return resources.files("quotegraph").joinpath("examples/johnson-lavrov.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory, extractor, example_text) -> str:
    """A SQLite corpus: the bundled example (extracted) and the hand-made records."""
    from quotegraph.store import Store
    from quotegraph.store.ingest import Ingest
    db = str(tmp_path_factory.mktemp("web") / "corpus.db")
    ingest(db, corpus_records(), extractor)
    with Store(db) as store:
        s = Ingest(store, extractor=extractor).run(
            [("example", Article(EXAMPLE_ID, example_text, dict(EXAMPLE_META)))])
        assert s.ingested == 1 and s.failed == 0
    return db


@pytest.fixture(scope="session")
def app(corpus_db, extractor):
    from quotegraph.web import Settings, create_app
    return create_app(Settings(db=corpus_db), extractor=extractor)


@pytest.fixture(scope="session")
def client(app):
    from fastapi.testclient import TestClient
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture
def writable(corpus_db, extractor, tmp_path):
    """A client of an app with QUOTEGRAPH_TOKEN set, on a copy of the corpus."""
    from fastapi.testclient import TestClient

    from quotegraph.web import Settings, create_app
    db = str(tmp_path / "copy.db")
    shutil.copy(corpus_db, db)
    return TestClient(create_app(Settings(db=db, token=TOKEN), extractor=extractor),
                      raise_server_exceptions=False)


def person_id(client, name: str) -> int:
    (p,) = [p for p in client.get("/api/people", params={"limit": 1000}).json()["items"] if p["name"] == name]
    return p["id"]


# --- the browser tests' server and Chromium ---------------------------------------------

CHROMIUM = os.environ.get("QUOTEGRAPH_CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@contextlib.contextmanager
def serve(app):
    """The app served by uvicorn in a thread, on a free loopback port: its base URL."""
    import uvicorn
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture(scope="session")
def live_server(app):
    with serve(app) as url:
        yield url


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("QUOTEGRAPH_REQUIRE_BROWSER"):
            pytest.fail(message + " but $QUOTEGRAPH_REQUIRE_BROWSER is set")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright
    pw = sync_playwright().start()
    try:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=CHROMIUM,
            headless=True, args=FLAGS, viewport={"width": 1200, "height": 900})
        context.set_default_timeout(15_000)
        yield context
        context.close()
    finally:
        pw.stop()


@pytest.fixture
def page(browser):
    page = browser.new_page()
    page.dialogs, page.errors = [], []
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    assert page.errors == [], page.errors
    page.close()


@pytest.fixture(scope="module")
def pg_client(pg_server):  # noqa: F811
    """(app, client) on the hand-made records in PostgreSQL, writable with ``TOKEN``."""
    from fastapi.testclient import TestClient

    from quotegraph.web import Settings, create_app
    wipe_pg(pg_server)
    ingest(pg_server, corpus_records(), None)
    app = create_app(Settings(db=pg_server, token=TOKEN), extractor=Given(corpus_records()))
    with TestClient(app, raise_server_exceptions=False) as c:
        yield app, c
