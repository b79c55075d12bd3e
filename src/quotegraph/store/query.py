"""Questions to the store, as plain functions returning dicts (for the CLI and a web app).

Every function takes a :class:`~quotegraph.store.db.Store` and returns plain,
JSON-ready data. Dates are ``YYYY-MM-DD`` text; ``since``/``until`` may also
be ``YYYY-MM`` or ``YYYY`` (inclusive: ``until='2024-03'`` takes all of March).
Lists of quotes are newest first (articles without a date last), then by article
id and position in the article.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any, Optional, Sequence, Union

from sqlalchemy import case, func, or_, select

from ..record import QUOTE_KINDS as KINDS
from ..record import SAID_KINDS as SAID_BY
from . import fulltext
from .db import Store
from .errors import QueryError
from .graph import quote_named
from .graph_schema import quote_about, quote_addressees
from .people import name_key
from .schema import aliases, articles, mentions, people, person_names, quotes, runs

QUOTE_TYPES = ("direct", "mixed", "indirect")


# --- helpers ------------------------------------------------------------------------

def date_bound(value: Optional[str], upper: bool) -> Optional[str]:
    """``YYYY[-MM[-DD]]`` as the first (or, for ``upper``, last) day it covers."""
    if value is None or value == "":
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value.strip())
    if not m or (m[3] and not m[2]):
        raise QueryError(f"'{value}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    try:  # a month or day that does not exist: 2024-13, 2024-02-30
        dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError as e:
        raise QueryError(f"'{value}' is not a date: {e}")
    if m[3]:
        return value.strip()
    if m[2]:
        return f"{m[1]}-{m[2]}-{'31' if upper else '01'}"
    return f"{m[1]}-{'12-31' if upper else '01-01'}"


QUOTE_COLUMNS = [
    quotes.c.id, quotes.c.article_id, quotes.c.idx, quotes.c.date, quotes.c.outlet, quotes.c.type, quotes.c.kind,
    func.coalesce(people.c.name, quotes.c.speaker_name, quotes.c.speaker_text).label("speaker"),
    quotes.c.person_id, quotes.c.content, quotes.c.cue, quotes.c.speaker_name, quotes.c.speaker_text,
    quotes.c.addressee, quotes.c.confidence, quotes.c.content_start, quotes.c.content_end,
    articles.c.title, articles.c.url,
]


def context_columns(around: int) -> list:
    """``context_start`` and ``context``: the article's text from ``around`` characters before the
    quote to ``around`` after it (for showing the quote in its sentence)."""
    lo = case((quotes.c.content_start > around, quotes.c.content_start - around), else_=0)
    return [lo.label("context_start"),
            func.substr(articles.c.text, lo + 1, quotes.c.content_end - lo + around).label("context")]


def _quote_select(context: int = 0):
    return (select(*QUOTE_COLUMNS, *(context_columns(context) if context else ()))
            .select_from(quotes.join(articles, articles.c.id == quotes.c.article_id)
                         .outerjoin(people, people.c.id == quotes.c.person_id)))


def _newest_first():
    return (quotes.c.date.desc().nulls_last(), quotes.c.article_id, quotes.c.idx)


def _rows(result) -> list[dict[str, Any]]:
    keys = list(result.keys())  # zipped: much cheaper than each row's _mapping
    return [dict(zip(keys, r)) for r in result.all()]


# --- people ----------------------------------------------------------------------------

def find_people(store: Store, name: str) -> list[int]:
    """Ids of the people a name may mean: the same name or alias; for one word, that surname too."""
    key = name_key(name)
    if not key:
        return []
    with store.connect() as conn:
        ids = set(conn.execute(select(person_names.c.person_id).where(person_names.c.key == key)).scalars())
        canonical = conn.execute(select(aliases.c.canonical).where(aliases.c.key == key)).scalar()
        if canonical:
            ids |= set(conn.execute(select(person_names.c.person_id).where(
                person_names.c.key == name_key(canonical))).scalars())
        if " " not in key:
            ids |= set(conn.execute(select(people.c.id).where(people.c.surname == key)).scalars())
        if not ids:
            ids = set(conn.execute(select(people.c.id).where(
                func.lower(people.c.name).contains(name.strip().lower(), autoescape=True))).scalars())
    return sorted(ids)


def _people_conds(store: Store, outlet: Optional[str], since: Optional[str], until: Optional[str],
                  kind: Optional[str], name: Optional[str]) -> list:
    conds = _date_conds(since, until)
    if outlet:
        conds.append(quotes.c.outlet == outlet)
    if kind:
        conds.append(people.c.kind == kind)
    if name:
        conds.append(people.c.id.in_(find_people(store, name)))
    return conds


def count_people(store: Store, *, outlet: Optional[str] = None, since: Optional[str] = None,
                 until: Optional[str] = None, kind: Optional[str] = None,
                 name: Optional[str] = None) -> int:
    """How many people :func:`list_people` lists with these filters (all its pages)."""
    conds = _people_conds(store, outlet, since, until, kind, name)
    stmt = (select(func.count(quotes.c.person_id.distinct()))
            .select_from(quotes.join(people, people.c.id == quotes.c.person_id)).where(*conds))
    with store.connect() as conn:
        return conn.execute(stmt).scalar_one()


def list_people(store: Store, *, limit: Optional[int] = 50, offset: int = 0,
                outlet: Optional[str] = None, since: Optional[str] = None,
                until: Optional[str] = None, kind: Optional[str] = None,
                name: Optional[str] = None) -> list[dict[str, Any]]:
    """Quoted people, most quoted first: id, name, kind, quotes, articles, first and last date."""
    conds = _people_conds(store, outlet, since, until, kind, name)
    n = func.count(quotes.c.id).label("quotes")
    stmt = (select(people.c.id, people.c.name, people.c.kind, n,
                   func.count(quotes.c.article_id.distinct()).label("articles"),
                   func.min(quotes.c.date).label("first_date"), func.max(quotes.c.date).label("last_date"))
            .select_from(quotes.join(people, people.c.id == quotes.c.person_id))
            .where(*conds).group_by(people.c.id, people.c.name, people.c.kind)
            .order_by(n.desc(), people.c.name, people.c.id).limit(limit).offset(offset))
    with store.connect() as conn:
        return _rows(conn.execute(stmt))


def get_person(store: Store, person_id: int, *, limit: int = 50, offset: int = 0,
               co_quoted: int = 20) -> Optional[dict[str, Any]]:
    """A person: name, kind, aliases, counts, quotes (newest first, paged), quotes by month,
    and the people most often quoted in the same articles."""
    with store.connect() as conn:
        row = conn.execute(select(people).where(people.c.id == person_id)).first()
        if row is None:
            return None
        person = {"id": row.id, "name": row.name, "kind": row.kind,
                  "aliases": [a for a in row.aliases.split("; ") if a], "origin": row.origin}
        person["quote_count"] = conn.execute(select(func.count()).select_from(quotes).where(
            quotes.c.person_id == person_id)).scalar_one()
        person["article_count"] = conn.execute(select(func.count(mentions.c.article_id.distinct())).where(
            mentions.c.person_id == person_id)).scalar_one()
        person["quotes"] = _rows(conn.execute(
            _quote_select().where(quotes.c.person_id == person_id).order_by(*_newest_first())
            .limit(limit).offset(offset)))
        month = func.substr(quotes.c.date, 1, 7).label("month")
        person["by_month"] = _rows(conn.execute(
            select(month, func.count().label("quotes")).where(quotes.c.person_id == person_id)
            .group_by(month).order_by(month.nulls_last())))
        theirs = select(quotes.c.article_id).where(quotes.c.person_id == person_id).scalar_subquery()
        q2 = quotes.alias("q2")
        n = func.count(q2.c.article_id.distinct()).label("articles")
        person["co_quoted"] = _rows(conn.execute(
            select(people.c.id, people.c.name, n)
            .select_from(q2.join(people, people.c.id == q2.c.person_id))
            .where(q2.c.article_id.in_(theirs), q2.c.person_id != person_id)
            .group_by(people.c.id, people.c.name).order_by(n.desc(), people.c.name).limit(co_quoted)))
    return person


# --- quotes ------------------------------------------------------------------------------

def date_conditions(column, since: Optional[str], until: Optional[str]) -> list:
    """Conditions keeping ``column`` (a date) within [since, until], either may be None."""
    conds = []
    lo, hi = date_bound(since, False), date_bound(until, True)
    if lo:
        conds.append(column >= lo)
    if hi:
        conds.append(column <= hi)
    return conds


def _date_conds(since: Optional[str], until: Optional[str]) -> list:
    return date_conditions(quotes.c.date, since, until)


def article_conditions(outlet: Optional[str] = None, since: Optional[str] = None,
                       until: Optional[str] = None, status: Optional[str] = None) -> list:
    """Conditions on the articles table: outlet, date range, status."""
    conds = date_conditions(articles.c.date, since, until)
    if outlet:
        conds.append(articles.c.outlet == outlet)
    if status:
        conds.append(articles.c.status == status)
    return conds


def quote_conditions(store: Store, *, speakers: Sequence[str] = (), person_ids: Sequence[int] = (),
                     together: bool = False, contains: Optional[str] = None,
                     article_id: Optional[str] = None, type: Optional[str] = None,
                     kind: Union[str, Sequence[str], None] = None,
                     since: Optional[str] = None, until: Optional[str] = None,
                     outlet: Optional[str] = None, min_confidence: Optional[float] = None,
                     fts_plan: str = "in", about: Optional[str] = None,
                     to: Optional[str] = None, case: bool = False) -> list:
    """The WHERE conditions of :func:`search_quotes` (shared with :func:`count_quotes`)."""
    conds = _date_conds(since, until)
    if min_confidence is not None:
        if not 0 <= min_confidence <= 1:
            raise QueryError(f"min_confidence {min_confidence:g} is not between 0 and 1")
        conds.append(quotes.c.confidence >= min_confidence)
    kinds = parse_kinds(kind)
    if kinds is not None:
        # equalities, not IN: the full-text plans compile this with plain positional parameters
        conds.append(or_(*(quotes.c.kind == k for k in kinds)))
    for table, name in ((quote_about, about), (quote_addressees, to)):  # the graph: names in quotes
        if name and name.strip():  # (never on the full-text plans: see search_quotes)
            conds.append(quote_named(table, find_people(store, name), name_key(name)))
    groups = [find_people(store, s) for s in speakers] + [[int(p)] for p in person_ids]
    if groups:
        conds.append(quotes.c.person_id.in_(sorted({p for g in groups for p in g})))
        if together:  # only articles that quote every one of them
            for g in groups:
                conds.append(quotes.c.article_id.in_(
                    select(quotes.c.article_id).where(quotes.c.person_id.in_(g))))
    words = fulltext.as_query(contains, case)
    if words is not None:
        conds += fulltext.conditions(store, words, fts_plan)
    if article_id is not None:
        conds.append(quotes.c.article_id == article_id)
    if type:
        if type not in QUOTE_TYPES:
            raise QueryError(f"unknown quote type '{type}' (choose from {', '.join(QUOTE_TYPES)})")
        conds.append(quotes.c.type == type)
    if outlet:
        conds.append(quotes.c.outlet == outlet)
    return conds


def parse_kinds(kind: Union[str, Sequence[str], None]) -> Optional[list[str]]:
    """Quote kinds from ``"speech,writing"``, a list, ``"said"`` (speech and writing: who said
    what) or ``"all"``/empty (no condition: None); an unknown kind is a :class:`QueryError`."""
    if kind is None:
        return None
    words = [w.strip().lower() for k in ([kind] if isinstance(kind, str) else kind) for w in k.split(",")]
    words = [w for w in words if w]
    if not words or "all" in words:
        return None
    out: list[str] = []
    for w in words:
        for k in (SAID_BY if w == "said" else (w,)):
            if k not in KINDS:
                raise QueryError(f"unknown quote kind '{w}' (choose from {', '.join(KINDS)}, said or all)")
            if k not in out:
                out.append(k)
    return None if set(out) == set(KINDS) else out


ORDERS = ("date", "relevance")


def search_quotes(store: Store, *, limit: Optional[int] = 50, offset: int = 0, order: str = "date",
                  context: int = 0, **filters) -> list[dict[str, Any]]:
    """Quotes matching all filters, newest first (or, with ``order="relevance"`` and words to
    find, the best matches first), one page (``limit``/``offset``).

    Filters: ``speakers`` (names; a quote by any of them), ``person_ids``, ``about`` and
    ``to`` (a name the quote is about, or addressed to: a person it may mean, or the name),
    ``together`` (only articles quoting every speaker given), ``contains``
    (full-text, in the search language of :mod:`~quotegraph.store.search_syntax`: words,
    "phrases", -excluded, OR), ``case`` (``contains``'s words as written: case and form),
    ``article_id``, ``type``, ``kind`` (see :func:`parse_kinds`), ``since``, ``until``,
    ``outlet``, ``min_confidence`` (0 to 1). In an article's listing (``article_id``, with or
    without ``kind``) quotes come in text order. With ``context``, each row has the article's
    text around the quote (:func:`context_columns`).
    """
    if order not in ORDERS:
        raise QueryError(f"unknown order '{order}' (choose from {', '.join(ORDERS)})")
    words = filters["contains"] = fulltext.as_query(filters.get("contains"), filters.get("case", False))
    if words is not None and order == "relevance":
        rest = quote_conditions(store, **dict(filters, contains=None)) + fulltext.other_conditions(store, words)
        stmt = fulltext.ranked(store, words, select(quotes.c.id).where(*rest))
        if stmt is not None:
            with store.connect() as conn:
                ids = list(conn.execute(stmt.order_by(*_newest_first()).limit(limit).offset(offset)).scalars())
                return _rows_of(conn, ids, context)
    walk = False
    if (words is not None and not filters.get("speakers") and not filters.get("person_ids")
            and filters.get("article_id") is None and not filters.get("about") and not filters.get("to")):
        planned = fulltext.plan(store, words)
        if planned is not None:
            filters["fts_plan"], walk = planned
    conds = quote_conditions(store, **filters)
    sort = ((quotes.c.idx,) if set(k for k, v in filters.items() if v) - {"kind"} == {"article_id"}
            else _newest_first())
    with store.connect() as conn:
        if "fts_plan" not in filters:
            stmt = _quote_select(context).where(*conds).order_by(*sort).limit(limit).offset(offset)
            return _rows(conn.execute(stmt))
        # The page's ids first, then their rows: the articles and people joined to 50 quotes
        # rather than to every match. The ids by a walk down the date index, or else from the
        # set of matches by rowid (NOT INDEXED: never a walk of the whole date index).
        ids_stmt = select(quotes.c.id).where(*conds).order_by(*sort).limit(limit).offset(offset)
        compiled = ids_stmt.compile(conn)
        sql = str(compiled).replace(
            "FROM quotes ", "FROM quotes INDEXED BY quotes_date " if walk else "FROM quotes NOT INDEXED ", 1)
        params = tuple(compiled.params[name] for name in compiled.positiontup)
        return _rows_of(conn, [r[0] for r in conn.exec_driver_sql(sql, params)], context)


def _rows_of(conn, ids: list[int], context: int = 0) -> list[dict[str, Any]]:
    """The rows of these quotes, in this order."""
    rows = {r["id"]: r for r in _rows(conn.execute(_quote_select(context).where(quotes.c.id.in_(ids))))}
    return [rows[i] for i in ids]


def count_quotes(store: Store, **filters) -> int:
    """How many quotes :func:`search_quotes` would page through."""
    conds = quote_conditions(store, **filters)
    with store.connect() as conn:
        return conn.execute(select(func.count()).select_from(quotes).where(*conds)).scalar_one()


# --- articles and the corpus ------------------------------------------------------------------

def get_article(store: Store, article_id: str, *, with_text: bool = True) -> Optional[dict[str, Any]]:
    """An article: its fields, its quotes in text order, and its people (with store ids)."""
    with store.connect() as conn:
        row = conn.execute(select(articles).where(articles.c.id == article_id)).first()
        if row is None:
            return None
        art = dict(row._mapping)
        art["meta"] = json.loads(art["meta"])
        art["regions"] = json.loads(art["regions"])
        if not with_text:
            del art["text"]
        art["quotes"] = _rows(conn.execute(
            _quote_select().where(quotes.c.article_id == article_id).order_by(quotes.c.idx)))
        art["people"] = _rows(conn.execute(
            select(mentions.c.person_index, mentions.c.person_id, mentions.c.name, mentions.c.kind,
                   mentions.c.mention_count, mentions.c.match,
                   people.c.name.label("person_name"))
            .select_from(mentions.outerjoin(people, people.c.id == mentions.c.person_id))
            .where(mentions.c.article_id == article_id).order_by(mentions.c.person_index)))
    return art


def list_articles(store: Store, *, limit: Optional[int] = 50, offset: int = 0,
                  outlet: Optional[str] = None, since: Optional[str] = None,
                  until: Optional[str] = None, status: Optional[str] = None) -> list[dict[str, Any]]:
    """Articles without their text, newest first."""
    conds = article_conditions(outlet, since, until, status)
    cols = [c for c in articles.c if c.name not in ("text", "meta", "regions")]
    stmt = (select(*cols).where(*conds).order_by(articles.c.date.desc().nulls_last(), articles.c.id)
            .limit(limit).offset(offset))
    with store.connect() as conn:
        return _rows(conn.execute(stmt))


def overview(store: Store) -> dict[str, Any]:
    """Corpus counts: articles (and failed), quotes (and by type), people, outlets, dates, last runs."""
    with store.connect() as conn:
        n = lambda stmt: conn.execute(stmt).scalar_one()  # noqa: E731
        by_type = dict(conn.execute(select(quotes.c.type, func.count()).group_by(quotes.c.type)).all())
        out = {
            "articles": n(select(func.count()).select_from(articles)),
            "failed_articles": n(select(func.count()).select_from(articles).where(articles.c.status == "failed")),
            "quotes": sum(by_type.values()),
            "quotes_by_type": {t: by_type.get(t, 0) for t in QUOTE_TYPES},
            "people": n(select(func.count()).select_from(people)),
            "quoted_people": n(select(func.count(quotes.c.person_id.distinct()))),
            "outlets": n(select(func.count(articles.c.outlet.distinct()))),
            "first_date": n(select(func.min(articles.c.date))),
            "last_date": n(select(func.max(articles.c.date))),
        }
        out["runs"] = _rows(conn.execute(select(runs).order_by(runs.c.id.desc()).limit(5)))
    return out
