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

from .attribution import Attribution, lexicon
from .entities import Mention, clean_name, entity_at, place_name
from .nlp import doc_text, sentence
from .record import Quote, Span
from .speakers import GROUP_WORDS

Name = Union[str, list[str], dict[str, str], None]
REPLY_CUES = frozenset({"respond", "reply", "retort", "answer", "counter", "rejoin", "fire"})
PRONOUNS_M = {"he", "him", "his"}
PRONOUNS_F = {"she", "her"}


def resolve_mention(doc: Doc, head: int, span: Span, parts: list[Span], not_person: Optional[int] = None
                    ) -> tuple[Union[str, list[str], None], Optional[int]]:
    """(name, person index) of a mention resolved as a speaker would be, after
    ``speakers.resolve_speakers`` ran on ``doc``; never the person ``not_person``
    (a quote's own speaker is not its addressee)."""
    stash = doc.user_data.get("quotegraph_resolver")
    if stash is None:
        return None, None
    res, new_index = stash
    att = Attribution(type="indirect", parts=list(parts), cue=None, speaker_tok=head, speaker=span)
    tok = doc[head]
    excluded = {old for old, new in new_index.items() if new == not_person}
    for old in list(excluded):
        excluded.update(res.entities[old].members)
    low = tok.lower_
    if low in PRONOUNS_M or low in PRONOUNS_F:
        gender = "m" if low in PRONOUNS_M else "f"
        cands = [c for c in res._candidates(tok, att, gender) if c[1] not in excluded]
        salient = [c for c in cands if c[2]] or cands
        idx = salient[0][1] if salient else None
    elif tok.pos_ == "NOUN" and tok.tag_ == "NNS" and any(c.lower_ in GROUP_WORDS for c in tok.children):
        idx = res._plural(tok, att)  # "the two men", "both leaders"
        if idx is None and any(c.lower_ in ("two", "both") for c in tok.children):
            idx = _pair_around(res, tok)
    else:
        idx = res.resolve(att)
        if idx in excluded:
            idx = None
    if idx is None:
        return None, None
    e = res.entities[idx]
    name = [res.entities[m].name for m in e.members] if e.members else e.name
    return name or None, new_index.get(idx)


def _pair_around(res, tok: Token) -> Optional[int]:
    """"The two men" when only one was named before: the nearest person before and
    the first one named after (in the same or the next sentence)."""
    lo = res._window_start(tok)
    hi = min(len(tok.doc), sentence(tok).end + 60)
    near: dict[int, int] = {}
    for i, e in enumerate(res.entities):
        if e.kind != "person" or e.members:
            continue
        for p in e.positions:
            if lo <= p < hi and p not in res.in_quote:
                d = tok.i - p if p < tok.i else 1000 + p - tok.i  # before first, nearest first
                near[i] = min(near.get(i, d), d)
    pair = sorted(near, key=near.get)[:2]
    return res._group(pair, tok.i) if len(pair) == 2 else None


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


def find_addressees(doc: Doc, quotes: list[Quote], mentions: list[Mention]) -> list[tuple[Name, Optional[int]]]:
    """``(addressee_name, addressee_id)`` for each quote, in order."""
    out: list[tuple[Name, Optional[int]]] = []
    for k, q in enumerate(quotes):
        name: Name = None
        pid: Optional[int] = None
        if q.addressee is not None:
            name, pid = _resolve(doc, q, mentions)
        elif k > 0 and _is_reply(doc, q.cue):
            prev = quotes[k - 1]
            if prev.speaker_name and prev.speaker_name != q.speaker_name:
                name, pid = prev.speaker_name, prev.speaker_id
        out.append((name, pid))
    return out


def _resolve(doc: Doc, q: Quote, mentions: list[Mention]) -> tuple[Name, Optional[int]]:
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
    name, pid = resolve_mention(doc, head.i, span, q.content_parts, q.speaker_id)
    if name is not None:
        return name, pid
    m = entity_at(mentions, (head.idx, head.idx + len(head.text)))
    if m is not None and m.person != q.speaker_id:
        return m.name, m.person
    return None, None
