"""The web app: pages for people to read and a REST API under ``/api/``.

Pages: ``/`` (overview), ``/articles``, ``/articles/{id}`` (the text with its
quotes highlighted), ``/people``, ``/people/{id}``, ``/search``, ``/try``
(extract a pasted article on the fly) and ``/api-docs``. The API is described
by ``/api/openapi.json``; every API error is ``{"ok": false, "error": ...,
"status": ...}``. Lists are pages of JSON (``{"ok": true, "total", "limit",
"offset", "items"}``), or whole downloads with ``format=csv`` or
``format=json``.

Read-only unless ``QUOTEGRAPH_TOKEN`` is set: then ``POST /api/articles`` (and
the "store it" box of ``/try``) ingest an article for a caller that presents
it as a bearer token. Article text is escaped everywhere, queries are
parameterised (SQLAlchemy), and request bodies are limited in size.
"""
from __future__ import annotations

import contextlib
import hmac
import io
import json
import os
import threading
from dataclasses import dataclass, field
from importlib import resources
from typing import Annotated, Any, Iterable, Iterator, Literal, Optional
from urllib.parse import parse_qs, urlencode

import anyio.to_thread
from fastapi import APIRouter, Body, Depends, FastAPI, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response, StreamingResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from sqlalchemy.exc import OperationalError, ProgrammingError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from .. import __version__, csvfile
from ..record import QUOTE_KINDS, Article
from ..store.db import Store
from ..store.query import QUOTE_TYPES, QueryError, count_people, list_people, overview, parse_kinds
from . import article_export, attention, charts, corrections_routes, docs_routes, filters, graph_routes, search_routes
from . import gender as gender_mod
from . import queries
from .pagecache import PageCache
from .extraction import ExtractLimits, Extraction
from .params import (MAX_LIMIT, PER_PAGE, ArticleId, Fmt, KindChoice, KindQ, Limit, Offset, OptText, Page, PersonId,
                     Since, Text, Until)
from .highlight import quotes_from_record, quotes_from_rows

MAX_BODY = 512 * 1024  # bytes of a request body
TOKEN_ENV = "QUOTEGRAPH_TOKEN"
SKIPPED = "already stored with the same text"
THREADS = int(os.environ.get("QUOTEGRAPH_THREADS") or 4)  # per process; fewer than the store's 5 pooled connections

API_EXAMPLES = {  # a query string to try, on /api-docs
    "/api/search": "?q=said&limit=5", "/api/quotes": "?type=direct&min_confidence=0.7&limit=5",
    "/api/people": "?limit=10", "/api/articles": "?limit=10&since=2024-01", "/api/outlets": "?limit=10",
}
QUOTE_FIELDS = ["id", "article_id", "idx", "date", "outlet", "type", "kind", "speaker", "person_id", "content",
                "cue", "speaker_name", "speaker_text", "addressee", "confidence", "content_start",
                "content_end", "title", "url"]
ARTICLE_FIELDS = ["id", "date", "outlet", "title", "url", "status", "error", "quote_count",
                  "source_file", "content_hash", "run_id", "ingested_at"]
PEOPLE_FIELDS = ["id", "name", "kind", "quotes", "articles", "first_date", "last_date"]


@dataclass
class Settings:
    """What ``quotegraph serve`` passes on (also read from the environment by :func:`app_from_env`)."""

    db: Optional[str] = None  # --db, else $QUOTEGRAPH_DB, else quotegraph.db
    token: Optional[str] = None  # $QUOTEGRAPH_TOKEN: writing is disabled without it
    gender: bool = True  # the overview's inferred-gender shares
    max_body: int = MAX_BODY
    model: Optional[str] = None  # spaCy pipeline for /try and /api/extract
    extract: ExtractLimits = field(default_factory=ExtractLimits)  # their body size, time and concurrency


class ApiError(HTTPException):
    pass


# --- responses ---------------------------------------------------------------------------------

def error_json(status: int, message: str, headers: Optional[dict] = None) -> JSONResponse:
    return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status,
                        headers=headers)


def _csv_value(v: Any) -> Any:
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return "" if v is None else v


def download(rows: Iterable[dict[str, Any]], fmt: str, name: str,
             columns: Optional[list[str]] = None) -> StreamingResponse:
    """A whole list as a CSV or JSON file, streamed (``excel``: CSV for spreadsheets, :mod:`..csvfile`)."""
    rows = iter(rows)

    def csv_chunks() -> Iterator[str]:
        first = next(rows, None)
        cols = columns or (list(first) if first else [])
        buf = io.StringIO()
        w = csvfile.Writer(buf, fmt == "excel")
        w.writerow(cols)
        n = 0
        for row in ([first] if first is not None else []), rows:
            for r in row:
                w.writerow([_csv_value(r.get(c)) for c in cols])
                n += 1
                if n % 500 == 0:
                    yield buf.getvalue()
                    buf.seek(0)
                    buf.truncate()
        yield buf.getvalue()

    def json_chunks() -> Iterator[str]:
        yield "["
        for i, r in enumerate(rows):
            yield ("\n" if i == 0 else ",\n") + json.dumps(r, ensure_ascii=False, default=str)
        yield "\n]\n"

    media = "application/json" if fmt == "json" else "text/csv; charset=utf-8"
    return StreamingResponse(json_chunks() if fmt == "json" else csv_chunks(), media_type=media,
                             headers={"Content-Disposition": f'attachment; filename="{name}.{fmt.replace("excel", "csv")}"'})


class Json(JSONResponse):
    """JSON written by json.dumps straight away: returning a dict makes FastAPI walk every value
    with jsonable_encoder first (most of a search's time); it still writes what json cannot."""

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"),
                          default=jsonable_encoder).encode("utf-8")


def page_json(items: list, total: Optional[int], limit: int, offset: int, capped: bool = False,
              **extra) -> Json:
    out = {"ok": True, "total": total, "total_is_lower_bound": capped, "limit": limit,
           "offset": offset, "items": items}
    out.update(extra)
    return Json(out)


FORMAT_HELP = ("csv or json: the whole list as a file (no paging unless limit is given); excel: CSV for "
               "spreadsheets (UTF-8 with a byte-order mark, formulas defused)")


# --- the body limit ----------------------------------------------------------------------------

class BodyLimit:
    """Refuses request bodies over ``max_body`` bytes (413), by Content-Length or as they arrive;
    ``paths`` sets other limits for some paths (those that extract)."""

    def __init__(self, app, max_body: int, paths: Optional[dict[str, int]] = None):
        self.app, self.max_body, self.paths = app, max_body, paths or {}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        length = dict(scope.get("headers") or []).get(b"content-length")
        max_body = self.paths.get(scope["path"], self.max_body)
        too_big = f"request body too large (at most {max_body} bytes)"
        if length is not None and (not length.isdigit() or int(length) > max_body):
            status = 413 if length.isdigit() else 400
            resp = error_json(status, too_big if status == 413 else "bad Content-Length")
            if not scope["path"].startswith("/api"):
                resp = HTMLResponse(f"<!doctype html><title>{status}</title><p>{too_big}</p>",
                                    status_code=status)
            return await resp(scope, receive, send)
        seen = 0

        async def limited():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > max_body:
                    raise HTTPException(413, too_big)
            return message

        return await self.app(scope, limited, send)


SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                               "frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


class Headers:
    def __init__(self, app):
        self.app = app
        self.extra = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def with_headers(message):
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + self.extra
            await send(message)

        return await self.app(scope, receive, with_headers)


# --- the app -----------------------------------------------------------------------------------

class ArticleIn(BaseModel):
    id: Text = Field(min_length=1, max_length=500, description="the article id")
    text: Text = Field(min_length=1, description="the article text")
    meta: dict[str, Any] = Field(default_factory=dict,
                                 description="title, date, outlet, url and anything else")


class TextIn(BaseModel):
    text: Text = Field(min_length=1, description="the article text")
    id: Text = Field("text", max_length=500, description="the id the record gets")


def create_app(settings: Optional[Settings] = None, *, store: Optional[Store] = None,
               extractor=None) -> FastAPI:
    """The app on a store (``settings.db``; an open ``store`` may be passed instead).

    ``extractor`` (an :class:`~quotegraph.pipeline.Extractor`) is loaded on first use when not given.
    """
    settings = settings or Settings()
    store = store or Store(settings.db, must_exist=True)
    cache = queries.Cache(store)
    extraction = Extraction(extractor, settings.model, settings.extract)
    write_lock = threading.Lock()

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        # Few threads for the (synchronous) handlers: more only fight over the GIL.
        anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS
        yield

    app = FastAPI(title="quotegraph", version=__version__, lifespan=lifespan,
                  description="Quotations and their speakers, from news articles: articles, quotes, "
                              "people, full-text search and extraction. Errors are "
                              '`{"ok": false, "error": ..., "status": ...}`.',
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)
    app.state.store, app.state.settings, app.state.cache = store, settings, cache
    app.add_middleware(BodyLimit, max_body=settings.max_body,
                       paths={"/api/extract": settings.extract.max_body, "/try": settings.extract.max_body})
    app.add_middleware(Headers)
    web = resources.files("quotegraph") / "web"
    app.mount("/static", StaticFiles(directory=str(web / "static")), name="static")
    templates = app.state.templates = Jinja2Templates(directory=str(web / "templates"))
    env = templates.env
    env.auto_reload = False  # no stat of the template files on every page
    env.filters["num"] = filters.num
    env.filters["pct"] = lambda x: f"{100 * x:.1f}%"
    env.filters["seg"] = filters.seg
    env.filters["http_url"] = filters.http_url
    env.globals["QUOTE_TYPES"] = QUOTE_TYPES
    env.globals["QUOTE_KINDS"] = QUOTE_KINDS
    env.globals["version"] = __version__
    charts_kept = queries.Cache(store)  # each chart's <svg>, until the store changes
    cache.dependents.append(charts_kept)
    env.globals["chart_svg"] = charts.svg_renderer(env, charts_kept)

    def url_with(request: Request, path: Optional[str] = None, **changes) -> str:
        params = {k: v for k, v in request.query_params.items()}
        for k, v in changes.items():
            if v is None:
                params.pop(k, None)
            else:
                params[k] = str(v)
        params = {k: v for k, v in params.items() if v != ""}
        return (path or request.url.path) + ("?" + urlencode(params) if params else "")

    env.globals["url_with"] = url_with

    def html(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
        return templates.TemplateResponse(request, template, context, status_code=status)

    def can_write(authorization: Optional[str]) -> None:
        """Raise 403 when writing is disabled, 401 without the right bearer token."""
        token = settings.token
        if not token:
            raise HTTPException(403, f"writing is disabled (the server has no {TOKEN_ENV})")
        scheme, _, given = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise HTTPException(401, "a valid bearer token is needed (Authorization: Bearer ...)")

    bearer = HTTPBearer(auto_error=False, description=f"the server's ${TOKEN_ENV}")

    def token_first(credentials: Optional[HTTPAuthorizationCredentials] = Depends(bearer)) -> None:
        """can_write as a dependency of the write routes: checked before their body is."""
        can_write(f"Bearer {credentials.credentials}" if credentials else None)

    writer = Depends(token_first)

    def ingest_one(art: Article) -> dict[str, Any]:
        from ..store.ingest import Ingest
        ex = extraction.get()
        with write_lock, extraction.lock:
            s = Ingest(store, extractor=ex, inputs=["api"]).run([("api", art)])
        cache.clear()
        status = "skipped" if s.skipped else ("failed" if s.failed else "stored")
        out = {"ok": True, "id": art.id, "result": status, "quotes": s.quotes,
               "url": f"/articles/{art.id}", "api": f"/api/articles/{art.id}"}
        if s.skipped:
            out["reason"] = SKIPPED
        return out

    # --- errors ---------------------------------------------------------------------------

    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api")

    def error_response(request: Request, status: int, message: str, headers=None) -> Response:
        if is_api(request):
            return error_json(status, message, headers)
        return html(request, "error.html", status=status, code=status, message=message)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException):
        message = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such {'API endpoint' if is_api(request) else 'page'}: {request.url.path}"
        elif exc.status_code == 405:
            message = f"method {request.method} not allowed on {request.url.path}"
        headers = dict(exc.headers or {})
        if exc.status_code == 401:
            headers["WWW-Authenticate"] = "Bearer"
        return error_response(request, exc.status_code, message, headers or None)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError):
        problems = []
        for e in exc.errors():
            if e.get("type") == "json_invalid":
                detail, at = str((e.get("ctx") or {}).get("error") or ""), e.get("loc", ())[1:]
                if detail and at and isinstance(at[0], int):  # FastAPI's: json's message and offset
                    detail = f"{detail.removesuffix(' at')} at offset {at[0]}"
                problems.append("the body is not valid JSON" + (f" ({detail})" if detail else ""))
                continue
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
            problems.append(f"{where}: {e.get('msg')}" if where else str(e.get("msg")))
        return error_response(request, 422, "; ".join(problems) or "invalid request")

    @app.exception_handler(QueryError)
    async def _bad_query(request: Request, exc: QueryError):
        return error_response(request, 400, str(exc))

    @app.exception_handler(OperationalError)
    async def _db_error(request: Request, exc: OperationalError):
        msg = str(exc.orig) if exc.orig is not None else str(exc)
        if "fts5" in msg or "syntax" in msg:
            return error_response(request, 400, "cannot search for that: use words")
        return error_response(request, 503, "the database is not available")

    @app.exception_handler(ProgrammingError)
    async def _pg_error(request: Request, exc: ProgrammingError):
        return error_response(request, 400, "cannot search for that: use words")

    @app.exception_handler(Exception)
    async def _bug(request: Request, exc: Exception):
        return error_response(request, 500, f"internal error: {type(exc).__name__}")

    # --- shared pieces --------------------------------------------------------------------

    def person_or_404(pid: int, db: Optional[queries.Raw] = None) -> dict[str, Any]:
        summary = cache.get(("person", pid), lambda: queries.person_summary(store, pid, db=db))
        if summary is None:
            raise HTTPException(404, f"no such person: {pid}")
        return summary

    def person_with_quotes(pid: int, limit: int, offset: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """A person's summary and one page of their quotes, in one read of the database."""
        with queries.raw(store) as db:
            return person_or_404(pid, db), queries.person_quotes(store, pid, limit, offset, db=db)

    if store.sqlite:
        # A person page's SQLite reads are a millisecond or so of this process's own CPU (the
        # file is in the page cache): they run right on the event loop, as a hop to the thread
        # pool and back costs ~0.2 ms more. (Tried: the pages of people with hundreds of
        # quotes, tens of ms of SQL, in a thread, so as not to hold up the requests behind
        # them: waiting for the GIL between statements made those pages take up to seconds
        # under load, p99 up from ~350 to 550-1000 ms.) PostgreSQL waits on the network:
        # a thread, then.
        async def read_person(pid: int, limit: int, offset: int):
            return person_with_quotes(pid, limit, offset)
    else:
        async def read_person(pid: int, limit: int, offset: int):
            return await run_in_threadpool(person_with_quotes, pid, limit, offset)

    def article_or_404(aid: str) -> dict[str, Any]:
        art = queries.article(store, aid)
        if art is None:
            raise HTTPException(404, f"no such article: {aid}")
        return art

    def corpus() -> dict[str, Any]:
        def compute():
            out = overview(store)
            out["top_people"] = list_people(store, limit=10)
            out["top_outlets"] = queries.top_outlets(store, limit=10)
            return out
        return cache.get("overview", compute)

    def gender_shares() -> Optional[dict[str, Any]]:
        if not settings.gender:
            return None
        return cache.get("gender", lambda: gender_mod.shares(queries.quotes_per_speaker(store)))

    def people_list(**kwargs) -> list[dict[str, Any]]:
        """list_people, cached: it counts every quote (a second on a million)."""
        return cache.get(("people",) + tuple(sorted(kwargs.items())), lambda: list_people(store, **kwargs))

    def pages(total: int, page: int) -> dict[str, Any]:
        last = max(1, -(-total // PER_PAGE))
        return {"page": page, "last": last, "prev": page - 1 if page > 1 else None,
                "next": page + 1 if page < last else None}

    # --- pages ----------------------------------------------------------------------------

    def page(path: str):
        """A page's route: GET, and HEAD (the same headers, no body)."""
        return app.api_route(path, methods=["GET", "HEAD"], response_class=HTMLResponse, include_in_schema=False)

    chart_of_person = attention.install(app, store=store, html=html, cache=cache, corpus=corpus,
                                        gender_shares=gender_shares, gender_available=settings.gender)

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
                    **chart_of_person(request, person), pages=pages(total, page))

    person_pages = PageCache(store, salt=f"{__version__} {bool(settings.token)}")
    cache.dependents.append(person_pages.cache)

    @page("/people/{person_id}")
    async def person_page(request: Request, person_id: PersonId, page: Page = 1, kind: KindChoice = "all"):
        return await person_pages.respond(request, lambda: person_html(request, person_id, page, kind))

    @page("/try")
    def try_page(request: Request):
        return html(request, "try.html", text="", writable=bool(settings.token))

    @app.post("/try", response_class=HTMLResponse, include_in_schema=False)
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
                can_write("Bearer " + form.get("token", ""))
            except HTTPException as e:
                return html(request, "try.html", status=e.status_code, error=f"not stored: {e.detail}",
                            **context)
            result = await run_in_threadpool(ingest_one, art)
            return RedirectResponse(result["url"], status_code=303)
        record = await extraction.extract(art)
        view = article_export.article_view(record.text, quotes_from_record(record), [(r.span, r.kind) for r in record.regions])
        return html(request, "try.html", record=record, **view, **context)

    @page("/api-docs")
    def api_docs(request: Request):
        spec = app.openapi()
        endpoints = [(path, method.upper(), op.get("summary", ""), op.get("description", ""),
                      op.get("parameters", []))
                     for path, ops in spec["paths"].items() for method, op in ops.items()]
        return html(request, "api.html", endpoints=endpoints, writable=bool(settings.token),
                    examples=API_EXAMPLES)

    # --- the API --------------------------------------------------------------------------

    api = APIRouter(prefix="/api")

    @api.get("", summary="What is here")
    def api_index():
        return {"ok": True, "name": "quotegraph", "version": __version__,
                "openapi": "/api/openapi.json", "writable": bool(settings.token),
                "endpoints": sorted(app.openapi()["paths"])}

    @api.get("/overview", summary="Corpus counts, top people and outlets, inferred gender shares")
    def api_overview():
        return {"ok": True, **corpus(), "gender": gender_shares()}

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
        result = ingest_one(Article(id=article.id, text=article.text, meta=article.meta))
        if result["result"] == "skipped":
            response.status_code = 200
        return result

    @api.get("/articles/{article_id:path}", summary="An article: text, regions, quotes with spans, people")
    def api_article(article_id: ArticleId, format: Fmt = Query(None, description="csv or json: its quotes")):
        art = article_or_404(article_id)
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
        record = await extraction.extract(Article(id=body.id, text=body.text))
        return {"ok": record.error is None, **record.to_dict()}

    app.include_router(api)
    corrections_routes.install(app, store=store, html=html, can_write=can_write, writer=writer, cache=cache,
                               env=env, writable=bool(settings.token))
    docs_routes.install(app, html=html)
    article_export.install(app, store=store)
    graph_routes.install(app, store=store, html=html, can_write=can_write, writer=writer, cache=cache)
    search_routes.install(app, store=store, html=html, cache=cache, pages=pages, person_or_404=person_or_404,
                          download=download, page_json=page_json, quote_fields=QUOTE_FIELDS, format_help=FORMAT_HELP)
    return app


def app_from_env() -> FastAPI:
    """The app as ``quotegraph serve`` configures it, from the environment (for uvicorn workers)."""
    return create_app(Settings(
        db=os.environ.get("QUOTEGRAPH_DB"), token=os.environ.get(TOKEN_ENV) or None,
        gender=os.environ.get("QUOTEGRAPH_GENDER", "1") not in ("0", "false", "no", ""),
        max_body=int(os.environ.get("QUOTEGRAPH_MAX_BODY") or MAX_BODY),
        model=os.environ.get("QUOTEGRAPH_MODEL") or None, extract=ExtractLimits.from_env()))
