"""Cues after or inside their content, with no quotation marks: "according to X"
anywhere in the clause, and a reporting verb set off by commas inside or after
the clause it reports ("The bridge, she said, will open in May", "The bridge
will open in May, she said, but not before June").

Both give an attribution whose content is the clause the cue is attached to,
less the cue's own phrase (which splits the content in two parts when it
stands inside it).
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from .cue_syntax import SUBJECTS, addressee_of, cue_span
from .found import Attribution, make
from .lexicons import is_cue_verb, table
from .nlp import sentence

VERBAL = ("VERB", "AUX")


def clause_head(tok: Token) -> Optional[Token]:
    """The verb of the clause a phrase is attached to: the nearest verb at or above
    ``tok``, climbing coordinated verbs to the first ("A happened and B followed,
    according to X": both)."""
    cur = tok
    while cur.pos_ not in VERBAL:
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    while cur.dep_ == "conj" and cur.head.pos_ in VERBAL and cur.head.i != cur.i:
        cur = cur.head
    return cur


def clause_without(head: Token, phrase: tuple[int, int]) -> Optional[tuple[int, int, Optional[tuple[int, int]]]]:
    """Token range of ``head``'s clause within its sentence, and the ``phrase``
    range as a hole when it stands inside (None when it stands at an edge)."""
    sent = sentence(head)
    lo, hi = max(head.left_edge.i, sent.start), min(head.right_edge.i + 1, sent.end)
    a0, a1 = phrase
    if not (lo <= a0 and a1 <= hi):
        return None
    doc = head.doc
    words = [i for i in range(lo, hi) if not (a0 <= i < a1) and not doc[i].is_punct and not doc[i].is_space]
    if len(words) < 2:
        return None
    if all(i >= a1 for i in words):
        return a1, hi, None
    if all(i < a0 for i in words):
        return lo, a0, None
    return lo, hi, (a0, a1)


def bare_noun(tok: Token) -> bool:
    """A singular common noun with no determiner: a standard, not a source ("according
    to plan", "according to law")."""
    return tok.tag_ == "NN" and not any(c.dep_ in ("det", "poss", "compound", "amod", "nummod") for c in tok.children)


def source_phrases() -> dict[str, frozenset[str]]:
    """Word -> head nouns of its object that make it a source, from ``data/source_phrases.tsv``."""
    return table("source_phrases.tsv")


def phrase_source(tok: Token) -> Optional[tuple[Token, Token]]:
    """For "according to X" and "per X": X, and the phrase's last cue word."""
    nouns = source_phrases().get(tok.lower_)
    if nouns is None or tok.dep_ != "prep":
        return None
    last = next((c for c in tok.children if c.lower_ == "to"), None) if tok.lower_ == "according" else tok
    src = next((c for c in last.children if c.dep_ == "pobj"), None) if last is not None else None
    if src is None or bare_noun(src) or "*" not in nouns and src.lemma_.lower() not in nouns:
        return None
    return src, last


def opens_sentence(phrase: Token) -> bool:
    """A phrase that opens its sentence and is set off by a comma ("In a new poll, ...")."""
    doc, end = phrase.doc, phrase.right_edge.i + 1
    return phrase.i == sentence(phrase).start and end < len(doc) and doc[end].text == ","


def according_to(tok: Token) -> Optional[Attribution]:
    """"according to X" (and "per X"): X is the source, the clause the
    phrase is attached to the content."""
    found = phrase_source(tok)
    if found is None or tok.head.i == tok.i:
        return None
    src, last = found
    if tok.lower_ not in ("according", "per") and not opens_sentence(tok):
        return None  # "the club lives in [the report]"; but "In a new poll, ..."
    head = clause_head(tok.head)
    if head is None or head.i == tok.i:
        return None
    if tok.lower_ != "according" and is_cue_verb(head) and any(c.dep_ in SUBJECTS for c in head.children):
        return None  # "in the report, the panel said ...": the panel said it
    found = clause_without(head, (tok.left_edge.i, tok.right_edge.i + 1))
    if found is None:
        return None
    lo, hi, hole = found
    cue = (tok.idx, last.idx + len(last.text))
    return make(tok.doc, lo, hi, src, cue, None, 0.7, hole)


def parenthetical(tok: Token) -> Optional[Attribution]:
    """A reporting verb with its subject, set off inside or after the clause it
    reports and attached to it ("The plan, she said, was dead"; "The plan was
    dead, she said, and buried")."""
    if tok.dep_ != "parataxis" or not is_cue_verb(tok) or tok.head.pos_ not in VERBAL:
        return None
    subj = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
    if subj is None or any(c.dep_ in ("ccomp", "xcomp", "dobj") for c in tok.children):
        return None
    found = clause_without(tok.head, (tok.left_edge.i, tok.right_edge.i + 1))
    if found is None:
        return None
    lo, hi, hole = found
    return make(tok.doc, lo, hi, subj, cue_span(tok), addressee_of(tok), 0.8, hole)


def postposed(doc: Doc, skip: set[int]) -> list[Attribution]:
    """Every "according to" and parenthetical attribution of a doc; tokens in
    ``skip`` (quotations, captions) are not looked at."""
    out = []
    for tok in doc:
        if tok.i in skip:
            continue
        att = according_to(tok) if tok.lower_ in source_phrases() else parenthetical(tok)
        if att is not None:
            out.append(att)
    return out
