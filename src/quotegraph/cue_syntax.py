"""The syntax around a cue: its span, its subject (the speaker mention), its
addressee and the noun phrase of a mention, read from the dependency parse.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .lexicons import is_cue_verb, lexicon
from .nesting import cue_of_sibling
from .record import Span

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
LEFT_MODS = ("det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "advmod", "predet", "punct", "case")
QUOTE_CHARS = set("\"'“”‘’«»„‹›")


def cue_span(tok: Token) -> Span:
    """The cue verb with its particle ("pointed out")."""
    end = tok.idx + len(tok.text)
    for c in tok.rights:
        if c.dep_ == "prt" and c.i == tok.i + 1:
            end = c.idx + len(c.text)
    return (tok.idx, end)


def np_span(tok: Token) -> Span:
    """The noun phrase headed by ``tok``: its left modifiers and right "of"-phrases,
    coordinated names, but no relative clause or apposition after a comma."""
    left = tok
    for c in reversed(list(tok.lefts)):  # contiguous modifiers with no clause or phrase inside
        if c.right_edge.i != left.i - 1 or c.dep_ not in LEFT_MODS:
            break
        if any(t.pos_ in ("ADP", "VERB", "AUX") and t.dep_ not in ("amod", "case") for t in c.subtree):
            break
        left = c.left_edge
    while left.i > 0 and not left.nbor(-1).whitespace_ and left.nbor(-1).text not in QUOTE_CHARS \
            and (left.nbor(-1).text == "-" or left.text == "-"):
        left = left.nbor(-1)  # "the 46-year-old"
    if left.i > 0 and left.nbor(-1).dep_ in ("det", "poss") and left.nbor(-1).head.i == tok.i:
        left = left.nbor(-1)
    right = tok
    for c in tok.rights:
        if c.dep_ == "appos" and tok.pos_ == "NOUN" and c.pos_ == "PROPN" and c.ent_type_ == "PERSON":
            right = c.right_edge  # "Democratic candidate Senator Jane Doe", "her adviser, Jake Sullivan"
        elif c.dep_ in ("compound", "flat", "nummod", "case") and c.i == right.i + 1:
            right = c
        elif c.dep_ == "prep" and c.i == right.i + 1 and c.lower_ in ("of", "from", "at", "for"):
            right = c.right_edge
        elif c.dep_ in ("cc", "conj") and not any(t.text == "," for t in tok.doc[right.i + 1:c.i]) \
                and (c.dep_ == "cc" or c.pos_ in ("PROPN", "NOUN", "PRON")):
            right = c.right_edge if c.dep_ == "conj" else right
        else:
            break
    while right.i > tok.i and (right.is_punct or right.text in QUOTE_CHARS):
        right = right.nbor(-1)
    for t in tok.doc[left.i:tok.i]:  # never reach back across a quotation mark or a clause
        if t.text in QUOTE_CHARS or t.text in (";", ":") or t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound"):
            left = t.nbor(1)
    for t in tok.doc[tok.i + 1:right.i + 1]:
        if t.text in QUOTE_CHARS or t.text in (";", ":"):
            right = t.nbor(-1)
            break
    while left.i < tok.i and left.is_punct:
        left = left.nbor(1)
    return (left.idx, right.idx + len(right.text))


def subject_of(tok: Token) -> Optional[Token]:
    """The subject of a cue: its own, an agent ("by X"), or inherited up through
    participles, coordinated verbs and infinitives ("X, saying ...", "X interrupted to add")."""
    seen = 0
    cur = tok
    while cur is not None and seen < 5:
        subjects = [c for c in cur.children
                    if c.dep_ in ("nsubj", "csubj") and c.lower_ not in ("that", "which", "who")]
        if subjects:  # the nearest, when a misparse gives two
            return min(subjects, key=lambda c: abs(c.i - cur.i))
        if cur.dep_ == "relcl" and cur.head.pos_ in ("PROPN", "NOUN"):
            rel = [c for c in cur.children if c.dep_ == "nsubj" and c.lower_ == "who"]
            if rel:  # "the senator, who on Monday endorsed X": "who", resolved as the senator
                return rel[0]
        for c in cur.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
        if cur.dep_ in ("advcl", "conj", "xcomp", "pcomp", "acl", "acomp", "prep") and cur.head.i != cur.i:
            if cur.dep_ == "acl":
                if cur.tag_ == "VBG" and cur.head.dep_ in ("dobj", "dative", "pobj") \
                        and cur.head.lower_ in lexicon("audience_nouns.txt"):
                    cur = cur.head.head  # "emailed supporters saying ...": the sender's words
                    seen += 1
                    continue
                if cur.tag_ == "VBG" and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
                    return cur.head  # "Mr Lavrov saying ...", "a statement saying ..."
                return None  # "the plan, known as ..."
            matrix = misattached_conj(cur) or cue_of_sibling(cur)
            if matrix is None and cur.dep_ == "advcl" and cur.tag_ == "VBG" and cur.head.dep_ == "ccomp" \
                    and is_cue_verb(cur.head.head):
                matrix = cur.head.head  # "X said A was late, saying ...": the participle is X's, not A's
            cur = matrix if matrix is not None else cur.head
            seen += 1
            continue
        break
    if tok.tag_ in ("VBD", "VBZ", "VBP") and not any(c.dep_ == "expl" for c in tok.children):
        return _left_np(tok) or _inverted_subject(tok)
    return None


def _inverted_subject(tok: Token) -> Optional[Token]:
    """"“...!” wrote a reader": the subject after a cue that follows a closing quotation
    mark, which the parser takes for its object."""
    if tok.i == 0 or tok.nbor(-1).text not in ("”", "\"", "’", "'", "''"):
        return None
    return next((c for c in tok.rights if c.dep_ in ("dobj", "attr") and c.pos_ in ("NOUN", "PROPN")), None)


def _left_np(tok: Token) -> Optional[Token]:
    """For a finite cue the parser left without a subject ("..., her adviser,
    Jake Sullivan, said"): the noun phrase right before it."""
    i = tok.i - 1
    doc = tok.doc
    while i >= 0 and (doc[i].is_punct or doc[i].pos_ in ("ADV", "AUX", "PART")) and doc[i].text not in QUOTE_CHARS:
        if doc[i].is_sent_start:
            return None
        i -= 1
    if i < 0 or doc[i].pos_ not in ("PROPN", "NOUN", "PRON") or doc[i].dep_ in ("pobj", "dobj", "poss"):
        return None
    head = doc[i]
    while head.dep_ in ("compound", "flat") and head.head.i > head.i:
        head = head.head
    return head


def first_np(tokens: list[Token]) -> Optional[Token]:
    """Head of the first noun phrase among ``tokens`` (for "“...,” Smith, 58, told AFP")."""
    for t in tokens:
        if t.pos_ in ("PROPN", "NOUN", "PRON") and not t.is_punct:
            head = t
            while head.dep_ in ("compound", "flat") and head.head.i > head.i:
                head = head.head
            return head
        if not t.is_punct:
            return None
    return None


def misattached_conj(tok: Token) -> Optional[Token]:
    """For "X denied that A happened and accused Y", which parsers hang inside the
    complement: the reporting verb the coordinated cue really belongs to."""
    if tok.dep_ != "conj" or not is_cue_verb(tok) or is_cue_verb(tok.head):
        return None
    if any(c.dep_ in SUBJECTS for c in tok.children):
        return None
    for anc in tok.head.ancestors:
        if is_cue_verb(anc) and anc.i < tok.i:
            return anc
    return None


def addressee_of(tok: Token) -> Optional[Span]:
    """The addressee of a cue: "told reporters", "told him", "said to X"."""
    lemma = tok.lemma_.lower()
    for c in tok.children:
        if c.dep_ in ("dative",) and c.pos_ in ("NOUN", "PROPN", "PRON"):
            return np_span(c)
        if c.dep_ == "dative" and c.lower_ == "to":  # "sent a message to the council"
            for p in c.children:
                if p.dep_ == "pobj":
                    return np_span(p)
        if c.dep_ == "dobj" and lemma in ("tell", "warn", "assure", "remind", "inform", "advise", "ask", "urge"):
            return np_span(c)
        if c.dep_ in ("prep", "dative") and c.lower_ == "to" and lemma in ("say", "write", "explain", "complain"):
            for p in c.children:
                if p.dep_ == "pobj":
                    return np_span(p)
    return None
