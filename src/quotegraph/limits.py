"""Per-article input limits: a size cap and a time limit, and the one-line error of a failure.

An article longer than ``max_chars`` is extracted up to the cap (cut at the last
paragraph break before it, else the last space) and its record says so in
``meta["truncated"] = {"at": N, "length": L}``: quotes come from ``text[:N]``
only, ``text`` stays whole. An article whose extraction takes longer than
``seconds`` fails alone with a one-line error; its parse by spaCy may take
``seconds`` times the batch size, in a batch or alone (``pipeline.Extractor``),
so that its record never depends on its neighbours. The time limit is a timer
signal (SIGALRM), so it applies in a process's main thread only (the command
line and ``ingest --jobs N`` workers); elsewhere, e.g. in a web server's thread
pool, it is not enforced.
"""
from __future__ import annotations

import contextlib
import signal
import threading
import time
from dataclasses import dataclass
from typing import Any, Iterable, Iterator, Optional

MAX_CHARS = 200_000
SECONDS = 120.0


class ArticleTimeout(Exception):
    """An article's extraction ran past its time limit."""


@dataclass(frozen=True)
class Limits:
    """``max_chars``: characters extracted per article (0: no cap); ``seconds``: time per article (0: none)."""

    max_chars: int = MAX_CHARS
    seconds: float = SECONDS

    def cut(self, text: str) -> int:
        """How many characters of ``text`` to extract: all, or up to the cap at a paragraph or word break."""
        cap = self.max_chars
        if not cap or len(text) <= cap:
            return len(text)
        for sep in ("\n", " "):
            at = text.rfind(sep, cap // 2, cap)
            if at > 0:
                return at + 1
        return cap


def _can_signal() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextlib.contextmanager
def time_limit(seconds: Optional[float]) -> Iterator[None]:
    """Raise :class:`ArticleTimeout` in the body after ``seconds`` (main thread only; else no limit).

    A timer already running (an outer limit) is put back, less the time spent here.
    """
    if not seconds or seconds <= 0 or not _can_signal():
        yield
        return

    def expired(signum, frame):
        raise ArticleTimeout(f"took longer than the time limit of {seconds:g} s")

    start = time.monotonic()
    outer_left = signal.getitimer(signal.ITIMER_REAL)[0]
    old = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        if outer_left > 0:
            signal.setitimer(signal.ITIMER_REAL, max(outer_left - (time.monotonic() - start), 0.001))


def failure(exc: BaseException, text: str = "", nlp=None) -> str:
    """The one-line error of an article whose extraction raised ``exc``."""
    max_length = getattr(nlp, "max_length", None)
    if isinstance(exc, ArticleTimeout):
        return f"extraction failed: {exc}"
    if isinstance(exc, ValueError) and "[E088]" in str(exc) and max_length:
        return (f"extraction failed: text of {len(text):,} characters is over spaCy's limit of "
                f"{max_length:,} (lower --max-chars)")
    lines = str(exc).strip().splitlines()
    return f"extraction failed: {type(exc).__name__}: {lines[0] if lines else ''}".rstrip(": ")


def extract_many(extractor: Any, articles: Iterable, limits: Optional[Limits] = None) -> Iterator:
    """``extractor.extract_many(articles, limits)``, the limits passed only when given: an extractor
    that stands in for the pipeline (tests, precomputed records) may take none."""
    return extractor.extract_many(articles) if limits is None else extractor.extract_many(articles, limits)


def truncation_note(meta: Any) -> Optional[str]:
    """The one-line note of a record extracted up to the size cap only (its ``meta``), else None."""
    cut = meta.get("truncated") if isinstance(meta, dict) else None
    if not isinstance(cut, dict):
        return None
    return (f"truncated: quotes extracted from the first {cut.get('at', 0):,} of "
            f"{cut.get('length', 0):,} characters (--max-chars)")
