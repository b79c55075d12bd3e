"""What every attribution rule gives: an :class:`Attribution` (cue, speaker
mention, content), and :func:`make`, which builds an indirect one from a token range.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc, Token

from .asides import end_before_aside
from .cue_syntax import np_span
from .record import Span


@dataclass
class Attribution:
    """One attribution found in a doc, before its speaker is resolved."""

    type: str
    parts: list[Span]
    cue: Optional[Span]
    speaker_tok: Optional[int]  # head token of the speaker mention
    speaker: Optional[Span]
    addressee: Optional[Span] = None
    confidence: float = 0.5
    stretches: list[int] = field(default_factory=list)

    @property
    def content(self) -> Span:
        return (self.parts[0][0], self.parts[-1][1])



def make(doc: Doc, lo: int, hi: int, subj: Optional[Token], cue: Span,
          addressee: Optional[Span], conf: float, hole: Optional[tuple[int, int]] = None
          ) -> Optional[Attribution]:
    lo, hi = _trim_tokens(doc, lo, hi)
    lo, hi = _trim_tokens(doc, lo, end_before_aside(doc, lo, hi))
    if hi - lo < 2 and not (hi > lo and doc[lo].pos_ in ("PRON", "PROPN", "NOUN")):
        return None
    parts = [_char_span(doc, lo, hi)]
    if hole is not None and lo < hole[0] and hole[1] < hi:
        ranges = [_trim_tokens(doc, lo, hole[0]), _trim_tokens(doc, hole[1], hi)]
        parts = [_char_span(doc, a, b) for a, b in ranges if b > a]
    return Attribution(type="indirect", parts=parts, cue=cue,
                       speaker_tok=subj.i if subj is not None else None,
                       speaker=np_span(subj) if subj is not None else None,
                       addressee=addressee, confidence=conf)


def _trim_tokens(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range [start, end) without edge punctuation or conjunctions."""
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ == "cc"):
        if doc[start].text in "“‘\"'" and start + 1 < end and not doc[start + 1].is_space:
            break  # keep an opening mark: the content starts with the quote
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        if doc[end - 1].text in "”’\"'":
            break
        end -= 1
    return start, end


def _char_span(doc: Doc, start: int, end: int) -> Span:
    return (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
