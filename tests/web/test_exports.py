"""Exports people open: CSV for spreadsheets (--excel), extract's CSV with the article's date,
outlet, title and url, JSON --with-text, and the annotated article as an HTML file of its own
(show -f html, extract -f html, /export/articles/{id}), opened in Chromium."""
from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from quotegraph import cli, csvfile
from quotegraph.commands import common

from .conftest import corpus_records, ingest, make_record

STORY = "“We will win,” Anna Berg said.\nThe match is on Sunday.\n"
META = {"id": "match", "date": "2024-06-01", "outlet": "Gazette", "title": "Zoë’s team", "url": "https://example.org/m"}


@pytest.fixture(autouse=True)
def shared_extractor(monkeypatch, extractor):
    real = common._new_extractor
    monkeypatch.setattr(common, "_new_extractor", lambda name: extractor if name == extractor.model else real(name))
    monkeypatch.delenv("QUOTEGRAPH_MODEL", raising=False)


def run(*args):
    return CliRunner().invoke(cli.app, [str(a) for a in args])


@pytest.fixture
def story(tmp_path):
    path = tmp_path / "match.jsonl"
    path.write_text(json.dumps(dict(META, text=STORY), ensure_ascii=False) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("exports") / "exports.db")
    records = corpus_records() + [make_record("formula", [("Max Roe", "=HYPERLINK(1) is no formula", "direct")],
                                              {"title": "Formulas", "date": "2024-06-02", "outlet": "Herald"})]
    ingest(path, records, None)
    return path


def test_extract_csv_has_the_article_columns(story):
    res = run("extract", story, "-f", "csv")
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [(r["id"], r["date"], r["outlet"], r["title"], r["url"], r["content"], r["speaker_name"]) for r in rows] == [
        ("match", "2024-06-01", "Gazette", "Zoë’s team", "https://example.org/m", "We will win,", "Anna Berg")]
    assert not res.stdout.startswith(csvfile.BOM)


def test_extract_csv_for_excel(story):
    res = run("extract", story, "-f", "csv", "--excel")
    assert res.exit_code == 0 and res.stdout.startswith(csvfile.BOM + "id,date,outlet,title,url,type,")
    assert "Zoë’s team" in res.stdout


def test_cells_that_would_be_formulas():
    assert [csvfile.cell(v, True) for v in ["=1+2", "+1", "-x", "@a", "plain", -3, None]] == \
        ["'=1+2", "'+1", "'-x", "'@a", "plain", -3, None]
    assert csvfile.cell("=1+2", False) == "=1+2"


def test_extract_json_with_text(story):
    plain = json.loads(run("extract", story).stdout)
    assert "content_text" not in plain["quotes"][0]
    res = run("extract", story, "-f", "json", "--with-text")
    (rec,) = json.loads(res.stdout)
    (q,) = rec["quotes"]
    assert (q["content_text"], q["cue_text"], q["speaker_text"], q["addressee_text"]) == \
        ("We will win,", "said", "Anna Berg", None)
    assert STORY[q["content"][0]:q["content"][1]] == q["content_text"] and STORY[q["cue"][0]:q["cue"][1]] == "said"


def test_quotes_and_export_for_excel(db, tmp_path):
    res = run("quotes", "--db", db, "--article", "formula", "-f", "csv", "--excel")
    assert res.exit_code == 0 and res.stdout.startswith(csvfile.BOM)
    (row,) = list(csv.DictReader(io.StringIO(res.stdout.removeprefix(csvfile.BOM))))
    assert row["content"] == "'=HYPERLINK(1) is no formula"
    out = tmp_path / "quotes.csv"
    assert run("export", "--db", db, "-f", "csv", "-o", out, "--excel").exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith(csvfile.BOM + "quote_id,") and ",'=HYPERLINK(1) is no formula," in text
    assert run("people", "--db", db, "-f", "csv", "--excel").stdout.startswith(csvfile.BOM + "id,name,")


def test_show_html_is_a_file_of_its_own(db):
    res = run("show", "script-article", "--db", db, "-f", "html")
    assert res.exit_code == 0
    page = res.stdout
    assert page.startswith("<!doctype html>") and "<style>" in page and "<script" not in page
    assert "<title>&lt;script&gt;window.__qgPwned = 3&lt;/script&gt;Scripts</title>" in page
    assert 'href="/' not in page and "javascript:" not in page  # no link to the site, no script url
    assert '<span class="speaker c0" data-q="0" title="speaker: Eve Stone">Eve Stone</span>' in page
    assert run("show", "nope", "--db", db, "-f", "html").exit_code == 2


def test_extract_html(story, tmp_path):
    out = tmp_path / "match.html"
    assert run("extract", story, "-f", "html", "-o", out).exit_code == 0
    page = out.read_text(encoding="utf-8")
    assert "<h1 id=\"title-1\">Zoë’s team</h1>" in page and "<script" not in page
    assert ">We will win,</span>" in page and "<small>Anna Berg · direct · said · " in page


def test_export_route(client):
    r = client.get("/export/articles/bridge-2")
    assert r.status_code == 200 and r.headers["content-disposition"] == 'attachment; filename="bridge-2.html"'
    assert "<h1 id=\"title-1\">The bridge opens in May</h1>" in r.text and "<script" not in r.text
    assert client.get("/export/articles/nope").status_code == 404


def test_exported_file_in_chromium(page, live_server, tmp_path):
    page.goto(f"{live_server}/articles/bridge-2")
    with page.expect_download() as download:
        page.click("#export-html")
    path = tmp_path / "bridge-2.html"
    download.value.save_as(path)
    page.goto(path.as_uri())
    assert page.title() == "The bridge opens in May"
    direct = page.locator("#article-text .quote.direct")
    assert direct.count() == 2
    assert direct.evaluate_all("els => els.map(e => getComputedStyle(e).backgroundColor)") == ["rgb(219, 231, 255)", "rgb(255, 227, 204)"]  # the speakers' colours
    assert page.locator("#article-text .quote.indirect").evaluate("e => getComputedStyle(e).borderBottomStyle") == "dashed"
    assert page.locator("script").count() == 0 and page.locator("link[rel=stylesheet]").count() == 0
    assert page.locator(".quote-index li").all_inner_texts()[2].split("\n") == ["Nobody asked the town.",
                                                                                "Tom Hale · direct · said · 0.90"]


def test_api_csv_for_excel(client):
    r = client.get("/api/quotes", params={"q": "bridge", "format": "excel"})
    assert r.status_code == 200 and r.headers["content-disposition"] == 'attachment; filename="quotes.csv"'
    assert r.text.startswith(csvfile.BOM + "id,article_id,")
    assert client.get("/api/quotes", params={"q": "bridge", "format": "csv"}).text.startswith("id,article_id,")
    assert 'format=excel" download' in client.get("/search", params={"q": "bridge"}).text
