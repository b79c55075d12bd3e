"""Opening a store: the engine, SQLite's WAL mode, migrations, full-text search, views.

``--db`` is a SQLite file path (default ``quotegraph.db``, or ``$QUOTEGRAPH_DB``)
or a database URL: ``postgresql://user:pass@host/dbname`` (driven by psycopg 3)
or ``sqlite:///path``. The schema is created, or upgraded, on first use: the
table ``schema_migrations`` records the versions applied, and each migration
runs in its own transaction.

SQLite runs in WAL mode (readers, such as a web page or Datasette, never block
the ingest that writes) with ``synchronous=NORMAL``: a killed process loses
nothing committed. SQLite's own implicit transaction handling is switched off
so that every ``engine.begin()`` block is one real transaction (the recipe of
SQLAlchemy's documentation).
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Callable, Optional

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url

from ..messages import first_line
from .graph_schema import GRAPH_TABLES
from .schema import SUMMARY_TABLES, corrections, metadata

DEFAULT_DB = "quotegraph.db"
BUSY_TIMEOUT = 60  # seconds a SQLite writer waits for another one's transaction to end
WRITE_LOCK = 7461727  # PostgreSQL advisory locks: of write transactions,
MIGRATION_LOCK = 7461726  # and of schema changes


class StoreError(Exception):
    """The database cannot be opened or used (one line, for the command line)."""


def resolve_db(db: Optional[str] = None) -> str:
    """The database to use: argument, else $QUOTEGRAPH_DB, else quotegraph.db."""
    return db or os.environ.get("QUOTEGRAPH_DB") or DEFAULT_DB


def to_url(db: str) -> str:
    """A SQLAlchemy URL for a ``--db`` value (path or URL)."""
    if "://" not in db:
        return "sqlite:///" + str(Path(db).expanduser().resolve())
    scheme, rest = db.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return "postgresql+psycopg://" + rest
    return db


class Store:
    """A corpus database: its engine and dialect (``sqlite`` or ``postgresql``)."""

    def __init__(self, db: Optional[str] = None, must_exist: bool = False):
        self.db = resolve_db(db)
        url = to_url(self.db)
        try:
            parsed = make_url(url)
        except Exception as e:
            raise StoreError(f"{self.db}: not a database path or URL ({e})")
        self.dialect = parsed.get_backend_name()
        if self.dialect not in ("sqlite", "postgresql"):
            raise StoreError(f"{self.db}: unsupported database (use a SQLite file or postgresql://...)")
        self.label = parsed.render_as_string(hide_password=True) if self.dialect != "sqlite" else self.db
        if self.dialect == "sqlite":
            path = parsed.database or ""
            if must_exist and not Path(path).exists():
                raise StoreError(f"{self.db}: no such database (create it with quotegraph ingest)")
            if path and not Path(path).parent.is_dir():
                raise StoreError(f"{self.db}: no such directory {Path(path).parent}")
            self.engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT})
            _sqlite_setup(self.engine)
        else:
            try:
                self.engine = create_engine(url, pool_pre_ping=True)
            except ImportError as e:
                raise StoreError(f"PostgreSQL needs psycopg: pip install 'quotegraph[postgres]' ({e})")
        self._writer = self.engine.execution_options(quotegraph_writer=True)
        if self.dialect == "postgresql":
            _postgres_setup(self.engine)
        try:
            migrate(self)
        except StoreError:
            raise
        except Exception as e:
            raise StoreError(f"{self.label}: cannot open the database: {first_line(e)}")

    @property
    def sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def begin(self):
        """A write transaction: ``with store.begin() as conn: ...`` (commits, or rolls back on error).

        Writers take turns, each waiting for the one before (up to the busy timeout):
        on SQLite it starts with ``BEGIN IMMEDIATE`` (the write lock is taken at once:
        a deferred transaction that reads, then writes after another process
        committed, fails at once with "database is locked", the busy timeout
        notwithstanding); on PostgreSQL it takes a transaction-level advisory lock
        (two ingests creating the same person or article at once would otherwise
        collide on a unique key). Reads (:meth:`connect`) never wait for writers.
        """
        return self._writer.begin()

    def connect(self):
        return self.engine.connect()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # no implicit transactions: BEGIN is ours
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA cache_size=-65536")  # 64 MB
        # reads through a memory map of up to 2 GB (SQLite's default limit), not a read() per
        # page: random row lookups ~25% cheaper on a 600 MB store (a full-text search's matches)
        cur.execute("PRAGMA mmap_size=2147418112")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("quotegraph_writer")
                             else "BEGIN")


def _postgres_setup(engine: Engine) -> None:
    @event.listens_for(engine, "begin")
    def _begin(conn):
        if conn.get_execution_options().get("quotegraph_writer"):
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


# --- migrations -----------------------------------------------------------------

VIEWS = [
    # One row per quote with its speaker and article: the table to browse.
    """CREATE VIEW quotes_view AS
       SELECT q.id AS quote_id, q.date, q.outlet, p.name AS speaker, q.type, q.content AS quote,
              q.cue, q.speaker_text, a.title AS article_title, a.url, q.article_id, q.person_id,
              q.confidence, q.kind
       FROM quotes q JOIN articles a ON a.id = q.article_id
       LEFT JOIN people p ON p.id = q.person_id""",
    # People with their numbers of quotes and of articles that mention them.
    """CREATE VIEW people_view AS
       SELECT p.id, p.name, p.kind, p.aliases,
              (SELECT count(*) FROM quotes q WHERE q.person_id = p.id) AS quotes,
              (SELECT count(DISTINCT m.article_id) FROM mentions m WHERE m.person_id = p.id) AS articles
       FROM people p""",
    # Articles without their text.
    """CREATE VIEW articles_view AS
       SELECT a.id, a.date, a.outlet, a.title, a.url, a.status, a.error, a.quote_count,
              a.source_file, a.ingested_at
       FROM articles a""",
]

SQLITE_FTS = [
    # External-content FTS5 index of quotes.content; Datasette finds it by content=[quotes].
    """CREATE VIRTUAL TABLE quotes_fts USING fts5(
           content, content=[quotes], content_rowid='id',
           tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
           INSERT INTO quotes_fts(rowid, content) VALUES (new.id, new.content); END""",
    """CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
           INSERT INTO quotes_fts(quotes_fts, rowid, content) VALUES ('delete', old.id, old.content); END""",
    """CREATE TRIGGER quotes_fts_update AFTER UPDATE OF content ON quotes BEGIN
           INSERT INTO quotes_fts(quotes_fts, rowid, content) VALUES ('delete', old.id, old.content);
           INSERT INTO quotes_fts(rowid, content) VALUES (new.id, new.content); END""",
]

POSTGRES_FTS = [
    # English stems without a stop-word list, as SQLite's porter tokenizer: "we" is a word too.
    "CREATE TEXT SEARCH DICTIONARY quotegraph_stem (TEMPLATE = snowball, Language = english)",
    "CREATE TEXT SEARCH CONFIGURATION quotegraph (COPY = english)",
    """ALTER TEXT SEARCH CONFIGURATION quotegraph ALTER MAPPING
           FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH quotegraph_stem""",
    """ALTER TABLE quotes ADD COLUMN content_tsv tsvector
           GENERATED ALWAYS AS (to_tsvector('quotegraph', content)) STORED""",
    "CREATE INDEX quotes_content_tsv ON quotes USING gin (content_tsv)",
]


def _m1_initial(conn: Connection, dialect: str) -> None:
    metadata.create_all(conn)
    for stmt in (SQLITE_FTS if dialect == "sqlite" else POSTGRES_FTS) + VIEWS:
        conn.exec_driver_sql(stmt)


def _m2_quotes_article_person(conn: Connection, dialect: str) -> None:
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS quotes_article_person ON quotes (article_id, person_id)")


# --- the per-person summary: person_stats, person_months, person_articles, person_pairs ----------
# Counters, changed by triggers a row at a time, so that it does not matter in which order the
# rows of one statement are seen (PostgreSQL runs a statement's row triggers at its end). A quote
# counts for its person's quotes, month and (article, person) row; an (article, person) row that
# appears or goes counts for the person's articles and for their pairs with the article's other
# people (its own trigger: on PostgreSQL a statement inside a trigger fires its triggers at its own
# end, so these run one after another).

_MONTH = "coalesce(substr({r}.date, 1, 7), '')"

_ADD_QUOTE = [  # {r}: new or old
    """INSERT INTO person_stats (person_id, quotes, articles) SELECT {r}.person_id, 1, 0
       WHERE {r}.person_id IS NOT NULL
       ON CONFLICT (person_id) DO UPDATE SET quotes = person_stats.quotes + 1""",
    f"""INSERT INTO person_months (person_id, month, quotes) SELECT {{r}}.person_id, {_MONTH}, 1
       WHERE {{r}}.person_id IS NOT NULL
       ON CONFLICT (person_id, month) DO UPDATE SET quotes = person_months.quotes + 1""",
    """INSERT INTO person_articles (article_id, person_id, quotes) SELECT {r}.article_id, {r}.person_id, 1
       WHERE {r}.person_id IS NOT NULL
       ON CONFLICT (article_id, person_id) DO UPDATE SET quotes = person_articles.quotes + 1""",
]
_DROP_QUOTE = [
    """UPDATE person_articles SET quotes = quotes - 1
       WHERE article_id = {r}.article_id AND person_id = {r}.person_id""",
    """DELETE FROM person_articles
       WHERE article_id = {r}.article_id AND person_id = {r}.person_id AND quotes <= 0""",
    f"""UPDATE person_months SET quotes = quotes - 1 WHERE person_id = {{r}}.person_id AND month = {_MONTH}""",
    f"""DELETE FROM person_months WHERE person_id = {{r}}.person_id AND month = {_MONTH} AND quotes <= 0""",
    "UPDATE person_stats SET quotes = quotes - 1 WHERE person_id = {r}.person_id",
    "DELETE FROM person_stats WHERE person_id = {r}.person_id AND quotes <= 0",
]
_OTHERS = "SELECT o.person_id FROM person_articles o WHERE o.article_id = {r}.article_id AND o.person_id <> {r}.person_id"
_ADD_PAIRS = [
    "UPDATE person_stats SET articles = articles + 1 WHERE person_id = {r}.person_id",
    """INSERT INTO person_pairs (person_id, other_id, articles)
       SELECT {r}.person_id, o.person_id, 1 FROM person_articles o
       WHERE o.article_id = {r}.article_id AND o.person_id <> {r}.person_id
       ON CONFLICT (person_id, other_id) DO UPDATE SET articles = person_pairs.articles + 1""",
    """INSERT INTO person_pairs (person_id, other_id, articles)
       SELECT o.person_id, {r}.person_id, 1 FROM person_articles o
       WHERE o.article_id = {r}.article_id AND o.person_id <> {r}.person_id
       ON CONFLICT (person_id, other_id) DO UPDATE SET articles = person_pairs.articles + 1""",
]
_DROP_PAIRS = [
    "UPDATE person_stats SET articles = articles - 1 WHERE person_id = {r}.person_id",
    f"UPDATE person_pairs SET articles = articles - 1 WHERE person_id = {{r}}.person_id AND other_id IN ({_OTHERS})",
    f"UPDATE person_pairs SET articles = articles - 1 WHERE other_id = {{r}}.person_id AND person_id IN ({_OTHERS})",
    f"""DELETE FROM person_pairs
        WHERE person_id = {{r}}.person_id AND other_id IN ({_OTHERS}) AND articles <= 0""",
    f"""DELETE FROM person_pairs
        WHERE other_id = {{r}}.person_id AND person_id IN ({_OTHERS}) AND articles <= 0""",
]
_QUOTE_CHANGED = ("old.person_id IS DISTINCT FROM new.person_id OR old.article_id IS DISTINCT FROM "
                  "new.article_id OR old.date IS DISTINCT FROM new.date")


def _body(stmts: list[str], r: str) -> str:
    return "".join(s.format(r=r) + ";\n" for s in stmts)


SQLITE_SUMMARY_TRIGGERS = [
    f"""CREATE TRIGGER quotes_summary_insert AFTER INSERT ON quotes WHEN new.person_id IS NOT NULL
        BEGIN {_body(_ADD_QUOTE, "new")} END""",
    f"""CREATE TRIGGER quotes_summary_delete AFTER DELETE ON quotes WHEN old.person_id IS NOT NULL
        BEGIN {_body(_DROP_QUOTE, "old")} END""",
    # the new row counted before the old is taken off: an (article, person) row that stays never
    # drops to zero on the way
    f"""CREATE TRIGGER quotes_summary_update AFTER UPDATE OF person_id, article_id, date ON quotes
        WHEN {_QUOTE_CHANGED.replace("IS DISTINCT FROM", "IS NOT")}
        BEGIN {_body(_ADD_QUOTE, "new")} {_body(_DROP_QUOTE, "old")} END""",
    f"""CREATE TRIGGER person_articles_insert AFTER INSERT ON person_articles
        BEGIN {_body(_ADD_PAIRS, "new")} END""",
    f"""CREATE TRIGGER person_articles_delete AFTER DELETE ON person_articles
        BEGIN {_body(_DROP_PAIRS, "old")} END""",
]

POSTGRES_SUMMARY_TRIGGERS = [
    f"""CREATE FUNCTION quotegraph_quote_summary() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP <> 'DELETE' THEN
            IF new.person_id IS NOT NULL THEN {_body(_ADD_QUOTE, "new")} END IF;
          END IF;
          IF TG_OP <> 'INSERT' THEN
            IF old.person_id IS NOT NULL THEN {_body(_DROP_QUOTE, "old")} END IF;
          END IF;
          RETURN NULL;
        END $$""",
    """CREATE TRIGGER quotes_summary_insert AFTER INSERT OR DELETE ON quotes
       FOR EACH ROW EXECUTE FUNCTION quotegraph_quote_summary()""",
    f"""CREATE TRIGGER quotes_summary_update AFTER UPDATE OF person_id, article_id, date ON quotes
       FOR EACH ROW WHEN ({_QUOTE_CHANGED}) EXECUTE FUNCTION quotegraph_quote_summary()""",
    f"""CREATE FUNCTION quotegraph_person_articles() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN {_body(_ADD_PAIRS, "new")}
          ELSE {_body(_DROP_PAIRS, "old")} END IF;
          RETURN NULL;
        END $$""",
    """CREATE TRIGGER person_articles_change AFTER INSERT OR DELETE ON person_articles
       FOR EACH ROW EXECUTE FUNCTION quotegraph_person_articles()""",
]

SUMMARY_BACKFILL = [
    "DELETE FROM person_pairs",
    "DELETE FROM person_articles",
    "DELETE FROM person_months",
    "DELETE FROM person_stats",
    """INSERT INTO person_articles (article_id, person_id, quotes)
       SELECT article_id, person_id, count(*) FROM quotes WHERE person_id IS NOT NULL
       GROUP BY article_id, person_id""",
    """INSERT INTO person_stats (person_id, quotes, articles)
       SELECT person_id, sum(quotes), count(*) FROM person_articles GROUP BY person_id""",
    """INSERT INTO person_months (person_id, month, quotes)
       SELECT person_id, coalesce(substr(date, 1, 7), ''), count(*) FROM quotes
       WHERE person_id IS NOT NULL GROUP BY person_id, coalesce(substr(date, 1, 7), '')""",
    """INSERT INTO person_pairs (person_id, other_id, articles)
       SELECT a.person_id, b.person_id, count(*) FROM person_articles a
       JOIN person_articles b ON b.article_id = a.article_id AND b.person_id <> a.person_id
       GROUP BY a.person_id, b.person_id""",
]


def summary_triggers(conn: Connection, dialect: str, on: bool) -> None:
    """Create (``on``) or drop the summary's triggers: a bulk load may drop them, then
    :func:`rebuild_summary`, then create them again (in one transaction)."""
    if on:
        for stmt in SQLITE_SUMMARY_TRIGGERS if dialect == "sqlite" else POSTGRES_SUMMARY_TRIGGERS:
            conn.exec_driver_sql(stmt)
        return
    names = ["quotes_summary_insert", "quotes_summary_delete", "quotes_summary_update",
             "person_articles_insert", "person_articles_delete"]
    if dialect == "sqlite":
        for name in names:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {name}")
    else:
        conn.exec_driver_sql("DROP FUNCTION IF EXISTS quotegraph_quote_summary() CASCADE")
        conn.exec_driver_sql("DROP FUNCTION IF EXISTS quotegraph_person_articles() CASCADE")


def rebuild_summary(conn: Connection) -> None:
    """Fill the summary tables afresh from ``quotes`` (what the triggers keep up to date)."""
    for stmt in SUMMARY_BACKFILL:
        conn.exec_driver_sql(stmt)


def _m3_person_summary(conn: Connection, dialect: str) -> None:
    metadata.create_all(conn, tables=SUMMARY_TABLES)  # already there when migration 1 just ran
    rebuild_summary(conn)
    summary_triggers(conn, dialect, True)


def _m4_corrections(conn: Connection, dialect: str) -> None:
    metadata.create_all(conn, tables=[corrections])  # already there when migration 1 just ran


def _m5_graph(conn: Connection, dialect: str) -> None:
    metadata.create_all(conn, tables=GRAPH_TABLES)  # already there when migration 1 just ran


def _m6_quote_kind(conn: Connection, dialect: str) -> None:
    """The quotes' ``kind`` column (speech, writing, ...), its index, and the view showing it.
    On a database created by this code's migration 1, the column and index are there already."""
    if "kind" not in {c["name"] for c in inspect(conn).get_columns("quotes")}:
        conn.exec_driver_sql("ALTER TABLE quotes ADD COLUMN kind TEXT NOT NULL DEFAULT 'speech'")
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS quotes_kind_date "
                         "ON quotes (kind, date DESC, article_id, idx)")
    conn.exec_driver_sql("DROP VIEW IF EXISTS quotes_view")
    conn.exec_driver_sql(VIEWS[0])


def _m7_claim_keys(conn: Connection, dialect: str) -> None:
    """The corpus claims' keys made again with Snowball's stemmer (``claim_keys.claim_key`` now uses
    :mod:`quotegraph.stems`, the extraction's, instead of a suffix stripper of its own), so that
    the claims of new articles meet the stored ones. Claims, their members and stances are kept
    as they are (two claims whose new keys are equal stay two); a correction's keys follow: its
    ``to_key`` is its claim text's new key, its ``from_key`` the new key of the first corpus
    claim that had the old one."""
    from sqlalchemy import select, update

    from .claim_keys import claim_key
    from .graph_schema import claim_fixes, corpus_claims
    new_of: dict[str, str] = {}
    for cid, old, claim in conn.execute(select(corpus_claims.c.id, corpus_claims.c.key, corpus_claims.c.claim)
                                        .order_by(corpus_claims.c.id)).all():
        new = claim_key(claim)
        new_of.setdefault(old, new)
        if new != old:
            conn.execute(update(corpus_claims).where(corpus_claims.c.id == cid).values(key=new))
    for fid, from_key, to_key, to_claim in conn.execute(select(
            claim_fixes.c.id, claim_fixes.c.from_key, claim_fixes.c.to_key, claim_fixes.c.to_claim)).all():
        keys = {"from_key": new_of.get(from_key, from_key) if from_key is not None else None,
                "to_key": (claim_key(to_claim) if to_claim else new_of.get(to_key, to_key))
                if to_key is not None else None}
        if (keys["from_key"], keys["to_key"]) != (from_key, to_key):
            conn.execute(update(claim_fixes).where(claim_fixes.c.id == fid).values(**keys))


Migration = Callable[[Connection, str], None]
MIGRATIONS: list[tuple[int, str, Migration]] = [
    (1, "articles, people, mentions, quotes, runs; full-text search; views", _m1_initial),
    (2, "index of quotes by article and person", _m2_quotes_article_person),
    (3, "per-person summary: quotes, articles, months, co-quoted people (kept by triggers)",
     _m3_person_summary),
    (4, "corrections made by hand (re-applied after every ingest)", _m4_corrections),
    (5, "the graph: quote addressees, about, keywords; events and parties; claims, corpus claims, "
        "claim corrections", _m5_graph),
    (6, "the kind of each quote: speech, writing, document, belief, question", _m6_quote_kind),
    (7, "corpus claims keyed by Snowball's stems (quotegraph.stems), as the extraction's claim matcher",
     _m7_claim_keys),
]
LATEST = MIGRATIONS[-1][0]


def schema_version(conn: Connection) -> int:
    return conn.execute(text("SELECT coalesce(max(version), 0) FROM schema_migrations")).scalar_one()


def _migration_lock(conn: Connection, dialect: str) -> None:
    """Two processes opening a fresh database at once: one creates the schema, the other waits.

    (PostgreSQL: without it the second ``CREATE TABLE IF NOT EXISTS`` fails with a
    UniqueViolation on ``pg_type_typname_nsp_index``; SQLite's BEGIN IMMEDIATE
    already makes them take turns.)
    """
    if dialect == "postgresql":
        conn.execute(text(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"))


def migrate(store: Store) -> None:
    """Create the schema or bring it up to date; refuse a database newer than this code."""
    with store.connect() as conn:  # a read only, when all is up to date
        current = schema_version(conn) if inspect(conn).has_table("schema_migrations") else 0
    if current == LATEST:
        return
    with store.begin() as conn:  # a writer: on PostgreSQL under the lock of writers (Store.begin)
        _migration_lock(conn, store.dialect)
        conn.exec_driver_sql(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
            "description TEXT NOT NULL, applied_at TEXT NOT NULL)")
    if current > LATEST:
        raise StoreError(f"{store.label}: the database has schema version {current}, newer than "
                         f"this quotegraph knows ({LATEST}): upgrade quotegraph")
    for version, description, step in MIGRATIONS:
        if version <= current:
            continue
        with store.begin() as conn:
            _migration_lock(conn, store.dialect)
            if schema_version(conn) >= version:
                continue
            step(conn, store.dialect)
            conn.execute(text("INSERT INTO schema_migrations VALUES (:v, :d, :t)"),
                         {"v": version, "d": description, "t": now()})
