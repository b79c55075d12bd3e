"""The pages for people to read: articles, an article, people, a person, try it, the API's docs
(the overview is :mod:`.attention`'s; search, graph and corrections pages have modules of their own)."""
from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from .. import __version__
from ..record import Article
from . import article_export, queries
from .context import Context
from .highlight import quotes_from_record, quotes_from_rows
from .pagecache import PageCache
from .params import PER_PAGE, ArticleId, KindChoice, Page, PersonId, Text

API_EXAMPLES = {  # a query string to try, on /api-docs
    "/api/search": "?q=said&limit=5", "/api/quotes": "?type=direct&min_confidence=0.7&limit=5",
    "/api/people": "?limit=10", "/api/articles": "?limit=10&since=2024-01", "/api/outlets": "?limit=10",
}


def router(ctx: Context) -> APIRouter:
    """The pages' routes, on the app's store and templates (``ctx``)."""
    store, html, settings, pages, cache = ctx.store, ctx.html, ctx.settings, ctx.pages, ctx.cache
    read_person, people_list, article_or_404 = ctx.read_person, ctx.people_list, ctx.article_or_404
    r = APIRouter()

    def page(path: str):
        """A page's route: GET, and HEAD (the same headers, no body)."""
        return r.api_route(path, methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False)

    @page("/articles")
    def articles_page(request: Request, page: Page = 1, outlet: Text = "", since: Text = "",
                      until: Text = ""):
        total = queries.count_articles(store, outlet or None, since or None, until or None)
        items = list(queries.stream_articles(store, limit=PER_PAGE, offset=(page - 1) * PER_PAGE,
                                             outlet=outlet or None, since=since or None,
                                             until=until or None))
        return html(request, "articles.html", items=items, total=total, pages=pages(total, page),
                    outlet=outlet, since=since, until=until)

    @page("/articles/{article_id:path}")
    def article_page(request: Request, article_id: ArticleId):
        art = article_or_404(article_id)
        view = article_export.article_view(art["text"], quotes_from_rows(art["text"], art["quotes"]), art["regions"], art["people"])
        return html(request, "article.html", art=art, stored=True, **view)

    @page("/people")
    def people_page(request: Request, page: Page = 1, name: Text = ""):
        items = people_list(limit=PER_PAGE + 1, offset=(page - 1) * PER_PAGE, name=name or None)
        more = len(items) > PER_PAGE
        return html(request, "people.html", items=items[:PER_PAGE], name=name, page=page,
                    prev=page - 1 if page > 1 else None, next=page + 1 if more else None)

    async def person_html(request: Request, person_id: int, page: int, kind: str = "all") -> HTMLResponse:
        person, items = await read_person(person_id, PER_PAGE, (page - 1) * PER_PAGE)
        total = person["quote_count"]
        if kind != "all":  # a kind of theirs: off the quotes themselves
            items, total = await run_in_threadpool(queries.person_quotes_of_kind, store, person_id, kind,
                                                   PER_PAGE, (page - 1) * PER_PAGE)
        return html(request, "person.html", person=person, items=items, kind=kind, total=total,
                    **ctx.chart_of_person(request, person), pages=pages(total, page))

    person_pages = PageCache(store, salt=f"{__version__} {bool(settings.token)}")
    cache.dependents.append(person_pages.cache)

    @page("/people/{person_id}")
    async def person_page(request: Request, person_id: PersonId, page: Page = 1, kind: KindChoice = "all"):
        return await person_pages.respond(request, lambda: person_html(request, person_id, page, kind))

    @page("/try")
    def try_page(request: Request):
        return html(request, "try.html", text="", writable=bool(settings.token))

    @r.post("/try", response_class=HTMLResponse, include_in_schema=False)
    async def try_post(request: Request):
        form = {k: v[-1] for k, v in parse_qs((await request.body()).decode("utf-8", "replace"),
                                              keep_blank_values=True).items()}
        text = form.get("text", "").replace("\r\n", "\n")
        context = {"text": text, "writable": bool(settings.token), "form": form}
        if not text.strip():
            return html(request, "try.html", status=400, error="paste an article first", **context)
        aid = form.get("id", "").strip() or "pasted"
        meta = {k: form[k].strip() for k in ("title", "date", "outlet", "url") if form.get(k, "").strip()}
        art = Article(id=aid, text=text, meta=meta)
        if form.get("store"):
            try:
                ctx.can_write("Bearer " + form.get("token", ""))
            except HTTPException as e:
                return html(request, "try.html", status=e.status_code, error=f"not stored: {e.detail}",
                            **context)
            result = await run_in_threadpool(ctx.ingest_one, art)
            return RedirectResponse(result["url"], status_code=303)
        record = await ctx.extraction.extract(art)
        view = article_export.article_view(record.text, quotes_from_record(record), [(r.span, r.kind) for r in record.regions])
        return html(request, "try.html", record=record, **view, **context)

    @page("/api-docs")
    def api_docs(request: Request):
        spec = request.app.openapi()
        endpoints = [(path, method.upper(), op.get("summary", ""), op.get("description", ""),
                      op.get("parameters", []))
                     for path, ops in spec["paths"].items() for method, op in ops.items()]
        return html(request, "api.html", endpoints=endpoints, writable=bool(settings.token),
                    examples=API_EXAMPLES)

    return r
