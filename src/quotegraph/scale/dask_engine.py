"""``quotegraph ingest --engine dask``: extraction on a Dask cluster, the store written once.

The inputs are cut into partitions (:mod:`.partitions`); each is a Dask task
(:func:`.batch.process_part`) that reads its partition on a worker, extracts
it with the worker's model (loaded once per worker process) and returns plain
records. The client takes the results in partition order (so the store ends
up exactly as after a local run: the same rows, the same people ids) and
writes them with the ordinary :class:`~quotegraph.store.ingest.Ingest`: one
transaction per batch, articles stored with the same text skipped. At most
two tasks per worker are in flight, so memory stays bounded on any input.

Pages to fetch (``--urls``, ``--feed``, ``--sitemap``) are fetched on the
client, politely, one at a time as for a local run, and handed out
``part_records`` pages a task (:func:`.batch.process_items`) as they come.

With ``parquet`` (a folder), each task writes its results to a Parquet
partition there (``part-00000.parquet``, ...: :mod:`.parquet`) and returns only
its name; the client loads the partitions into the store, in order, once.
The partitions stay: ``load_records(store, ["DIR/*.parquet"])`` loads them
into another store, and any Parquet reader reads the records.

A worker that dies mid-task loses nothing: the scheduler gives the task to
another worker (a task that kills ``ALLOWED_FAILURES`` workers in a row is
reported as failed, its articles not stored); the client only sees each
partition's result once, and the store holds every article once.
"""
from __future__ import annotations

import contextlib
import glob
import itertools
import logging
import os
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Optional, Union

from ..limits import Limits
from ..store.db import Store, to_url
from ..store.ingest import Ingest, Summary
from .batch import process_items, process_part
from .items import item_of
from .load import Precomputed
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


@dataclass
class Fetched:
    """Items read on the client (fetched pages, fetch errors), to be extracted on a worker."""

    sources: list[str]
    items: list
    number: int

    @property
    def label(self) -> str:
        return f"fetched pages, part {self.number + 1}"


Unit = Union[Part, Fetched]


def _fetched_units(web: Iterable[tuple[str, Any]], n: int) -> Iterator[Fetched]:
    pairs = iter(web)
    for number in itertools.count():
        chunk = list(itertools.islice(pairs, n))
        if not chunk:
            return
        yield Fetched([s for s, _ in chunk], [i for _, i in chunk], number)


def _parquet_folder(folder: str) -> str:
    """The folder for the partitions, made if need be; never one holding an earlier run's."""
    from .parquet import ParquetMissing, _pyarrow
    try:
        _pyarrow()
    except ParquetMissing as e:
        raise EngineError(f"--parquet: {e}")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as e:
        raise EngineError(f"--parquet {folder}: cannot make the folder ({e.strerror or e})")
    if glob.glob(os.path.join(glob.escape(folder), "part-*.parquet")):
        raise EngineError(f"--parquet {folder}: holds the partitions of an earlier run; name a new "
                          "or empty folder (load those with quotegraph.scale.load.load_records)")
    return folder


def run_dask(store: Store, paths: list[str], *, client=None, scheduler: Optional[str] = None,
             workers: int = 2, model: Optional[str] = None, text_key: str = "text", id_key: str = "id",
             force: bool = False, batch_size: int = 32, part_records: int = PART_RECORDS,
             limits: Optional[Limits] = None,
             on_problem: Optional[Callable[[str, str], None]] = None,
             on_progress: Optional[Callable[[int], None]] = None,
             task: Callable[..., list] = process_part,
             web: Optional[Iterable[tuple[str, Any]]] = None,
             parquet: Optional[str] = None) -> Summary:
    """Ingest ``paths`` (and the (source, item) pairs of ``web``, read on this machine: fetched
    pages) into ``store``, extracting on Dask (``client``, else as :func:`dask_client`); with
    ``parquet``, through Parquet partitions in that folder."""
    from .partitions import PartitionError
    try:
        parts = plan(paths, part_records)
    except PartitionError as e:
        raise EngineError(str(e))
    if parquet is not None:
        parquet = _parquet_folder(parquet)
    if client is None:
        with dask_client(scheduler, workers) as c:
            return run_dask(store, paths, client=c, model=model, text_key=text_key, id_key=id_key,
                            force=force, batch_size=batch_size, part_records=part_records, limits=limits,
                            on_problem=on_problem, on_progress=on_progress, task=task, web=web,
                            parquet=parquet)
    nworkers = max(1, len(client.scheduler_info().get("workers", {})) or workers)
    run = Ingest(store, extractor=Precomputed(model), model=model, jobs=nworkers, force=force,
                 batch_size=batch_size, limits=limits, inputs=list(paths), on_problem=on_problem,
                 on_progress=on_progress)
    options = dict(model=model, db=to_url(store.db), force=force, limits=limits)

    def submit(number: int, unit: Unit):
        out = dict(options, parquet=os.path.join(parquet, f"part-{number:05d}.parquet") if parquet else None)
        if isinstance(unit, Fetched):
            return client.submit(process_items, unit.items, pure=False, **out)
        if out["parquet"] is None:
            del out["parquet"]  # a task of the caller's (``task``) need not know it
        return client.submit(task, unit, pure=False, text_key=text_key, id_key=id_key, **out)

    units = itertools.chain(parts, _fetched_units(web or (), part_records))
    return run.run(_sourced(units, submit, window=2 * nworkers))


def _sourced(units: Iterator[Unit], submit: Callable[[int, Unit], Any], window: int) -> Iterator[tuple[str, Any]]:
    """(source, item) pairs of every unit, in order, at most ``window`` tasks in flight (the
    next unit is taken, a page fetched say, only when a task is done)."""
    from distributed import as_completed
    pending: dict[Any, int] = {}
    held: dict[int, Unit] = {}
    done: dict[int, Any] = {}
    nxt = submitted = 0
    ac = as_completed()

    def submit_next() -> None:
        nonlocal submitted
        unit = next(units, None)
        if unit is not None:
            fut = submit(submitted, unit)
            pending[fut], held[submitted] = submitted, unit
            ac.add(fut)
            submitted += 1

    for _ in range(window):
        submit_next()
    while nxt < submitted:
        while nxt not in done:
            fut = next(ac)
            i = pending.pop(fut)
            try:
                done[i] = fut.result()
            except Exception as e:  # a task that failed (or killed its workers) every time
                done[i] = [{"error": [held[i].label, f"partition failed: {type(e).__name__}: {e}"]}]
            fut.release()
            submit_next()
        yield from _items(held.pop(nxt), done.pop(nxt))
        nxt += 1


def _items(unit: Unit, results: list[dict[str, Any]]) -> Iterator[tuple[str, Any]]:
    if len(results) == 1 and "parquet" in results[0]:
        from .parquet import read_partition
        name = results[0]["parquet"]
        try:
            results = read_partition(name)
        except Exception as e:  # a partition the client cannot read: its articles fail, the run goes on
            results = [{"error": [name, f"cannot read the partition: {type(e).__name__}: {e}"]}]
    sources = unit.sources if isinstance(unit, Fetched) else itertools.repeat(unit.path)
    for source, r in zip(sources, results):
        yield source, item_of(r)
