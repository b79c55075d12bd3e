"""Extraction on request (``POST /api/extract``, ``/try``, ``POST /api/articles``), bounded.

Anybody may ask for an extraction (it needs no token), and one costs seconds of
CPU per 10 KB of text: unbounded, a few large texts at once took every thread of
the server and stalled its searches. So an extraction on request

- runs on a thread pool of its own, ``concurrency`` threads (1), never on the
  threads that answer the pages and the API;
- is refused at once, 429 with ``Retry-After``, when all of them are busy
  (a request never waits in a queue behind other extractions);
- is answered 503 with ``Retry-After`` after ``seconds`` (30): spaCy cannot be
  stopped half-way in a thread, so the extraction goes on to its end, holding
  its thread (further requests get 429 meanwhile), and its result is dropped.
  How long that can be is bounded by the size of the text: the app refuses a
  body over ``max_body`` bytes (64 KiB, separately from the store's limit)
  with 413 before reading it (:class:`~quotegraph.web.middleware.BodyLimit`).

Settings: ``quotegraph serve --extract-max-body --extract-seconds
--extract-concurrency``, or ``$QUOTEGRAPH_EXTRACT_MAX_BODY``,
``$QUOTEGRAPH_EXTRACT_SECONDS``, ``$QUOTEGRAPH_EXTRACT_CONCURRENCY``.
"""
from __future__ import annotations

import asyncio
import math
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Callable, ClassVar, Optional

from starlette.exceptions import HTTPException

from ..record import Article

MAX_BODY = 64 * 1024  # bytes of a body to extract
SECONDS = 30.0
CONCURRENCY = 1


@dataclass(frozen=True)
class ExtractLimits:
    max_body: int = MAX_BODY
    seconds: float = SECONDS
    concurrency: int = CONCURRENCY

    ENV: ClassVar[dict[str, str]] = {"max_body": "QUOTEGRAPH_EXTRACT_MAX_BODY", "seconds": "QUOTEGRAPH_EXTRACT_SECONDS",
           "concurrency": "QUOTEGRAPH_EXTRACT_CONCURRENCY"}

    @classmethod
    def from_env(cls) -> "ExtractLimits":
        """The limits ``quotegraph serve`` put in the environment (the defaults where it has none)."""
        given = {k: os.environ.get(v) for k, v in cls.ENV.items()}
        return cls(**{k: type(getattr(cls, k))(v) for k, v in given.items() if v})

    def to_env(self) -> dict[str, str]:
        return {v: str(getattr(self, k)) for k, v in self.ENV.items()}


class Extraction:
    """The extractor: loaded on first use, one extraction at a time, on its own bounded threads."""

    def __init__(self, extractor=None, model: Optional[str] = None, limits: ExtractLimits = ExtractLimits()):
        self._extractor, self.model, self.limits = extractor, model, limits
        self.lock = threading.Lock()  # the extractor itself: one article at a time
        self.slots = threading.BoundedSemaphore(limits.concurrency)
        self.pool = ThreadPoolExecutor(limits.concurrency, thread_name_prefix="quotegraph-extract")

    def get(self):
        with self.lock:
            if self._extractor is None:
                from ..pipeline import ModelError, open_extractor
                try:
                    self._extractor = open_extractor(self.model)
                except ModelError as e:
                    raise HTTPException(503, f"extraction is not available: {e}")
            return self._extractor

    def extract_now(self, article: Article):
        """The record of ``article``, in this thread (waits for the extractor)."""
        extractor = self.get()
        with self.lock:
            return extractor.extract(article)

    async def bounded(self, fn: Callable[..., Any], *args) -> Any:
        """``fn(*args)`` on the extraction threads, within the limits (429 when busy, 503 past the time)."""
        retry = {"Retry-After": str(math.ceil(self.limits.seconds))}
        if not self.slots.acquire(blocking=False):
            raise HTTPException(429, f"busy: {self.limits.concurrency} extraction(s) running; try again later",
                                headers=retry)
        try:
            job = self.pool.submit(fn, *args)
        except BaseException:
            self.slots.release()
            raise
        job.add_done_callback(lambda _: self.slots.release())  # when it ends, whatever becomes of the request
        waiting = asyncio.wrap_future(job)
        done, _ = await asyncio.wait([waiting], timeout=self.limits.seconds)  # never cancels the job
        if not done:
            waiting.add_done_callback(lambda f: f.cancelled() or f.exception())  # dropped, unlogged
            raise HTTPException(503, f"the extraction took longer than {self.limits.seconds:g} s: "
                                     "try a shorter text", headers=retry)
        return waiting.result()

    async def extract(self, article: Article):
        """The record of ``article``, within the limits."""
        return await self.bounded(self.extract_now, article)
