"""An annotated article as one HTML file of its own (displaCy-style), to publish or attach.

The same highlighting (:mod:`.highlight`) and the same template macro as the article page
(``_macros.html``'s ``article_body``, static), in ``article_export.html``: the site's stylesheet
is inlined, there is no script and no link back to this site's pages (the speakers and people
are text), and every value goes through Jinja's autoescape. ``article_view`` is also what the
article page shows.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any, Iterable, Optional

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.exceptions import HTTPException

from .. import __version__
from ..store.db import Store
from . import filters, queries
from .params import ArticleId
from .highlight import assign_colours, quotes_from_record, quotes_from_rows, render_article

EXTRA_CSS = """
/* the exported file: no panel to open, the quotes listed under the text */
body.export .quote { cursor: default; }
.quote-index ol { padding-left: 1.5rem; }
.quote-index li { margin: .5rem 0; }
.quote-index small { display: block; color: var(--muted); }
section.exported-article + section.exported-article { border-top: 2px solid var(--line); margin-top: 2rem; }
@media print { .side { position: static; } .reader { grid-template-columns: 1fr; } }
"""


def article_view(text: str, views: list, regions: Iterable, people: Iterable[dict[str, Any]] = (),
                 person_url: Optional[str] = "/people/{}") -> dict[str, Any]:
    """What an article page shows: its paragraphs, speakers, quote details and the people
    mentioned but not quoted (``person_url`` None: the speakers are not links)."""
    speakers = assign_colours(views)
    quoted = {sp.person_id for sp in speakers if sp.person_id is not None}
    return {"paragraphs": render_article(text, views, regions, person_url=person_url), "speakers": speakers,
            "details": [q.details() for q in views],
            "mentioned": [p for p in people if p["person_id"] is not None and p["person_id"] not in quoted]}


@lru_cache(maxsize=1)
def environment() -> Environment:
    web = resources.files("quotegraph") / "web"
    env = Environment(loader=FileSystemLoader(str(web / "templates")), autoescape=select_autoescape(default=True),
                      auto_reload=False)
    env.filters["num"] = filters.num
    env.filters["http_url"] = filters.http_url
    env.globals["version"] = __version__
    return env


@lru_cache(maxsize=1)
def stylesheet() -> Markup:
    """The site's stylesheet and the file's own rules: our own CSS (no ``</style>`` in it), as is."""
    css = (resources.files("quotegraph") / "web" / "static" / "style.css").read_text(encoding="utf-8")
    return Markup((css + EXTRA_CSS).replace("</", "<\\/"))


def stored_article(art: dict[str, Any]) -> dict[str, Any]:
    """The export's view of a stored article (``queries.article``)."""
    views = quotes_from_rows(art["text"], art["quotes"])
    return {**{k: art.get(k) for k in ("id", "title", "date", "outlet", "url")}, "author": art["meta"].get("author"),
            **article_view(art["text"], views, art["regions"], art["people"], person_url=None)}


def record_article(record) -> dict[str, Any]:
    """The export's view of an extraction record."""
    from ..articlemeta import article_fields
    views = quotes_from_record(record)
    return {"id": record.id, **article_fields(record.meta), "author": record.meta.get("author"),
            **article_view(record.text, views, [(r.span, r.kind) for r in record.regions])}


def render(articles: list[dict[str, Any]], title: Optional[str] = None) -> str:
    """The HTML file of one or several articles (views from :func:`stored_article` or
    :func:`record_article`)."""
    if title is None:
        title = (articles[0]["title"] or articles[0]["id"]) if len(articles) == 1 else f"{len(articles)} articles"
    return environment().get_template("article_export.html").render(articles=articles, title=title,
                                                                     css=stylesheet())


def install(app: FastAPI, *, store: Store) -> None:
    """``GET /export/articles/{id}``: the article as a file of its own (a download)."""

    @app.api_route("/export/articles/{article_id:path}", methods=["GET", "HEAD"], include_in_schema=False)
    def export_article(article_id: ArticleId):
        art = queries.article(store, article_id)
        if art is None:
            raise HTTPException(404, f"no such article: {article_id}")
        return HTMLResponse(render([stored_article(art)]), headers={
            "Content-Disposition": f'attachment; filename="{filters.safe_name(article_id)}.html"'})
