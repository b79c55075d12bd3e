"""Charts drawn on the server: counts over time as SVG, every period shown, with a table to match.

Plain data in and out: :func:`fill_months` gives every month from the first to the last (a
month without quotes is a 0, never left out, so that a gap shows as a gap), :func:`buckets`
counts dated rows by month or by week (weeks start on Monday, named by that day), and
:func:`chart` lays out one or several series as bars (one) or lines (several) in a fixed
``viewBox``: coordinates, axis ticks and labels that the ``_charts.html`` macro writes out with
Jinja's autoescape, so that no chart needs a script or a library from elsewhere. The ``<svg>``
itself is written by :func:`svg` (one element per bar or point: on a person page, the busiest,
f-strings cost a tenth of the same loop in Jinja), every value escaped by markupsafe, Jinja's
own autoescape.
"""
from __future__ import annotations

import datetime as dt
from typing import Any, Iterable, Optional

from markupsafe import Markup
from markupsafe import escape as esc  # Jinja's autoescape

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


def _esc(value: Any) -> str:
    """Escaped, as a plain str (a Markup in an f-string goes through its slow ``__format__``);
    a period (digits and dashes: nothing to escape) as it is, at once."""
    if isinstance(value, str) and value.replace("-", "").isdigit():
        return value
    return str(esc(value))


def svg(c: dict[str, Any], id: str, title: str) -> Markup:
    """The ``<svg>`` of a chart laid out by :func:`chart`: a title and a description (for screen
    readers, ``role="img"``), the axes, and per series its bars or its line and points, each
    with a tooltip."""
    out = [f'<svg viewBox="0 0 {c["width"]} {c["height"]}" role="img" '
           f'aria-labelledby="{_esc(id)}-title {_esc(id)}-desc">\n'
           f'  <title id="{_esc(id)}-title">{_esc(title)}</title>\n'
           f'  <desc id="{_esc(id)}-desc">{_esc(describe(c))}</desc>\n  <g class="axis" aria-hidden="true">']
    add = out.append
    for t in c["ticks"]:
        add(f'<line x1="{c["left"]}" x2="{c["right"]}" y1="{t["y"]:.1f}" y2="{t["y"]:.1f}"></line>'
            f'<text x="{c["left"] - 6}" y="{t["y"] + 4:.1f}" text-anchor="end">{t["value"]}</text>')
    for label in c["labels"]:
        add(f'<text x="{label["x"]:.1f}" y="{c["base"] + 18}" text-anchor="middle">{_esc(label["text"])}</text>')
    add("</g>\n")
    periods = [_esc(p) for p in c["periods"]]
    for s in c["series"]:
        name = _esc(s["label"])
        add(f'  <g class="series {s["colour"]}" data-label="{name}">')
        if "bars" in s:
            bars = s["bars"]
            w = f'{bars[0]["w"]:.1f}' if bars else ""
            add("".join(f'<rect x="{b["x"]:.1f}" y="{b["y"]:.1f}" width="{w}" height="{b["h"]:.1f}" '
                        f'data-period="{p}" data-value="{b["value"]}"><title>{p}: {b["value"]}</title></rect>'
                        for b, p in zip(bars, periods)))
        else:
            add(f'<polyline points="{s["polyline"]}"></polyline>')
            for pt, p in zip(s["points"], periods):
                add(f'<circle cx="{pt["x"]:.1f}" cy="{pt["y"]:.1f}" r="3" data-period="{p}" data-value="{pt["value"]}">'
                    f'<title>{name}, {p}: {pt["value"]}</title></circle>')
        add("</g>\n")
    add("</svg>")
    return Markup("".join(out))
