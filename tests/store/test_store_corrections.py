"""Corrections made by hand: applied at once, kept through re-ingest and --force, listed with
who and when, exported and applied to another database; the summary stays exact."""
import json

import pytest
from sqlalchemy import select

from quotegraph.store import Store
from quotegraph.store import corrections as cx
from quotegraph.store.people import apply_aliases
from quotegraph.store.schema import articles, mentions, people, quotes

from .helpers import make_record, people_names, put, speaker_of
from .test_store_summary import check

A1 = [("Anna Berg", "We will build it."), ("Tom Hale", "It is too dear."), ("Anna Berg", "Soon.")]
A2 = [("Sergey Lavrov", "We are ready.")]
A3 = [("Sergei Lavrov", "We are not ready."), ("Acme Bank", "Rates stay.")]


def corpus(store, force=False):
    return put(store, make_record("a1", A1, {"date": "2024-05-02"}), make_record("a2", A2),
               make_record("a3", A3), force=force)


def kinds(store) -> dict:
    with store.connect() as c:
        return dict(c.execute(select(people.c.name, people.c.kind)).all())


def idxs(c, article_id: str) -> list:
    return c.execute(select(quotes.c.idx).where(quotes.c.article_id == article_id)
                     .order_by(quotes.c.idx)).scalars().all()


def test_speaker_and_wrong_survive_force_and_changed_text(store):
    corpus(store)
    with store.begin() as c:
        done = cx.correct_speaker(c, "a1", 1, "Ivo Kral", author="ed", note="Kral said it")
        gone = cx.mark_wrong(c, "a1", 2, author="ed")
    assert (done["status"], done["person"], done["value"], done["quote_text"]) == \
        ("applied", "Tom Hale", "Ivo Kral", "It is too dear.")
    assert gone["status"] == "applied" and gone["quote_text"] == "Soon."
    assert speaker_of(store, "a1", 1) == "Ivo Kral"
    assert "Tom Hale" in people_names(store)  # he still has his mention
    with store.connect() as c:
        assert idxs(c, "a1") == [0, 1]
        assert c.execute(select(articles.c.quote_count).where(articles.c.id == "a1")).scalar() == 2
    check(store)
    corpus(store, force=True)  # re-extracted: the corrections are applied again
    assert speaker_of(store, "a1", 1) == "Ivo Kral"
    with store.connect() as c:
        assert idxs(c, "a1") == [0, 1]
    check(store)
    # the article comes back with a line more at the top: the quote is found by its words
    put(store, make_record("a1", [("Ann Other", "First.")] + A1, {"date": "2024-05-02"}))
    assert speaker_of(store, "a1", 2) == "Ivo Kral"
    with store.connect() as c:
        assert c.execute(select(quotes.c.content).where(quotes.c.article_id == "a1")
                         .order_by(quotes.c.idx)).scalars().all() == ["First.", "We will build it.",
                                                                      "It is too dear."]
    check(store)


def test_merge_split_kind_survive_force(store):
    corpus(store)
    assert people_names(store) == ["Acme Bank", "Anna Berg", "Sergey Lavrov", "Tom Hale"]
    with store.begin() as c:
        cx.split_person(c, "Sergey Lavrov", ["Sergei Lavrov"], new_name="Sergei Lavrov Jr", author="ed")
        cx.merge_people(c, "Tom Hale", "Anna Berg", author="ed")
        cx.set_kind(c, "Acme Bank", "organisation", author="ed")
    expected = ["Acme Bank", "Anna Berg", "Sergei Lavrov Jr", "Sergey Lavrov"]
    assert people_names(store) == expected
    assert speaker_of(store, "a3", 0) == "Sergei Lavrov Jr" and speaker_of(store, "a2") == "Sergey Lavrov"
    assert speaker_of(store, "a1", 1) == "Anna Berg"
    assert kinds(store)["Acme Bank"] == "organisation"
    check(store)
    corpus(store, force=True)
    assert people_names(store) == expected
    assert speaker_of(store, "a3", 0) == "Sergei Lavrov Jr" and speaker_of(store, "a1", 1) == "Anna Berg"
    assert kinds(store)["Acme Bank"] == "organisation"
    with store.connect() as c:  # the merged name's mentions point at the person merged into
        assert c.execute(select(people.c.name).join(mentions, mentions.c.person_id == people.c.id)
                         .where(mentions.c.name == "Tom Hale")).scalar() == "Anna Berg"
    check(store)
    put(store, make_record("a4", [("Tom Hale", "Again.")]))  # a new article: the merge holds
    assert speaker_of(store, "a4") == "Anna Berg"
    with store.begin() as c:  # the aliases file does not undo them: they come after it
        apply_aliases(c, [("Sergei Lavrov", "Sergey Lavrov")])
        cx.reapply(c)
    assert speaker_of(store, "a3", 0) == "Sergei Lavrov Jr"


def test_bad_corrections_are_refused(store):
    corpus(store)
    with store.begin() as c:
        with pytest.raises(cx.CorrectionError, match=r"a1: no quote #9"):
            cx.mark_wrong(c, "a1", 9, author="ed")
        with pytest.raises(cx.CorrectionError, match="no person named 'Nobody'"):
            cx.merge_people(c, "Nobody", "Anna Berg", author="ed")
        with pytest.raises(cx.CorrectionError, match="already the same person"):
            cx.merge_people(c, "Sergei Lavrov", "Sergey Lavrov", author="ed")
        with pytest.raises(cx.CorrectionError, match="unknown kind 'robot'"):
            cx.set_kind(c, "Anna Berg", "robot", author="ed")
        with pytest.raises(cx.CorrectionError, match="never named 'Ivo Kral'"):
            cx.split_person(c, "Anna Berg", ["Ivo Kral"], author="ed")
        with pytest.raises(cx.CorrectionError, match="own name"):
            cx.split_person(c, "Anna Berg", ["Anna Berg"], author="ed")
        assert cx.list_corrections(c) == []


def test_list_export_and_import_to_another_database(store, tmp_path):
    corpus(store)
    with store.begin() as c:
        cx.correct_speaker(c, "a1", 0, "Tom Hale", author="ed", note="checked the tape")
        cx.merge_people(c, "Sergei Lavrov", "Anna Berg", author="jo")  # a silly one, to see it move
    with store.connect() as c:
        listed = cx.list_corrections(c)
        data = cx.export_json(c)
    assert [(x["action"], x["author"], x["status"]) for x in listed] == [("merge", "jo", "applied"),
                                                                        ("speaker", "ed", "applied")]
    assert listed[1]["created_at"] and cx.describe(listed[1]) == \
        "a1 #0: said by Tom Hale (was Anna Berg)"
    assert data["format"] == "quotegraph-corrections"
    assert [x["action"] for x in data["corrections"]] == ["speaker", "merge"]
    json.dumps(data)
    other = Store(str(tmp_path / "other.db"))
    try:
        put(other, make_record("a1", A1, {"date": "2024-05-02"}))  # a2, a3 are not there yet
        with other.begin() as c:
            assert cx.import_json(c, data) == (2, 1, 0)
            assert cx.import_json(c, data) == (0, 0, 2)
            assert [x["status"] for x in cx.list_corrections(c)] == [
                "pending: no person named 'Sergey Lavrov'", "applied"]
        assert speaker_of(other, "a1", 0) == "Tom Hale"
        put(other, make_record("a3", A3))  # the ingest applies what was waiting: Sergey Lavrov
        # is not in this database, but he was also named Sergei Lavrov
        assert speaker_of(other, "a3", 0) == "Anna Berg"
        with other.connect() as c:
            assert [x["status"] for x in cx.list_corrections(c)] == ["applied", "applied"]
        check(other)
        with other.begin() as c, pytest.raises(cx.CorrectionError, match="not a quotegraph corrections file"):
            cx.import_json(c, {"items": []}, "x.json")
    finally:
        other.close()
