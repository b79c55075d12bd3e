"""An aside at the end of a content: a relative clause set off by a comma that says
something of a noun of the content ("the mayor said the club would sign Jo Berg,
who played for Malmo last season"). It is the writer's, not what was said, and
PolNeAR leaves it out of the content; so do we. (Measured on PolNeAR dev: cutting
such clauses in the middle of a content too, appositions, or what follows a dash,
matched the gold contents less well.)
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from .cue_syntax import QUOTE_CHARS

RELATIVE_TAGS = ("WDT", "WP", "WP$", "WRB")  # which, who, whose, where


def _relative(tok: Token) -> Optional[Token]:
    """The relative clause that ``tok`` (a relative word) opens, or None."""
    cur = tok
    for _ in range(3):
        if cur.dep_ == "relcl":
            return cur
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def end_before_aside(doc: Doc, lo: int, hi: int) -> int:
    """End (token index) of the content [lo, hi) before a relative clause after a
    comma that runs to its end; ``hi`` when there is none. A clause holding a
    quotation mark is kept (the quotation is part of the content)."""
    for i in range(lo + 1, hi - 1):
        if doc[i].text != "," or doc[i + 1].tag_ not in RELATIVE_TAGS:
            continue
        rel = _relative(doc[i + 1])
        if rel is None or not (lo <= rel.head.i < i) or rel.left_edge.i <= i:
            continue
        if rel.right_edge.i + 1 >= hi - (1 if doc[hi - 1].is_punct else 0) \
                and not any(t.text in QUOTE_CHARS for t in doc[i:hi]):
            return i
    return hi
