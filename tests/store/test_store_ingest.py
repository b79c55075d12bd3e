"""Ingest: counts, idempotence, replacement, failures, interruption, article metadata."""
import json

import pytest
from sqlalchemy import func, select

from quotegraph.inputs import InputError
from quotegraph.record import Article
from quotegraph.store.ingest import Ingest, article_fields, ingest, iso_date
from quotegraph.store.schema import articles, mentions, quotes, runs

from .helpers import FakeExtractor, article


def write_corpus(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Ann Lee: We will win.\nBob Day: No.\n", encoding="utf-8")
    (tmp_path / "in" / "b.jsonl").write_text(
        json.dumps({"id": "b1", "text": "Ann Lee: Again.\n", "outlet": "Gazette", "date": "2024-03-05",
                    "url": "https://www.example.com/b1", "title": "Again"}) + "\n"
        + "not json\n"
        + json.dumps({"id": "b2", "text": "Nothing said here.\n"}) + "\n", encoding="utf-8")
    return tmp_path / "in"


def counts(store):
    with store.connect() as c:
        n = lambda t: c.execute(select(func.count()).select_from(t)).scalar()  # noqa: E731
        return n(articles), n(quotes), n(mentions)


def test_ingest_a_folder_then_again(store, tmp_path):
    folder = write_corpus(tmp_path)
    problems = []
    s = ingest(store, [str(folder)], extractor=FakeExtractor(),
               on_problem=lambda w, m: problems.append((w, m)))
    assert (s.ingested, s.failed, s.skipped, s.quotes, s.new_people) == (3, 1, 0, 3, 2)
    assert problems == [(f"{folder}/b.jsonl:2", "invalid JSON (Expecting value at column 1)")]
    assert counts(store) == (3, 3, 3)
    with store.connect() as c:
        rows = c.execute(select(articles.c.id, articles.c.source_file, articles.c.outlet,
                                articles.c.date, articles.c.url, articles.c.title, articles.c.status,
                                articles.c.quote_count).order_by(articles.c.id)).all()
        assert [tuple(r) for r in rows] == [
            ("a", f"{folder}/a.txt", None, None, None, None, "ok", 2),
            ("b1", f"{folder}/b.jsonl", "Gazette", "2024-03-05", "https://www.example.com/b1", "Again", "ok", 1),
            ("b2", f"{folder}/b.jsonl", None, None, None, None, "ok", 0)]
        run = c.execute(select(runs)).one()
        assert (run.status, run.articles, run.quotes, run.failed, run.skipped, run.model) == (
            "done", 4, 3, 1, 0, "fake")
    again = ingest(store, [str(folder)], extractor=FakeExtractor())
    assert (again.ingested, again.failed, again.skipped, again.quotes) == (0, 1, 3, 0)
    assert counts(store) == (3, 3, 3)
    forced = ingest(store, [str(folder)], extractor=FakeExtractor(), force=True)
    assert (forced.ingested, forced.skipped, forced.quotes, forced.new_people) == (3, 0, 3, 0)
    assert counts(store) == (3, 3, 3)


def test_changed_text_replaces_the_article(store):
    run = lambda *arts: Ingest(store, extractor=FakeExtractor()).run(("x", a) for a in arts)  # noqa: E731
    run(article("n1", "Ann Lee: First.", "Bob Day: Second."), article("n2", "Cy Oz: Hi."))
    s = run(article("n1", "Ann Lee: Changed."), article("n2", "Cy Oz: Hi."))
    assert (s.ingested, s.skipped, s.quotes) == (1, 1, 1)
    assert counts(store) == (2, 2, 2)
    with store.connect() as c:
        assert c.execute(select(quotes.c.content).order_by(quotes.c.article_id)).scalars().all() == [
            "Changed.", "Hi."]
        # Bob Day is quoted nowhere any more: his row went with the old text
        assert c.exec_driver_sql("SELECT name FROM people ORDER BY name").scalars().all() == [
            "Ann Lee", "Cy Oz"]


def test_failed_articles_are_stored_and_repeated_ids_left_out(store):
    problems = []
    s = Ingest(store, extractor=FakeExtractor(), on_problem=lambda w, m: problems.append((w, m))).run(
        [("f", article("ok", "Ann Lee: Fine.")), ("f", article("bad", "BOOM")),
         ("f", article("ok", "Ann Lee: Fine.")), ("g", article("ok", "Ann Lee: Other text.")),
         ("h", InputError("h:3", "invalid JSON"))])
    assert (s.ingested, s.failed, s.skipped) == (1, 3, 1)
    assert s.failure_percent == 75.0
    assert problems == [
        ("g: ok", "another article with this id was read before in this run; this one is left out"),
        ("h:3", "invalid JSON"), ("bad", "extraction failed: boom")]
    with store.connect() as c:
        assert c.execute(select(articles.c.status, articles.c.error).where(articles.c.id == "bad")).one() == (
            "failed", "extraction failed: boom")


def test_a_failed_article_is_tried_again_by_the_next_run(store):
    """A failure may be passing (a time-out on a busy machine, a worker that died): a rerun retries it."""
    first = Ingest(store, extractor=FakeExtractor()).run([("f", article("a", "BOOM")), ("f", article("b", "Ann Lee: Hi."))])
    assert (first.ingested, first.failed) == (1, 1)

    class Recovered(FakeExtractor):
        def extract_many(self, arts, limits=None):
            return super().extract_many([Article(a.id, a.text.replace("BOOM", "Ann Lee: Fine."), a.meta)
                                         for a in arts])

    again = Ingest(store, extractor=Recovered()).run([("f", article("a", "BOOM")), ("f", article("b", "Ann Lee: Hi."))])
    assert (again.ingested, again.failed, again.skipped) == (1, 0, 1)
    with store.connect() as c:
        assert dict(c.execute(select(articles.c.id, articles.c.status)).all()) == {"a": "ok", "b": "ok"}


class Killed(BaseException):
    pass


class DiesAfter(FakeExtractor):
    def __init__(self, n):
        self.n = n

    def extract_many(self, arts):
        for i, rec in enumerate(super().extract_many(arts)):
            if i == self.n:
                raise Killed()
            yield rec


def test_interrupted_run_keeps_whole_batches_and_a_rerun_completes(store):
    corpus = [article(f"k{i:02}", f"Ann Lee: Number {i}.", f"Bob Day: Reply {i}.") for i in range(20)]
    with pytest.raises(Killed):
        Ingest(store, extractor=DiesAfter(13), batch_size=5).run(("k", a) for a in corpus)
    assert counts(store) == (10, 20, 20)  # two whole batches, nothing of the third
    with store.connect() as c:
        assert c.execute(select(runs.c.status)).scalar() == "failed"
    s = Ingest(store, extractor=FakeExtractor(), batch_size=5).run(("k", a) for a in corpus)
    assert (s.ingested, s.skipped) == (10, 10)
    assert counts(store) == (20, 40, 40)
    with store.connect() as c:
        per = c.execute(select(quotes.c.article_id, func.count()).group_by(quotes.c.article_id)).all()
    assert sorted(per) == [(a.id, 2) for a in corpus]


def test_a_store_error_fails_that_article_only(store, monkeypatch):
    from quotegraph.store import ingest as ingest_mod
    real = ingest_mod.write_record

    def flaky(conn, resolver, record, **kw):
        if record.id == "x2" and not record.error:
            conn.execute(select(1))
            raise ValueError("disk on fire")
        return real(conn, resolver, record, **kw)

    monkeypatch.setattr(ingest_mod, "write_record", flaky)
    s = Ingest(store, extractor=FakeExtractor()).run(
        ("x", article(i, "Ann Lee: Hello.")) for i in ("x1", "x2", "x3"))
    assert (s.ingested, s.failed, s.quotes) == (2, 1, 2)
    with store.connect() as c:
        assert c.execute(select(articles.c.id, articles.c.status, articles.c.error)
                         .order_by(articles.c.id)).all() == [
            ("x1", "ok", None), ("x2", "failed", "store failed: ValueError: disk on fire"),
            ("x3", "ok", None)]


@pytest.mark.parametrize("value,iso", [
    ("2024-03-05", "2024-03-05"), ("2024-03-05T10:00:00Z", "2024-03-05"), ("2024/3/5", "2024-03-05"),
    ("5 March 2024", "2024-03-05"), ("March 5, 2024", "2024-03-05"),
    ("Tue, 05 Mar 2024 10:00:00 +0000", "2024-03-05"), ("yesterday", None), ("2024-13-01", None),
    (None, None)])
def test_iso_date(value, iso):
    assert iso_date(value) == iso


def test_article_fields_from_meta():
    assert article_fields({"url": "https://www.bbc.co.uk/news/1", "published": "2024-01-02",
                           "headline": "H"}) == {
        "url": "https://www.bbc.co.uk/news/1", "outlet": "bbc.co.uk", "date": "2024-01-02", "title": "H"}
    assert article_fields({"publisher": {"name": "The Times"}, "source": "ignored"})["outlet"] == "The Times"
    assert article_fields({}) == {"url": None, "outlet": None, "date": None, "title": None}


def test_jobs_run_in_worker_processes(tmp_path, extractor):
    """Two worker processes (each loading the model) store what one process does."""
    from quotegraph.store import Store
    from quotegraph.store.export import iter_article_records
    texts = [f"“We will build {n} homes,” the mayor said. Residents said they were worried." for n in range(6)]
    arts = [Article(id=f"w{i}", text=t) for i, t in enumerate(texts)]
    one, two = Store(str(tmp_path / "one.db")), Store(str(tmp_path / "two.db"))
    s1 = Ingest(one, extractor=extractor).run(("w", a) for a in arts)
    s2 = Ingest(two, model=extractor.model, jobs=2).run(("w", a) for a in arts)
    assert (s2.ingested, s2.quotes) == (s1.ingested, s1.quotes) == (6, s1.quotes)
    assert list(iter_article_records(one)) == list(iter_article_records(two))


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_article_over_spacys_limit_fails_alone(tmp_path, extractor, jobs):
    """Only the article too long for spaCy is stored as failed, with or without worker processes."""
    from quotegraph.limits import Limits
    from quotegraph.store import Store
    arts = [Article(id="good1", text="“We will build homes,” the mayor said."),
            Article(id="big", text="Word after word. " * 60_000),
            Article(id="good2", text="Ann Poole said: “The bridge will open in May.”")]
    store = Store(str(tmp_path / "q.db"))
    run = Ingest(store, extractor=extractor if jobs == 1 else None, model=extractor.model, jobs=jobs,
                 limits=Limits(max_chars=0))
    s = run.run(("in", a) for a in arts)
    assert (s.ingested, s.failed, s.not_done) == (2, 1, ["big"])
    with store.connect() as c:
        rows = dict(c.execute(select(articles.c.id, articles.c.status)).all())
        error = c.execute(select(articles.c.error).where(articles.c.id == "big")).scalar()
    assert rows == {"good1": "ok", "big": "failed", "good2": "ok"}
    assert error == "extraction failed: text of 1,020,000 characters is over spaCy's limit of 1,000,000 (lower --max-chars)"


def test_foreign_articles_are_stored_as_skipped_and_warc_skips_counted(store, extractor, tmp_path):
    from quotegraph.record import Skipped
    from quotegraph.store.ingest import store_counts
    german = ("Der Minister sagte am Dienstag, die Gespräche würden nächste Woche fortgesetzt, und "
              "niemand solle vor dem Sommer eine Einigung erwarten. „Wir sind noch nicht so weit“, sagte sie.")
    problems = []
    s = Ingest(store, extractor=extractor, on_problem=lambda w, m: problems.append((w, m))).run(
        [("f", article("de", german)), ("f", article("en", "“We will win,” said Ann Lee.")),
         ("w.warc", Skipped("w.warc", 4, "WARC records skipped"))])
    assert (s.ingested, s.failed, s.skipped, s.other_language) == (1, 0, 4, 1)
    assert problems == [("w.warc", "4 WARC records skipped")]
    with store.connect() as c:
        assert c.execute(select(articles.c.status, articles.c.error, articles.c.quote_count)
                         .where(articles.c.id == "de")).one() == ("skipped", "language: de", 0)
        assert store_counts(c) == {"articles": 2, "failed_articles": 0, "skipped_articles": 1,
                                   "quotes": 1, "people": 1}
    again = Ingest(store, extractor=extractor).run([("f", article("de", german))])
    assert (again.skipped, again.other_language) == (1, 0)  # stored once: not looked at again


def test_an_article_with_nul_is_stored(store):
    """PostgreSQL refuses NUL in text: it arrives as U+FFFD (it aborted the whole run)."""
    s = Ingest(store, extractor=FakeExtractor()).run([("f", article("a", "Ann Lee: Fi\x00ne.")), ("f", article("b", "Ann Lee: Hi."))])
    assert (s.ingested, s.failed) == (2, 0)
