"""Rendered pages kept until the store changes, with an ETag: the busiest pages rendered once.

A page is keyed by its path and query string; its body is kept in a :class:`.queries.Cache`,
emptied whenever the database may have changed (:func:`.queries.version`). Every answer
carries ``ETag`` (the store's version, the path and the query) and ``Cache-Control: no-cache``
(a browser asks again each time, with ``If-None-Match``): when the tag still matches, the
answer is a bodiless 304, made without reading the store or rendering anything.
"""
from __future__ import annotations

import hashlib
from typing import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from ..store.db import Store
from .queries import MISSING, Cache

PAGES = 1000  # pages kept per process (a person page is 10-40 kB)


class PageCache:
    def __init__(self, store: Store, size: int = PAGES, salt: str = ""):
        self.store, self.cache, self.salt = store, Cache(store, size), salt

    def etag(self, stamp: tuple, request: Request) -> str:
        key = repr((stamp, self.salt, request.url.path, request.scope.get("query_string", b"")))
        return '"' + hashlib.blake2b(key.encode(), digest_size=12).hexdigest() + '"'

    async def respond(self, request: Request, render: Callable[[], Awaitable[Response]]) -> Response:
        """The page ``render`` makes (a 200 is kept; anything else or an exception passes through
        untouched), or the one kept since the store last changed, or a 304 for a browser that has it."""
        stamp, body = self.cache.find((request.url.path, request.scope.get("query_string", b"")))
        tag = self.etag(stamp, request)
        headers = {"ETag": tag, "Cache-Control": "no-cache"}
        if tag in (request.headers.get("if-none-match") or ""):
            return Response(status_code=304, headers=headers)
        if body is MISSING:
            response = await render()
            if response.status_code != 200:
                return response
            body = bytes(response.body)
            self.cache.put(stamp, (request.url.path, request.scope.get("query_string", b"")), body)
        return HTMLResponse(body, headers=headers)
