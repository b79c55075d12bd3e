"""Scope of a reported clause: where the content of one cue ends when the
sentence goes on with what the speaker did next.

PolNeAR (the gold this is measured on) annotates attributions flat: speech
reported inside a content stays part of that content and is no attribution of
its own, and a content stops at the end of the clause its cue governs. The
parser often hangs the speaker's next verb on the reported clause instead of
on the cue ("The fishermen believe the quota has ruined them, and admit that
...": "admit" is the fishermen's, not the quota's), and a participle of
speech after a comma ("..., while stressing that ...") reports speech of its
own. Both end the content here; the later verb then gives its own attribution.

Plain token indexes in and out.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from .lexicons import is_cue_verb

SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
# words allowed between the comma and a participle of speech: ", while stressing", ", even adding"
PARTICIPLE_LEADS = frozenset({"while", "even", "also", "all", "then", "before", "after", "again", "later"})


def finite_form(verb: Token) -> str:
    """The tag that carries tense and agreement: the first auxiliary's, else the verb's."""
    aux = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    tag = aux[0].tag_ if aux else verb.tag_
    return "VBP" if tag == "VB" and not aux else tag


def agrees(later: str, first: str) -> bool:
    """Whether a second verb of form ``later`` can share the subject (and auxiliaries)
    of a first of form ``first`` in a coordination ("lost money and cut jobs")."""
    if later == first:
        return True
    if first == "MD" or first == "TO":
        return later in ("VB", "VBP")  # "will cut prices and raise wages": the modal is shared
    if first in ("VBZ", "VBP", "VBD") and later in ("VBN", "VBD"):
        return True  # "has lost money and cut jobs": the auxiliary is shared
    return False


def sibling_of_cue(cue: Token, root: Token, verb: Token) -> bool:
    """``verb``, a conjunct of the reported clause's ``root``, is rather the cue's own
    next verb: it has no subject and agrees in form with the cue, not with the root."""
    if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ in SUBJECTS for c in verb.children):
        return False
    if not any(c.dep_ in SUBJECTS for c in root.children):
        return False  # "said it would cut prices and raise wages" has one subject for both
    own_aux = any(c.dep_ in ("aux", "auxpass") and c.i < verb.i for c in verb.children)
    if verb.tag_ == root.tag_ and not own_aux:
        return False  # "should not be cut but propped up": the auxiliaries are shared
    mine, theirs, cue_form = finite_form(verb), finite_form(root), finite_form(cue)
    return agrees(mine, cue_form) and not agrees(mine, theirs)


def clause_end(doc: Doc, cue: Token, root: Token, lo: int, hi: int) -> int:
    """End (token index) of the content ``[lo, hi)`` of ``cue`` whose head is ``root``:
    before a conjunct that is the cue's own next verb, and before a participle
    of speech after a comma (", while stressing that ...")."""
    end = hi
    for c in root.children:
        if c.dep_ == "conj" and lo < c.i < end and sibling_of_cue(cue, root, c):
            end = _before_joint(doc, c.left_edge.i, lo)
    for i in range(max(lo, root.i) + 1, end - 1):
        if doc[i].text not in (",", ";", "—", "–"):
            continue
        j = i + 1
        while j < end and doc[j].lower_ in PARTICIPLE_LEADS:
            j += 1
        if j < end and doc[j].tag_ == "VBG" and is_cue_verb(doc[j]):
            return i
    return end


def _before_joint(doc: Doc, at: int, lo: int) -> int:
    """Step back over the conjunction and comma that join a conjunct to what precedes it."""
    while at > lo and (doc[at - 1].dep_ == "cc" or doc[at - 1].is_punct and doc[at - 1].text in ",;"):
        at -= 1
    return at


def cue_of_sibling(verb: Token) -> Token | None:
    """The cue whose own next verb ``verb`` is, though parsed as a conjunct of the
    cue's reported clause ("believe [the quota has ruined them], and admit ..."); or None."""
    root = verb.head
    if verb.dep_ != "conj" or root.dep_ != "ccomp" or root.head.i > root.i:
        return None
    return root.head if sibling_of_cue(root.head, root, verb) else None
