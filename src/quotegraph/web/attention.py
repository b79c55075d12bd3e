"""Attention over time: how often people (or outlets) are quoted, per month or per week, compared.

The overview page (``/``, moved here from ``app.py``) shows the five most quoted people by
default; ``?person=ID&person=ID&outlet=NAME&by=week`` compares others. A person's page shows
their own quotes per month and takes ``?compare=NAME`` (repeated) and ``by``. The same data is
``GET /api/attention?person=..&outlet=..&by=month|week&since=..&until=..``.

Every period between the first and the last is shown (a month without quotes is a 0). People by
month come from the store's per-person summary (``person_months``); weeks and outlets are
counted from the quotes, by day, then summed per period here (:mod:`.charts`). Results are
cached until the database changes.
"""
from __future__ import annotations

from typing import Annotated, Any, Callable, Literal, Optional

from fastapi import FastAPI, Query, Request
from sqlalchemy import func, select
from starlette.exceptions import HTTPException

from ..store.db import Store
from ..store.query import date_conditions, find_people
from ..store.schema import people, person_months, person_stats, quotes
from . import charts
from .params import MAX_INT, OptText, Text

MAX_SERIES = 8  # people and outlets in one chart
DEFAULT_PEOPLE = 5  # the overview's chart, by default: the most quoted
By = Literal["month", "week"]
PeopleQ = Annotated[list[Annotated[int, Query(ge=0, le=MAX_INT)]], Query(
    description=f"a person's id (repeat to compare; at most {MAX_SERIES} people and outlets)")]
OutletsQ = Annotated[list[Text], Query(description="an outlet (repeat to compare)")]
ByQ = Annotated[By, Query(description="month or week (weeks start on Monday, named by that day)")]


# --- the store --------------------------------------------------------------------------------

def names_of(store: Store, ids: list[int]) -> dict[int, str]:
    with store.connect() as conn:
        return dict(conn.execute(select(people.c.id, people.c.name).where(people.c.id.in_(ids))).all())


def most_quoted(store: Store, ids: list[int]) -> Optional[int]:
    """The most quoted of ``ids`` (the person a typed name most likely means)."""
    if not ids:
        return None
    with store.connect() as conn:
        row = conn.execute(select(people.c.id).select_from(
            people.outerjoin(person_stats, person_stats.c.person_id == people.c.id))
            .where(people.c.id.in_(ids))
            .order_by(func.coalesce(person_stats.c.quotes, 0).desc(), people.c.id).limit(1)).first()
    return row[0] if row else None


def _rows(store: Store, key, ids: list, since: Optional[str], until: Optional[str]):
    """(key, date, quotes) per day of the quotes whose ``key`` column is in ``ids``."""
    n = func.count().label("n")
    stmt = (select(key, quotes.c.date, n).where(key.in_(ids), quotes.c.date.is_not(None),
                                                 *date_conditions(quotes.c.date, since, until))
            .group_by(key, quotes.c.date))
    with store.connect() as conn:
        return conn.execute(stmt).all()


def person_counts(store: Store, ids: list[int], by: str, since: Optional[str] = None,
                  until: Optional[str] = None) -> dict[int, dict[str, int]]:
    """{person id: {period: quotes}}."""
    if not ids:
        return {}
    if by == "month":  # the per-person summary: a few rows each, however many quotes
        with store.connect() as conn:
            rows = conn.execute(select(person_months.c.person_id, person_months.c.month,
                                       person_months.c.quotes)
                                .where(person_months.c.person_id.in_(ids), person_months.c.month != "")).all()
        lo, hi = (since or "")[:7], (until or "")[:7]
        rows = [r for r in rows if r[1] >= lo and (not hi or r[1][:len(hi)] <= hi)]
    else:
        rows = _rows(store, quotes.c.person_id, ids, since, until)
    return charts.buckets(rows, by)


def outlet_counts(store: Store, outlets: list[str], by: str, since: Optional[str] = None,
                  until: Optional[str] = None) -> dict[str, dict[str, int]]:
    """{outlet: {period: quotes}}."""
    return charts.buckets(_rows(store, quotes.c.outlet, outlets, since, until), by) if outlets else {}


def attention(store: Store, person_ids: list[int], outlets: list[str], by: str = "month",
              since: Optional[str] = None, until: Optional[str] = None) -> dict[str, Any]:
    """The series of these people and outlets over every period from the first to the last:
    ``{"by", "periods", "series": [{"kind", "id", "label", "counts"}]}``."""
    names = names_of(store, person_ids) if person_ids else {}
    pc = person_counts(store, [i for i in person_ids if i in names], by, since, until)
    oc = outlet_counts(store, outlets, by, since, until)
    series = [{"kind": "person", "id": i, "label": names[i], "counts": pc.get(i, {})}
              for i in person_ids if i in names]
    series += [{"kind": "outlet", "id": o, "label": o, "counts": oc.get(o, {})} for o in outlets]
    periods = charts.period_range([p for s in series for p in s["counts"]], by)
    return {"by": by, "periods": periods, "series": series}


def as_json(a: dict[str, Any]) -> dict[str, Any]:
    """For the API: each series' counts as a list, one per period."""
    return {"by": a["by"], "periods": a["periods"],
            "series": [{"kind": s["kind"], "id": s["id"], "label": s["label"],
                        "counts": [s["counts"].get(p, 0) for p in a["periods"]],
                        "total": sum(s["counts"].get(p, 0) for p in a["periods"])} for s in a["series"]]}


# --- the routes ---------------------------------------------------------------------------------

def _unique(items: list) -> list:
    return list(dict.fromkeys(items))


def install(app: FastAPI, *, store: Store, html: Callable, cache, corpus: Callable[[], dict],
            gender_shares: Callable[[], Optional[dict]], gender_available: bool) -> Callable:
    """Add the overview page and ``/api/attention``; returns the person page's chart context
    (``person_context(request, person)``), for ``app.py``'s person page."""

    def cached(person_ids: list[int], outlets: list[str], by: str, since=None, until=None):
        key = ("attention", tuple(person_ids), tuple(outlets), by, since, until)
        return cache.get(key, lambda: attention(store, person_ids, outlets, by, since, until))

    def check(person_ids: list, outlets: list) -> None:
        if len(person_ids) + len(outlets) > MAX_SERIES:
            raise HTTPException(400, f"compare at most {MAX_SERIES} people and outlets")

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def home(request: Request, gender: bool = True, person: PeopleQ = [], outlet: OutletsQ = [],
             by: ByQ = "month"):
        c = corpus()
        person_ids, outlets = _unique(person), _unique([o for o in outlet if o.strip()])
        check(person_ids, outlets)
        chosen = bool(person_ids or outlets)
        if not chosen:
            person_ids = [p["id"] for p in c["top_people"][:DEFAULT_PEOPLE]]
        a = cached(person_ids, outlets, by)
        return html(request, "overview.html", corpus=c,
                    gender=gender_shares() if gender else None, gender_available=gender_available,
                    gender_shown=gender and gender_available,
                    attention=charts.chart(a["periods"], a["series"], by), by=by,
                    chosen_people=set(person_ids), chosen_outlets=set(outlets))

    @app.get("/api/attention", summary="Quotes per month or week of several people or outlets, compared",
             description="Every period from the first to the last quote of any series (a period "
                         "without quotes is 0). `person` and `outlet` repeat; at most "
                         f"{MAX_SERIES} in all. Without either: the {DEFAULT_PEOPLE} most quoted people.")
    def api_attention(person: PeopleQ = [], outlet: OutletsQ = [], by: ByQ = "month",
                      since: OptText = None, until: OptText = None):
        person_ids, outlets = _unique(person), _unique([o for o in outlet if o.strip()])
        check(person_ids, outlets)
        if not person_ids and not outlets:
            person_ids = [p["id"] for p in corpus()["top_people"][:DEFAULT_PEOPLE]]
        return {"ok": True, **as_json(cached(person_ids, outlets, by, since or None, until or None))}

    def person_context(request: Request, person: dict[str, Any]) -> dict[str, Any]:
        """The person page's chart: their quotes per month, with every month (from the summary
        already read), or with ``?compare=NAME`` (repeated) and ``by=week``, others beside them."""
        months = person["by_month"]
        q = request.query_params if request.scope.get("query_string") else {}  # none: the busiest case
        names = [n.strip() for n in q.getlist("compare") if n.strip() and "\x00" not in n][:MAX_SERIES - 1] if q else []
        by = "week" if q.get("by") == "week" else "month"
        if not names and by == "month":  # by_month has every month already (queries.person_summary)
            counts = {m["month"]: m["quotes"] for m in months if m["month"]}
            series = [{"kind": "person", "id": person["id"], "label": person["name"], "counts": counts}]
            return {"compare": [], "by": by, "not_found": [],
                    "attention": charts.chart(list(counts), series)}
        ids, missing = [person["id"]], []
        for n in names:
            found = most_quoted(store, find_people(store, n.lstrip("#")) if not n.startswith("#")
                                else [int(n[1:])] if n[1:].isdigit() and int(n[1:]) <= MAX_INT else [])
            if found is None:
                missing.append(n)
            elif found not in ids:
                ids.append(found)
        a = cached(ids, [], by)
        return {"compare": names, "by": by, "not_found": missing,
                "attention": charts.chart(a["periods"], a["series"], by)}

    return person_context
