"""Queries: people, quotes with filters and pages, a person, an article, the overview."""
import pytest

from quotegraph.store.query import (QueryError, count_quotes, date_bound, find_people, get_article,
                                    get_person, list_articles, list_people, overview, search_quotes)

from .helpers import make_record, put

RECORDS = [
    make_record("r1", [("Sergey Lavrov", "We are ready to talk."), ("Boris Johnson", "Trust, but verify.")],
                {"date": "2024-03-05", "outlet": "Gazette", "title": "Talks", "url": "https://g.example/r1"}),
    make_record("r2", [("Sergei Lavrov", "Relations are at a low point.")],
                {"date": "2024-03-20", "outlet": "Herald"}),
    make_record("r3", [("Boris Johnson", "We will not back down."),
                       ("Hillary Clinton", "Talks must go on.", "mixed")],
                {"date": "2024-04-02", "outlet": "Gazette"}),
    make_record("r4", [("Lavrov", "No comment."),
                       (["Boris Johnson", "Sergey Lavrov"], "They had established trust.", "indirect")],
                {"outlet": "Herald"}),
]


@pytest.fixture
def corpus(store):
    put(store, *RECORDS)
    return store


def pid(store, name):
    (found,) = [p["id"] for p in list_people(store, limit=None) if p["name"] == name]
    return found


def test_list_people(corpus):
    got = [(p["name"], p["quotes"], p["articles"], p["first_date"], p["last_date"])
           for p in list_people(corpus)]
    assert got == [("Sergey Lavrov", 3, 3, "2024-03-05", "2024-03-20"),
                   ("Boris Johnson", 2, 2, "2024-03-05", "2024-04-02"),
                   ("Hillary Clinton", 1, 1, "2024-04-02", "2024-04-02")]
    assert [(p["name"], p["quotes"]) for p in list_people(corpus, outlet="Gazette")] == [
        ("Boris Johnson", 2), ("Hillary Clinton", 1), ("Sergey Lavrov", 1)]
    assert [p["name"] for p in list_people(corpus, since="2024-04")] == ["Boris Johnson", "Hillary Clinton"]
    assert [p["name"] for p in list_people(corpus, until="2024-03", limit=1)] == ["Sergey Lavrov"]
    assert [p["name"] for p in list_people(corpus, limit=1, offset=1)] == ["Boris Johnson"]


def test_find_people(corpus):
    assert find_people(corpus, "Sergei Lavrov") == find_people(corpus, "sergey lavrov") == [pid(corpus, "Sergey Lavrov")]
    assert find_people(corpus, "Clinton") == [pid(corpus, "Hillary Clinton")]
    assert find_people(corpus, "hillary") == [pid(corpus, "Hillary Clinton")]  # a part of the name
    assert find_people(corpus, "Nobody Atall") == []


def texts(rows):
    return [r["content"] for r in rows]


def test_search_quotes_filters(corpus):
    assert texts(search_quotes(corpus, speakers=["Lavrov"])) == [
        "Relations are at a low point.", "We are ready to talk.", "No comment."]  # undated last
    assert texts(search_quotes(corpus, contains="back down")) == ["We will not back down."]
    assert texts(search_quotes(corpus, contains="RELATIONS")) == ["Relations are at a low point."]
    assert texts(search_quotes(corpus, contains="talks")) == ["Talks must go on.", "We are ready to talk."]
    assert texts(search_quotes(corpus, type="mixed")) == ["Talks must go on."]
    assert texts(search_quotes(corpus, type="indirect", outlet="Herald")) == ["They had established trust."]
    assert texts(search_quotes(corpus, since="2024-03-06", until="2024-03-31")) == [
        "Relations are at a low point."]
    assert texts(search_quotes(corpus, article_id="r1")) == ["We are ready to talk.", "Trust, but verify."]
    both = search_quotes(corpus, speakers=["Johnson", "Lavrov"], together=True)
    assert {r["article_id"] for r in both} == {"r1"} and len(both) == 2
    assert texts(search_quotes(corpus, limit=2, offset=1)) == [
        "Talks must go on.", "Relations are at a low point."]
    assert count_quotes(corpus) == 7
    assert count_quotes(corpus, speakers=["Lavrov"], since="2024") == 2


def test_quote_rows(corpus):
    (row,) = search_quotes(corpus, contains="verify")
    assert {k: row[k] for k in ("article_id", "idx", "date", "outlet", "type", "speaker", "cue",
                                "speaker_text", "title", "url", "confidence")} == {
        "article_id": "r1", "idx": 1, "date": "2024-03-05", "outlet": "Gazette", "type": "direct",
        "speaker": "Boris Johnson", "cue": "said", "speaker_text": "Boris Johnson", "title": "Talks",
        "url": "https://g.example/r1", "confidence": 0.9}
    (group,) = search_quotes(corpus, type="indirect")
    assert (group["speaker"], group["person_id"]) == ("Boris Johnson; Sergey Lavrov", None)


def test_bad_arguments():
    with pytest.raises(QueryError):
        date_bound("March", False)
    assert date_bound("2024-02", True) == "2024-02-31"
    assert date_bound("2024", False) == "2024-01-01"


def test_bad_type(corpus):
    with pytest.raises(QueryError, match="unknown quote type 'quoted'"):
        search_quotes(corpus, type="quoted")


def test_get_person(corpus):
    p = get_person(corpus, pid(corpus, "Sergey Lavrov"))
    assert (p["name"], p["kind"], p["aliases"], p["quote_count"], p["article_count"]) == (
        "Sergey Lavrov", "person", ["Sergei Lavrov"], 3, 3)
    assert texts(p["quotes"]) == ["Relations are at a low point.", "We are ready to talk.", "No comment."]
    assert p["by_month"] == [{"month": "2024-03", "quotes": 2}, {"month": None, "quotes": 1}]
    assert [(c["name"], c["articles"]) for c in p["co_quoted"]] == [("Boris Johnson", 1)]
    assert texts(get_person(corpus, p["id"], limit=1, offset=2)["quotes"]) == ["No comment."]
    assert get_person(corpus, 10**6) is None


def test_get_article(corpus):
    a = get_article(corpus, "r4")
    assert (a["id"], a["outlet"], a["date"], a["status"], a["meta"]) == ("r4", "Herald", None, "ok",
                                                                      {"outlet": "Herald"})
    assert texts(a["quotes"]) == ["No comment.", "They had established trust."]
    assert [(p["name"], p["kind"], p["person_name"], p["match"]) for p in a["people"]] == [
        ("Lavrov", "person", "Sergey Lavrov", "surname"),
        ("Boris Johnson", "person", "Boris Johnson", "exact"),
        ("Sergey Lavrov", "person", "Sergey Lavrov", "exact"),
        ("Boris Johnson and Sergey Lavrov", "group", None, "group")]
    assert get_article(corpus, "nope") is None
    assert [r["id"] for r in list_articles(corpus)] == ["r3", "r2", "r1", "r4"]


def test_overview(corpus):
    o = overview(corpus)
    assert {k: v for k, v in o.items() if k != "runs"} == {
        "articles": 4, "failed_articles": 0, "quotes": 7,
        "quotes_by_type": {"direct": 5, "mixed": 1, "indirect": 1},
        "people": 3, "quoted_people": 3, "outlets": 2, "first_date": "2024-03-05", "last_date": "2024-04-02"}
    assert [(r["status"], r["articles"], r["quotes"]) for r in o["runs"]] == [("done", 4, 7)]


@pytest.mark.parametrize("few,many", [(1, 10**6), (1, 2)])
def test_frequent_words_walk_the_date_index_with_the_same_result(corpus, monkeypatch, few, many):
    from quotegraph.store import fulltext
    expected = {w: texts(search_quotes(corpus, contains=w)) for w in ("talks", "we", "no")}
    monkeypatch.setattr(fulltext, "FTS_FEW", few)
    monkeypatch.setattr(fulltext, "FTS_MANY", many)
    for w, rows in expected.items():
        assert texts(search_quotes(corpus, contains=w)) == rows
    assert texts(search_quotes(corpus, contains="we", limit=1, offset=1)) == ["We are ready to talk."]
    assert expected["we"] == ["We will not back down.", "We are ready to talk."]


def test_quotes_by_kind(store):
    rec = make_record("k1", [("Ana Ruiz", "The plan works."), ("Ana Ruiz", "Costs will fall."),
                             ("Ana Ruiz", "Will it pass?")], {"date": "2024-06-01"})
    for q, kind in zip(rec.quotes, ("speech", "belief", "question")):
        q.kind = kind
    put(store, rec)
    words = lambda **f: [q["content"] for q in search_quotes(store, **f)]  # noqa: E731
    assert words(kind="belief") == ["Costs will fall."]
    assert words(kind="said") == ["The plan works."]
    assert words(kind=["speech", "question"], article_id="k1") == ["The plan works.", "Will it pass?"]
    assert words(kind="all", contains="plan") == ["The plan works."]
    assert words(kind="belief,question", contains="pass") == ["Will it pass?"]
    assert count_quotes(store, kind="question") == 1
    with pytest.raises(QueryError, match="unknown quote kind 'rumour'"):
        search_quotes(store, kind="rumour")
    assert [q["kind"] for q in get_article(store, "k1")["quotes"]] == ["speech", "belief", "question"]
