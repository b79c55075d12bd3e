"""The store's commands: ingest, people, quotes, show, export; formats, errors, exit codes."""
import csv
import io
import json
import re

import pytest
from typer.testing import CliRunner

from quotegraph import cli
from quotegraph.commands import common
from quotegraph.inputs import iter_articles
from quotegraph.store.ingest import quote_words

from .helpers import FakeExtractor

runner = CliRunner()

STORIES = {
    "harbour.txt": "“We will not back down,” Mayor Ann Lee said on Monday.\n"
                   "Council leader Tom Reed said the harbour plan would cost too much.\n",
    "budget.txt": "“The budget is balanced,” Ann Lee told reporters.\n",
}


@pytest.fixture
def use_extractor(monkeypatch, extractor):
    monkeypatch.setattr(common, "_new_extractor", lambda name: extractor)
    monkeypatch.delenv("QUOTEGRAPH_MODEL", raising=False)
    monkeypatch.delenv("QUOTEGRAPH_DB", raising=False)
    return extractor


def run(*args):
    return runner.invoke(cli.app, [str(a) for a in args])


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "news"
    d.mkdir()
    for name, text in STORIES.items():
        (d / name).write_text(text, encoding="utf-8")
    (d / "wire.jsonl").write_text(json.dumps({
        "id": "wire-1", "text": "“Prices will fall,” Ann Lee said.\n", "outlet": "Wire",
        "date": "2024-05-01", "url": "https://wire.example/1", "title": "Prices"}) + "\n", encoding="utf-8")
    return d


def test_ingest_query_show_export(use_extractor, corpus, db_url, tmp_path):
    expected = list(use_extractor.extract_many(a for a in iter_articles([corpus])))
    nquotes = sum(len(r.quotes) for r in expected)
    res = run("ingest", corpus, "--db", db_url)
    assert res.exit_code == 0, res.stderr
    assert re.fullmatch(rf"quotegraph: 3 articles ingested \({nquotes} quotes, \d+ new people\), 0 skipped "
                        r"as already stored, 0 failed; [\d.]+ s, [\d.]+ articles/s; .*\n", res.stderr)
    res = run("ingest", corpus, "--db", db_url)
    assert res.exit_code == 0 and "0 articles ingested (0 quotes, 0 new people), 3 skipped" in res.stderr

    res = run("people", "--db", db_url, "--top", "1")  # jsonl when not on a terminal
    (top,) = [json.loads(x) for x in res.stdout.splitlines()]
    lee = [q for r in expected for q in r.quotes if q.speaker_name == "Ann Lee"]
    assert (top["name"], top["quotes"]) == ("Ann Lee", len(lee))

    res = run("quotes", "--db", db_url, "--speaker", "ann lee", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert len(rows) == len(lee) and rows[0]["date"] == "2024-05-01" and rows[0]["outlet"] == "Wire"
    wire = expected[-1]
    assert rows[0]["content"] == quote_words(wire.text, wire.quotes[0].content_parts)
    res = run("quotes", "--db", db_url, "--contains", "back down", "-f", "jsonl")
    assert [json.loads(x)["article_id"] for x in res.stdout.splitlines()] == ["harbour"]
    ids = lambda *a: [json.loads(x)["article_id"]  # noqa: E731
                      for x in run("quotes", "--db", db_url, "-f", "jsonl", "--contains", *a).stdout.splitlines()]
    assert ids("ann OR budget -balanced") == [] and ids('"back down" OR balanced') == ["budget", "harbour"]
    assert ids("Budget", "--case") == [] and ids("budget", "--case", "--order", "relevance") == ["budget"]
    res = run("quotes", "--db", db_url, "--contains", "x" * 2000)
    assert res.exit_code == 2 and res.stderr == "quotegraph: the search is too long (at most 1000 characters)\n"
    res = run("quotes", "--db", db_url, "--type", "quoted")
    assert res.exit_code == 2 and "unknown quote type 'quoted'" in res.stderr

    res = run("show", "budget", "--db", db_url, "-f", "jsonl")
    art = json.loads(res.stdout)
    assert (art["id"], art["text"], len(art["quotes"])) == ("budget", STORIES["budget.txt"],
                                                           len(expected[0].quotes))
    res = run("show", "budget", "--db", db_url, "-f", "table")
    assert res.exit_code == 0 and "budget: (no title)" in res.stdout and "Ann Lee" in res.stdout
    res = run("show", "nope", "--db", db_url)
    assert res.exit_code == 2 and res.stderr == "quotegraph: nope: no such article in the database\n"

    out = tmp_path / "quotes.csv"
    res = run("export", "--db", db_url, "-f", "csv", "--layout", "quotes", "-o", out)
    assert res.exit_code == 0 and res.stderr == f"quotegraph: {nquotes} quotes written to {out}\n"
    res = run("export", "--db", db_url, "--layout", "articles", "-o", tmp_path / "a.jsonl")
    recs = [json.loads(x) for x in (tmp_path / "a.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["id"] for r in recs) == ["budget", "harbour", "wire-1"]


def test_failures_and_the_exit_code(monkeypatch, tmp_path):
    monkeypatch.setattr(common, "_new_extractor", lambda name: FakeExtractor())
    d = tmp_path / "in"
    d.mkdir()
    for i in range(3):
        (d / f"a{i}.txt").write_text("Ann Lee: Fine.\n" if i else "BOOM\n", encoding="utf-8")
    db = tmp_path / "c.db"
    res = run("ingest", d, "--db", db)
    assert res.exit_code == 1
    assert res.stderr.splitlines()[0] == "quotegraph: a0: extraction failed: boom"
    assert res.stderr.splitlines()[-2:] == ["quotegraph: failed or not read (1): a0",
                                            "quotegraph: 1 of 3 articles failed (33.3% > --max-failures 1%)"]
    res = run("ingest", d, "--db", db, "--force", "--max-failures", "50")
    assert res.exit_code == 0


def test_truncated_articles_listed(monkeypatch, tmp_path, extractor):
    monkeypatch.setattr(common, "_new_extractor", lambda name: extractor)
    good = "“We will build homes,” the mayor said.\n"
    (tmp_path / "long.txt").write_text(good + "Word after word. " * 20 + "\n" + good, encoding="utf-8")
    res = run("ingest", tmp_path / "long.txt", "--db", tmp_path / "c.db", "--max-chars", "60")
    assert res.exit_code == 0
    lines = res.stderr.splitlines()
    assert lines[0] == f"quotegraph: long: truncated: quotes extracted from the first {len(good)} of 419 characters (--max-chars)"
    assert lines[-1] == "quotegraph: truncated (1): long"


def test_aliases_option(monkeypatch, tmp_path):
    monkeypatch.setattr(common, "_new_extractor", lambda name: FakeExtractor())
    (tmp_path / "a.txt").write_text("Bill Clinton: One.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("William Clinton: Two.\n", encoding="utf-8")
    (tmp_path / "aliases.csv").write_text("Bill Clinton, William Clinton\n", encoding="utf-8")
    db = tmp_path / "c.db"
    assert run("ingest", tmp_path / "a.txt", tmp_path / "b.txt", "--db", db).exit_code == 0
    assert [json.loads(x)["name"] for x in run("people", "--db", db).stdout.splitlines()] == [
        "Bill Clinton", "William Clinton"]
    res = run("ingest", "--aliases", tmp_path / "aliases.csv", "--db", db)
    assert res.exit_code == 0 and "2 names; 1 mentions re-assigned" in res.stderr
    assert [(p["name"], p["quotes"]) for p in map(json.loads, run("people", "--db", db).stdout.splitlines())] == [
        ("Bill Clinton", 2)]


def test_commands_that_cannot_run(tmp_path, monkeypatch):
    monkeypatch.delenv("QUOTEGRAPH_DB", raising=False)
    res = run("people", "--db", tmp_path / "none.db")
    assert res.exit_code == 2
    assert res.stderr == f"quotegraph: {tmp_path / 'none.db'}: no such database (create it with quotegraph ingest)\n"
    res = run("ingest", tmp_path / "missing.txt", "--db", tmp_path / "x.db")
    assert res.exit_code == 2 and "missing.txt: no such file or directory" in res.stderr
    res = run("ingest", "--db", tmp_path / "x.db")
    assert res.exit_code == 2 and "no input" in res.stderr
    monkeypatch.setenv("QUOTEGRAPH_DB", str(tmp_path / "env.db"))
    res = run("quotes")
    assert res.exit_code == 2 and "env.db: no such database" in res.stderr


def test_quotes_by_kind(tmp_path, use_extractor):
    (tmp_path / "vote.txt").write_text(
        "Ann Lee said the vote would pass. Tom Reed believes that the vote will fail. "
        "Reporters asked whether the vote had been delayed.\n", encoding="utf-8")
    db = tmp_path / "k.db"
    assert run("ingest", tmp_path / "vote.txt", "--db", db).exit_code == 0
    kinds = lambda *a: [(json.loads(x)["kind"], json.loads(x)["content"])  # noqa: E731
                        for x in run("quotes", "--db", db, "-f", "jsonl", *a).stdout.splitlines()]
    assert kinds() == [("speech", "the vote would pass")]  # who said what: speech and writing
    assert sorted(kinds("--kind", "all")) == [("belief", "that the vote will fail"),
                                              ("question", "whether the vote had been delayed"),
                                              ("speech", "the vote would pass")]
    assert kinds("--kind", "belief") == [("belief", "that the vote will fail")]
    assert len(kinds("--article", "vote")) == 3  # an article's quotes: every kind
    res = run("quotes", "--db", db, "--kind", "gossip")
    assert res.exit_code == 2 and "unknown quote kind 'gossip'" in res.stderr
