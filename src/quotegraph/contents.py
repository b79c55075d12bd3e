"""Contents that are noun phrases: what a cue verb's object or prepositional
object says ("criticized [the plan]", "called [him a liar]", "described [the
deal as a disaster]", "called for [a ban]", "went after [the mayor]").

The object's phrase runs on through the verb's later complements that complete
it (``oprd``, an infinitive, the prepositions of ``data/object_tails.txt``), but
not through phrases of time or place. The addressee of "told", "asked", "spoke
to" is never the content. Plain token ranges out; ``attribution`` trims them.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Optional

from spacy.tokens import Token

from .lexicons import frames_of, is_cue_noun, lexicon

Range = tuple[int, int]
# entity labels of a person or body spoken to ("told [Reuters]", "asked [Ms Poole]")
PARTY_ENTS = ("PERSON", "ORG", "NORP", "GPE")
# any verb with the "prep" frame in cues.tsv: the object of these prepositions
GENERIC_PREPS = ("for", "about", "on", "against", "to", "of", "over", "with", "as")


@lru_cache(maxsize=None)
def _table(name: str) -> dict[str, frozenset[str]]:
    """Lemma -> set of words, from a two-column data file (second column optional)."""
    text = resources.files("quotegraph").joinpath("data", name).read_text(encoding="utf-8")
    out: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            lemma, _, rest = line.partition("\t")
            out[lemma.strip().lower()] = frozenset(w for w in rest.strip().split(",") if w)
    return out


def object_cue(tok: Token) -> bool:
    """A verb whose direct object can be the content."""
    return "dobj" in frames_of(tok) or (tok.pos_ == "VERB" and tok.lemma_.lower() in _table("object_cues.tsv"))


def tails(tok: Token, obj: Token) -> list[Token]:
    """The verb's complements after its object that belong with it in the content:
    a predicate ("called him [a liar]"), an infinitive ("urged him [to go]"), and
    phrases of the prepositions of ``object_tails.txt`` (or the verb's own extra ones)."""
    preps = lexicon("object_tails.txt") | _table("object_cues.tsv").get(tok.lemma_.lower(), frozenset())
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
    return obj.left_edge.i, end + 1


def prep_content(tok: Token) -> Optional[tuple[Range, Token]]:
    """For "called for a ban", "spoke about the plan": the token range of the
    prepositional object, and the preposition (part of the cue); or None."""
    lemma = tok.lemma_.lower()
    own = _table("prep_cues.tsv").get(lemma, frozenset())
    generic = GENERIC_PREPS if "prep" in frames_of(tok) else ()
    for c in tok.children:
        if c.dep_ != "prep" or c.i < tok.i or (c.lower_ not in own and c.lower_ not in generic):
            continue
        obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
        if obj is None or obj.pos_ == "PRON" or obj.ent_type_ in ("DATE", "TIME"):
            continue  # "talked for [an hour]"
        if c.lower_ not in own and c.lower_ in ("to", "with") and party(obj):
            generic = ()  # "spoke to [reporters]", "talked with [the mayor]": addressees, and
            continue      # what follows them is about the talk ("for an hour"), not what was said
        more = [t for t in tails(tok, c) if t.dep_ != "xcomp"]
        end = max([obj.right_edge.i] + [t.right_edge.i for t in more])
        return (obj.left_edge.i, end + 1), c
    return None
