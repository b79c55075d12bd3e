"""The app's own ASGI middleware: the request body limit and the security headers."""
from __future__ import annotations

from typing import Optional

from fastapi.responses import HTMLResponse
from starlette.exceptions import HTTPException

from .responses import error_json


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
