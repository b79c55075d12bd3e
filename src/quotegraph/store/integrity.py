"""Integrity checks of a store (``quotegraph check``): what a crash or a race must never leave.

:func:`check` returns a list of problems, one line each (empty: all is well):

- the schema is at the latest migration;
- every article's ``quote_count`` equals its stored quotes; a failed article has
  no quotes nor mentions;
- no orphans: every quote and mention belongs to a stored article, every
  ``person_id`` (quotes, mentions, names) to a stored person, and every
  extracted person is referred to by a mention or a quote;
- a quote's speaker index names one of its article's mentions;
- the per-person summary tables equal a GROUP BY over the quotes;
- SQLite: ``PRAGMA quick_check`` and the full-text index agree with the quotes.

A run left ``running`` by a killed process is not a problem (it is reported by
:func:`unfinished_runs`): nothing it committed is partial.
"""
from __future__ import annotations

from sqlalchemy import Connection, text

from ..messages import first_line
from .db import LATEST, Store, schema_version

# the per-person summary, computed from the quotes ...
SUMMARY_FROM_QUOTES = {
    "person_stats": """SELECT person_id, count(*), count(DISTINCT article_id) FROM quotes
                       WHERE person_id IS NOT NULL GROUP BY person_id""",
    "person_months": """SELECT person_id, coalesce(substr(date, 1, 7), ''), count(*) FROM quotes
                        WHERE person_id IS NOT NULL GROUP BY person_id, coalesce(substr(date, 1, 7), '')""",
    "person_articles": """SELECT article_id, person_id, count(*) FROM quotes WHERE person_id IS NOT NULL
                          GROUP BY article_id, person_id""",
    "person_pairs": """SELECT a.person_id, b.person_id, count(DISTINCT a.article_id) FROM quotes a
                       JOIN quotes b ON b.article_id = a.article_id AND b.person_id <> a.person_id
                       GROUP BY a.person_id, b.person_id""",
}
# ... and as kept by the triggers
SUMMARY_KEPT = {
    "person_stats": "SELECT person_id, quotes, articles FROM person_stats",
    "person_months": "SELECT person_id, month, quotes FROM person_months",
    "person_articles": "SELECT article_id, person_id, quotes FROM person_articles",
    "person_pairs": "SELECT person_id, other_id, articles FROM person_pairs",
}

# (what is wrong, a query counting the rows where it is)
COUNTS = [
    ("articles whose quote_count differs from their stored quotes",
     """SELECT count(*) FROM articles a WHERE a.quote_count <>
        (SELECT count(*) FROM quotes q WHERE q.article_id = a.id)"""),
    ("failed articles with quotes or mentions",
     """SELECT count(*) FROM articles a WHERE a.status <> 'ok' AND (
        EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id)
        OR EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id))"""),
    ("quotes of no stored article",
     "SELECT count(*) FROM quotes q WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = q.article_id)"),
    ("mentions of no stored article",
     "SELECT count(*) FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = m.article_id)"),
    ("quotes of no stored person",
     """SELECT count(*) FROM quotes q WHERE q.person_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM people p WHERE p.id = q.person_id)"""),
    ("mentions of no stored person",
     """SELECT count(*) FROM mentions m WHERE m.person_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM people p WHERE p.id = m.person_id)"""),
    ("names of no stored person",
     "SELECT count(*) FROM person_names n WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.id = n.person_id)"),
    ("extracted people no mention or quote refers to",
     """SELECT count(*) FROM people p WHERE p.origin = 'extracted'
        AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.person_id = p.id)
        AND NOT EXISTS (SELECT 1 FROM quotes q WHERE q.person_id = p.id)"""),
    ("quotes whose speaker index names no mention of their article",
     """SELECT count(*) FROM quotes q WHERE q.speaker_index IS NOT NULL AND NOT EXISTS
        (SELECT 1 FROM mentions m WHERE m.article_id = q.article_id AND m.person_index = q.speaker_index)"""),
    ("finished runs without an end time",
     "SELECT count(*) FROM runs WHERE status <> 'running' AND finished_at IS NULL"),
]


def _rows(conn: Connection, sql: str) -> list[tuple]:
    return sorted(tuple(r) for r in conn.execute(text(sql)))


def summary_differences(conn: Connection) -> list[str]:
    """The summary tables that differ from the quotes, with how many rows differ."""
    out = []
    for table, sql in SUMMARY_FROM_QUOTES.items():
        want, kept = set(_rows(conn, sql)), set(_rows(conn, SUMMARY_KEPT[table]))
        if want != kept:
            out.append(f"{table}: {len(kept - want)} rows wrong, {len(want - kept)} missing")
    return out


def check(store: Store) -> list[str]:
    """The store's integrity problems, one line each; an empty list when all is well."""
    problems = []
    with store.connect() as conn:
        version = schema_version(conn)
        if version != LATEST:
            problems.append(f"schema version {version}, not {LATEST}")
        for what, sql in COUNTS:
            n = conn.execute(text(sql)).scalar_one()
            if n:
                problems.append(f"{n} {what}")
        problems += summary_differences(conn)
        if store.sqlite:
            result = conn.exec_driver_sql("PRAGMA quick_check").scalars().all()
            if result != ["ok"]:
                problems.append("SQLite quick_check: " + "; ".join(result[:5]))
            conn.rollback()
            try:  # raises when the index and the quotes disagree; changes nothing
                conn.exec_driver_sql("INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('integrity-check', 1)")
            except Exception as e:
                problems.append(f"full-text index: {first_line(e)}")
            conn.rollback()
    return problems


def unfinished_runs(store: Store) -> list[int]:
    """Ids of runs still marked ``running`` (in progress, or killed)."""
    with store.connect() as conn:
        return conn.execute(text("SELECT id FROM runs WHERE status = 'running' ORDER BY id")).scalars().all()
