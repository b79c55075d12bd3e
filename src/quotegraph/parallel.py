"""Extraction in worker processes: ``extract --jobs N`` and ``ingest --jobs N``.

Each worker loads the model once and extracts chunks of articles with its own
:class:`pipeline.Extractor`; records come back in input order, and a chunk
whose worker died comes back as failed records, never stopping the run.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator, Optional

from .limits import Limits
from .record import Article, Record

CHUNK = 16  # articles per task of a worker process (the extractor's batch size)

_WORKER_EXTRACTOR = None


PARENT_POLL = 0.5  # seconds between a worker's checks that its ingest is still alive


def _die_with_parent(parent: int) -> None:
    """End this worker process when the ingest that started it ends, even by ``kill -9``.

    On Linux the kernel sends SIGKILL at once (``prctl(PR_SET_PDEATHSIG)``); everywhere
    a daemon thread checks every :data:`PARENT_POLL` seconds that the parent is still
    the parent. (Without this, a killed ingest left its workers and, through them,
    multiprocessing's resource tracker running, each holding a loaded model.)
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL)
        os._exit(1)

    if os.getppid() != parent:  # died before we were watching
        os._exit(1)
    threading.Thread(target=watch, name="quotegraph-parent-watch", daemon=True).start()


def _init_worker(model: Optional[str], limits: Optional[Limits] = None,
                 parent: Optional[int] = None) -> None:
    global _WORKER_EXTRACTOR
    if parent is not None:
        _die_with_parent(parent)
    from .pipeline import Extractor
    _WORKER_EXTRACTOR = Extractor(model, limits=limits)


def _work(chunk: list[Article]) -> list[Record]:
    return list(_WORKER_EXTRACTOR.extract_many(chunk))


def chunked(items: Iterable, n: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= n:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def extract_parallel(items: Iterable[Article], model: Optional[str], jobs: int,
                     limits: Optional[Limits] = None) -> Iterator[Record]:
    """Records in input order from ``jobs`` worker processes, each loading the model once.

    At most ``2 * jobs`` chunks are in flight, so the input is streamed, never
    read ahead whole. A chunk whose worker died is returned as failed records.
    """
    import multiprocessing
    ctx = multiprocessing.get_context("spawn")

    def new_pool():
        return ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init_worker,
                                   initargs=(model, limits, os.getpid()))

    pool = new_pool()
    chunks = chunked(items, CHUNK)
    pending: deque = deque()

    def submit() -> bool:
        chunk = next(chunks, None)
        if chunk is None:
            return False
        pending.append((chunk, pool.submit(_work, chunk)))
        return True

    try:
        for _ in range(2 * jobs):
            if not submit():
                break
        while pending:
            chunk, fut = pending.popleft()
            try:
                records = fut.result()
            except BrokenProcessPool as e:
                records = [Record(id=a.id, text=a.text, meta=a.meta,
                                  error=f"extraction failed: worker process died ({e})") for a in chunk]
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
                pending = deque((c, pool.submit(_work, c)) for c, _ in pending)
            except Exception as e:
                records = [Record(id=a.id, text=a.text, meta=a.meta,
                                  error=f"extraction failed: {type(e).__name__}: {e}") for a in chunk]
            yield from records
            submit()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class ParallelExtractor:
    """:class:`pipeline.Extractor`'s ``extract_many`` over ``jobs`` worker processes
    (for ``extract --jobs N``): the same records, in the same order."""

    def __init__(self, model: str, jobs: int, limits: Optional[Limits] = None):
        self.model, self.jobs, self.limits = model, jobs, limits

    def extract_many(self, articles: Iterable[Article], limits: Optional[Limits] = None) -> Iterator[Record]:
        return extract_parallel(articles, self.model, self.jobs, limits or self.limits)
