"""Scale options of ``ingest``: ``--engine dask``, ``--scheduler`` (and the web inputs)."""
from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Callable, Optional

import typer

from .common import Fail


class Engine(str, Enum):
    local = "local"
    dask = "dask"


EngineOption = Annotated[Engine, typer.Option(
    help="local: this machine (--jobs processes); dask: a Dask cluster (--scheduler, else a local "
         "cluster of --jobs workers).")]
SchedulerOption = Annotated[Optional[str], typer.Option(
    metavar="tcp://HOST:PORT", help="The Dask scheduler to use (implies --engine dask).")]
ParquetOption = Annotated[Optional[str], typer.Option(
    "--parquet", metavar="DIR", help="--engine dask: the workers write their records to Parquet "
                                     "partitions in this new folder, and the store is loaded from them.")]


def ingest_on_dask(store, paths: list[str], *, scheduler: Optional[str], jobs: int, model: Optional[str],
                   text_key: str, id_key: str, force: bool, batch_size: int, limits,
                   on_problem: Callable[[str, str], None], on_progress: Callable[[int], None],
                   web=None, parquet: Optional[str] = None):
    """The ingest summary of a run on Dask, or :class:`Fail` saying why it cannot run."""
    from ..scale.dask_engine import EngineError, run_dask
    if scheduler is None:  # local workers load the model from here: fail once, now, if it is missing
        from ..pipeline import ModelError, check_model
        try:
            check_model(model)
        except ModelError as e:
            raise Fail(str(e))
    try:
        return run_dask(store, paths, scheduler=scheduler, workers=jobs, model=model, text_key=text_key,
                        id_key=id_key, force=force, batch_size=batch_size, limits=limits, on_problem=on_problem,
                        on_progress=on_progress, web=web, parquet=parquet)
    except EngineError as e:
        raise Fail(str(e))


UrlsOption = Annotated[Optional[str], typer.Option(
    "--urls", metavar="FILE", help="Fetch the pages of these urls (one a line) and ingest them.")]
FeedOption = Annotated[Optional[list[str]], typer.Option(
    "--feed", metavar="URL", help="Fetch the articles of this RSS or Atom feed (repeatable).")]
SitemapOption = Annotated[Optional[list[str]], typer.Option(
    "--sitemap", metavar="URL", help="Fetch the pages of this sitemap or sitemap index (repeatable).")]
DelayOption = Annotated[float, typer.Option(
    "--delay", metavar="SECONDS", min=0, help="Fetching: seconds between two requests to one host "
                                              "(more if its robots.txt asks).")]
PrivateOption = Annotated[bool, typer.Option(
    "--allow-private-hosts", help="Fetching: allow loopback and private addresses (an intranet).")]


def web_inputs(store, urls: Optional[str], feeds: Optional[list[str]], sitemaps: Optional[list[str]],
               delay: float, allow_private: bool):
    """(source, item) pairs of the pages to fetch; urls whose article is stored are not fetched again."""
    from sqlalchemy import select

    from ..scale.fetch import Fetcher, web_sourced
    from ..store.schema import articles
    if urls is not None and not Path(urls).is_file():
        raise Fail(f"{urls}: no such file")

    def known(url: str) -> bool:
        with store.connect() as conn:
            return conn.execute(select(articles.c.id).where(articles.c.id == url)).first() is not None

    return web_sourced(Fetcher(delay=delay, allow_private=allow_private), urls, feeds or (), sitemaps or (),
                       known)
