"""Several processes writing one database at once: they take turns, all finish, nothing is doubled."""
import os
import subprocess
import sys

from sqlalchemy import func, select

from quotegraph.store import Store
from quotegraph.store.integrity import check, unfinished_runs
from quotegraph.store.schema import articles, runs

from .ingest_driver import driver, write_corpus


def stored_ids(store) -> list[str]:
    with store.connect() as c:
        return c.execute(select(articles.c.id).order_by(articles.c.id)).scalars().all()


def test_two_ingests_into_one_database_both_finish(db_url, tmp_path):
    """Before: on SQLite one died at once with 'database is locked' (a deferred transaction that
    read, then wrote after the other had committed), its run left 'running'; both reading the
    same new article stored it twice (a unique-key failure, the run failed)."""
    a = write_corpus(tmp_path / "a.jsonl", range(0, 60))
    b = write_corpus(tmp_path / "b.jsonl", range(30, 90))
    c = write_corpus(tmp_path / "c.jsonl", range(90, 150))
    Store(db_url).close()
    for first, second in [("a", "b"), ("c", "c")]:  # overlapping inputs, then the very same one
        procs = [driver(db_url, str(tmp_path / f"{name}.jsonl"), "--batch-size", "1")
                 for name in (first, second)]
        errs = [p.communicate(timeout=120)[1] for p in procs]
        assert [p.returncode for p in procs] == [0, 0], errs
    with Store(db_url) as store:
        assert stored_ids(store) == sorted(set(a) | set(b) | set(c))
        assert check(store) == []
        assert unfinished_runs(store) == []
        with store.connect() as c:
            assert c.execute(select(func.count()).select_from(runs).where(runs.c.status == "done")).scalar() == 4
            # every article of each run is counted by that run: stored, or skipped as stored by the other
            for row in c.execute(select(runs.c.articles, runs.c.skipped, runs.c.failed)):
                assert row.articles + row.skipped == 60 and row.failed == 0


def test_a_fresh_database_opened_by_several_processes_at_once(db_url):
    """Before: on PostgreSQL all but one failed with a UniqueViolation on pg_type_typname_nsp_index
    (CREATE TABLE IF NOT EXISTS schema_migrations, run at once)."""
    code = "import sys; from quotegraph.store import Store; Store(sys.argv[1]).close()"
    procs = [subprocess.Popen([sys.executable, "-c", code, db_url], stderr=subprocess.PIPE, text=True)
             for _ in range(4)]
    errs = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0] * 4, errs
    with Store(db_url) as store:
        assert check(store) == []


def test_check_command(tmp_path):
    db = str(tmp_path / "c.db")
    write_corpus(tmp_path / "a.jsonl", range(3))
    assert driver(db, str(tmp_path / "a.jsonl")).wait(timeout=60) == 0
    env = dict(os.environ, QUOTEGRAPH_DB=db)
    ok = subprocess.run([sys.executable, "-m", "quotegraph", "check"], env=env, capture_output=True, text=True)
    assert ok.returncode == 0 and "no problems" in ok.stderr, ok.stderr
    import sqlite3
    with sqlite3.connect(db) as c:
        c.execute("UPDATE articles SET quote_count = 7 WHERE id = 'c001'")
    bad = subprocess.run([sys.executable, "-m", "quotegraph", "check"], env=env, capture_output=True, text=True)
    assert bad.returncode == 1
    assert "1 articles whose quote_count differs from their stored quotes" in bad.stderr
