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
import json
import os
import threading
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Optional
from urllib.parse import urlencode

import anyio.to_thread
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.exc import OperationalError, ProgrammingError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from .. import __version__
from ..record import QUOTE_KINDS, Article
from ..store.db import Store
from ..store.query import QUOTE_TYPES, QueryError, list_people, overview
from . import (api_routes, article_export, attention, charts, corrections_routes, docs_routes, filters, graph_routes,
               page_routes, search_routes)
from . import gender as gender_mod
from . import queries
from .context import SKIPPED, TOKEN_ENV, Context
from .extraction import ExtractLimits, Extraction
from .middleware import BodyLimit, Headers
from .params import PER_PAGE
from .responses import FORMAT_HELP, QUOTE_FIELDS, download, error_json, page_json

MAX_BODY = 512 * 1024  # bytes of a request body
THREADS = int(os.environ.get("QUOTEGRAPH_THREADS") or 4)  # per process; fewer than the store's 5 pooled connections


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


# --- the app -----------------------------------------------------------------------------------

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

    chart_of_person = attention.install(app, store=store, html=html, cache=cache, corpus=corpus,
                                        gender_shares=gender_shares, gender_available=settings.gender)
    ctx = Context(store=store, settings=settings, cache=cache, extraction=extraction, html=html, pages=pages,
                  can_write=can_write, writer=writer, ingest_one=ingest_one, person_or_404=person_or_404,
                  read_person=read_person, article_or_404=article_or_404, corpus=corpus,
                  gender_shares=gender_shares, people_list=people_list, chart_of_person=chart_of_person)
    app.include_router(page_routes.router(ctx))
    app.include_router(api_routes.router(ctx))
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
