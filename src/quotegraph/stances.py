"""Stances and beliefs held by a stated source, told by an adjective or participle:
"The union is critical of the plan", "Voters were angered by the vote", "She is
confident that the bridge will hold", "He seemed eager to leave".

The words and what introduces their content (a preposition, "that", "to") are in
``data/stance_words.tsv``; the holder is the subject of the word or of its
copula, and must be able to hold a view: a person or group named or referred to
(a pronoun, a name, an organisation, a plural noun or a noun of people). ``kinds`` labels these
attributions ``belief`` (the words are belief cues in ``data/kinds.tsv``).
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from .cue_syntax import SUBJECTS
from .found import Attribution, make
from .lexicons import lexicon, table
from .noun_cues import SOURCE_ENTS, when

CONFIDENCE = 0.3  # the rule's own score (a calibration cell of its own)
NOT_HOLDERS = {"it", "this", "that", "these", "those", "there", "which", "what"}
HOLDER_LISTS = ("actor_nouns.txt", "role_nouns.txt", "org_nouns.txt")


def stance_words() -> dict[str, frozenset[str]]:
    """Word -> what introduces its content, from ``data/stance_words.tsv``."""
    return table("stance_words.tsv")


def holder(word: Token) -> Optional[Token]:
    """The subject of a stance word or of its copula, when it can hold a view."""
    for tok in (word, word.head):
        subj = next((c for c in tok.children if c.dep_ in SUBJECTS), None)
        if subj is not None:
            break
        if word.dep_ not in ("acomp", "oprd", "xcomp"):
            return None
    if subj is None or subj.lower_ in NOT_HOLDERS:
        return None
    if subj.pos_ == "PRON" or subj.pos_ == "PROPN" or subj.ent_type_ in SOURCE_ENTS:
        return subj
    if subj.pos_ == "NOUN" and (subj.tag_ == "NNS" or any(subj.lemma_.lower() in lexicon(name) for name in HOLDER_LISTS)):
        return subj  # "the growers", "the council"
    return None


def content_of(word: Token, intros: frozenset[str]) -> Optional[tuple[int, int, Token]]:
    """Token range of what the stance is about, and the word introducing it."""
    for c in word.rights:
        if c.dep_ in ("prep", "agent") and c.lower_ in intros:
            obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None and not when(obj):
                return obj.left_edge.i, obj.right_edge.i + 1, c
        if c.dep_ in ("ccomp", "xcomp", "advcl"):
            lead = [g for g in c.children if g.dep_ in ("mark", "aux") and g.lower_ in ("that", "to")]
            if lead and lead[0].lower_ in intros:
                return (lead[0].i if lead[0].lower_ == "that" else c.left_edge.i), c.right_edge.i + 1, word
            if not lead and "that" in intros and c.dep_ == "ccomp":
                return c.left_edge.i, c.right_edge.i + 1, word  # "sure the bridge will hold"
    return None


def stances(doc: Doc, skip: set[int]) -> list[Attribution]:
    """The attribution of every stance word of a doc with a holder and a content."""
    words = stance_words()
    out = []
    for tok in doc:
        if tok.i in skip or tok.tag_ not in ("JJ", "VBN"):
            continue
        intros = words.get(tok.lower_) or words.get(tok.lemma_.lower())
        if not intros:
            continue
        src = holder(tok)
        found = content_of(tok, intros) if src is not None else None
        if found is None:
            continue
        lo, hi, intro = found
        cue_end = intro if intro.i > tok.i else tok
        att = make(doc, lo, hi, src, (tok.idx, cue_end.idx + len(cue_end.text)), None, CONFIDENCE)
        if att is not None:
            out.append(att)
    return out
