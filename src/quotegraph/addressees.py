"""To whom: each quote's addressee resolved like a speaker, an audience, or a reply.

* "told him", "warned the Kremlin", "said to Ms Poole": the addressee phrase the
  attribution found is resolved as a speaker mention is (names, pronouns,
  descriptions), never to the quote's own speaker; a state or its metonym
  becomes the state (``entities``);
* "told reporters", "told a press conference", "said in an interview": an
  unnamed audience, ``{"audience": "reporters"}`` (nouns in
  ``data/audience_nouns.txt``);
* "to which X responded", "X replied": a reply cue with no addressee of its
  own is addressed to the previous quote's speaker.

Plain data in (the doc, the quotes with their speakers, the article's entity
mentions), plain data out (``(addressee_name, addressee_id)`` per quote).
"""
from __future__ import annotations

from typing import Optional, Union

from spacy.tokens import Doc, Token

from .lexicons import lexicon
from .entities import Mention, clean_name, entity_at, place_name
from .mentions import MentionResolver
from .nlp import doc_text
from .record import Quote, Span

Name = Union[str, list[str], dict[str, str], None]
REPLY_CUES = frozenset({"respond", "reply", "retort", "answer", "counter", "rejoin", "fire"})


def audience(tok: Token) -> Optional[str]:
    """The audience a phrase headed by ``tok`` names ("reporters", "a press conference"), or None."""
    if tok.pos_ != "NOUN" or tok.ent_type_:
        return None
    nouns = lexicon("audience_nouns.txt")
    return tok.lower_ if tok.lemma_.lower() in nouns or tok.lower_ in nouns else None


def _head(doc: Doc, span: Span) -> Optional[Token]:
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    return sp.root if sp is not None and len(sp) else None


def _is_reply(doc: Doc, cue: Optional[Span]) -> bool:
    if cue is None:
        return False
    sp = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    return sp is not None and any(t.lemma_.lower() in REPLY_CUES and t.pos_ == "VERB" for t in sp)


def find_addressees(doc: Doc, quotes: list[Quote], mentions: list[Mention],
                    resolver: Optional[MentionResolver] = None) -> list[tuple[Name, Optional[int]]]:
    """``(addressee_name, addressee_id)`` for each quote, in order."""
    out: list[tuple[Name, Optional[int]]] = []
    for k, q in enumerate(quotes):
        name: Name = None
        pid: Optional[int] = None
        if q.addressee is not None:
            name, pid = _resolve(doc, q, mentions, resolver)
        elif k > 0 and _is_reply(doc, q.cue):
            prev = quotes[k - 1]
            if prev.speaker_name and prev.speaker_name != q.speaker_name:
                name, pid = prev.speaker_name, prev.speaker_id
        out.append((name, pid))
    return out


def _resolve(doc: Doc, q: Quote, mentions: list[Mention], resolver: Optional[MentionResolver]
             ) -> tuple[Name, Optional[int]]:
    span = q.addressee
    head = _head(doc, span)
    if head is None:
        return None, None
    aud = audience(head)
    if aud is not None:
        text = doc_text(doc)[span[0]:span[1]]
        return {"audience": clean_name(text) if len(text) < 60 else aud}, None
    state = place_name(doc_text(doc)[span[0]:span[1]]) or place_name(head.text)
    if state:
        return state, None
    name, pid = resolver.resolve(head.i, span, q.content_parts, q.speaker_id) if resolver else (None, None)
    if name is not None:
        return name, pid
    m = entity_at(mentions, (head.idx, head.idx + len(head.text)))
    if m is not None and m.person != q.speaker_id:
        return m.name, m.person
    return None, None
