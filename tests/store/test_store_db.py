"""Opening a store: URLs, the schema and its migrations, WAL, full-text search, views."""
import sqlite3

import pytest
from sqlalchemy import inspect, text

from quotegraph.store import Store, StoreError
from quotegraph.store.db import LATEST, MIGRATIONS, resolve_db, to_url

TABLES = {"articles", "aliases", "mentions", "people", "person_names", "quotes", "runs",
          "schema_migrations"}
VIEWS = {"articles_view", "people_view", "quotes_view"}


def test_db_argument_environment_and_default(monkeypatch):
    monkeypatch.delenv("QUOTEGRAPH_DB", raising=False)
    assert resolve_db(None) == "quotegraph.db"
    monkeypatch.setenv("QUOTEGRAPH_DB", "other.db")
    assert resolve_db(None) == "other.db"
    assert resolve_db("mine.db") == "mine.db"
    assert to_url("postgresql://u:p@localhost/db") == "postgresql+psycopg://u:p@localhost/db"
    assert to_url("postgres://localhost/db") == "postgresql+psycopg://localhost/db"
    assert to_url("/tmp/x.db") == "sqlite:////tmp/x.db"


def test_schema_is_created_on_first_use(store):
    insp = inspect(store.engine)
    assert TABLES <= set(insp.get_table_names())
    assert VIEWS <= set(insp.get_view_names())
    with store.connect() as c:
        versions = c.execute(text("SELECT version FROM schema_migrations ORDER BY version")).scalars().all()
    assert versions == [v for v, _, _ in MIGRATIONS] and versions[-1] == LATEST
    Store(store.db).close()  # opening again migrates nothing
    with store.connect() as c:
        assert c.execute(text("SELECT count(*) FROM schema_migrations")).scalar() == len(MIGRATIONS)


def test_a_newer_schema_is_refused(store):
    with store.begin() as c:
        c.execute(text("INSERT INTO schema_migrations VALUES (99, 'future', 'now')"))
    with pytest.raises(StoreError, match="schema version 99, newer than"):
        Store(store.db)


def test_sqlite_is_in_wal_mode_with_fts5(tmp_path):
    path = tmp_path / "c.db"
    Store(str(path)).close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    sql = con.execute("SELECT sql FROM sqlite_master WHERE name = 'quotes_fts'").fetchone()[0]
    assert "fts5" in sql and "content=[quotes]" in sql


def test_query_commands_do_not_create_a_database(tmp_path):
    with pytest.raises(StoreError, match="no such database"):
        Store(str(tmp_path / "missing.db"), must_exist=True)
    assert not (tmp_path / "missing.db").exists()
    with pytest.raises(StoreError, match="no such directory"):
        Store(str(tmp_path / "nowhere" / "x.db"))
    with pytest.raises(StoreError, match="unsupported database"):
        Store("mysql://localhost/x")


def test_readers_are_not_blocked_by_a_writer(tmp_path):
    """WAL: while an ingest's transaction is open, another process's reader sees the last commit."""
    from quotegraph.store.schema import runs
    path = tmp_path / "c.db"
    store = Store(str(path))
    with store.begin() as c:
        c.execute(runs.insert().values(started_at="t0", status="done", version="0"))
    with store.begin() as c:
        c.execute(runs.insert().values(started_at="t1", status="running", version="0"))
        reader = sqlite3.connect(path, timeout=0.1)
        assert reader.execute("SELECT started_at FROM runs").fetchall() == [("t0",)]
        reader.close()
    store.close()


def test_a_store_without_quote_kinds_gets_them(store):
    from .helpers import make_record, put
    put(store, make_record("old", [("Ada Moss", "It is done.")]))
    with store.begin() as c:  # back to schema version 5: no kind column, index or view field
        c.execute(text("DROP VIEW quotes_view"))
        c.execute(text("DROP INDEX quotes_kind_date"))
        c.execute(text("ALTER TABLE quotes DROP COLUMN kind"))
        c.execute(text("DELETE FROM schema_migrations WHERE version >= 6"))
    store.close()
    store = Store(store.db)
    with store.connect() as c:
        assert c.execute(text("SELECT kind FROM quotes_view")).scalars().all() == ["speech"]
        assert "quotes_kind_date" in {i["name"] for i in inspect(c).get_indexes("quotes")}
    store.close()
