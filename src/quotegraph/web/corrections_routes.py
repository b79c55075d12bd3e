"""Corrections in the web app: the forms of the article and person pages, ``/corrections``
(the list: who, when, what) and the API (``/api/corrections``: list, export, make, import).

Making a correction needs the write token (``QUOTEGRAPH_TOKEN``): a bearer token on the API,
the token field of the pages' forms. The corrections themselves are
:mod:`quotegraph.store.corrections`: the same as the command line's.
"""
from __future__ import annotations

from typing import Annotated, Any, Callable, Literal, Optional
from urllib.parse import parse_qs

from fastapi import Body, FastAPI, Query, Request
from fastapi.responses import JSONResponse, RedirectResponse
from pydantic import BaseModel, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from ..store import corrections as cx
from ..store.db import Store
from ..store.query import QueryError
from .params import PER_PAGE, Limit, Offset, OptText, Page, Text

CONFIDENCE_STEPS = (0.5, 0.7, 0.9)  # the choices of the pages' confidence filters


def confidence(value: Optional[str]) -> Optional[float]:
    """A page's ``min_confidence`` parameter: empty for none, else a number from 0 to 1."""
    if value is None or not value.strip():
        return None
    try:
        f = float(value)
    except ValueError:
        raise QueryError(f"min_confidence '{value}' is not a number between 0 and 1")
    if not 0 <= f <= 1:
        raise QueryError(f"min_confidence {f:g} is not between 0 and 1")
    return f


class CorrectionIn(BaseModel):
    action: Literal["speaker", "wrong", "merge", "split", "kind"] = Field(
        description="speaker: a quote's speaker is `value`; wrong: a quote is not a quote; merge: "
                    "`person` is `value`; split: `person`'s mentions named by `forms` are `value`; "
                    "kind: `person` is a `value` (person or organisation)")
    article: OptText = Field(None, description="speaker, wrong: the quote's article id")
    n: Optional[int] = Field(None, ge=0, description="speaker, wrong: the quote's number (q-N)")
    person: OptText = Field(None, description="merge, split, kind: a name or #id")
    value: OptText = Field(None, description="the new speaker, the person merged into, the "
                                                   "split's new name, or the kind")
    forms: list[Text] = Field(default_factory=list, description="split: the name forms that move")
    by: OptText = Field(None, max_length=200, description="who makes it (default: web or api)")
    note: OptText = Field(None, max_length=2000, description="why")


def make(conn, c: CorrectionIn, author: str) -> dict[str, Any]:
    """Record and apply one correction; :class:`~quotegraph.store.corrections.CorrectionError`
    when it cannot be made."""
    note = (c.note or "").strip() or None

    def need(value, what: str):
        if value is None or (isinstance(value, str) and not value.strip()):
            raise cx.CorrectionError(f"{c.action}: give {what}")
        return value

    if c.action in cx.QUOTE_ACTIONS:
        article, n = need(c.article, "the article"), need(c.n, "the quote's number")
        if c.action == "wrong":
            return cx.mark_wrong(conn, article, n, author=author, note=note)
        return cx.correct_speaker(conn, article, n, need(c.value, "the speaker's name"),
                                  author=author, note=note)
    person = need(c.person, "the person")
    if c.action == "merge":
        return cx.merge_people(conn, person, need(c.value, "the person they are"), author=author,
                               note=note)
    if c.action == "split":
        return cx.split_person(conn, person, need(c.forms, "the name forms to split off"),
                               new_name=c.value, author=author, note=note)
    return cx.set_kind(conn, person, need(c.value, "the kind"), author=author, note=note)


def _local(path: Optional[str], default: str) -> str:
    """A redirect target on this site only."""
    if path and path.startswith("/") and not path.startswith("//") and "\\" not in path:
        return path
    return default


def install(app: FastAPI, *, store: Store, html: Callable, can_write: Callable[[Optional[str]], None],
            writer, cache, env, writable: bool) -> None:
    """Add the corrections' pages and API to the app (``writer``: the dependency that checks the
    bearer token of the API's write routes, before their body)."""
    env.globals["writable"] = writable  # the pages show their correction forms
    env.globals["CONFIDENCE_STEPS"] = CONFIDENCE_STEPS
    env.globals["corrections_of"] = lambda article_id: listed(None, 0, article_id)

    def record(c: CorrectionIn, author: str) -> dict[str, Any]:
        with store.begin() as conn:
            out = make(conn, c, author)
        cache.clear()
        return out

    def listed(limit: Optional[int], offset: int, article: Optional[str] = None) -> list[dict]:
        with store.connect() as conn:
            rows = cx.list_corrections(conn, article_id=article, limit=limit, offset=offset)
        for r in rows:
            r["what"] = cx.describe(r)
        return rows

    @app.api_route("/corrections", methods=["GET", "HEAD"], include_in_schema=False)
    def corrections_page(request: Request, page: Page = 1):
        items = listed(PER_PAGE + 1, (page - 1) * PER_PAGE)
        return html(request, "corrections.html", items=items[:PER_PAGE], page=page,
                    prev=page - 1 if page > 1 else None,
                    next=page + 1 if len(items) > PER_PAGE else None, writable=writable)

    @app.post("/corrections", include_in_schema=False)
    async def corrections_post(request: Request):
        form = {k: v for k, v in parse_qs((await request.body()).decode("utf-8", "replace"),
                                          keep_blank_values=True).items()}
        one = {k: v[-1] for k, v in form.items()}
        back = _local(one.get("back"), "/corrections")
        try:
            can_write("Bearer " + one.get("token", ""))
        except HTTPException as e:
            return html(request, "error.html", status=e.status_code, code=e.status_code,
                        message=f"not corrected: {e.detail}")
        forms = [f.strip() for v in form.get("forms", []) for f in v.replace("\n", ",").split(",")]
        try:
            c = CorrectionIn(action=one.get("action", ""), article=one.get("article") or None,
                             n=int(one["n"]) if one.get("n", "").strip().isdigit() else None,
                             person=one.get("person") or None, value=one.get("value") or None,
                             forms=[f for f in forms if f], by=one.get("by") or None,
                             note=one.get("note") or None)
            await run_in_threadpool(record, c, (c.by or "").strip() or "web")
        except ValidationError as e:
            message = "; ".join(f"{'.'.join(map(str, err['loc']))}: {err['msg']}" for err in e.errors())
            return html(request, "error.html", status=400, code=400, message=f"not corrected: {message}")
        except cx.CorrectionError as e:
            message = str(e)
            return html(request, "error.html", status=400, code=400, message=f"not corrected: {message}")
        return RedirectResponse(back, status_code=303)

    @app.get("/api/corrections", summary="Corrections made by hand, newest first",
             description="Who made each, when, what it does, and whether it applies (`status`: "
                         "applied, or pending until its quote or person is in the database).")
    def api_corrections(limit: Limit = None, offset: Offset = 0,
                        article: Annotated[OptText, Query(description="those of this article's quotes")] = None):
        limit = limit or PER_PAGE
        with store.connect() as conn:
            total = len(cx.list_corrections(conn, article_id=article))
        return {"ok": True, "total": total, "limit": limit, "offset": offset,
                "items": listed(limit, offset, article)}

    @app.get("/api/corrections/export", summary="Every correction, as a file to import elsewhere")
    def api_corrections_export():
        with store.connect() as conn:
            data = cx.export_json(conn)
        return JSONResponse(data, headers={"Content-Disposition": 'attachment; filename="corrections.json"'})

    @app.post("/api/corrections", status_code=201, summary="Make a correction (bearer token)",
              description="Records and applies it; it is applied again after every ingest.",
              dependencies=[writer])
    def api_correct(body: CorrectionIn):
        try:
            return {"ok": True, **record(body, (body.by or "").strip() or "api")}
        except cx.CorrectionError as e:
            raise HTTPException(400, str(e))

    @app.post("/api/corrections/import", summary="Import an export of corrections (bearer token)",
              description="Stores and applies them; those already stored are skipped.",
              dependencies=[writer])
    def api_import(data: dict[str, Any] = Body(...)):
        try:
            with store.begin() as conn:
                added, applied, skipped = cx.import_json(conn, data, "body")
        except cx.CorrectionError as e:
            raise HTTPException(400, str(e))
        cache.clear()
        return {"ok": True, "added": added, "applied": applied, "skipped": skipped}
