"""Export: quote rows and article records, as JSON Lines, CSV and Parquet, page by page."""
import csv
import io
import json

import pytest

from quotegraph.record import Record
from quotegraph.store.export import QUOTE_FIELDS, ExportError, export, iter_article_records, iter_quote_rows

from .helpers import put
from .test_store_query import RECORDS


@pytest.fixture
def corpus(store):
    put(store, *RECORDS)
    return store


def test_article_records_round_trip(corpus):
    recs = list(iter_article_records(corpus, page=3))  # two pages
    assert [r["id"] for r in recs] == ["r1", "r2", "r3", "r4"]
    assert [Record.from_dict(r) for r in recs] == RECORDS


def test_quote_rows_page_by_page(corpus):
    rows = list(iter_quote_rows(corpus, page=2))
    assert [r["quote_id"] for r in rows] == sorted(r["quote_id"] for r in rows)
    assert len(rows) == 7 and list(rows[0]) == QUOTE_FIELDS
    assert {k: rows[0][k] for k in ("article_id", "date", "outlet", "url", "speaker", "content")} == {
        "article_id": "r1", "date": "2024-03-05", "outlet": "Gazette", "url": "https://g.example/r1",
        "speaker": "Sergey Lavrov", "content": "We are ready to talk."}


def test_export_jsonl_and_csv(corpus, tmp_path):
    assert export(corpus, "jsonl", "quotes", tmp_path / "q.jsonl") == 7
    lines = (tmp_path / "q.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["content"] for x in lines][-1] == "They had established trust."
    out = io.StringIO()
    assert export(corpus, "csv", "quotes", out) == 7
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == QUOTE_FIELDS and rows[1]["speaker"] == "Boris Johnson"
    assert export(corpus, "jsonl", "articles", tmp_path / "a.jsonl") == 4
    recs = [Record.from_dict(json.loads(x)) for x in (tmp_path / "a.jsonl").read_text().splitlines()]
    assert recs == RECORDS
    out = io.StringIO()
    export(corpus, "csv", "articles", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["id"] for r in rows] == ["r1", "r2", "r3", "r4"]
    assert len(json.loads(rows[3]["quotes"])) == 2 and rows[3]["outlet"] == "Herald"


def test_export_parquet(corpus, tmp_path):
    import pyarrow.parquet as pq
    assert export(corpus, "parquet", "quotes", tmp_path / "q.parquet", batch=3) == 7
    table = pq.read_table(tmp_path / "q.parquet")
    assert table.column_names == QUOTE_FIELDS and table.num_rows == 7
    assert table.column("speaker").to_pylist()[:2] == ["Sergey Lavrov", "Boris Johnson"]
    assert export(corpus, "parquet", "articles", tmp_path / "a.parquet") == 4
    assert pq.read_table(tmp_path / "a.parquet").column("id").to_pylist() == ["r1", "r2", "r3", "r4"]


def test_export_errors(corpus, tmp_path):
    with pytest.raises(ExportError, match="unknown format 'xml'"):
        export(corpus, "xml", "quotes", tmp_path / "x")
    with pytest.raises(ExportError, match="unknown layout 'people'"):
        export(corpus, "csv", "people", tmp_path / "x")


def test_failed_article_record(store):
    put(store, Record(id="f1", text="Broken.", error="extraction failed: boom"))
    (rec,) = iter_article_records(store)
    assert rec["error"] == "extraction failed: boom" and rec["quotes"] == []
    assert Record.from_dict(rec) == Record(id="f1", text="Broken.", error="extraction failed: boom")
