"""The command line: structure of the output, errors and exit codes.

These tests do not depend on what the extractor finds: they check one record
per article, ids, texts and meta, and the error lines, not particular quotes.
"""
import csv
import io
import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from quotegraph import cli
from quotegraph.commands import common
from quotegraph.evaluate import format_table, score
from quotegraph.record import Record

runner = CliRunner()

STORY = ('“We will not back down,” the mayor said on Monday. '
         'Residents said they were worried about the plan.\n')
OTHER = 'The council said in a statement that the vote would go ahead.\n'


@pytest.fixture(autouse=True)
def shared_extractor(monkeypatch, extractor):
    """Every command uses the session's extractor for the default model."""
    real = common._new_extractor
    monkeypatch.setattr(common, "_new_extractor",
                        lambda name: extractor if name == extractor.model else real(name))
    monkeypatch.delenv("QUOTEGRAPH_MODEL", raising=False)


def run(*args, input=None):
    return runner.invoke(cli.app, [str(a) for a in args], input=input)


def records(stdout):
    return [json.loads(line) for line in stdout.splitlines()]


def check_structure(rec, text):
    """A well-formed record of ``text`` (whatever quotes were found)."""
    assert rec["text"] == text
    assert {"id", "text", "meta", "quotes", "people"} <= set(rec)
    for q in rec["quotes"]:
        assert q["type"] in ("direct", "indirect", "mixed")
        assert 0 <= q["content"][0] <= q["content"][1] <= len(text)
        for s, e in q["content_parts"]:
            assert q["content"][0] <= s <= e <= q["content"][1]
    for p in rec["people"]:
        assert isinstance(p["name"], str) and p["name"]


@pytest.fixture
def articles(tmp_path):
    (tmp_path / "one.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "more.jsonl").write_text(
        json.dumps({"id": "j1", "text": OTHER, "outlet": "Gazette"}) + "\n"
        + json.dumps({"text": STORY}) + "\n", encoding="utf-8")
    return tmp_path


def test_extract_jsonl_one_record_per_article(articles):
    res = run("extract", articles / "one.txt", articles / "more.jsonl")
    assert res.exit_code == 0, res.stderr
    assert res.stderr == ""
    recs = records(res.stdout)
    assert [r["id"] for r in recs] == ["one", "j1", "more-2"]
    assert [r["meta"] for r in recs] == [{}, {"outlet": "Gazette"}, {}]
    for rec, text in zip(recs, [STORY, OTHER, STORY]):
        check_structure(rec, text)
        assert "error" not in rec
        Record.from_dict(rec)  # readable back


def test_extract_folder_in_path_order_unicode_kept(articles):
    res = run("extract", articles)
    assert res.exit_code == 0
    assert [r["id"] for r in records(res.stdout)] == ["j1", "more-2", "one"]  # more.jsonl < one.txt
    assert "“We will not back down,”" in res.stdout  # ensure_ascii=False


def test_extract_stdin_plain_text():
    res = run("extract", input=STORY)
    assert res.exit_code == 0
    (rec,) = records(res.stdout)
    assert rec["id"] == "stdin"
    check_structure(rec, STORY)


def test_extract_stdin_jsonl_with_keys():
    line = json.dumps({"doc": "d7", "body": OTHER, "lang": "en"})
    res = run("extract", "-", "--text-key", "body", "--id-key", "doc", input=line + "\n")
    assert res.exit_code == 0
    (rec,) = records(res.stdout)
    assert (rec["id"], rec["meta"]) == ("d7", {"lang": "en"})
    check_structure(rec, OTHER)


def test_extract_input_errors_reported_and_rest_processed(tmp_path):
    (tmp_path / "good.txt").write_text(STORY)
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "ok", "text": OTHER}) + "\n{broken\n"
                   + json.dumps({"id": "notext"}) + "\n")
    notes = tmp_path / "notes.md"
    notes.write_text("# notes")
    res = run("extract", bad, notes, tmp_path / "good.txt")
    assert res.exit_code == 1
    assert res.stderr.splitlines() == [
        f"quotegraph: {bad}:2: invalid JSON (Expecting property name enclosed in double quotes at column 2)",
        f"quotegraph: {bad}:3: no 'text' field",
        f"quotegraph: {notes}: unknown file type (expected .txt, .html, .htm, .warc, .warc.gz, .csv, .tsv, .csv.gz, .tsv.gz, .jsonl or .jsonl.gz)",
        f"quotegraph: 2 records written; 3 failed or not read: {bad}:2, {bad}:3, {notes}",
    ]
    assert [r["id"] for r in records(res.stdout)] == ["ok", "good"]


def test_extract_missing_file_is_a_usage_error(tmp_path):
    (tmp_path / "good.txt").write_text(STORY)
    res = run("extract", tmp_path / "good.txt", tmp_path / "nope.txt")
    assert res.exit_code == 2
    assert res.stdout == ""
    assert res.stderr == f"quotegraph: {tmp_path / 'nope.txt'}: no such file or directory\n"


def test_extract_unknown_model(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(STORY)
    res = run("extract", tmp_path / "a.txt", "--model", "no_such_model_xyz")
    assert res.exit_code == 2
    assert res.stderr == ("quotegraph: spaCy model 'no_such_model_xyz' not found: install it "
                          "(see README), or name another with --model or QUOTEGRAPH_MODEL\n")
    monkeypatch.setenv("QUOTEGRAPH_MODEL", "other_missing_model")
    res = run("extract", tmp_path / "a.txt")
    assert res.exit_code == 2
    assert "'other_missing_model' not found" in res.stderr


def test_extract_model_oserror_is_one_line(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(STORY)
    model_dir = tmp_path / "not-a-model"
    model_dir.mkdir()

    def broken(name):
        raise OSError("[E053] Could not read config file from not-a-model/config.cfg")
    monkeypatch.setattr(common, "_new_extractor", broken)
    res = run("extract", tmp_path / "a.txt", "-m", model_dir)
    assert res.exit_code == 2
    assert res.stderr == (f"quotegraph: cannot load spaCy model '{model_dir}': "
                          "[E053] Could not read config file from not-a-model/config.cfg\n")


def test_extract_json_to_file(articles, tmp_path):
    out = tmp_path / "out.json"
    res = run("extract", articles / "one.txt", articles / "more.jsonl", "-o", out, "--format", "json")
    assert res.exit_code == 0 and res.stdout == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in data] == ["one", "j1", "more-2"]


def test_extract_json_empty_array(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("nope\n")
    res = run("extract", bad, "-f", "json")
    assert res.exit_code == 1
    assert json.loads(res.stdout) == []


def test_extract_csv_one_row_per_quote(articles):
    paths = [articles / "one.txt", articles / "more.jsonl"]
    recs = records(run("extract", *paths).stdout)
    res = run("extract", *paths, "-f", "csv")
    assert res.exit_code == 0
    rows = list(csv.reader(io.StringIO(res.stdout)))
    assert rows[0] == ["id", "date", "outlet", "title", "url", "type", "speaker_name", "speaker_text", "cue",
                       "content", "start", "end", "confidence", "kind"]
    expected = [[r["id"], q["type"], str(q["content"][0]), str(q["content"][1])]
                for r in recs for q in r["quotes"]]
    assert [[row[0], row[5], row[10], row[11]] for row in rows[1:]] == expected


def test_extract_output_dir_missing(articles, tmp_path):
    res = run("extract", articles / "one.txt", "-o", tmp_path / "no" / "out.jsonl")
    assert res.exit_code == 2
    assert res.stderr.startswith(f"quotegraph: {tmp_path / 'no' / 'out.jsonl'}: cannot write")


def test_extract_table(articles):
    res = run("extract", articles / "one.txt", articles / "more.jsonl", "-f", "table")
    assert res.exit_code == 0
    for id in ("one", "j1", "more-2"):
        assert id in res.stdout


class FakeExtractor:
    """Fails on articles whose text says so; otherwise finds nothing."""

    model = "fake"

    def extract_many(self, articles, limits=None):
        for a in articles:
            if "CRASH" in a.text:
                raise RuntimeError("boom")
            yield Record(id=a.id, text=a.text, meta=a.meta,
                         error="extraction failed: ValueError: bad" if "FAIL" in a.text else None)


def test_extraction_errors_are_kept_and_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "_new_extractor", lambda name: FakeExtractor())
    (tmp_path / "a.txt").write_text("FAIL here")
    (tmp_path / "b.txt").write_text("fine")
    res = run("extract", tmp_path)
    assert res.exit_code == 1
    assert res.stderr == ("quotegraph: a: extraction failed: ValueError: bad\n"
                          "quotegraph: 2 records written; 1 failed or not read: a\n")
    recs = records(res.stdout)
    assert [(r["id"], r.get("error")) for r in recs] == [
        ("a", "extraction failed: ValueError: bad"), ("b", None)]


def test_unexpected_error_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "_new_extractor", lambda name: FakeExtractor())
    (tmp_path / "a.txt").write_text("CRASH")
    res = run("extract", tmp_path / "a.txt")
    assert res.exit_code == 2
    assert res.stderr == ("quotegraph: unexpected error: RuntimeError: boom "
                          "(set QUOTEGRAPH_DEBUG=1 for the traceback)\n")


# --- evaluate ------------------------------------------------------------------

GOLD = [
    {"id": "g1", "text": STORY, "quotes": [
        {"type": "direct", "content": [1, 23], "speaker": [25, 34], "speaker_name": None},
        {"type": "indirect", "content": [66, 98], "speaker": [51, 60], "speaker_name": None}]},
    {"id": "g2", "text": OTHER, "quotes": []},
]


def write_jsonl(path, recs):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return path


def test_evaluate_files(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    pred = write_jsonl(tmp_path / "pred.jsonl", [
        {"id": "g1", "text": STORY, "quotes": GOLD[0]["quotes"][:1]}])
    res = run("evaluate", gold, pred)
    assert res.exit_code == 0
    expected = score(GOLD, [{"id": "g1", "text": STORY, "quotes": GOLD[0]["quotes"][:1]}])
    assert res.stdout == format_table(expected) + "\n"
    res = run("evaluate", gold, pred, "--json", "--types", "direct,mixed")
    assert json.loads(res.stdout)["all"]["exact"] == {"p": 1.0, "r": 1.0, "f1": 1.0}
    assert json.loads(res.stdout)["missing_predictions"] == 1


def test_evaluate_runs_extraction_without_pred(tmp_path):
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    res = run("evaluate", gold, "--json")
    assert res.exit_code == 0, res.stderr
    out = json.loads(res.stdout)
    assert (out["articles"], out["missing_predictions"], out["all"]["gold"]) == (2, 0, 2)


@pytest.mark.parametrize("args, message", [
    (["missing.jsonl"], "quotegraph: missing.jsonl: no such file or directory"),
    (["GOLD", "--types", "direct,quoted"],
     "quotegraph: --types: unknown quote type quoted (choose from direct, indirect, mixed)"),
    (["BAD"], "quotegraph: BAD:2: invalid JSON (Expecting value at column 1)"),
    (["GOLD", "OTHERTEXT"], "quotegraph: prediction for g2 has a different text"),
    (["GOLD", "-m", "no_such_model_xyz"],
     "quotegraph: spaCy model 'no_such_model_xyz' not found: install it (see README), "
     "or name another with --model or QUOTEGRAPH_MODEL"),
])
def test_evaluate_errors(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    write_jsonl(tmp_path / "GOLD", GOLD)
    (tmp_path / "BAD").write_text(json.dumps(GOLD[0]) + "\nnot json\n")
    write_jsonl(tmp_path / "OTHERTEXT", [{"id": "g2", "text": "changed", "quotes": []}])
    res = run("evaluate", *args)
    assert res.exit_code == 2
    assert res.stderr == message + "\n"


# --- demo and the installed command -------------------------------------------------

def test_demo():
    res = run("demo")
    assert res.exit_code == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[0].startswith("quotegraph demo: examples/johnson-lavrov.txt, 3097 characters, model ")
    assert any(line.startswith("People") for line in lines)


def test_demo_unknown_model():
    res = run("demo", "--model", "no_such_model_xyz")
    assert res.exit_code == 2
    assert res.stderr.startswith("quotegraph: spaCy model 'no_such_model_xyz' not found")


def test_python_m_quotegraph_without_traceback(tmp_path):
    cmd = [sys.executable, "-m", "quotegraph"]
    out = subprocess.run(cmd + ["--version"], capture_output=True, text=True)
    assert (out.returncode, out.stdout) == (0, "quotegraph 0.1.0\n")
    out = subprocess.run(cmd + ["extract", str(tmp_path / "nope.txt")], capture_output=True,
                         text=True, stdin=subprocess.DEVNULL)
    assert out.returncode == 2
    assert out.stderr == f"quotegraph: {tmp_path / 'nope.txt'}: no such file or directory\n"


def test_extract_bad_inputs_never_stop_the_run(tmp_path):
    """A lone surrogate in JSONL, a file in another charset and an article over the size cap."""
    good = "“We will build homes,” the mayor said.\n"
    (tmp_path / "a.jsonl").write_text('{"id": "x", "text": "a \\ud800 b said \\u201cHi.\\u201d"}\n', encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("“Café prices will rise,” the mayor said.\n".encode("cp1252"))
    (tmp_path / "c.txt").write_text(good + "Word after word. " * 20 + "\n" + good, encoding="utf-8")
    res = run("extract", tmp_path / "a.jsonl", tmp_path / "b.txt", tmp_path / "c.txt", "--max-chars", "60")
    assert res.exit_code == 0
    assert res.stderr.splitlines() == [
        f"quotegraph: c: truncated: quotes extracted from the first {len(good)} of 419 characters (--max-chars)",
        "quotegraph: 3 records written; 1 truncated: c"]
    x, b, c = records(res.stdout)
    assert x["text"] == "a \ufffd b said “Hi.”" and b["meta"] == {"charset": "cp1252"}
    assert b["text"][slice(*b["quotes"][0]["content"])] == "Café prices will rise,"
    assert c["meta"]["truncated"] == {"at": len(good), "length": 419} and len(c["quotes"]) == 1


def test_extract_jobs_same_records_in_order(articles, monkeypatch):
    from quotegraph import parallel
    monkeypatch.setattr(parallel, "CHUNK", 1)  # one article per task: both workers get some
    one = run("extract", articles / "one.txt", articles / "more.jsonl")
    two = run("extract", "--jobs", "2", articles / "one.txt", articles / "more.jsonl")
    assert two.exit_code == 0, two.stderr
    assert [r["id"] for r in records(two.stdout)] == ["one", "j1", "more-2"]
    assert records(two.stdout) == records(one.stdout)
    assert any(r["quotes"] for r in records(two.stdout))


def test_extract_jobs_missing_model_one_line(articles):
    res = run("extract", "--jobs", "2", "--model", "no_such_model_xyz", articles / "one.txt")
    assert res.exit_code == 2
    assert res.stderr.strip().splitlines() == [
        "quotegraph: spaCy model 'no_such_model_xyz' not found: install it (see README), "
        "or name another with --model or QUOTEGRAPH_MODEL"]
