"""``quotegraph ingest --engine dask``: extraction on a Dask cluster, the store written once.

The inputs are cut into partitions (:mod:`.partitions`); each is a Dask task
(:func:`.batch.process_part`) that reads its partition on a worker, extracts
it with the worker's model (loaded once per worker process) and returns plain
records. The client takes the results in partition order (so the store ends
up exactly as after a local run: the same rows, the same people ids) and
writes them with the ordinary :class:`~quotegraph.store.ingest.Ingest`: one
transaction per batch, articles stored with the same text skipped. At most
two tasks per worker are in flight, so memory stays bounded on any input.

A worker that dies mid-task loses nothing: the scheduler gives the task to
another worker (a task that kills ``ALLOWED_FAILURES`` workers in a row is
reported as failed, its articles not stored); the client only sees each
partition's result once, and the store holds every article once.
"""
from __future__ import annotations

import contextlib
import logging
from typing import Any, Callable, Iterator, Optional

from ..limits import Limits
from ..record import InputError, Skipped
from ..store.db import Store, to_url
from ..store.ingest import Ingest, Summary
from .batch import process_part
from .load import Extracted, Precomputed
from .partitions import PART_RECORDS, Part, plan

ALLOWED_FAILURES = 3  # workers a task may take down before it is given up


class EngineError(Exception):
    """Dask missing, a scheduler that cannot be reached, inputs that cannot be partitioned."""


@contextlib.contextmanager
def dask_client(scheduler: Optional[str], workers: int):
    """A client of the scheduler at ``scheduler``, else of a new local cluster of
    ``workers`` processes with one thread each (closed on exit)."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise EngineError("--engine dask needs Dask: pip install 'quotegraph[dask]'")
    with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES - 1}):
        if scheduler:
            try:
                client = Client(scheduler, timeout="20s")
            except (OSError, TimeoutError) as e:
                raise EngineError(f"--scheduler {scheduler}: cannot connect ({e})")
            with client:
                yield client
        else:
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                              dashboard_address=":0", silence_logs=logging.ERROR) as cluster, \
                    Client(cluster) as client:
                yield client


def run_dask(store: Store, paths: list[str], *, client=None, scheduler: Optional[str] = None,
             workers: int = 2, model: Optional[str] = None, text_key: str = "text", id_key: str = "id",
             force: bool = False, batch_size: int = 32, part_records: int = PART_RECORDS,
             limits: Optional[Limits] = None,
             on_problem: Optional[Callable[[str, str], None]] = None,
             on_progress: Optional[Callable[[int], None]] = None,
             task: Callable[..., list] = process_part) -> Summary:
    """Ingest ``paths`` into ``store``, extracting on Dask (``client``, else as :func:`dask_client`)."""
    from .partitions import PartitionError
    try:
        parts = plan(paths, part_records)
    except PartitionError as e:
        raise EngineError(str(e))
    if client is None:
        with dask_client(scheduler, workers) as c:
            return run_dask(store, paths, client=c, model=model, text_key=text_key, id_key=id_key,
                            force=force, batch_size=batch_size, part_records=part_records, limits=limits,
                            on_problem=on_problem, on_progress=on_progress, task=task)
    nworkers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
    run = Ingest(store, extractor=Precomputed(model), model=model, jobs=nworkers, force=force,
                 batch_size=batch_size, limits=limits, inputs=list(paths), on_problem=on_problem,
                 on_progress=on_progress)
    args = dict(text_key=text_key, id_key=id_key, model=model, db=to_url(store.db), force=force,
                limits=limits)
    return run.run(_sourced(client, parts, task, args, window=2 * nworkers))


def _sourced(client, parts: list[Part], task, args: dict, window: int) -> Iterator[tuple[str, Any]]:
    """(source, item) pairs of every part, in part order, at most ``window`` tasks in flight."""
    from distributed import as_completed
    pending: dict[Any, int] = {}
    done: dict[int, Any] = {}
    nxt = 0
    submitted = 0
    ac = as_completed()

    def submit() -> None:
        nonlocal submitted
        if submitted < len(parts):
            fut = client.submit(task, parts[submitted], pure=False, **args)
            pending[fut] = submitted
            ac.add(fut)
            submitted += 1

    for _ in range(window):
        submit()
    while nxt < len(parts):
        while nxt not in done:
            fut = next(ac)
            i = pending.pop(fut)
            try:
                done[i] = fut.result()
            except Exception as e:  # a task that failed (or killed its workers) every time
                done[i] = [{"error": [parts[i].label, f"partition failed: {type(e).__name__}: {e}"]}]
            fut.release()
            submit()
        yield from _items(parts[nxt].path, done.pop(nxt))
        nxt += 1


def _items(source: str, results: list[dict[str, Any]]) -> Iterator[tuple[str, Any]]:
    for r in results:
        if "error" in r:
            yield source, InputError(*r["error"])
        elif "skipped" in r:
            yield source, Skipped(*r["skipped"])
        else:
            yield source, Extracted(r["article"], r["record"])
