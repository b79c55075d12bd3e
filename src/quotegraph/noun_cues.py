"""Reporting and stance nouns: "Ms Diaz's criticism of the plan", "the Diaz proposal
to cut fares", "a warning from the union that ...", "The union voiced support for
the strike".

The nouns and what introduces their content (a preposition, "that", "to") are in
``data/noun_cues.tsv``; a ``DependencyMatcher`` built from it finds each noun with
its content. The source is the noun's possessor, a name compounded before it,
"from"/"by X" after it, or the subject of a verb of ``data/light_verbs.txt`` that
has the noun as object; a noun with no source gives no attribution.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from .cue_syntax import subject_of
from .found import Attribution, make
from .lexicons import lexicon, table

SOURCE_ENTS = ("PERSON", "ORG", "NORP", "GPE")
CLAUSES = ("acl", "relcl", "ccomp", "advcl")
CONFIDENCE = 0.4  # the rule's own score (a calibration cell of its own)


def noun_contents() -> dict[str, frozenset[str]]:
    """Lemma -> what introduces its content, from ``data/noun_cues.tsv``."""
    return table("noun_cues.tsv")


@lru_cache(maxsize=4)
def matcher(vocab: Vocab) -> DependencyMatcher:
    """Three patterns: a noun of the table with a "that" clause, a "to" infinitive, or a
    preposition of the table; which noun takes which preposition is checked on the
    matches (:func:`_matches`): one pattern per preposition cost the token matcher
    as many passes over every token."""
    m = DependencyMatcher(vocab)
    by_intro: dict[str, list[str]] = {}
    for lemma, intros in noun_contents().items():
        for w in intros:
            by_intro.setdefault(w if w in ("that", "to") else "prep", []).append(lemma)
    preps = sorted({w for intros in noun_contents().values() for w in intros} - {"that", "to"})
    for w, lemmas in sorted(by_intro.items()):
        noun = {"RIGHT_ID": "cue", "RIGHT_ATTRS": {"POS": "NOUN", "LEMMA": {"IN": sorted(set(lemmas))}}}
        if w == "that":
            m.add("that", [[noun, {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "clause",
                                   "RIGHT_ATTRS": {"DEP": {"IN": list(CLAUSES)}}},
                            {"LEFT_ID": "clause", "REL_OP": ">", "RIGHT_ID": "intro",
                             "RIGHT_ATTRS": {"DEP": "mark", "LOWER": "that"}}]])
        elif w == "to":
            m.add("to", [[noun, {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "clause",
                                 "RIGHT_ATTRS": {"DEP": {"IN": ["acl", "relcl"]}, "POS": "VERB"}},
                          {"LEFT_ID": "clause", "REL_OP": ">", "RIGHT_ID": "intro",
                           "RIGHT_ATTRS": {"DEP": "aux", "LOWER": "to"}}]])
        else:
            m.add("prep", [[noun, {"LEFT_ID": "cue", "REL_OP": ">", "RIGHT_ID": "intro",
                                   "RIGHT_ATTRS": {"DEP": "prep", "LOWER": {"IN": preps}}},
                            {"LEFT_ID": "intro", "REL_OP": ">", "RIGHT_ID": "clause",
                             "RIGHT_ATTRS": {"DEP": {"IN": ["pobj", "pcomp"]}}}]])
    return m


def when(tok: Token) -> bool:
    """A phrase that is all date or time ("on Tuesday night"): when, not what about."""
    return all(t.ent_type_ in ("DATE", "TIME") for t in tok.subtree)


def source_of(noun: Token) -> Optional[Token]:
    """Who holds or voices what the noun says (see the module's doc), or None."""
    for c in noun.children:
        if c.dep_ == "poss":
            return c if c.ent_type_ != "GPE" else None  # "America's hope for": a place, not a speaker
    for c in noun.lefts:
        if c.dep_ == "compound" and c.pos_ == "PROPN" and c.ent_type_ in SOURCE_ENTS:
            return c
    for c in noun.rights:
        if c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.pos_ in ("PROPN", "NOUN", "PRON"):
                return obj
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in lexicon("light_verbs.txt"):
        return subject_of(noun.head)
    return None


def noun_cues(doc: Doc, skip: set[int]) -> list[Attribution]:
    """The attribution of every reporting or stance noun of a doc that has a source."""
    out = []
    seen = set()
    for match_id, (cue_i, clause_i, intro_i) in _matches(doc):
        noun, clause, intro = doc[cue_i], doc[clause_i], doc[intro_i]
        if noun.i in skip or noun.i in seen:
            continue
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() not in lexicon("light_verbs.txt"):
            continue  # "pushed her promise of X": the noun phrase is what the verb governs
        src = source_of(noun)
        if src is None or src.i in skip:
            continue
        if doc.vocab.strings[match_id] == "prep":
            if when(clause):
                continue  # "remarks on Tuesday"
            lo, cue_end = clause.left_edge.i, intro
        else:
            lo, cue_end = intro.i if intro.lower_ == "that" else clause.left_edge.i, noun
        att = make(doc, lo, clause.right_edge.i + 1, src, (noun.idx, cue_end.idx + len(cue_end.text)), None, CONFIDENCE)
        if att is not None:
            seen.add(noun.i)
            out.append(att)
    return out


def _matches(doc: Doc) -> list[tuple[int, tuple[int, int, int]]]:
    """(pattern, (noun, content head, introducing word)) of each match, in text order."""
    out = []
    contents = noun_contents()
    for match_id, toks in matcher(doc.vocab)(doc):
        key = doc.vocab.strings[match_id]
        if key == "prep":
            noun, intro, clause = toks
            if doc[intro].lower_ not in contents[doc[noun].lemma_]:
                continue  # a preposition of another noun
        else:
            noun, clause, intro = toks
        out.append((match_id, (noun, clause, intro)))
    return sorted(out, key=lambda m: m[1])
