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


class Workers:
    """A pool of ``jobs`` worker processes, each with the model loaded once; a broken
    pool (a worker died) is replaced by a new one on :meth:`renew`."""

    def __init__(self, model: Optional[str], jobs: int, limits: Optional[Limits] = None):
        import multiprocessing
        self.model, self.jobs, self.limits = model, jobs, limits
        self._ctx = multiprocessing.get_context("spawn")
        self.pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.jobs, mp_context=self._ctx, initializer=_init_worker,
                                   initargs=(self.model, self.limits, os.getpid()))

    def renew(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._new_pool()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def extract_parallel(items: Iterable[Article], model: Optional[str], jobs: int,
                     limits: Optional[Limits] = None, workers: Optional[Workers] = None) -> Iterator[Record]:
    """Records in input order from ``jobs`` worker processes, each loading the model once
    (those of ``workers`` if given, kept for the next call; else a pool of this call's own).

    At most ``2 * jobs`` chunks are in flight, so the input is streamed, never
    read ahead whole. A chunk whose worker died is returned as failed records.
    """
    own = workers is None
    if workers is None:
        workers = Workers(model, jobs, limits)
    chunks = chunked(items, CHUNK)
    pending: deque = deque()

    def submit() -> bool:
        chunk = next(chunks, None)
        if chunk is None:
            return False
        pending.append((chunk, workers.pool.submit(_work, chunk)))
        return True

    try:
        for _ in range(2 * workers.jobs):
            if not submit():
                break
        while pending:
            chunk, fut = pending.popleft()
            try:
                records = fut.result()
            except BrokenProcessPool as e:
                records = [Record(id=a.id, text=a.text, meta=a.meta,
                                  error=f"extraction failed: worker process died ({e})") for a in chunk]
                workers.renew()
                pending = deque((c, workers.pool.submit(_work, c)) for c, _ in pending)
            except Exception as e:
                records = [Record(id=a.id, text=a.text, meta=a.meta,
                                  error=f"extraction failed: {type(e).__name__}: {e}") for a in chunk]
            yield from records
            submit()
    finally:
        if own:
            workers.close()
        else:
            for _, fut in pending:
                fut.cancel()


class ParallelExtractor:
    """:class:`pipeline.Extractor`'s ``extract_many`` over ``jobs`` worker processes
    (for ``extract --jobs N``): the same records, in the same order. The workers are
    started on first use and kept until :meth:`close`."""

    def __init__(self, model: str, jobs: int, limits: Optional[Limits] = None):
        self.model, self.jobs, self.limits = model, jobs, limits
        self._workers: Optional[Workers] = None

    def extract_many(self, articles: Iterable[Article], limits: Optional[Limits] = None) -> Iterator[Record]:
        limits = limits or self.limits
        if self._workers is not None and self._workers.limits != limits:
            self.close()
        if self._workers is None:
            self._workers = Workers(self.model, self.jobs, limits)
        return extract_parallel(articles, self.model, self.jobs, limits, self._workers)

    def warm_up(self, text: str) -> None:
        """Start every worker (each loads the model) and run one short text through each."""
        if self._workers is None:
            self._workers = Workers(self.model, self.jobs, self.limits)
        futures = [self._workers.pool.submit(_work, [Article(id="warm-up", text=text)]) for _ in range(self.jobs)]
        for fut in futures:
            fut.result()

    def close(self) -> None:
        if self._workers is not None:
            self._workers.close()
            self._workers = None

    def __enter__(self) -> "ParallelExtractor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
