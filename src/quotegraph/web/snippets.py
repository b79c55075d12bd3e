"""A search result's quote in its sentence, with the words searched for marked: plain data.

:func:`snippet` takes a stretch of the article's text around the quote (``search_quotes(context=...)``)
and gives the sentence (or sentences) the quote is in, cut to :data:`AROUND` characters on
either side, as three lists of ``(text, marked)`` pieces: before the quote, the quote, after
it. The search page's template writes them as ``{{ r.snippet }}``: its ``__html__`` puts them
in ``<mark>`` and ``<q>``, every piece escaped by markupsafe's ``escape`` (no escaping by hand). A word is
marked when its stem is that of a word searched for (Snowball's English stemmer, close to
what the full-text indexes do), or, for a case-sensitive search, when it is that very word;
a phrase when its words follow one another.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from markupsafe import escape

from ..stems import stem as _stem
from ..store.search_syntax import SearchQuery

AROUND = 240  # characters of context, at most, on either side of the quote
WINDOW = AROUND + 60  # what the search reads on either side (search_quotes(context=WINDOW))
_WORD = re.compile(r"[^\W_]+")
_END = re.compile(r"""[.!?…]["”’»)\]]*\s+|\n""")  # the end of a sentence (and the space after it)

Pieces = list[tuple[str, bool]]


def _html(pieces: Pieces) -> str:
    return "".join(f"<mark>{escape(t)}</mark>" if m else escape(t) for t, m in pieces)  # markupsafe's escape


@dataclass
class Snippet:
    before: Pieces = field(default_factory=list)
    quote: Pieces = field(default_factory=list)
    after: Pieces = field(default_factory=list)

    def as_json(self) -> dict[str, list[list]]:
        """For the API: ``{"before", "quote", "after"}``, each a list of ``[text, marked]``."""
        return {"before": [list(p) for p in self.before], "quote": [list(p) for p in self.quote],
                "after": [list(p) for p in self.after]}

    def __html__(self) -> str:
        """The sentence, the quote in ``<q class="hit-quote">``, the words in ``<mark>``, every piece
        of text escaped by markupsafe's ``escape`` (Jinja writes ``{{ snippet }}`` as it is)."""
        return f'{_html(self.before)}<q class="hit-quote">{_html(self.quote)}</q>{_html(self.after)}'




def _prefix(word: str, stem: str) -> str:
    n = 0
    while n < min(len(word), len(stem)) and word[n] == stem[n]:
        n += 1
    return word[:max(n, 1)]


@lru_cache(maxsize=1024)
def _finder(query: SearchQuery) -> tuple[list[tuple[str, ...]], "re.Pattern[str]"]:
    """The query's terms as keys (stems, or the words as written) and a pattern finding the
    words that may be one of them (those beginning as a key's word does)."""
    terms = query.terms
    if query.case:
        wanted, heads = [t.words for t in terms], {w for t in terms for w in t.words}
    else:
        wanted = [tuple(_stem(w) for w in t.words) for t in terms]
        heads = {_prefix(w.lower(), _stem(w)) for t in terms for w in t.words}
    alternatives = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    flags = 0 if query.case else re.IGNORECASE
    return wanted, re.compile(rf"(?<![^\W_])(?:{alternatives})[^\W_]*", flags)


def marks(text: str, query: Optional[SearchQuery]) -> list[tuple[int, int]]:
    """The spans of ``text`` that are words (or phrases) of the query, in order, not overlapping."""
    if query is None or not query.groups:
        return []
    wanted, finder = _finder(query)
    hits = [(m.start(), m.end(), m[0] if query.case else _stem(m[0])) for m in finder.finditer(text)]
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(hits):
        best = 0
        for w in wanted:
            n = len(w)
            if n > best and tuple(h[2] for h in hits[i:i + n]) == w and all(
                    _WORD.search(text, hits[j][1], hits[j + 1][0]) is None for j in range(i, i + n - 1)):
                best = n
        if best:
            out.append((hits[i][0], hits[i + best - 1][1]))
            i += best
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
