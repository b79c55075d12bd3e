"""The web command: ``serve``."""
from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import typer

from .common import Fail, ModelOption, app, one_line_errors


@app.command()
def serve(
    db: Annotated[Optional[str], typer.Option(
        "--db", metavar="DB", show_default=False,
        help="SQLite file or postgresql://... URL (default: $QUOTEGRAPH_DB, else quotegraph.db).")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Server processes.")] = 1,
    gender: Annotated[bool, typer.Option(
        "--gender/--no-gender", help="Show quotes by speaker gender inferred from first names.")] = True,
    max_body: Annotated[int, typer.Option(
        metavar="BYTES", min=1024, help="Largest request body accepted.")] = 512 * 1024,
    model: ModelOption = None,
    extract_max_body: Annotated[int, typer.Option(
        metavar="BYTES", min=1024, help="Largest text /api/extract and /try accept.")] = 64 * 1024,
    extract_seconds: Annotated[float, typer.Option(
        metavar="S", min=0.1, help="Time an extraction on request is given before a 503.")] = 30.0,
    extract_concurrency: Annotated[int, typer.Option(
        metavar="N", min=1, help="Extractions on request at once (per worker); more get 429.")] = 1,
):
    """Serve the web app and REST API on the corpus database (read-only unless $QUOTEGRAPH_TOKEN is set)."""
    with one_line_errors():
        from ..store.db import Store, StoreError, resolve_db
        try:
            Store(db, must_exist=True).close()  # open (and migrate) once, before the workers start
        except StoreError as e:
            raise Fail(str(e))
        os.environ["QUOTEGRAPH_DB"] = resolve_db(db)
        os.environ["QUOTEGRAPH_GENDER"] = "1" if gender else "0"
        os.environ["QUOTEGRAPH_MAX_BODY"] = str(max_body)
        if model:
            os.environ["QUOTEGRAPH_MODEL"] = model
        from ..web.extraction import ExtractLimits
        os.environ.update(ExtractLimits(extract_max_body, extract_seconds, extract_concurrency).to_env())
        from ..web import workers as server_workers
        writable = "writable with the bearer token in $QUOTEGRAPH_TOKEN" if os.environ.get(
            "QUOTEGRAPH_TOKEN") else "read-only (set QUOTEGRAPH_TOKEN to allow writing)"
        print(f"quotegraph: serving {resolve_db(db)} on http://{host}:{port}/ ({writable})",
              file=sys.stderr, flush=True)
        server_workers.run("quotegraph.web.app:app_from_env", factory=True, host=host, port=port,
                           workers=workers, log_level="warning", access_log=False, server_header=False)
