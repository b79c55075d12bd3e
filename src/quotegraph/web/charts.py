"""Charts drawn on the server: counts over time as SVG, every period shown, with a table to match.

Plain data in and out: :func:`fill_months` gives every month from the first to the last (a
month without quotes is a 0, never left out, so that a gap shows as a gap), :func:`buckets`
counts dated rows by month or by week (weeks start on Monday, named by that day), and
:func:`chart` lays out one or several series as bars (one) or lines (several) in a fixed
``viewBox``: coordinates, axis ticks and labels that the templates (``_chart_svg.html``, the
``<svg>``; ``_charts.html``, its key and table) write out with Jinja's autoescape, so that no
chart needs a script or a library from elsewhere. :func:`svg_renderer` keeps each chart's
``<svg>`` until the store changes (one element per bar or point: the busiest part of a person
page's template).
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Iterable, Optional

from markupsafe import Markup

WIDTH, HEIGHT = 640, 220  # the viewBox
LEFT, RIGHT, TOP, BOTTOM = 40, 12, 12, 28  # the margins around the plot
MAX_LABELS = 8  # period labels on the x axis, at most
COLOURS = 8  # series take the speaker colours c0..c7 in turn
Period = str  # "YYYY-MM" (a month) or "YYYY-MM-DD" (the Monday of a week)


def _month(d: str) -> Optional[tuple[int, int]]:
    try:
        y, m = int(d[:4]), int(d[5:7])
    except (TypeError, ValueError):
        return None
    return (y, m) if len(d) >= 7 and d[4] == "-" and 1 <= m <= 12 else None


def month_range(first: str, last: str) -> list[Period]:
    """Every month from ``first`` to ``last`` (``YYYY-MM``), both included."""
    a, b = _month(first), _month(last)
    if a is None or b is None or a > b:
        return []
    out = []
    y, m = a
    while (y, m) <= b:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def week_of(date: str) -> Optional[Period]:
    """The Monday of a ``YYYY-MM-DD`` date's week, as ``YYYY-MM-DD``; None for a partial date."""
    try:
        d = dt.date.fromisoformat(date[:10])
    except (TypeError, ValueError):
        return None
    return (d - dt.timedelta(days=d.weekday())).isoformat()


def week_range(first: str, last: str) -> list[Period]:
    a, b = week_of(first), week_of(last)
    if a is None or b is None or a > b:
        return []
    d, end, out = dt.date.fromisoformat(a), dt.date.fromisoformat(b), []
    while d <= end:
        out.append(d.isoformat())
        d += dt.timedelta(days=7)
    return out


def period_of(date: Optional[str], by: str) -> Optional[Period]:
    if not date:
        return None
    if by == "week":
        return week_of(date)
    return date[:7] if _month(date) else None


def period_range(periods: Iterable[Period], by: str) -> list[Period]:
    """Every period from the earliest to the latest of ``periods``."""
    known = sorted(set(periods))
    if not known:
        return []
    return (week_range if by == "week" else month_range)(known[0], known[-1])


def fill_months(by_month: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``[{"month", "quotes"}]`` with every month between the first and the last (0 quotes where
    none were); an undated row (``month`` None) stays last."""
    counts = {m["month"]: m["quotes"] for m in by_month if m["month"]}
    if len(counts) < 2:
        return list(by_month)
    a, b = _month(min(counts)), _month(max(counts))
    if a is None or b is None or (b[0] - a[0]) * 12 + b[1] - a[1] + 1 == len(counts):
        return list(by_month)  # no month missing (the most common case: no list to build)
    undated = [m for m in by_month if not m["month"]]
    return [{"month": m, "quotes": counts.get(m, 0)} for m in month_range(min(counts), max(counts))] + undated


def buckets(rows: Iterable[tuple[Any, Optional[str], int]], by: str) -> dict[Any, dict[Period, int]]:
    """(key, date, count) rows summed by key and period (month or week); undated rows left out."""
    out: dict[Any, dict[Period, int]] = {}
    for key, date, n in rows:
        p = period_of(date, by)
        if p is not None:
            counts = out.setdefault(key, {})
            counts[p] = counts.get(p, 0) + n
    return out


def _nice(top: int) -> int:
    """The axis maximum: ``top`` rounded up to 1, 2 or 5 times a power of ten (at least 1)."""
    step = 1
    while True:
        for f in (1, 2, 5):
            if f * step >= top:
                return f * step
        step *= 10


def chart(periods: list[Period], series: list[dict[str, Any]], by: str = "month") -> dict[str, Any]:
    """The layout of a chart of ``series`` (each ``{"label", "counts": {period: n}}``, plus
    anything else, kept) over ``periods``: bars for one series, lines for several.

    Returns the viewBox size, the y ticks, the x labels, and per series its ``values`` (one per
    period), ``total``, ``peak`` (period, count), colour class and ``bars`` or ``points``.
    """
    n = max(len(periods), 1)
    values = [[s["counts"].get(p, 0) for p in periods] for s in series]
    top = _nice(max((max(v, default=0) for v in values), default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / n
    base = TOP + plot_h

    scale = plot_h / top

    out_series = []
    for i, (s, vals) in enumerate(zip(series, values)):
        peak = max(range(len(vals)), key=lambda j: (vals[j], -j)) if vals else None
        item = dict(s, values=vals, total=sum(vals), colour=f"c{i % COLOURS}",
                    peak=(periods[peak], vals[peak]) if peak is not None and vals[peak] else None)
        if len(series) == 1:
            w = min(max(step * 0.8, 1), 48)  # thin bars, however few the periods
            item["bars"] = [{"x": LEFT + j * step + (step - w) / 2, "y": base - scale * v, "w": w,
                             "h": scale * v, "period": periods[j], "value": v} for j, v in enumerate(vals)]
        else:
            item["points"] = [{"x": LEFT + (j + 0.5) * step, "y": base - scale * v, "period": periods[j],
                               "value": v} for j, v in enumerate(vals)]
            item["polyline"] = " ".join(f"{p['x']:.1f},{p['y']:.1f}" for p in item["points"])
        out_series.append(item)
    every = max(1, -(-n // MAX_LABELS))
    labels = [{"x": LEFT + (j + 0.5) * step, "text": p} for j, p in enumerate(periods) if j % every == 0]
    ticks = [{"y": base - scale * v, "value": v} for v in ([0, top // 2, top] if top % 2 == 0 else [0, top])]
    return {"width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT, "top": TOP,
            "base": base, "by": by, "periods": periods, "series": out_series, "labels": labels,
            "ticks": ticks, "max": top, "lines": len(series) > 1}


def describe(c: dict[str, Any]) -> str:
    """One sentence saying what a chart shows (its SVG ``desc``)."""
    if not c["periods"]:
        return "No dated quotes."
    unit = "week" if c["by"] == "week" else "month"
    span = f"{c['periods'][0]} to {c['periods'][-1]}"
    parts = []
    for s in c["series"]:
        peak = f", most in {s['peak'][0]} ({s['peak'][1]})" if s["peak"] else ""
        parts.append(f"{s['label']}: {s['total']} quote{'s' * (s['total'] != 1)}{peak}")
    return f"Quotes per {unit}, {span} ({len(c['periods'])} {unit}s). " + "; ".join(parts) + "."


def f1(x: float) -> str:
    """A coordinate, to a tenth (the templates' ``f1`` filter)."""
    return f"{x:.1f}"


def svg_renderer(env, cache) -> Callable[[dict[str, Any], str, str], Markup]:
    """``chart_svg(c, id, title)`` for the templates: the ``<svg>`` of a chart laid out by
    :func:`chart`, written by the ``chart_svg`` macro of ``_chart_svg.html`` (autoescaped) and kept
    in ``cache`` (a :class:`.queries.Cache`: until the store changes), keyed by what it shows."""
    env.filters["f1"] = f1
    env.globals["chart_description"] = describe
    macro = env.get_template("_chart_svg.html").module.chart_svg

    def svg(c: dict[str, Any], id: str, title: str) -> Markup:
        key = ("svg", id, title, c["by"], tuple(c["periods"]),
               tuple((s["label"], s["colour"], tuple(s["values"])) for s in c["series"]))
        return cache.get(key, lambda: macro(c, id, title))

    return svg
