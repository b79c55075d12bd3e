"""The REST API under ``/api``: articles (and ingesting one), people, a person's quotes, months
and co-quoted people, outlets, extraction (search and the graph's API have modules of their own)."""
from __future__ import annotations

from typing import Annotated, Any, Literal, Optional

from fastapi import APIRouter, Body, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from .. import __version__
from ..record import Article
from ..store.query import count_people, parse_kinds
from . import filters, queries
from .context import SKIPPED, TOKEN_ENV, Context
from .params import (MAX_LIMIT, PER_PAGE, ArticleId, Fmt, KindQ, Limit, Offset, OptText, PersonId, Since, Text,
                     Until)
from .responses import (ARTICLE_FIELDS, FORMAT_HELP, PEOPLE_FIELDS, QUOTE_FIELDS, Json, download,
                        page_json)


class ArticleIn(BaseModel):
    id: Text = Field(min_length=1, max_length=500, description="the article id")
    text: Text = Field(min_length=1, description="the article text")
    meta: dict[str, Any] = Field(default_factory=dict,
                                 description="title, date, outlet, url and anything else")


class TextIn(BaseModel):
    text: Text = Field(min_length=1, description="the article text")
    id: Text = Field("text", max_length=500, description="the id the record gets")


def router(ctx: Context) -> APIRouter:
    """The API's routes, on the app's store (``ctx``)."""
    store, settings, cache, writer = ctx.store, ctx.settings, ctx.cache, ctx.writer
    person_or_404, read_person, people_list = ctx.person_or_404, ctx.read_person, ctx.people_list
    api = APIRouter(prefix="/api")

    @api.get("", summary="What is here")
    def api_index(request: Request):
        return {"ok": True, "name": "quotegraph", "version": __version__,
                "openapi": "/api/openapi.json", "writable": bool(settings.token),
                "endpoints": sorted(request.app.openapi()["paths"])}

    @api.get("/overview", summary="Corpus counts, top people and outlets, inferred gender shares")
    def api_overview():
        return {"ok": True, **ctx.corpus(), "gender": ctx.gender_shares()}

    @api.get("/articles", summary="Articles, newest first (without their text)")
    def api_articles(limit: Limit = None, offset: Offset = 0, outlet: OptText = None, since: Since = None,
                     until: Until = None, format: Fmt = Query(None, description=FORMAT_HELP)):
        rows = queries.stream_articles(store, limit=limit if format or limit else PER_PAGE,
                                       offset=offset, outlet=outlet, since=since, until=until)
        if format:
            return download(rows, format, "articles", ARTICLE_FIELDS)
        total = queries.count_articles(store, outlet, since, until)
        return page_json(list(rows), total, limit or PER_PAGE, offset)

    @api.post("/articles", status_code=201, summary="Ingest an article (bearer token)",
              description=f"Extracts the article and stores it: 201 with `\"result\": \"stored\"` (or "
                          f"`\"failed\"`: stored as failed, its extraction failed); 200 with `\"result\": "
                          f"\"skipped\"` and a `reason` when nothing was stored ({SKIPPED}). Needs "
                          f"`Authorization: Bearer <{TOKEN_ENV}>`; disabled (403) when the server has no "
                          f"{TOKEN_ENV}.",
              responses={200: {"description": f"Skipped: {SKIPPED}; nothing was stored"}}, dependencies=[writer])
    def api_ingest(response: Response, article: ArticleIn):
        result = ctx.ingest_one(Article(id=article.id, text=article.text, meta=article.meta))
        if result["result"] == "skipped":
            response.status_code = 200
        return result

    @api.get("/articles/{article_id:path}", summary="An article: text, regions, quotes with spans, people")
    def api_article(article_id: ArticleId, format: Fmt = Query(None, description="csv or json: its quotes")):
        art = ctx.article_or_404(article_id)
        if format:
            return download(queries.stream_quotes(store, article_id=article_id), format,
                            f"quotes-{filters.safe_name(article_id)}", QUOTE_FIELDS)
        return Json({"ok": True, **queries.article_json(art)})

    @api.get("/people", summary="Quoted people, most quoted first")
    def api_people(limit: Limit = None, offset: Offset = 0, name: OptText = None, outlet: OptText = None,
                   since: Since = None, until: Until = None, kind: Optional[Literal["person", "organisation"]] = None,
                   format: Fmt = Query(None, description=FORMAT_HELP)):
        rows = people_list(limit=limit if format or limit else PER_PAGE, offset=offset,
                           name=name, outlet=outlet, since=since, until=until, kind=kind)
        if format:
            return download(rows, format, "people", PEOPLE_FIELDS)
        which = dict(name=name, outlet=outlet, since=since, until=until, kind=kind)
        total = cache.get(("people-count",) + tuple(sorted(which.items())),
                          lambda: count_people(store, **which))
        return page_json(rows, total, limit or PER_PAGE, offset)

    @api.get("/people/{person_id}", summary="A person: counts, quotes by month, co-quoted people, "
                                            "first page of quotes")
    async def api_person(person_id: PersonId, limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = PER_PAGE,
                         offset: Offset = 0):
        person, items = await read_person(person_id, limit, offset)
        return Json({"ok": True, **person, "quotes": items, "limit": limit, "offset": offset})

    @api.get("/people/{person_id}/quotes", summary="A person's quotes, newest first")
    def api_person_quotes(person_id: PersonId, limit: Limit = None, offset: Offset = 0, kind: KindQ = "all",
                          format: Fmt = Query(None, description=FORMAT_HELP)):
        person = person_or_404(person_id)
        if format:
            return download(queries.stream_quotes(store, person_ids=[person_id], kind=kind, limit=limit,
                                                  offset=offset), format, f"quotes-person-{person_id}", QUOTE_FIELDS)
        if parse_kinds(kind) is not None:
            items, total = queries.person_quotes_of_kind(store, person_id, kind, limit or PER_PAGE, offset)
            return page_json(items, total, limit or PER_PAGE, offset)
        items = queries.person_quotes(store, person_id, limit=limit or PER_PAGE, offset=offset)
        return page_json(items, person["quote_count"], limit or PER_PAGE, offset)

    @api.get("/people/{person_id}/months", summary="A person's number of quotes by month")
    def api_person_months(person_id: PersonId, format: Fmt = Query(None, description=FORMAT_HELP)):
        rows = person_or_404(person_id)["by_month"]
        if format:
            return download(rows, format, f"months-person-{person_id}", ["month", "quotes"])
        return page_json(rows, len(rows), len(rows), 0)

    @api.get("/people/{person_id}/co-quoted", summary="People most often quoted in the same articles")
    def api_person_co(person_id: PersonId, limit: Limit = None,
                      format: Fmt = Query(None, description=FORMAT_HELP)):
        person = person_or_404(person_id)
        if limit is not None and limit != len(person["co_quoted"]):  # the page's 20, else read
            person = queries.person_summary(store, person_id, co_limit=limit) or person
        rows = person["co_quoted"]
        if format:
            return download(rows, format, f"co-quoted-person-{person_id}", ["id", "name", "articles"])
        return page_json(rows, len(rows), limit or len(rows), 0, over_latest_quotes=person["co_quoted_over"])

    @api.get("/outlets", summary="Outlets by number of quotes")
    def api_outlets(limit: Limit = None, format: Fmt = Query(None, description=FORMAT_HELP)):
        rows = queries.top_outlets(store, limit=limit if format or limit else PER_PAGE)
        if format:
            return download(rows, format, "outlets", ["outlet", "quotes", "articles"])
        total = cache.get("outlets-count", lambda: queries.count_outlets(store))
        return page_json(rows, total, limit or PER_PAGE, 0)

    @api.post("/extract", summary="Extract quotes from a text (nothing is stored)",
              description="The extraction record of the text (docs/format.md).")
    async def api_extract(body: TextIn = Body(...)):
        record = await ctx.extraction.extract(Article(id=body.id, text=body.text))
        return {"ok": record.error is None, **record.to_dict()}

    return api
