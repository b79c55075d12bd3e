"""The search language on the stores: SQLite FTS5, SQLite without it (LIKE), PostgreSQL."""
import pytest

from quotegraph.store.query import QueryError, search_quotes

from quotegraph.record import Article
from quotegraph.store.ingest import Ingest

from .helpers import Given, make_record, put

LINES = [  # (date, words): one article a day, oldest first
    ("2024-01-01", "The river, the river is rising again."),
    ("2024-01-02", "The wall along the river will be finished in June."),
    ("2024-01-03", "Wall Street bankers have never paid for the damage."),
    ("2024-01-04", "Walls do not stop floods."),
    ("2024-01-05", "We will build the bridge over the river."),
    ("2024-01-06", "The bridge is not finished."),
    ("2024-01-07", "Nobody asked the farmers about the dam."),
]


@pytest.fixture
def corpus(store):
    put(store, *[make_record(f"s{i}", [("Mara Quist", words)], {"date": date})
                 for i, (date, words) in enumerate(LINES)])
    return store


def found(store, contains, **kw):
    return [LINES.index(next(line for line in LINES if line[1] == r["content"])) for r in
            search_quotes(store, contains=contains, **kw)]


CASES = [  # newest first
    ("river", [4, 1, 0]),
    ("river -bridge", [1, 0]),
    ('"bridge over"', [4]),
    ('"over bridge"', []),
    ("farmers OR finished", [6, 5, 1]),
    ("bridge OR dam finished", [5]),
    ("-river -wall", [6, 5]),
    ('-"the river" finished', [5]),
    ("wall", [3, 2, 1]),
    ("(wall OR river)", [4, 3, 2, 1, 0]),
    ("NEAR(wall river)", []),
]


@pytest.mark.parametrize("contains,expected", CASES)
def test_the_language(corpus, contains, expected):
    assert found(corpus, contains) == expected


def test_case_sensitive(corpus):
    assert found(corpus, "wall", case=True) == [1]  # not Wall Street, nor Walls
    assert found(corpus, "Wall", case=True) == [2]
    assert found(corpus, "walls", case=True) == []
    assert found(corpus, "Walls OR wall", case=True) == [3, 1]
    assert found(corpus, "river -Wall", case=True) == [4, 1, 0]
    assert found(corpus, "river -wall", case=True) == [4, 0]


def test_relevance(corpus, monkeypatch):
    assert found(corpus, "river", order="relevance")[0] == 0  # twice in a short quote, the oldest
    assert sorted(found(corpus, "river -bridge", order="relevance")) == [0, 1]
    assert found(corpus, "-river -wall", order="relevance") == [6, 5]  # nothing to rank: by date
    from quotegraph.store import fulltext
    monkeypatch.setattr(fulltext, "RANK_CAP", 2)  # the last two stored ranked: 4 and 1, by date then
    assert found(corpus, "river", order="relevance") == [4, 1]
    with pytest.raises(QueryError, match="unknown order"):
        search_quotes(corpus, contains="river", order="best")


def test_without_the_full_text_index(tmp_path):
    from quotegraph.store import Store
    store = Store(str(tmp_path / "plain.db"))
    with store.begin() as c:
        for t in ("insert", "delete", "update"):
            c.exec_driver_sql(f"DROP TRIGGER quotes_fts_{t}")
        c.exec_driver_sql("DROP TABLE quotes_fts")
    store.close()
    store = Store(str(tmp_path / "plain.db"))
    records = [make_record(f"s{i}", [("Mara Quist", words)], {"date": date}) for i, (date, words) in enumerate(LINES)]
    Ingest(store, extractor=Given(records)).run(("test", Article(r.id, r.text, r.meta)) for r in records)
    for contains, expected in CASES:
        if contains not in ("river", '"over bridge"', "wall"):  # substrings, not words, with LIKE
            assert found(store, contains) == expected, contains
    assert found(store, "RIVER") == [4, 1, 0]
    assert found(store, "wall", case=True) == [1]
    assert found(store, "river", order="relevance") == [4, 1, 0]  # no index to rank by: newest first
    store.close()
