"""Searching quotes: the page ``/search`` and the API's ``/api/search`` and ``/api/quotes``.

``q`` is in the search language of :mod:`quotegraph.store.search_syntax` (words, "phrases",
-excluded, OR), ``case=true`` takes its words as written, ``order`` is ``date`` (newest
first) or ``relevance``. The page shows each quote in its sentence with the words searched
for marked (:mod:`.snippets`, written by the template: Jinja's autoescape), linked to its
anchor in the article (``/articles/{id}#q-N``), and the speakers of the matches with their
numbers of quotes (facets, as Datasette's: a click keeps the search to one of them). The API
gives the facets with ``facets=true``, and ``/api/search`` the same snippets as the page with
``snippets=true``.
"""
from __future__ import annotations

from typing import Annotated, Any, Callable, Literal, Optional

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse
from starlette.exceptions import HTTPException

from ..store import fulltext
from ..store.db import Store
from ..store.query import QueryError, search_quotes
from . import queries, snippets
from .corrections_routes import confidence
from .params import (PER_PAGE, ArticleQ, Fmt, KindChoice, KindQ, Limit, Offset, OptText, Page, PersonQ, Since,
                     Speaker, Text, Until, Words, WORDS_HELP)

Order = Literal["date", "relevance"]
QOrder = Query("date", description="date (newest first) or relevance (the best matches of q first)")
QCase = Query(False, description="q's words as written: case and form (wall is not Wall Street)")
QType = Query(None, description="direct, mixed or indirect")
QConfidence = Query(None, ge=0, le=1, description="only quotes of at least this confidence (0 to 1)")
FACETS = 10  # speakers listed beside the results


def install(app: FastAPI, *, store: Store, html: Callable, cache, pages: Callable, person_or_404: Callable,
            download: Callable, page_json: Callable, quote_fields: list[str], format_help: str) -> None:
    """Add the search page and the API's quote lists to the app (the app's helpers passed in)."""

    def quote_filters(q, speaker, person, outlet, since, until, type, article=None, kind=None,
                      min_confidence=None, case=False) -> dict[str, Any]:
        words = fulltext.as_query(q, case) if q else None
        if q and q.strip() and words is None:
            raise QueryError("q: give words to search for (letters or digits)")
        return {"contains": words, "speakers": (speaker,) if speaker else (),
                "person_ids": (person,) if person is not None else (), "outlet": outlet or None,
                "since": since or None, "until": until or None, "type": type or None,
                "article_id": article or None, "kind": kind or None, "min_confidence": min_confidence}

    def key(filters: dict[str, Any]) -> tuple:
        return tuple(sorted((k, repr(v)) for k, v in filters.items()))

    def count(filters: dict[str, Any]) -> tuple[int, bool]:
        return cache.get(("count",) + key(filters), lambda: queries.count_capped(store, **dict(filters)))

    def facets(filters: dict[str, Any]) -> tuple[list[dict[str, Any]], int, bool]:
        """The speakers of the matches, and how many matches (capped?): one read for both."""
        return cache.get(("speakers",) + key(filters),
                         lambda: queries.speaker_facets(store, limit=FACETS, **dict(filters)))

    def find(filters: dict[str, Any], limit: int, offset: int, order: str = "date", with_facets=False,
             context: int = 0):
        items = search_quotes(store, limit=limit, offset=offset, order=order, context=context, **dict(filters))
        if with_facets:
            speakers, total, capped = facets(filters)
            return items, total, capped, speakers
        total, capped = count(filters)
        return items, total, capped, []

    def add_snippets(items: list[dict[str, Any]], words, as_json: bool = False) -> None:
        """Each row's quote in its sentence, the words searched for marked, in place of the
        article's text around it that the search read (``context``)."""
        for r in items:
            s = snippets.snippet(r["content"], words, r.pop("context"), r.pop("context_start"),
                                 r["content_start"], r["content_end"])
            r["snippet"] = s.as_json() if as_json else s

    # --- the page -------------------------------------------------------------------------

    @app.api_route("/search", methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: Text = "", speaker: Text = "", person: PersonQ = None,
                    outlet: Text = "", since: Text = "", until: Text = "",
                    type: Literal["", "direct", "mixed", "indirect"] = "", kind: KindChoice = "said",
                    page: Page = 1, min_confidence: Text = "", case: bool = False, order: Order = "date"):
        least = confidence(min_confidence)
        filters = quote_filters(q, speaker, person, outlet, since, until, type, kind=kind,
                                min_confidence=least, case=case)
        items, total, capped, speakers = find(filters, PER_PAGE, (page - 1) * PER_PAGE, order,
                                              with_facets=person is None, context=snippets.WINDOW)
        words = filters["contains"]
        add_snippets(items, words)
        who = person_or_404(person)["name"] if person is not None else None
        return html(request, "search.html", items=items, total=total, capped=capped,
                    pages=pages(total, page), q=q, speaker=speaker, person=person, person_name=who,
                    outlet=outlet, since=since, until=until, type=type, kind=kind, min_confidence=least,
                    case=case, order=order, words=words,
                    speakers=speakers,
                    outlets=cache.get("outlets", lambda: queries.outlets(store)))

    # --- the API --------------------------------------------------------------------------


    def quotes_endpoint(filters, limit, offset, format, name, order="date", with_facets=False,
                        with_snippet=False):
        if format:
            return download(queries.stream_quotes(store, limit=limit, offset=offset, **filters),
                            format, name, quote_fields)
        items, total, capped, speakers = find(filters, limit or PER_PAGE, offset, order, with_facets,
                                              context=snippets.WINDOW if with_snippet else 0)
        if with_snippet:
            add_snippets(items, filters["contains"], as_json=True)
        extra = {"facets": {"speaker": speakers}} if with_facets else {}
        return page_json(items, total, limit or PER_PAGE, offset, capped, **extra)

    QFacets = Query(False, description=f"add the {FACETS} speakers most quoted among the matches, "
                                       "with their numbers of quotes (facets.speaker)")

    @app.get("/api/quotes", summary="Quotes, newest first, filtered")
    def api_quotes(q: Words = None, speaker: Speaker = None, person: PersonQ = None,
                   outlet: OptText = None, since: Since = None, until: Until = None,
                   type: Optional[Literal["direct", "mixed", "indirect"]] = QType,
                   kind: KindQ = "said", article: ArticleQ = None,
                   min_confidence: Optional[float] = QConfidence, case: bool = QCase, order: Order = QOrder,
                   facets: bool = QFacets, limit: Limit = None, offset: Offset = 0,
                   format: Fmt = Query(None, description=format_help)):
        filters = quote_filters(q, speaker, person, outlet, since, until, type, article, kind,
                                min_confidence, case)
        return quotes_endpoint(filters, limit, offset, format, "quotes", order, facets)

    QSnippets = Query(False, description="add each quote's snippet: the quote in its sentence, the words "
                                         "searched for marked, as on the search page: "
                                         '{"before", "quote", "after"}, each a list of [text, marked]')

    @app.get("/api/search", summary="Full-text search of quotes, with filters")
    def api_search(q: Annotated[Text, Query(min_length=1, description=WORDS_HELP)],
                   speaker: Speaker = None, person: PersonQ = None, outlet: OptText = None,
                   since: Since = None, until: Until = None,
                   type: Optional[Literal["direct", "mixed", "indirect"]] = QType,
                   kind: KindQ = "said", min_confidence: Optional[float] = QConfidence,
                   case: bool = QCase, order: Order = QOrder, facets: bool = QFacets,
                   snippets: bool = QSnippets,
                   limit: Limit = None, offset: Offset = 0, format: Fmt = Query(None, description=format_help)):
        if not q.strip():
            raise HTTPException(400, "q: give words to search for")
        filters = quote_filters(q, speaker, person, outlet, since, until, type, None, kind,
                                min_confidence, case)
        return quotes_endpoint(filters, limit, offset, format, "search", order, facets, snippets)
