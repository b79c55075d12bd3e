"""``/api/docs``: the API's interactive documentation (Swagger UI, on ``/api/openapi.json``).

Swagger UI's files come from the ``swagger-ui-bundle-v2`` package (Swagger UI 5: FastAPI writes OpenAPI 3.1) and are served from here (no
CDN); the page starts it with a script file of ours, as the Content-Security-Policy allows no
inline script.
"""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles

ASSETS = "/api/docs/assets"


def install(app: FastAPI, *, html) -> None:
    """Add ``/api/docs`` (and its files under ``/api/docs/assets``) to the app."""
    import swagger_ui_bundle
    app.mount(ASSETS, StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger-ui")

    @app.api_route("/api/docs", methods=["GET", "HEAD"], include_in_schema=False)
    def api_docs_page(request: Request):
        return html(request, "swagger.html", assets=ASSETS)
