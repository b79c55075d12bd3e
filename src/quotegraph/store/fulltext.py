"""A search of quotes' words (:mod:`~quotegraph.store.search_syntax`) as SQL, per database.

SQLite: the FTS5 index ``quotes_fts`` (word stems, case and accents ignored), as one MATCH
expression made of quoted phrases only (no FTS5 operator of the user's gets in); a store
without the index (an SQLite built without FTS5, a table dropped) falls back to ``LIKE``
(substrings, no stems). PostgreSQL: the ``content_tsv`` column, as ``phraseto_tsquery`` of
each term combined with ``&&``, ``||`` and ``!!`` (the terms are bound parameters: no
tsquery syntax of the user's either). A case-sensitive query (``case``) uses the index to
find candidates and a regular expression on the words as written (SQLite's ``REGEXP``,
registered by SQLAlchemy, PostgreSQL's ``~``).

Relevance order: FTS5's ``rank`` (bm25), PostgreSQL's ``ts_rank``, of the last :data:`RANK_CAP`
matches stored.
"""
from __future__ import annotations

from typing import Optional, Union

from sqlalchemy import Select, literal_column, not_, or_, select, text
from sqlalchemy.sql import ColumnElement

from .db import Store
from .schema import quotes
from .search_syntax import SearchQuery, Term, parse, term_pattern

FTS_FEW, FTS_MANY = 2000, 50000  # matches: fetch them all / walk the date index / probe the index
RANK_CAP = 10_000  # the matches ranked by relevance: the last stored


def as_query(contains: Union[str, SearchQuery, None], case: bool = False) -> Optional[SearchQuery]:
    """The query of a ``contains`` filter (text in the search language, or a query); None for none.
    A query too long is a :class:`~quotegraph.store.search_syntax.SearchSyntaxError` (a QueryError)."""
    if contains is None or isinstance(contains, SearchQuery):
        return contains or None
    return parse(contains, case) or None


def has_fts(store: Store) -> bool:
    """Whether the store has its full-text index (PostgreSQL: always; SQLite: ``quotes_fts``)."""
    if not store.sqlite:
        return True
    found = getattr(store, "_has_fts", None)
    if found is None:
        with store.connect() as conn:
            found = conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE name = 'quotes_fts'").first() is not None
        store._has_fts = found
    return found


# --- SQLite FTS5 -------------------------------------------------------------------------------

def _fts5_term(t: Term) -> str:
    return '"' + " ".join(t.words) + '"'  # words are letters and digits: nothing to escape


def _fts5_any(terms) -> str:
    return " OR ".join(_fts5_term(t) for t in terms)


def fts5_expression(q: SearchQuery) -> Optional[str]:
    """The FTS5 MATCH expression of the query's words (None without a word to find): its
    exclusions too, unless it is case-sensitive (they are regular expressions then)."""
    if not q.groups:
        return None
    expr = " AND ".join(f"({_fts5_any(g)})" for g in q.groups)
    if q.exclude and not q.case:
        expr = f"({expr}) NOT ({_fts5_any(q.exclude)})"
    return expr


def _fts5_rowids(expr: str, name: str = "fts_expr") -> Select:
    return (select(literal_column("rowid")).select_from(text("quotes_fts"))
            .where(text(f"quotes_fts MATCH :{name}")).params(**{name: expr}))


# --- PostgreSQL tsquery ------------------------------------------------------------------------

def _tsquery(q: SearchQuery, prefix: str) -> tuple[Optional[str], dict[str, str]]:
    """A tsquery expression of bound ``phraseto_tsquery`` calls, and its parameters."""
    params: dict[str, str] = {}

    def term(t: Term) -> str:
        name = f"{prefix}{len(params)}"
        params[name] = " ".join(t.words)
        return f"phraseto_tsquery('quotegraph', :{name})"

    parts = ["(" + " || ".join(term(t) for t in g) + ")" for g in q.groups]
    if q.exclude and not q.case:
        parts.append("!!(" + " || ".join(term(t) for t in q.exclude) + ")")
    return (" && ".join(parts) or None), params


# --- conditions ---------------------------------------------------------------------------------

def _regex_conditions(q: SearchQuery) -> list[ColumnElement]:
    conds = [quotes.c.content.regexp_match(term_pattern(g)) for g in q.groups]
    if q.exclude:
        conds.append(not_(quotes.c.content.regexp_match(term_pattern(q.exclude))))
    return conds


def _like_conditions(q: SearchQuery) -> list[ColumnElement]:
    def has(t: Term):
        return quotes.c.content.contains(" ".join(t.words), autoescape=True)  # SQLite: ASCII case ignored

    conds = [or_(*(has(t) for t in g)) for g in q.groups]
    conds += [not_(has(t)) for t in q.exclude]
    return conds


def index_condition(store: Store, q: SearchQuery, plan: str = "in") -> Optional[ColumnElement]:
    """The query's condition on the full-text index (None when it has none to use).

    On SQLite ``plan`` is ``in`` (the matching rowids as a set) or ``probe`` (each row looked
    up in the index: for a walk down the date index when the words are so frequent that the
    first page is found after a few rows).
    """
    if store.sqlite:
        if not has_fts(store):
            return None
        expr = fts5_expression(q)
        if expr is None:
            if q.case or not q.exclude:
                return None
            return quotes.c.id.not_in(_fts5_rowids(_fts5_any(q.exclude)))
        if plan == "probe":
            return text("EXISTS (SELECT 1 FROM quotes_fts WHERE quotes_fts.rowid = quotes.id "
                        "AND quotes_fts MATCH :fts_expr)").bindparams(fts_expr=expr)
        return quotes.c.id.in_(_fts5_rowids(expr))
    tsq, params = _tsquery(q, "fts_")
    if tsq is None:
        return None
    return text(f"quotes.content_tsv @@ ({tsq})").bindparams(**params)


def other_conditions(store: Store, q: SearchQuery) -> list[ColumnElement]:
    """The query's conditions beside :func:`index_condition`: the words as written (``case``),
    or ``LIKE`` on a SQLite store without its index."""
    if q.case:
        return _regex_conditions(q)
    if not has_fts(store):
        return _like_conditions(q)
    return []


def conditions(store: Store, q: SearchQuery, plan: str = "in") -> list[ColumnElement]:
    """Every condition of the query on ``quotes``."""
    first = index_condition(store, q, plan)
    return ([first] if first is not None else []) + other_conditions(store, q)


# --- counts, plans, relevance --------------------------------------------------------------------

def index_count(store: Store, q: SearchQuery, cap: int) -> Optional[int]:
    """SQLite: how many quotes match, counting no further than ``cap``, off the full-text index
    alone (it has one row per quote); None when the index alone cannot tell."""
    if not store.sqlite or q.case or not has_fts(store):
        return None
    expr = fts5_expression(q)
    return None if expr is None else _fts5_count(store, expr, cap)


def _fts5_count(store: Store, expr: str, cap: int) -> int:
    with store.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM (SELECT rowid FROM quotes_fts "
                                 "WHERE quotes_fts MATCH :p LIMIT :k)"), {"p": expr, "k": cap}).scalar_one()


def plan(store: Store, q: SearchQuery) -> Optional[tuple[str, bool]]:
    """SQLite: (condition plan, walk the date index?) by how many match; None: no index to plan on.

    Few matches: fetch them all and sort by date. More: walk the date index newest first,
    testing each row against the set of matches. Very many: the same walk, looking each row
    up in the full-text index (the set itself would cost more than the walk). Only words to
    leave out: the walk.
    """
    if not store.sqlite or not has_fts(store):
        return None
    expr = fts5_expression(q)
    if expr is None:
        return ("in", True) if q.exclude and not q.case else None
    n = _fts5_count(store, expr, FTS_MANY)
    if n < FTS_FEW:
        return "in", False
    return ("in", True) if n < FTS_MANY else ("probe", True)


def ranked(store: Store, q: SearchQuery, stmt: Select) -> Optional[Select]:
    """``stmt`` (a select from ``quotes`` with every condition but :func:`index_condition`) joined
    to the index and ordered by relevance first; None when there is no index to rank by.

    Only the :data:`RANK_CAP` matches stored last are ranked (the newest, mostly): scoring
    every match of a word in most quotes would take about a second on a million.
    """
    if store.sqlite:
        expr = fts5_expression(q) if has_fts(store) else None
        if expr is None:
            return None
        m = (select(literal_column("rowid").label("rid"), literal_column("rank").label("score"))
             .select_from(text("quotes_fts")).where(text("quotes_fts MATCH :fts_rank"))
             .order_by(literal_column("rowid").desc()).limit(RANK_CAP)
             .params(fts_rank=expr).subquery("fts_match"))
        return stmt.join(m, m.c.rid == quotes.c.id).order_by(m.c.score)
    tsq, params = _tsquery(q, "fts_")
    if tsq is None:
        return None
    last = text(f"quotes.id IN (SELECT m.id FROM quotes AS m WHERE m.content_tsv @@ ({tsq}) "
                "ORDER BY m.id DESC LIMIT :rank_cap)").bindparams(rank_cap=RANK_CAP, **params)
    score = text(f"ts_rank(quotes.content_tsv, {tsq.replace(':fts_', ':rank_')}) DESC").bindparams(
        **{k.replace("fts_", "rank_"): v for k, v in params.items()})
    return stmt.where(last).order_by(score)
