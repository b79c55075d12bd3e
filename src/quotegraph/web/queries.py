"""The web app's questions to the store that ``quotegraph.store.query`` does not ask.

All of them are SQLAlchemy Core statements on the store's tables (bound
parameters only) and work on SQLite and PostgreSQL alike. The busiest (a
person's page) are compiled once per database dialect and run on the DBAPI
connection itself (:func:`raw`): SQLAlchemy's per-statement work cost more than
the queries of a typical person. The corpus-wide
ones (overview, top people and outlets, quotes by gender) are costly on a
large store, so the app keeps their results in a :class:`Cache` for as long as
the database has not changed (:func:`version`).
"""
from __future__ import annotations

import contextlib
import json
import os
import threading
import time
from collections import OrderedDict
from typing import Any, Callable, Iterator, Optional

from sqlalchemy import bindparam, func, select

from ..store.db import Store
from ..store import fulltext
from ..store.query import QUOTE_COLUMNS, article_conditions, count_quotes, quote_conditions, search_quotes
from ..store.schema import (articles, mentions, people, person_months, person_pairs, person_stats,
                             quotes)
from .charts import fill_months

COUNT_CAP = 10_000  # result counts above this are shown as "10,000+"


def _rows(result) -> list[dict[str, Any]]:
    keys = list(result.keys())  # zipped: much cheaper than each row's _mapping
    return [dict(zip(keys, r)) for r in result.all()]


# --- caching -----------------------------------------------------------------------------

def version(store: Store) -> tuple:
    """Changes whenever the database may have changed (SQLite: its files; PostgreSQL: every 30 s)."""
    if store.sqlite:
        path = store.engine.url.database or ""
        stamp = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(path + suffix)
                stamp += [st.st_mtime_ns, st.st_size]
            except OSError:
                stamp += [0, 0]
        return tuple(stamp)
    return (int(time.time() // 30),)


MISSING = object()  # Cache.find: nothing kept


class Cache:
    """A small LRU cache of query results, emptied when the database changes."""

    def __init__(self, store: Store, size: int = 512):
        self.store, self.size = store, size
        self.data: OrderedDict = OrderedDict()
        self.lock = threading.Lock()
        self.stamp: Optional[tuple] = None
        self.dependents: list[Cache] = []  # emptied with this one (the kept pages)

    def clear(self) -> None:
        with self.lock:
            self.data.clear()
        for d in self.dependents:
            d.clear()

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        stamp, value = self.find(key)
        if value is MISSING:
            value = compute()
            self.put(stamp, key, value)
        return value

    def find(self, key: Any) -> tuple[tuple, Any]:
        """(the store's version now, the value kept for ``key`` or ``MISSING``)."""
        stamp = version(self.store)
        with self.lock:
            if stamp != self.stamp:
                self.data.clear()
                self.stamp = stamp
            if key in self.data:
                self.data.move_to_end(key)
                return stamp, self.data[key]
        return stamp, MISSING

    def put(self, stamp: tuple, key: Any, value: Any) -> None:
        """Keeps ``value``, computed at the store's version ``stamp`` (unless the store changed since)."""
        with self.lock:
            if self.stamp == stamp:
                self.data[key] = value
                while len(self.data) > self.size:
                    self.data.popitem(last=False)


# --- articles ---------------------------------------------------------------------------------

ARTICLE_QUOTE_COLUMNS = [
    quotes.c.idx, quotes.c.type, quotes.c.kind, quotes.c.content, quotes.c.content_start, quotes.c.content_end,
    quotes.c.content_parts, quotes.c.cue, quotes.c.cue_start, quotes.c.cue_end,
    quotes.c.speaker_text, quotes.c.speaker_start, quotes.c.speaker_end, quotes.c.speaker_name,
    quotes.c.speaker_index, quotes.c.speaker_group, quotes.c.addressee, quotes.c.addressee_start,
    quotes.c.addressee_end, quotes.c.confidence, quotes.c.person_id, people.c.name.label("person_name"),
]


def article(store: Store, article_id: str) -> Optional[dict[str, Any]]:
    """An article with its text, regions, quotes (with every span) and people."""
    with store.connect() as conn:
        row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
        if row is None:
            return None
        art = dict(row._mapping)
        art["meta"] = json.loads(art["meta"] or "{}")
        art["regions"] = [(tuple(span), kind) for span, kind in json.loads(art["regions"] or "[]")]
        art["quotes"] = _rows(conn.execute(
            select(*ARTICLE_QUOTE_COLUMNS)
            .select_from(quotes.outerjoin(people, people.c.id == quotes.c.person_id))
            .where(quotes.c.article_id == article_id).order_by(quotes.c.idx)))
        art["people"] = _rows(conn.execute(
            select(mentions.c.person_index, mentions.c.person_id, mentions.c.name, mentions.c.kind,
                   mentions.c.mention_count, people.c.name.label("person_name"))
            .select_from(mentions.outerjoin(people, people.c.id == mentions.c.person_id))
            .where(mentions.c.article_id == article_id).order_by(mentions.c.person_index)))
    return art


def article_json(art: dict[str, Any]) -> dict[str, Any]:
    """An article for the API: its fields, text, regions, quotes with spans, people."""
    out = {k: art[k] for k in ("id", "date", "outlet", "title", "url", "status", "error",
                               "quote_count", "source_file", "ingested_at", "meta", "text")}
    out["regions"] = [{"span": list(span), "kind": kind} for span, kind in art["regions"]]

    def span(q, name):
        s, e = q[f"{name}_start"], q[f"{name}_end"]
        return [s, e] if s is not None else None

    out["quotes"] = [{
        "idx": q["idx"], "type": q["type"], "kind": q["kind"], "content": [q["content_start"], q["content_end"]],
        "content_parts": json.loads(q["content_parts"] or "[]"), "text": q["content"],
        "cue": span(q, "cue"), "cue_text": q["cue"], "speaker": span(q, "speaker"),
        "speaker_text": q["speaker_text"],
        "speaker_name": q["speaker_name"].split("; ") if q["speaker_group"] and q["speaker_name"]
        else q["speaker_name"],
        "person_id": q["person_id"], "person_name": q["person_name"],
        "addressee": span(q, "addressee"), "confidence": q["confidence"]} for q in art["quotes"]]
    out["people"] = art["people"]
    return out


# --- people -----------------------------------------------------------------------------------

# Built once: SQLAlchemy then reuses their compiled SQL (the person page is the busiest).
# Counts, months and co-quoted people come from the per-person summary the store keeps up to
# date (store.schema.person_stats etc.): a few rows each, however many quotes the person has.
_PID = bindparam("pid")
_MINE = quotes.c.person_id == _PID
_FIRST = (select(quotes.c.date).where(quotes.c.person_id == people.c.id, quotes.c.date.is_not(None))
          .order_by(quotes.c.date).limit(1).scalar_subquery())  # off the index quotes_person_date
_LAST = (select(quotes.c.date).where(quotes.c.person_id == people.c.id, quotes.c.date.is_not(None))
         .order_by(quotes.c.date.desc()).limit(1).scalar_subquery())
PERSON = (select(people.c.id, people.c.name, people.c.kind, people.c.aliases,
                 func.coalesce(person_stats.c.quotes, 0), func.coalesce(person_stats.c.articles, 0),
                 _FIRST, _LAST)
          .select_from(people.outerjoin(person_stats, person_stats.c.person_id == people.c.id))
          .where(people.c.id == _PID))
PERSON_MONTHS = (select(person_months.c.month, person_months.c.quotes)
                 .where(person_months.c.person_id == _PID)
                 .order_by(person_months.c.month == "", person_months.c.month))  # undated ("") last
PERSON_CO_QUOTED = (select(person_pairs.c.other_id, people.c.name, person_pairs.c.articles)
                    .select_from(person_pairs.outerjoin(people, people.c.id == person_pairs.c.other_id))
                    .where(person_pairs.c.person_id == _PID)
                    .order_by(person_pairs.c.articles.desc(), person_pairs.c.other_id)
                    .limit(bindparam("co_limit")))
PERSON_QUOTES = (
    select(*QUOTE_COLUMNS)
    .select_from(quotes.join(articles, articles.c.id == quotes.c.article_id)
                 .outerjoin(people, people.c.id == quotes.c.person_id))
    .where(_MINE).order_by(quotes.c.date.desc().nulls_last(), quotes.c.article_id, quotes.c.idx)
    .limit(bindparam("limit")).offset(bindparam("offset")))


class Raw:
    """A DBAPI cursor that runs the module's prebuilt statements, compiled once per dialect."""

    _compiled: dict[tuple[int, str], tuple[str, Optional[tuple], dict]] = {}

    def __init__(self, store: Store, cursor):
        self.store, self.cursor = store, cursor

    def _sql(self, stmt) -> tuple[str, Optional[tuple], dict]:
        key = (id(stmt), self.store.dialect)
        found = self._compiled.get(key)
        if found is None:
            c = stmt.compile(dialect=self.store.engine.dialect)
            found = self._compiled[key] = (c.string, tuple(c.positiontup) if c.positiontup else None,
                                           dict(c.params))
        return found

    def execute(self, stmt, params: dict[str, Any]):
        sql, positions, defaults = self._sql(stmt)
        if positions is not None:  # qmark (SQLite)
            args: Any = [params[k] if k in params else defaults[k] for k in positions]
        else:  # named (psycopg)
            args = {**defaults, **params}
        self.cursor.execute(sql, args)
        return self.cursor

    def rows(self, stmt, params: dict[str, Any]) -> list[dict[str, Any]]:
        cur = self.execute(stmt, params)
        keys = [d[0] for d in cur.description]
        return [dict(zip(keys, r)) for r in cur.fetchall()]


@contextlib.contextmanager
def raw(store: Store) -> Iterator[Raw]:
    """A pooled DBAPI connection in one read transaction (a consistent snapshot), as a :class:`Raw`."""
    conn = store.engine.raw_connection()
    try:
        cur = conn.cursor()
        if store.sqlite:
            cur.execute("BEGIN")  # the driver's implicit transactions are off (store.db)
        yield Raw(store, cur)
        cur.close()
    finally:
        conn.close()  # back to the pool, rolled back


def person_summary(store: Store, person_id: int, co_limit: int = 20, *,
                   db: Optional[Raw] = None) -> Optional[dict[str, Any]]:
    """A person's page without the quotes: name, counts, first and last date, quotes by month,
    and the people most often quoted in the same articles (over all their quotes)."""
    if db is None:
        with raw(store) as db:
            return person_summary(store, person_id, co_limit, db=db)
    row = db.execute(PERSON, {"pid": person_id}).fetchone()
    if row is None:
        return None
    months = db.execute(PERSON_MONTHS, {"pid": person_id}).fetchall()
    co = db.execute(PERSON_CO_QUOTED, {"pid": person_id, "co_limit": co_limit}).fetchall()
    pid, name, kind, aliases, n_quotes, n_articles, first, last = row
    return {
        "id": pid, "name": name, "kind": kind,
        "aliases": [a for a in (aliases or "").split("; ") if a], "quote_count": n_quotes,
        "article_count": n_articles, "first_date": first, "last_date": last,
        "by_month": fill_months([{"month": m or None, "quotes": n} for m, n in months]),  # every month
        "co_quoted": [{"id": i, "name": n, "articles": a} for i, n, a in co],
        "co_quoted_over": n_quotes,  # the quotes whose articles were looked at: all of them
    }


def person_quotes(store: Store, person_id: int, limit: int = 50, offset: int = 0, *,
                  db: Optional[Raw] = None) -> list[dict[str, Any]]:
    """One page of a person's quotes, newest first (as ``search_quotes(person_ids=[id])``)."""
    if db is None:
        with raw(store) as db:
            return person_quotes(store, person_id, limit, offset, db=db)
    return db.rows(PERSON_QUOTES, {"pid": person_id, "limit": limit, "offset": offset})


def person_quotes_of_kind(store: Store, person_id: int, kind: str, limit: int = 50,
                          offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """One page of a person's quotes of a kind (``store.query.parse_kinds``), newest first, and
    how many there are."""
    filters = {"person_ids": [person_id], "kind": kind}
    return search_quotes(store, limit=limit, offset=offset, **filters), count_quotes(store, **filters)


# --- corpus-wide --------------------------------------------------------------------------------

def top_outlets(store: Store, limit: Optional[int] = 10) -> list[dict[str, Any]]:
    """Outlets by number of quotes: outlet, quotes, articles."""
    n = func.count().label("quotes")
    with store.connect() as conn:
        rows = _rows(conn.execute(
            select(quotes.c.outlet, n, func.count(quotes.c.article_id.distinct()).label("articles"))
            .where(quotes.c.outlet.is_not(None)).group_by(quotes.c.outlet)
            .order_by(n.desc(), quotes.c.outlet).limit(limit)))
    return rows


def count_outlets(store: Store) -> int:
    """How many outlets :func:`top_outlets` lists (all its pages)."""
    with store.connect() as conn:
        return conn.execute(select(func.count(quotes.c.outlet.distinct()))).scalar_one()


def quotes_per_speaker(store: Store) -> list[dict[str, Any]]:
    """Every quoted person's name, kind and number of quotes (for the gender shares)."""
    n = func.count().label("quotes")
    with store.connect() as conn:
        return _rows(conn.execute(
            select(people.c.id, people.c.name, people.c.kind, n)
            .select_from(quotes.join(people, people.c.id == quotes.c.person_id))
            .group_by(people.c.id, people.c.name, people.c.kind)))


def outlets(store: Store) -> list[str]:
    with store.connect() as conn:
        return list(conn.execute(select(articles.c.outlet).where(articles.c.outlet.is_not(None))
                                 .distinct().order_by(articles.c.outlet)).scalars())


# --- counting and streaming ---------------------------------------------------------------------

def count_capped(store: Store, cap: int = COUNT_CAP, **filters) -> tuple[int, bool]:
    """(number of quotes matching, capped?): counts at most ``cap + 1`` rows."""
    words = filters["contains"] = fulltext.as_query(filters.get("contains"), filters.get("case", False))
    if words is not None and not any(v for k, v in filters.items() if k != "contains"):
        n = fulltext.index_count(store, words, cap + 1)  # words alone: off the full-text index
        if n is not None:
            return (cap, True) if n > cap else (n, False)
    conds = quote_conditions(store, **filters)
    inner = select(quotes.c.id).where(*conds).limit(cap + 1).subquery()
    with store.connect() as conn:
        n = conn.execute(select(func.count()).select_from(inner)).scalar_one()
    return (cap, True) if n > cap else (n, False)


def speaker_facets(store: Store, cap: int = COUNT_CAP, limit: int = 10,
                   **filters) -> tuple[list[dict[str, Any]], int, bool]:
    """The people most often speaking in the quotes matching the filters (person_id, name, quotes;
    the most first), and the number of those quotes as :func:`count_capped` gives it: one read of
    the first ``cap + 1`` matches found (in no order: the speakers are of those when there are more)."""
    conds = quote_conditions(store, **filters)
    inner = select(quotes.c.person_id).where(*conds).limit(cap + 1).subquery()
    with store.connect() as conn:
        counts = conn.execute(select(inner.c.person_id, func.count()).group_by(inner.c.person_id)).all()
        top = sorted(((n, pid) for pid, n in counts if pid is not None), key=lambda x: (-x[0], x[1]))[:limit]
        names = dict(conn.execute(select(people.c.id, people.c.name).where(people.c.id.in_([p for _, p in top]))).all())
    n = sum(c for _, c in counts)
    rows = [{"person_id": pid, "name": names.get(pid, ""), "quotes": c} for c, pid in top]
    rows.sort(key=lambda r: (-r["quotes"], r["name"]))
    return rows, min(n, cap), n > cap


def count_articles(store: Store, outlet: Optional[str] = None, since: Optional[str] = None,
                   until: Optional[str] = None) -> int:
    conds = article_conditions(outlet, since, until)
    with store.connect() as conn:
        return conn.execute(select(func.count()).select_from(articles).where(*conds)).scalar_one()


def _stream(store: Store, stmt) -> Iterator[dict[str, Any]]:
    with store.connect() as conn:
        for row in conn.execution_options(yield_per=1000).execute(stmt):
            yield dict(row._mapping)


def stream_quotes(store: Store, *, limit: Optional[int] = None, offset: int = 0,
                  **filters) -> Iterator[dict[str, Any]]:
    """Every quote matching the filters of ``search_quotes``, newest first, streamed."""
    conds = quote_conditions(store, **filters)
    order = ((quotes.c.idx,) if set(k for k, v in filters.items() if v) == {"article_id"}
             else (quotes.c.date.desc().nulls_last(), quotes.c.article_id, quotes.c.idx))
    stmt = (select(*QUOTE_COLUMNS)
            .select_from(quotes.join(articles, articles.c.id == quotes.c.article_id)
                         .outerjoin(people, people.c.id == quotes.c.person_id))
            .where(*conds).order_by(*order).limit(limit).offset(offset))
    return _stream(store, stmt)


def stream_articles(store: Store, *, limit: Optional[int] = None, offset: int = 0,
                    outlet: Optional[str] = None, since: Optional[str] = None,
                    until: Optional[str] = None) -> Iterator[dict[str, Any]]:
    """Articles without their text, newest first, streamed (as ``list_articles``)."""
    cols = [c for c in articles.c if c.name not in ("text", "meta", "regions")]
    stmt = (select(*cols).where(*article_conditions(outlet, since, until))
            .order_by(articles.c.date.desc().nulls_last(), articles.c.id).limit(limit).offset(offset))
    return _stream(store, stmt)
