"""The kind of each attribution: speech, writing, document, belief or question.

Judged from the cue word, the speaker mention's head noun and what the cue is
said "in" or "on", with the word lists of ``data/kinds.tsv``:

- ``writing``: a cue of writing ("wrote", "tweeted", "posted"), said in a
  written medium ("said in a statement", "on Twitter"), or a written medium as
  the speaker ("the letter said");
- ``document``: a report, poll, survey, filing ... as the speaker ("the report
  found", "according to a survey");
- ``belief``: a private state, not a saying ("thinks", "believes", "hopes",
  "is convinced"; every stance word of ``data/stance_words.tsv``);
- ``question``: words put to someone ("asked whether ...", "“...?” she asked");
- ``speech``: everything else.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc, Token

from .lexicons import data_lines, table
from .record import QUOTE_KINDS as KINDS
from .record import Span

QUESTION_WORDS = {"whether", "if", "why", "how", "what", "when", "where", "who", "whom", "whose", "which"}
MEDIUM_PREPS = {"in", "on", "via", "through", "by"}


@lru_cache(maxsize=None)
def kind_words() -> dict[tuple[str, str], str]:
    """(slot, lemma) -> kind, from ``data/kinds.tsv``."""
    out: dict[tuple[str, str], str] = {}
    for line in data_lines("kinds.tsv"):
        kind, slot, word = (f.strip().lower() for f in line.split("\t"))
        out.setdefault((slot, word), kind)
    for word in table("stance_words.tsv"):  # every stance word is a belief cue
        out.setdefault(("cue", word), "belief")
    return out


def _tokens(doc: Doc, span: Optional[Span]) -> list[Token]:
    if span is None:
        return []
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    return list(sp) if sp is not None else []


def _word_kind(slot: str, tok: Token) -> Optional[str]:
    words = kind_words()
    return words.get((slot, tok.lemma_.lower())) or words.get((slot, tok.lower_))


def _head(tokens: list[Token]) -> Optional[Token]:
    """The syntactic head of a span's tokens (the one whose head lies outside)."""
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    nouns = [t for t in heads if t.pos_ in ("NOUN", "PROPN", "PRON")]
    return (nouns or heads or [None])[-1]


def _is_question(doc: Doc, content: Span) -> bool:
    toks = [t for t in _tokens(doc, content) if not t.is_punct and not t.is_space]
    if toks and toks[0].lower_ in QUESTION_WORDS:
        return True
    body = doc.text[content[0]:content[1]].rstrip(" \"'”’»)")
    return body.endswith("?")


def quote_kind(doc: Doc, content: Span, cue: Optional[Span], speaker: Optional[Span]) -> str:
    """The kind of one attribution (see the module's doc)."""
    cue_toks = _tokens(doc, cue)
    cue_kinds = [k for t in cue_toks if (k := _word_kind("cue", t))]
    if "question" in cue_kinds and _is_question(doc, content):
        return "question"
    if "belief" in cue_kinds:
        return "belief"
    head = _head(_tokens(doc, speaker))
    if head is not None:
        if _word_kind("source", head) == "document":
            return "document"
        if _word_kind("medium", head) == "writing":
            return "writing"
    if "writing" in cue_kinds:
        return "writing"
    for t in cue_toks:  # "said in a statement", "wrote on Facebook"
        for prep in t.children:
            if prep.dep_ == "prep" and prep.lower_ in MEDIUM_PREPS:
                if any(_word_kind("medium", p) == "writing" or _word_kind("platform", p) == "writing"
                       for p in prep.children if p.dep_ == "pobj"):
                    return "writing"
    return "speech"
