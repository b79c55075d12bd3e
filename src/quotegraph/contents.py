"""Contents that are noun phrases: what a cue verb's object or prepositional
object says ("criticized [the plan]", "called [him a liar]", "described [the
deal as a disaster]", "called for [a ban]", "went after [the mayor]").

The object's phrase runs on through the verb's later complements that complete
it (``oprd``, an infinitive, the prepositions of ``data/object_tails.txt``), but
not through phrases of time or place. The addressee of "told", "asked", "spoke
to" is never the content. Plain token ranges out; ``attribution`` trims them.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .lexicons import frames_of, is_cue_noun, lexicon, table
from .nlp import sentence

Range = tuple[int, int]
# entity labels of a person or body spoken to ("told [Reuters]", "asked [Ms Poole]")
PARTY_ENTS = ("PERSON", "ORG", "NORP", "GPE")
# any verb with the "prep" frame in cues.tsv: the object of these prepositions
GENERIC_PREPS = ("for", "about", "on", "against", "of", "over", "as")  # "to", "with": prep_cues.tsv


def object_cue(tok: Token) -> bool:
    """A verb whose direct object can be the content."""
    return "dobj" in frames_of(tok) or (tok.pos_ == "VERB" and tok.lemma_.lower() in table("object_cues.tsv"))


def tails(tok: Token, obj: Token) -> list[Token]:
    """The verb's complements after its object that belong with it in the content:
    a predicate ("called him [a liar]"), an infinitive ("urged him [to go]"), and
    phrases of the prepositions of ``object_tails.txt`` (or the verb's own extra ones)."""
    preps = lexicon("object_tails.txt") | table("object_cues.tsv").get(tok.lemma_.lower(), frozenset())
    return [c for c in tok.children if c.i > obj.i and (
        c.dep_ in ("oprd", "xcomp") or c.dep_ == "prep" and c.lower_ in preps and any(
            g.dep_ in ("pobj", "pcomp") for g in c.children))]


def party(tok: Token) -> bool:
    """A person or body one speaks to: a pronoun, a name, an audience ("reporters")."""
    return tok.pos_ == "PRON" or tok.ent_type_ in PARTY_ENTS or \
        tok.lemma_.lower() in lexicon("audience_nouns.txt") or tok.lower_ in lexicon("audience_nouns.txt")


def object_content(tok: Token) -> Optional[Range]:
    """Token range of the object content of ``tok`` with its tails, or None."""
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
    if obj is None or not object_cue(tok):
        return None
    more = tails(tok, obj)
    if not more and (obj.pos_ == "PRON" or is_cue_noun(obj)):
        return None  # "denied it"; "issued a statement" (a noun cue of its own)
    if not more and tok.lemma_.lower() in lexicon("addressee_verbs.txt") and party(obj):
        return None  # "told [the council]": the addressee
    end = max([obj.right_edge.i] + [c.right_edge.i for c in more])
    return obj.left_edge.i, phrase_end(tok.doc, obj.i, end + 1)


def phrase_end(doc, head: int, end: int) -> int:
    """End of a noun-phrase content before what is only said about it after a comma
    or a dash: a relative clause ("the plan, which ..."), an apposition ("the
    suspect's name, Jo Doe,"), a participle ("the bill, passed in May")."""
    for i in range(head + 1, end - 1):
        t, nxt = doc[i], doc[i + 1]
        if t.text in ("—", "–", "--") or t.text == "-" and t.whitespace_:
            return i
        if t.text == "," and nxt.tag_ in ("WDT", "WP", "WP$"):
            return i
    return end


def prep_content(tok: Token) -> Optional[tuple[Range, Token]]:
    """For "called for a ban", "spoke about the plan": the token range of the
    prepositional object, and the preposition (part of the cue); or None."""
    lemma = tok.lemma_.lower()
    own = table("prep_cues.tsv").get(lemma, frozenset())
    generic = GENERIC_PREPS if "prep" in frames_of(tok) and lemma not in table("prep_cues.tsv") else ()
    for c in tok.children:
        if c.dep_ != "prep" or c.i < tok.i or (c.lower_ not in own and c.lower_ not in generic):
            continue
        obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
        if obj is None or obj.ent_type_ in ("DATE", "TIME") or obj.pos_ == "PRON" and not tails(tok, c):
            continue  # "talked for [an hour]", "referred to [it]"; but "referred to [him as a hero]"
        if c.lower_ not in own and c.lower_ in ("to", "with") and party(obj):
            generic = ()  # "spoke to [reporters]", "talked with [the mayor]": addressees, and
            continue      # what follows them is about the talk ("for an hour"), not what was said
        more = [t for t in tails(tok, c) if t.dep_ != "xcomp"]
        end = max([obj.right_edge.i] + [t.right_edge.i for t in more])
        return (obj.left_edge.i, phrase_end(tok.doc, obj.i, end + 1)), c
    return None


def infinitive_end(tok: Token, xcomp: Token) -> int:
    """End (token index) of an infinitive content with the bare verbs listed after
    it that the parser hangs on the cue ("wants to triple X, [grow Y and build Z]")."""
    end = xcomp.right_edge.i + 1
    if tok.doc[end - 1].text == ",":
        end -= 1
    for c in tok.rights:
        if c.i == end + 1 and tok.doc[end].text == "," and c.dep_ in ("dep", "conj") and c.tag_ == "VB" \
                and not any(g.dep_ in ("nsubj", "nsubjpass", "aux") for g in c.children):
            end = c.right_edge.i + 1
    return end


def passive_content(tok: Token) -> Optional[Range]:
    """For "the plan was criticized by the union": the passive subject is the content
    (the agent, found by ``subject_of``, the speaker)."""
    if not object_cue(tok) or not any(c.dep_ == "agent" for c in tok.children):
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass" and c.i < tok.i), None)
    if subj is None or subj.pos_ == "PRON" and subj.lower_ in ("that", "which", "who"):
        return None
    return subj.left_edge.i, subj.right_edge.i + 1


def as_clause_content(tok: Token) -> Optional[tuple[Range, Optional[Range]]]:
    """For "As the paper reported, [the ferry will stop]" and "[The ferry will stop],
    as the paper reported.": the rest of the sentence; None when the reporting verb
    has a content of its own. Read from the words, as parsers often misattach "as"."""
    if "ccomp" not in frames_of(tok) or any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in tok.children):
        return None
    sent = sentence(tok)
    j = tok.i - 1
    while j > sent.start and tok.i - j <= 8 and not tok.doc[j].is_punct and tok.doc[j].lower_ != "as" \
            and tok.doc[j].pos_ in ("DET", "PROPN", "NOUN", "ADJ", "PART", "ADV", "AUX", "PRON", "NUM"):
        j -= 1
    if tok.doc[j].lower_ != "as":
        return None
    doc = tok.doc
    end = tok.i + 1  # the "as" clause runs to the next comma or the sentence end
    while end < sent.end and doc[end].text not in (",", ";", ".", "—", "–"):
        end += 1
    if j == sent.start and end < sent.end and doc[end].text == ",":
        return (end + 1, sent.end), None
    if j > sent.start and doc[j - 1].text == "," and end >= sent.end - 1:
        return (sent.start, j - 1), None
    return None
