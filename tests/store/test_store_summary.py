"""The per-person summary (person_stats, person_months, person_articles, person_pairs) always
equals a GROUP BY over the quotes: after ingest, re-ingest, merges and splits of people, the
aliases file, direct changes to quotes, and when an older store is migrated."""
from sqlalchemy import text

from quotegraph.store import Store
from quotegraph.store.db import summary_triggers
from quotegraph.store.integrity import SUMMARY_FROM_QUOTES, SUMMARY_KEPT
from quotegraph.store.people import apply_aliases, read_aliases

from .helpers import make_record, people_names, put, speaker_of

SHORT = {"person_stats": "stats", "person_months": "months", "person_articles": "articles",
         "person_pairs": "pairs"}
DIRECT = {SHORT[t]: q for t, q in SUMMARY_FROM_QUOTES.items()}
KEPT = {SHORT[t]: q for t, q in SUMMARY_KEPT.items()}


def check(store) -> dict:
    """Asserts the kept summary equals the one computed from the quotes; returns it."""
    with store.connect() as c:
        direct = {k: sorted(tuple(r) for r in c.execute(text(q))) for k, q in DIRECT.items()}
        kept = {k: sorted(tuple(r) for r in c.execute(text(q))) for k, q in KEPT.items()}
    assert kept == direct
    return kept


def stats(store, name: str):
    with store.connect() as c:
        return c.execute(text("SELECT s.quotes, s.articles FROM person_stats s JOIN people p "
                              "ON p.id = s.person_id WHERE p.name = :n"), {"n": name}).one_or_none()


def test_summary_after_ingest_and_reingest(store):
    put(store,
        make_record("a1", [("Anna Berg", "One."), ("Tom Hale", "Two."), ("Anna Berg", "Three.")],
                    {"date": "2024-05-02"}),
        make_record("a2", [("Anna Berg", "Four."), (["Tom Hale", "Ivo Kral"], "Five.", "indirect"),
                           ("Ivo Kral", "Six.")], {"date": "2024-06-30"}),
        make_record("a3", [("Tom Hale", "Seven."), ("Ivo Kral", "Eight.")]))  # no date
    kept = check(store)
    assert stats(store, "Anna Berg") == (3, 2)
    assert len(kept["pairs"]) == 6  # Anna-Tom (a1), Anna-Ivo (a2), Tom-Ivo (a3), both ways
    assert ("", 1) in [(m, n) for _, m, n in kept["months"]]
    # the same id with another text replaces the article: its quotes go, the new ones come
    put(store, make_record("a1", [("Tom Hale", "Nine.")], {"date": "2024-07-01"}))
    check(store)
    assert stats(store, "Anna Berg") == (1, 1)
    put(store, make_record("a2", [("Zed Quill", "Ten.")], {"date": "2024-07-01"}))
    check(store)
    assert stats(store, "Anna Berg") is None


def test_summary_after_merges_and_splits(store):
    # "Lavrov" alone, then a full name: his one-word quotes move to the full name (a merge)
    put(store, make_record("l1", [("Lavrov", "Later."), ("Boris Johnson", "No.")], {"date": "2024-01-05"}))
    put(store, make_record("l2", [("Sergey Lavrov", "Now."), ("Boris Johnson", "Yes.")], {"date": "2024-02-05"}))
    assert speaker_of(store, "l1") == "Sergey Lavrov"
    check(store)
    assert stats(store, "Sergey Lavrov") == (2, 2)
    # "Clinton" goes with Bill until Hillary arrives: then it is a person of its own (a split)
    put(store, make_record("c1", [("Bill Clinton", "One."), ("Boris Johnson", "Two.")]),
        make_record("c2", [("Clinton", "Three."), ("Boris Johnson", "Four.")]))
    assert speaker_of(store, "c2") == "Bill Clinton"
    check(store)
    put(store, make_record("c3", [("Hillary Clinton", "Five.")]))
    assert speaker_of(store, "c2") == "Clinton"
    check(store)
    assert stats(store, "Bill Clinton") == (1, 1)


def test_summary_after_the_aliases_file(store, tmp_path):
    put(store, make_record("a1", [("Bill Clinton", "One."), ("Sergey Lavrov", "Eh.")]),
        make_record("a2", [("William Clinton", "Two."), ("Sergey Lavrov", "Oh.")]),
        make_record("a3", [("Sergei Lavrov", "Four."), ("Bill Clinton", "Ah.")]))
    check(store)
    f = tmp_path / "aliases.csv"
    f.write_text("Bill Clinton, William Clinton\nSergei Lavrov\n", encoding="utf-8")
    with store.begin() as c:
        apply_aliases(c, read_aliases(f))
    assert people_names(store) == ["Bill Clinton", "Sergei Lavrov", "Sergey Lavrov"]
    check(store)
    assert stats(store, "Bill Clinton") == (3, 3)


def test_summary_after_direct_changes(store):
    put(store, make_record("a1", [("Anna Berg", "One."), ("Tom Hale", "Two.")], {"date": "2024-05-02"}),
        make_record("a2", [("Anna Berg", "Three."), ("Tom Hale", "Four.")], {"date": "2024-06-02"}))
    with store.begin() as c:  # one statement changing many rows at once, each way
        c.execute(text("UPDATE quotes SET date = '2023-01-01' WHERE article_id = 'a1'"))
        c.execute(text("UPDATE quotes SET person_id = (SELECT min(person_id) FROM quotes)"))
    check(store)
    with store.begin() as c:
        c.execute(text("UPDATE quotes SET person_id = NULL WHERE idx = 0"))
        c.execute(text("DELETE FROM quotes WHERE article_id = 'a2'"))
    check(store)
    with store.begin() as c:
        c.execute(text("DELETE FROM quotes"))
    assert check(store) == {"stats": [], "months": [], "articles": [], "pairs": []}


def test_an_older_store_is_migrated_with_its_summary(db_url):
    store = Store(db_url)
    put(store, make_record("a1", [("Anna Berg", "One."), ("Tom Hale", "Two.")], {"date": "2024-05-02"}),
        make_record("a2", [("Anna Berg", "Three."), ("Ivo Kral", "Four.")]))
    with store.begin() as c:  # back to schema version 2
        summary_triggers(c, store.dialect, False)
        for t in ("person_stats", "person_months", "person_articles", "person_pairs"):
            c.execute(text(f"DROP TABLE {t}"))
        c.execute(text("DELETE FROM schema_migrations WHERE version >= 3"))
    store.close()
    store = Store(db_url)  # migrates: the tables, filled from the quotes, and their triggers
    kept = check(store)
    assert len(kept["pairs"]) == 4
    put(store, make_record("a3", [("Ivo Kral", "Five."), ("Tom Hale", "Six.")]))
    check(store)
    assert stats(store, "Ivo Kral") == (2, 2)
    store.close()


def test_person_page_summary_reads_it(store):
    from quotegraph.web.queries import person_quotes, person_summary
    put(store,
        make_record("a1", [("Anna Berg", "One."), ("Tom Hale", "Two."), ("Anna Berg", "Three.")],
                    {"date": "2024-05-02"}),
        make_record("a2", [("Anna Berg", "Four."), ("Ivo Kral", "Five.")], {"date": "2024-06-30"}),
        make_record("a3", [("Anna Berg", "Six."), ("Ivo Kral", "Seven.")]),  # no date
        make_record("a4", [("Zed Quill", "Eight.")], {"date": "2023-01-09"}))
    with store.connect() as c:
        ids = dict(c.execute(text("SELECT name, id FROM people")).all())
    p = person_summary(store, ids["Anna Berg"])
    assert (p["name"], p["quote_count"], p["article_count"]) == ("Anna Berg", 4, 3)
    assert (p["first_date"], p["last_date"]) == ("2024-05-02", "2024-06-30")
    assert p["by_month"] == [{"month": "2024-05", "quotes": 2}, {"month": "2024-06", "quotes": 1},
                             {"month": None, "quotes": 1}]
    assert p["co_quoted"] == [{"id": ids["Ivo Kral"], "name": "Ivo Kral", "articles": 2},
                              {"id": ids["Tom Hale"], "name": "Tom Hale", "articles": 1}]
    assert len(person_quotes(store, ids["Anna Berg"])) == 4
    assert person_summary(store, ids["Zed Quill"])["co_quoted"] == []
    assert person_summary(store, 999999) is None
