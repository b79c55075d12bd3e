"""The repeated parts of the busiest pages, as HTML written by Python rather than by Jinja.

A list of quotes (person and search pages), a person's quotes by month (a table; the chart is
:mod:`.charts`') and
their co-quoted people: one row each per quote, month or person. Written with
f-strings they cost about a quarter of the Jinja loops they replace (which call
a filter and a lookup per value), and they were most of a person page's
rendering time. Every value is escaped by markupsafe's ``escape``, Jinja's own
autoescape (``&<>'"``; None shows as ``None``); the pages' templates call them
as globals: ``{{ quote_list(items) }}``.
"""
from __future__ import annotations

from typing import Any, Iterable, Optional
from urllib.parse import quote, urlsplit

from markupsafe import Markup
from markupsafe import escape as esc  # Jinja's autoescape


def seg(value: Any) -> str:
    """A path segment: every reserved character percent-encoded (so nothing left to escape)."""
    return quote(str(value), safe="")


def http_url(url: Optional[str]) -> Optional[str]:
    """The url if it is http(s), else None (never a javascript: link from an article's meta)."""
    try:
        return url if url and urlsplit(url.strip()).scheme.lower() in ("http", "https") else None
    except ValueError:
        return None


def safe_name(name: str) -> str:
    """A file name made of an id: letters, digits, ``-_.``; anything else ``_``; at most 80."""
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:80]


def num(n: Any) -> str:
    """An integer with thousands separators; None as nothing."""
    return f"{n:,}" if isinstance(n, int) else ("" if n is None else esc(n))


def quote_list(items: Iterable[dict[str, Any]], show_speaker: bool = True) -> Markup:
    """An ``<ol class="quotes">`` of quote rows (``QUOTE_COLUMNS``): the words, then who (with
    ``show_speaker``), type, kind (when not speech), cue, article link, outlet and date."""
    out = ['<ol class="quotes">\n']
    add = out.append
    for q in items:
        kind = esc(q["type"])
        add(f'  <li class="{kind}">\n    <blockquote>{esc(q["content"])}</blockquote>\n    <div class="meta">\n      ')
        if show_speaker:
            if q["person_id"] is not None:
                add(f'<a class="who" href="/people/{esc(q["person_id"])}">{esc(q["speaker"])}</a> · ')
            else:
                add(f'<span class="who">{esc(q["speaker"] or "unnamed")}</span> · ')
        add(f'<span class="badge {kind}">{kind}</span>')
        said_as = esc(q.get("kind") or "speech")
        if said_as != "speech":
            add(f' <span class="badge kind-{said_as}">{said_as}</span>')
        if q["cue"]:
            add(f' · <span class="cue-word">{esc(q["cue"])}</span>')
        add(f'\n      · <a href="/articles/{seg(q["article_id"])}#q-{esc(q["idx"])}">{esc(q["title"] or q["article_id"])}</a>')
        if q["outlet"]:
            add(f' · {esc(q["outlet"])}')
        if q["date"]:
            add(f' · <time>{esc(q["date"])}</time>')
        add('\n    </div>\n  </li>\n')
    add('</ol>')
    return Markup("".join(out))


def month_rows(by_month: Iterable[dict[str, Any]]) -> Markup:
    """The rows of a person's quotes-by-month table: month and count (the chart above it draws them)."""
    return Markup("".join(f'<tr><td>{esc(m["month"] or "no date")}</td><td class="n">{num(m["quotes"])}</td></tr>\n'
                          for m in by_month))


def co_quoted_items(people: Iterable[dict[str, Any]]) -> Markup:
    """The ``<li>`` of people quoted in the same articles: a link and the number of articles."""
    out = [f'<li><a href="/people/{esc(c["id"])}">{esc(c["name"])}</a> <span class="count">{num(c["articles"])}</span></li>\n'
           for c in people]
    return Markup("".join(out) or '<li class="none">Nobody else.</li>\n')
