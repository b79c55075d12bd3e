"""``quotegraph corrections ...``: make, list, export and import corrections; one-line errors."""
import json

import pytest
from typer.testing import CliRunner

from quotegraph import cli
from quotegraph.commands import common

from .helpers import FakeExtractor

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(cli.app, [str(a) for a in args], input=input)


@pytest.fixture
def corpus(monkeypatch, tmp_path):
    monkeypatch.setattr(common, "_new_extractor", lambda name: FakeExtractor())
    monkeypatch.delenv("QUOTEGRAPH_DB", raising=False)
    monkeypatch.setenv("QUOTEGRAPH_USER", "desk")
    d = tmp_path / "news"
    d.mkdir()
    (d / "harbour.txt").write_text("Ann Lee: We will not back down.\nTom Reed: Too dear.\n"
                                   "Bank of Leeds: Rates stay.\n", encoding="utf-8")
    (d / "budget.txt").write_text("Ann Leigh: The budget is balanced.\n", encoding="utf-8")
    db = str(tmp_path / "corpus.db")
    assert run("ingest", d, "--db", db).exit_code == 0
    return d, db


def quotes_of(db, article):
    res = run("quotes", "--article", article, "--db", db, "-f", "jsonl")
    return [(q["idx"], q["speaker"], q["content"]) for q in map(json.loads, res.stdout.splitlines())]


def test_corrections_commands(corpus, tmp_path):
    d, db = corpus
    res = run("corrections", "speaker", "harbour", 1, "Ann Lee", "--db", db, "--note", "on tape")
    assert res.exit_code == 0, res.stderr
    assert res.stderr == ("quotegraph: correction 1: harbour #1: said by Ann Lee (was Tom Reed) "
                          "(applied)\n")
    assert run("corrections", "wrong", "budget", 0, "--db", db, "--by", "jo").exit_code == 0
    assert run("corrections", "kind", "bank of leeds", "organisation", "--db", db).exit_code == 0
    res = run("corrections", "merge", "Tom Reed", "Ann Lee", "--db", db)
    assert res.exit_code == 0 and "Tom Reed is Ann Lee (applied)" in res.stderr
    assert quotes_of(db, "harbour") == [(0, "Ann Lee", "We will not back down."),
                                        (1, "Ann Lee", "Too dear."), (2, "Bank of Leeds", "Rates stay.")]
    assert quotes_of(db, "budget") == []
    res = run("people", "--db", db, "-f", "jsonl")
    assert {p["name"]: p["kind"] for p in map(json.loads, res.stdout.splitlines())} == {
        "Ann Lee": "person", "Bank of Leeds": "organisation"}

    res = run("corrections", "list", "--db", db, "-f", "jsonl")
    rows = [json.loads(x) for x in res.stdout.splitlines()]
    assert [(r["id"], r["action"], r["author"], r["status"]) for r in rows] == [
        (4, "merge", "desk", "applied"), (3, "kind", "desk", "applied"),
        (2, "wrong", "jo", "applied"), (1, "speaker", "desk", "applied")]
    assert rows[3]["note"] == "on tape" and rows[3]["created_at"].endswith("+00:00")
    res = run("corrections", "list", "--db", db, "-f", "table")
    assert res.exit_code == 0 and "budget #0: not a quote" in res.stdout

    # re-ingest with --force: the corrections hold
    assert run("ingest", d, "--db", db, "--force").exit_code == 0
    assert [s for _, s, _ in quotes_of(db, "harbour")] == ["Ann Lee", "Ann Lee", "Bank of Leeds"]
    assert quotes_of(db, "budget") == []

    # exported and applied to a new database
    out = tmp_path / "fixes.json"
    res = run("corrections", "export", "--db", db, "-o", out)
    assert res.exit_code == 0 and res.stderr == f"quotegraph: 4 corrections written to {out}\n"
    other = str(tmp_path / "other.db")
    assert run("ingest", d / "harbour.txt", "--db", other).exit_code == 0
    res = run("corrections", "import", out, "--db", other)
    assert res.exit_code == 0, res.stderr
    assert res.stderr == (f"quotegraph: {out}: 4 corrections added (3 applied, 1 waiting for their "
                          "quote or person), 0 already there\n")
    assert [s for _, s, _ in quotes_of(other, "harbour")] == ["Ann Lee", "Ann Lee", "Bank of Leeds"]
    assert run("ingest", d / "budget.txt", "--db", other).exit_code == 0
    assert quotes_of(other, "budget") == []


def test_corrections_errors_are_one_line(corpus, tmp_path):
    _, db = corpus
    cases = [
        (("corrections", "wrong", "harbour", 7), "quotegraph: harbour: no quote #7 in the database\n"),
        (("corrections", "merge", "Nobody", "Ann Lee"), "quotegraph: no person named 'Nobody' in the database\n"),
        (("corrections", "kind", "Ann Lee", "robot"),
         "quotegraph: unknown kind 'robot' (choose from person, organisation)\n"),
        (("corrections", "import", tmp_path / "none.json"),
         f"quotegraph: {tmp_path / 'none.json'}: cannot read: No such file or directory\n"),
    ]
    for args, err in cases:
        res = run(*args, "--db", db)
        assert (res.exit_code, res.stderr) == (2, err)
    bad = tmp_path / "bad.json"
    bad.write_text("{\n nope", encoding="utf-8")
    res = run("corrections", "import", bad, "--db", db)
    assert res.exit_code == 2 and res.stderr.startswith(f"quotegraph: {bad}: line 2: not JSON")
    res = run("corrections", "import", "-", "--db", db, input='{"format": "x"}')
    assert res.stderr == ("quotegraph: -: not a quotegraph corrections file "
                          "(a JSON object with \"format\": \"quotegraph-corrections\")\n")


def test_quotes_by_least_confidence(corpus):
    _, db = corpus  # the fake extractor's quotes are all of confidence 0.9
    res = run("quotes", "--db", db, "--min-confidence", "0.9", "-f", "jsonl")
    assert len(res.stdout.splitlines()) == 4
    res = run("quotes", "--db", db, "--min-confidence", "0.95", "-f", "jsonl")
    assert res.exit_code == 0 and res.stdout == ""
    assert run("quotes", "--db", db, "--min-confidence", "2").exit_code == 2
