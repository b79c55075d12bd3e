"""Scale options of ``ingest``: ``--engine dask``, ``--scheduler`` (and the web inputs)."""
from __future__ import annotations

from enum import Enum
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


def ingest_on_dask(store, paths: list[str], *, scheduler: Optional[str], jobs: int, model: Optional[str],
                   text_key: str, id_key: str, force: bool, batch_size: int, limits,
                   on_problem: Callable[[str, str], None], on_progress: Callable[[int], None]):
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
                        on_progress=on_progress)
    except EngineError as e:
        raise Fail(str(e))
