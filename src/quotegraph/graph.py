"""The graph layer of one record: to whom, about what, events, claims.

Runs after the speakers are resolved, on the same parsed doc, and fills the
record's graph fields in place: per quote ``addressee_name``, ``addressee_id``,
``about`` and ``keywords`` (``addressees``, ``about``), and per record
``events`` (``events``) and ``claims`` (``claims``). The canonical entities
they share come from ``entities``.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from . import pronouns
from .about import quote_about, quote_keywords
from .claims import find_claims
from .addressees import find_addressees
from .entities import Mention, article_entities, clean_name, entity_at, mentions_within
from .events import Found, find_events, mention_span
from .mentions import MentionResolver
from .nlp import doc_text, sentence
from .record import Event, Quote, Record

FIRST_PERSON = pronouns.FIRST


def add_graph(doc: Doc, record: Record, resolver: Optional[MentionResolver] = None) -> Record:
    """Fill the graph fields of ``record`` (built from ``doc``) and return it. ``resolver``
    (from ``speakers.resolve_article``) resolves pronouns and descriptions as the speakers
    were; without it only names are found."""
    mentions = article_entities(doc, record.people)
    for q, (name, pid) in zip(record.quotes, find_addressees(doc, record.quotes, mentions, resolver)):
        q.addressee_name, q.addressee_id = name, pid
    for q in record.quotes:
        q.about = quote_about(doc, q, mentions, resolver)
        q.keywords = quote_keywords(doc, q, mentions)
    record.events = article_events(doc, record.quotes, mentions, resolver)
    record.claims = find_claims(doc, record.quotes, mentions)
    return record


def _quote_at(quotes: list[Quote], pos: int) -> Optional[int]:
    for k, q in enumerate(quotes):
        if any(s <= pos < e for s, e in q.content_parts):
            return k
    return None


def names_of(doc: Doc, tok: Token, mentions: list[Mention], quotes: list[Quote],
             resolver: Optional[MentionResolver] = None) -> list[str]:
    """Canonical names of an event's participant: an entity, a resolved pronoun or
    description, the speaker for "we" inside a quote, else the phrase itself."""
    s, e = mention_span(tok)
    named = [m.name for m in mentions_within(mentions, s, e) if m.kind == "place"]
    if tok.pos_ == "NOUN":  # "troops from Chad", "the people of Haiti"
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("from", "of"):
                named += [m.name for p in c.children if p.dep_ == "pobj"
                          for m in mentions_within(mentions, p.idx, p.idx + len(p.text)) if m.kind == "place"]
    if named and tok.pos_ == "NOUN":
        return named[:1]  # "the Chilean government", "Israeli soldiers": the state
    m = entity_at(mentions, (tok.idx, tok.idx + len(tok.text)))
    if m is not None:
        return [m.name]
    if tok.lower_ in ("it", "its"):
        return _nearest_body(doc, tok, mentions)
    if tok.lower_ in FIRST_PERSON:
        k = _quote_at(quotes, tok.idx)
        who = quotes[k].speaker_name if k is not None else None
        return [who] if isinstance(who, str) else list(who or [])
    if tok.pos_ in ("PRON", "NOUN") and resolver:
        name, _ = resolver.resolve(tok.i, (tok.idx, tok.idx + len(tok.text)))
        if name:
            return [name] if isinstance(name, str) else list(name)
    if tok.pos_ == "PRON":
        return []
    return [clean_name(doc_text(doc)[s:e])]


def _nearest_body(doc: Doc, tok: Token, mentions: list[Mention]) -> list[str]:
    """What "it" stands for: the nearest state or organisation named before it, in
    its sentence or the one before."""
    sent = sentence(tok)
    lo = sentence(doc[sent.start - 1]).start if sent.start > 0 else sent.start
    found = [m for m in mentions_within(mentions, doc[lo].idx, tok.idx) if m.kind in ("place", "organisation")]
    return [found[-1].name] if found else []


def article_events(doc: Doc, quotes: list[Quote], mentions: list[Mention],
                   resolver: Optional[MentionResolver] = None) -> list[Event]:
    """The events of the article with canonical names; the same event reported twice is one."""
    out: list[Event] = []
    seen = set()
    for f in find_events(doc):
        ev = _event(doc, f, quotes, mentions, resolver)
        if ev is None:
            continue
        key = (ev.type, ev.mode, tuple(ev.actor), tuple(ev.recipient))
        if key not in seen:
            seen.add(key)
            out.append(ev)
    return out


def _event(doc: Doc, f: Found, quotes: list[Quote], mentions: list[Mention],
           resolver: Optional[MentionResolver]) -> Optional[Event]:
    actors: list[str] = []
    for a in f.actors:
        actors += [n for n in names_of(doc, doc[a], mentions, quotes, resolver) if n not in actors]
    recipients: list[str] = []
    for r in f.recipients:
        recipients += [n for n in names_of(doc, doc[r], mentions, quotes, resolver) if n not in recipients + actors]
    if not actors:
        return None
    start, end = doc[f.evidence[0]], doc[f.evidence[1] - 1]
    trigger = doc[f.trigger]
    return Event(type=f.type, mode=f.mode or f.plover_mode, actor=actors, recipient=recipients,
                 evidence=(start.idx, end.idx + len(end.text)), reported_by=_quote_at(quotes, trigger.idx))
