"""The search language of ``quotegraph quotes --contains``, ``/api/search`` and the search page.

Plain text in, a :class:`SearchQuery` (plain data) out; nothing here knows SQL (the store's
:mod:`~quotegraph.store.fulltext` turns a query into conditions, the web app highlights its
terms). The language, as on the usual search engines:

- ``bridge town``: quotes with both words, anywhere (word stems: *bridges* too);
- ``"build the bridge"``: these words in this order (a phrase; an unbalanced ``"`` runs to
  the end);
- ``-town`` or ``NOT town``, ``-"the town"``: without that word or phrase;
- ``bridge OR tunnel`` (or ``|``): either; ``bridge OR tunnel town`` is (bridge or tunnel)
  and town (an ``OR`` next to an excluded term is ignored);
- brackets are spaces; anything else that is not a letter or digit only separates words
  (``don't`` is the phrase ``don t``, as the full-text index sees it): no operator of SQLite's FTS5 or PostgreSQL's
  tsquery gets through.

With ``case=True`` each word must appear exactly as written, case and form (``wall`` is not
*Wall Street*, nor *walls*). A query may have at most :data:`MAX_TERMS` terms and
:data:`MAX_LENGTH` characters; more is a :class:`SearchSyntaxError`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from .errors import QueryError

MAX_LENGTH = 1000  # characters of a query
MAX_TERMS = 16  # words and phrases of a query

_WORD = re.compile(r"[^\W_]+")  # as the full-text indexes split words: letters and digits
_TOKEN = re.compile(r'(-?)"([^"]*)(?:"|$)|(\S+)')
_OPERATORS = ("OR", "|", "AND", "NOT")
_QUOTES = str.maketrans({**{c: '"' for c in "“”„‟«»"}, **{c: " " for c in "()[]{}"}})  # brackets: spaces


class SearchSyntaxError(QueryError):
    """A query too long or with too many terms."""


@dataclass(frozen=True)
class Term:
    """A word, or a phrase: its words in order."""

    words: tuple[str, ...]

    @property
    def phrase(self) -> bool:
        return len(self.words) > 1

    def __str__(self) -> str:
        text = " ".join(self.words)
        return f'"{text}"' if self.phrase or text in _OPERATORS else text


@dataclass(frozen=True)
class SearchQuery:
    """Every group must match (one of its terms: OR), and none of ``exclude``."""

    groups: tuple[tuple[Term, ...], ...] = ()
    exclude: tuple[Term, ...] = ()
    case: bool = False  # each word as written: case and form

    def __bool__(self) -> bool:
        return bool(self.groups or self.exclude)

    @property
    def terms(self) -> list[Term]:
        """The terms to find (to highlight), in order, each once."""
        out: list[Term] = []
        for group in self.groups:
            out += [t for t in group if t not in out]
        return out

    def __str__(self) -> str:
        """The query in the language, normalised: parsing it gives the same query."""
        parts = [" OR ".join(str(t) for t in g) for g in self.groups]
        parts += [f"-{t}" for t in self.exclude]
        return " ".join(parts)


def _tokens(text: str) -> Iterator[tuple[str, bool, tuple[str, ...]]]:
    """(operator or "", negated, words) for each token of the text."""
    for m in _TOKEN.finditer(text.translate(_QUOTES)):
        if m[3] is None:  # a "phrase"
            yield "", bool(m[1]), tuple(_WORD.findall(m[2]))
            continue
        token = m[3]
        if token in _OPERATORS:
            yield token.replace("|", "OR"), False, ()
        elif token.startswith("-"):
            yield "", True, tuple(_WORD.findall(token[1:]))
        else:
            yield "", False, tuple(_WORD.findall(token))


def parse(text: str, case: bool = False) -> SearchQuery:
    """The query a text says (see the module's docstring); an empty query for no words."""
    if len(text) > MAX_LENGTH:
        raise SearchSyntaxError(f"the search is too long (at most {MAX_LENGTH} characters)")
    groups: list[list[Term]] = []
    exclude: list[Term] = []
    pending_or = pending_not = after_word = False  # after_word: the last term was one to find
    for op, negated, words in _tokens(text):
        if op == "OR":
            pending_or = after_word and not pending_not
            continue
        if op == "NOT":
            pending_not, pending_or = True, False
            continue
        if op == "AND" or not words:
            continue
        if not case:
            words = tuple(w.lower() for w in words)
        term = Term(words)
        after_word = not (negated or pending_not)
        if not after_word:
            if term not in exclude:
                exclude.append(term)
        elif pending_or:
            if term not in groups[-1]:
                groups[-1].append(term)
        elif [term] not in groups:
            groups.append([term])
        pending_or = pending_not = False
    if sum(map(len, groups)) + len(exclude) > MAX_TERMS:
        raise SearchSyntaxError(f"the search has too many words or phrases (at most {MAX_TERMS})")
    return SearchQuery(tuple(tuple(g) for g in groups), tuple(exclude), case)


def term_pattern(terms: "tuple[Term, ...] | list[Term]") -> str:
    """A regular expression finding any of the terms as whole words (a phrase's words with
    anything but letters and digits between them), the same in Python and PostgreSQL."""
    alternatives = "|".join(r"\W+".join(t.words) for t in terms)
    return rf"(^|\W)({alternatives})(\W|$)"
