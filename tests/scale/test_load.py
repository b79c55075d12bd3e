"""Records extracted elsewhere (a Spark job, say) load into the store as an ingest would store them."""
from __future__ import annotations

import json

from quotegraph.record import Article
from quotegraph.scale.batch import extract_batch
from quotegraph.scale.load import load_records
from quotegraph.store.db import Store
from quotegraph.store.ingest import Ingest

from .test_dask_engine import rows

ARTICLES = [{"id": "a", "text": "“We will win,” said Ann Lee. Bob Day told reporters he disagreed.",
             "meta": {"outlet": "Gazette", "date": "2024-02-03"}},
            {"id": "b", "text": "Bob Day said the vote would go ahead.", "meta": {}}]


def test_records_from_extract_batch_load_like_an_ingest(tmp_path, extractor, monkeypatch):
    from quotegraph.scale import batch
    monkeypatch.setitem(batch._EXTRACTORS, None, extractor)  # this process's model: the shared one
    recs = extract_batch(ARTICLES)
    assert [r["id"] for r in recs] == ["a", "b"] and recs[0]["quotes"]
    part = tmp_path / "part-00000.txt"
    part.write_text("\n".join(json.dumps(r) for r in recs) + "\n{oops\n", encoding="utf-8")
    with Store(str(tmp_path / "loaded.db")) as store:
        s = load_records(store, [str(tmp_path / "part-*.txt")])
    assert (s.ingested, s.failed) == (2, 1)
    with Store(str(tmp_path / "ingested.db")) as store:
        Ingest(store, extractor=extractor).run(("x", Article(a["id"], a["text"], a["meta"])) for a in ARTICLES)
    loaded, ingested = rows(str(tmp_path / "loaded.db")), rows(str(tmp_path / "ingested.db"))
    for table in ingested:
        if table != "articles":  # there the source file differs, as it should
            assert loaded[table] == ingested[table], table
    assert [r[:5] for r in loaded["articles"]] == [r[:5] for r in ingested["articles"]]
