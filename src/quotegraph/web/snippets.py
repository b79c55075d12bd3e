"""A search result's quote in its sentence, with the words searched for marked: plain data.

:func:`snippet` takes a stretch of the article's text around the quote (``queries.contexts``)
and gives the sentence (or sentences) the quote is in, cut to :data:`AROUND` characters on
either side, as three lists of ``(text, marked)`` pieces: before the quote, the quote, after
it. The search page's template writes them (Jinja's autoescape: no HTML here). A word is
marked when its stem is that of a word searched for (Snowball's English stemmer, close to
what the full-text indexes do), or, for a case-sensitive search, when it is that very word;
a phrase when its words follow one another.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import snowballstemmer

from ..store.search_syntax import SearchQuery

AROUND = 240  # characters of context, at most, on either side of the quote
WINDOW = AROUND + 60  # what queries.contexts reads on either side
_WORD = re.compile(r"[^\W_]+")
_END = re.compile(r"""[.!?…]["”’»)\]]*\s+|\n""")  # the end of a sentence (and the space after it)
_STEMMER = snowballstemmer.stemmer("english")

Pieces = list[tuple[str, bool]]


@dataclass
class Snippet:
    before: Pieces = field(default_factory=list)
    quote: Pieces = field(default_factory=list)
    after: Pieces = field(default_factory=list)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word.lower())


def _matchers(query: Optional[SearchQuery]) -> list[tuple[str, ...]]:
    if query is None:
        return []
    if query.case:
        return [t.words for t in query.terms]
    return [tuple(_stem(w) for w in t.words) for t in query.terms]


def marks(text: str, query: Optional[SearchQuery]) -> list[tuple[int, int]]:
    """The spans of ``text`` that are words (or phrases) of the query, in order, not overlapping."""
    wanted = _matchers(query)
    if not wanted:
        return []
    words = list(_WORD.finditer(text))
    keys = [m[0] if query.case else _stem(m[0]) for m in words]
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        n = max((len(w) for w in wanted if tuple(keys[i:i + len(w)]) == w), default=0)
        if n:
            out.append((words[i].start(), words[i + n - 1].end()))
            i += n
        else:
            i += 1
    return out


def pieces(text: str, spans: list[tuple[int, int]], offset: int = 0) -> Pieces:
    """``text`` cut into (piece, marked) by the spans (of a text ``text`` starts at ``offset`` in)."""
    out: Pieces = []
    pos = 0
    for s, e in spans:
        s, e = max(s - offset, 0), min(e - offset, len(text))
        if e <= pos or s >= len(text):
            continue
        if s > pos:
            out.append((text[pos:s], False))
        out.append((text[max(s, pos):e], True))
        pos = e
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def _before(text: str) -> str:
    """The end of ``text`` from the start of its last sentence, at most AROUND characters."""
    starts = [m.end() for m in _END.finditer(text)]
    text = text[starts[-1]:] if starts else text
    if len(text) > AROUND:
        cut = text[-AROUND:]
        text = "…" + cut[cut.find(" ") + 1:] if " " in cut else "…" + cut
    return text.lstrip()


def _after(text: str) -> str:
    """The start of ``text`` up to the end of its first sentence, at most AROUND characters."""
    m = _END.search(text)
    text = text[:m.end()].rstrip() if m else text
    if len(text) > AROUND:
        cut = text[:AROUND]
        text = (cut[:cut.rfind(" ")] if " " in cut else cut) + "…"
    return text


def snippet(content: str, query: Optional[SearchQuery], window: Optional[str] = None,
            window_start: int = 0, start: int = 0, end: int = 0) -> Snippet:
    """The quote (``text[start:end]``; ``window`` is ``text[window_start:...]``) in its sentence,
    the query's words marked; without the window, or when it does not hold the quote, the
    quote's ``content`` alone."""
    s, e = start - window_start, end - window_start
    if not window or not 0 <= s < e <= len(window):
        return Snippet(quote=pieces(content, marks(content, query)))
    before, quote, after = _before(window[:s]), window[s:e], _after(window[e:])
    text = before + quote + after
    spans = marks(text, query)
    b, q = len(before), len(before) + len(quote)
    return Snippet(before=pieces(before, spans), quote=pieces(quote, spans, b),
                   after=pieces(after, spans, q))
