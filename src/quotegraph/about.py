"""About what: the entities each quote refers to, and short topic keywords.

``about`` lists, in order of first mention and without repeats, the canonical
names (``entities``) of:

* the people, organisations and places named inside the quote's content
  (states through their metonyms: "Moscow" -> "Russia");
* third-person pronouns of the reported (unquoted) words, resolved as speakers
  are ("he adopted the approach" -> the person "he" is);
* "you" of quoted words, when the quote is addressed to a person;
* the object of a cue that is about someone ("accused X of ...", "praised X
  for ...").

``keywords``: the content's nouns (with a compound modifier: "cyber attack"),
lemmatised, in order, without the entities and without words in
``data/generic_nouns.txt``; at most five.
"""
from __future__ import annotations

import re
from typing import Optional, Union

from spacy.tokens import Doc, Token

from . import pronouns
from .lexicons import lexicon
from .nlp import doc_text
from .entities import Mention, entity_at, mentions_within
from .mentions import MentionResolver
from .record import Quote, Span

THIRD = pronouns.THIRD_PERSONAL
SECOND = pronouns.SECOND
QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘[^’]*’")
ADDRESS_VERBS = {"tell", "warn", "assure", "remind", "inform", "advise", "ask", "urge", "say", "write"}
MAX_KEYWORDS = 5


def _quoted(text: str, span: Span) -> list[Span]:
    s, e = span
    return [(s + m.start(), s + m.end()) for m in QUOTED.finditer(text[s:e])]


def _names(x: Union[str, list[str], None]) -> list[str]:
    if not x:
        return []
    return [x] if isinstance(x, str) else list(x)


def cue_object(doc: Doc, q: Quote) -> Optional[Token]:
    """The object of a cue that the quote is about ("accused Mr Johnson of ...")."""
    if q.cue is None:
        return None
    sp = doc.char_span(q.cue[0], q.cue[1], alignment_mode="expand")
    if sp is None:
        return None
    for t in sp:
        if t.pos_ != "VERB" or t.lemma_.lower() in ADDRESS_VERBS:
            continue
        for c in t.children:
            if c.dep_ == "dobj" and not (q.content[0] <= c.idx < q.content[1]):
                return c
    return None


def quote_about(doc: Doc, q: Quote, mentions: list[Mention], resolver: Optional[MentionResolver] = None
                ) -> list[str]:
    """Canonical names the quote refers to, in order, no repeats."""
    text = doc_text(doc)
    found: list[tuple[int, str]] = []
    obj = cue_object(doc, q)
    if obj is not None:
        m = entity_at(mentions, (obj.idx, obj.idx + len(obj.text)))
        if m is not None:
            found.append((obj.idx, m.name))
        elif obj.pos_ == "PRON" and obj.lower_ in THIRD and resolver:
            name, _ = resolver.resolve(obj.i, (obj.idx, obj.idx + len(obj.text)), q.content_parts)
            found += [(obj.idx, n) for n in _names(name)]
    for s, e in q.content_parts:
        for m in mentions_within(mentions, s, e):
            found.append((m.span[0], m.name))
        quoted = [(s, e)] if q.type == "direct" else _quoted(text, (s, e))
        sp = doc.char_span(s, e, alignment_mode="contract")
        if sp is None:
            continue
        for t in sp:
            low = t.lower_
            if t.pos_ != "PRON" or low not in THIRD | SECOND:
                continue
            inside = any(a <= t.idx < b for a, b in quoted)
            if low in SECOND and inside and isinstance(q.addressee_name, (str, list)):
                found += [(t.idx, n) for n in _names(q.addressee_name)]
            elif low in THIRD and not inside and resolver:
                name, _ = resolver.resolve(t.i, (t.idx, t.idx + len(t.text)), q.content_parts)
                found += [(t.idx, n) for n in _names(name)]
    out: list[str] = []
    for _, name in sorted(found):
        if name not in out:
            out.append(name)
    return out


def quote_keywords(doc: Doc, q: Quote, mentions: list[Mention]) -> list[str]:
    """Up to five topic keywords of the quote's content (lemmas of its nouns)."""
    generic = lexicon("generic_nouns.txt")
    named = [m.span for s, e in q.content_parts for m in mentions_within(mentions, s, e)]
    out: list[str] = []
    for s, e in q.content_parts:
        sp = doc.char_span(s, e, alignment_mode="contract")
        if sp is None:
            continue
        for t in sp:
            if t.pos_ != "NOUN" or t.is_stop or len(t.text) < 3 or not t.is_alpha:
                continue
            lemma = t.lemma_.lower()
            if lemma in generic or any(a <= t.idx < b for a, b in named) or \
                    t.dep_ == "compound" and t.head.i == t.i + 1:
                continue
            mods = [c.lemma_.lower() for c in t.children if c.dep_ == "compound" and c.pos_ == "NOUN"
                    and c.is_alpha and c.i == t.i - 1]
            word = " ".join(mods + [lemma])
            if word not in out:
                out.append(word)
            if len(out) == MAX_KEYWORDS:
                return out
    return out
