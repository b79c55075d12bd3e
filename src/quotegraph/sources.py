"""Speakers that are not people by name: documents, organisations by description,
relative pronouns and "it".

Used by ``speakers.Resolver`` (passed in as ``res``); each function gives an entity
index or None (an unnamed speaker stays unnamed):

- a *document* speaker ("the report", "a statement", "the suit", "the editorial")
  is the body that issued it: its possessor or name ("the Quinnipiac poll",
  "Oxfam's report"), "by/from X" ("a report released by the Audit Office"), else
  the one an earlier sentence says made it ("The Trust published a study. The
  study found ...": the Trust; "Diaz filed a suit");
- an organisation by *description* ("the newspaper", "the commission") is an
  organisation of the article whose name says so ("the Harbour Gazette", "the
  ballot commission"), else the latest organisation named;
- "it" is an organisation or a document, never a person; "which"/"who" is the
  noun it hangs on ("Greenpeace, which said ...").
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .groups import group, organisations
from .kinds import kind_words
from .names import name_end_words
from .orgs import owned_organisation

NEWS_NOUNS = {"newspaper", "paper", "daily", "tabloid", "magazine", "outlet", "network", "station",
              "channel", "broadcaster", "publication", "weekly", "editors", "editor"}
ISSUE_VERBS = {"publish", "release", "issue", "file", "bring", "send", "write", "sign", "run", "post",
               "produce", "commission", "conduct", "launch", "submit", "pen", "draft", "prepare", "put",
               "unveil", "circulate", "air", "broadcast", "lodge"}
RELATIVE = {"which", "who", "that"}
LEGAL = {"complaint", "suit", "lawsuit", "filing", "petition", "motion"}  # made by whoever sues
NEWS_PIECES = {"editorial", "column", "op-ed", "leader", "cover", "headline", "article", "story"}


def is_document(tok: Token) -> bool:
    """A noun naming a document or a written piece ("report", "poll", "statement", "letter")."""
    words = kind_words()
    lemma = tok.lemma_.lower()
    return tok.pos_ == "NOUN" and (("source", lemma) in words or ("medium", lemma) in words
                                   or lemma in ("ad", "advertisement", "commercial", "editorial", "opinion"))


def _entity_of(res, tok: Token) -> Optional[int]:
    """The entity a token names (itself or a name inside its phrase), if any: "his campaign"
    is the campaign's, "the two agencies" the agencies named together before."""
    if tok.i in res.by_token:
        return res.by_token[tok.i]
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in res.org_nouns:
        found = organisations(res, tok) if tok.tag_ == "NNS" else owned_organisation(res, tok)
        if found is not None:
            return found
    for t in tok.subtree:
        if t.i in res.by_token and t.dep_ in ("compound", "poss", "appos") or t.i in res.by_token and t.head == tok:
            return res.by_token[t.i]
    return None


def _maker_in_phrase(res, tok: Token) -> Optional[int]:
    """The issuer named inside a document's own phrase: possessor, name, "by/from X"."""
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "nmod") and c.i in res.by_token:
            return res.by_token[c.i]
        if c.dep_ == "poss" and is_org_noun(res, c):
            return organisation_description(res, c)  # "the newspaper's editorial"
    for c in tok.children:
        preps = [c] if c.dep_ == "prep" else [g for g in c.children if g.dep_ in ("prep", "agent")] \
            if c.dep_ == "acl" else []
        for p in preps:
            if p.lower_ in ("by", "from", "of"):
                for o in p.children:
                    if o.dep_ == "pobj" and (found := _entity_of(res, o)) is not None:
                        return found
    return None


def _maker_earlier(res, tok: Token) -> Optional[int]:
    """The entity an earlier sentence says made a document of the same name ("X published a study"),
    or the document's own clause ("X released a statement saying ...")."""
    doc = res.doc
    lemma = tok.lemma_.lower()
    for t in reversed(doc[res.window_start(tok):tok.i + 1]):
        other = t.lemma_.lower()
        if lemma in LEGAL and other == "sue" and t.pos_ == "VERB":  # "Diaz sued the council. The complaint ..."
            subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
            if subj is not None and (found := _entity_of(res, subj)) is not None:
                return found
            continue
        if not (other == lemma or other.endswith(lemma) or lemma.endswith(other)) or t.pos_ != "NOUN":
            continue  # "a lawsuit" ... "the suit"; a quotation's words count too ("our report ...")
        found = _maker_in_phrase(res, t)
        if found is not None:
            return found
        verb = t.head
        if t.dep_ == "pobj" and verb.lower_ == "in" and verb.head.pos_ == "VERB":  # "X said in a statement"
            subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
            if subj is not None and (found := _entity_of(res, subj)) is not None:
                return found
        if t.dep_ in ("dobj", "nsubjpass") and verb.pos_ == "VERB" and verb.lemma_.lower() in ISSUE_VERBS:
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is None:
                subj = next((p for a in verb.children if a.dep_ == "agent" for p in a.children
                             if p.dep_ == "pobj"), None)
            if subj is not None and (found := _entity_of(res, subj)) is not None:
                members = [found] + [res.by_token[c.i] for c in subj.conjuncts if c.i in res.by_token]
                members = [m for m in dict.fromkeys(members) if res.entities[m].kind == "person"]
                return group(res, members, t.i) if len(members) >= 2 else found  # "A and B sent a letter"
    return None


def document_source(res, tok: Token) -> Optional[int]:
    """The body that issued a document speaker, else None (it stays unnamed); a piece of a
    newspaper ("the editorial") with no issuer of its own is the outlet's."""
    found = _maker_in_phrase(res, tok)
    if found is None:
        found = _maker_earlier(res, tok)
    if found is None and tok.lemma_.lower() in NEWS_PIECES:
        found = _org_named_like(res, tok, "newspaper")
    return found


def _org_named_like(res, tok: Token, lemma: Optional[str] = None) -> Optional[int]:
    """The organisation of the article that a description by type fits: its name holds the
    noun ("the commission"), or for a news noun its name ends as an outlet's does."""
    lemma = lemma or tok.lemma_.lower()
    ends = name_end_words()
    fits = []
    for i, e in enumerate(res.entities):
        if e.kind != "organisation" or not e.forms:
            continue
        words = {w.lower() for f in e.forms for w in f}
        before = [p for p in e.positions if p < tok.i]
        if not before:
            continue
        if lemma in words or lemma in NEWS_NOUNS and any(ends.get(f[-1].lower()) == "news" for f in e.forms):
            fits.append((max(before), i))
    return max(fits)[1] if fits else None


def is_org_noun(res, tok: Token) -> bool:
    """A common noun that describes an organisation ("the newspaper", "the commission")."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in res.org_nouns


def organisation_description(res, tok: Token) -> Optional[int]:
    """"the newspaper", "the commission": the organisation it describes, else the latest named."""
    found = _org_named_like(res, tok)
    if found is not None:
        return found
    if tok.lemma_.lower() in NEWS_NOUNS:
        return None  # no outlet named: not the latest organisation whatever it is
    orgs = [(max([p for p in e.positions if p < tok.i], default=-1), i)
            for i, e in enumerate(res.entities) if e.kind == "organisation"]
    orgs = [o for o in orgs if o[0] >= 0]
    return max(orgs)[1] if orgs else None


def it_speaker(res, tok: Token, excluded: set[int]) -> Optional[int]:
    """"it said": the latest subject before it in the window that is an organisation or a
    document (then its issuer); never a person."""
    doc = res.doc
    for t in reversed(doc[res.window_start(tok):tok.i]):
        if t.dep_ not in ("nsubj", "nsubjpass") or t.i in res.in_quote:
            continue
        if t.i in res.by_token:
            idx = res.by_token[t.i]
            if res.entities[idx].kind == "organisation" and idx not in excluded:
                return idx
            if res.entities[idx].kind == "person":
                continue
        if is_document(t):
            return document_source(res, t)
        if is_org_noun(res, t):
            return organisation_description(res, t)
    return None


def relative_antecedent(tok: Token) -> Optional[Token]:
    """The noun a relative pronoun speaker stands for ("Greenpeace, which said ...")."""
    if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl" and tok.head.head.pos_ in ("NOUN", "PROPN"):
        return tok.head.head
    return None
