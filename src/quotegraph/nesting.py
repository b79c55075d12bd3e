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


def sibling_of_cue(cue: Token, head: Token, verb: Token) -> bool:
    """``verb``, parsed as a conjunct of ``head`` inside the cue's content, is rather
    the cue's own next verb: it has no subject and agrees in form with the cue, not
    with ``head`` ("promised to cut fares and raised them": "raised" is the cue's)."""
    if verb.pos_ not in ("VERB", "AUX") or head.pos_ not in ("VERB", "AUX") \
            or any(c.dep_ in SUBJECTS for c in verb.children):
        return False
    own_aux = any(c.dep_ in ("aux", "auxpass") and c.i < verb.i for c in verb.children)
    if verb.tag_ == head.tag_ and not own_aux:
        return False  # "should not be cut but propped up": the auxiliaries are shared
    mine, theirs, cue_form = finite_form(verb), finite_form(head), finite_form(cue)
    return agrees(mine, cue_form) and not agrees(mine, theirs)


def clause_end(doc: Doc, cue: Token, lo: int, hi: int) -> int:
    """End (token index) of the content ``[lo, hi)`` of ``cue``: before a conjunct
    that is the cue's own next verb, and before a participle of speech after a
    comma (", while stressing that ...")."""
    end = hi
    for i in range(lo + 1, hi):
        t = doc[i]
        if t.dep_ == "conj" and lo <= t.head.i < i and sibling_of_cue(cue, t.head, t):
            end = _before_joint(doc, t.left_edge.i, lo)
            break
    for i in range(lo + 1, end - 1):
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
    """The cue whose own next verb ``verb`` is, though parsed as a conjunct inside the
    cue's content ("believe [the quota has ruined them], and admit ..."); or None."""
    if verb.dep_ != "conj":
        return None
    cur = verb.head
    for _ in range(4):
        if cur.dep_ in ("ccomp", "xcomp", "dobj") and cur.head.i < cur.i and cur.head.pos_ == "VERB":
            return cur.head if sibling_of_cue(cur.head, verb.head, verb) else None
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def one_per_cue(atts: list) -> list:
    """One attribution per cue: of two that share a cue and whose contents overlap (a
    split or mixed quote found once by its frame and once by its reported clause),
    keep the one holding the quotation (mixed before indirect), then the one that
    starts later (what comes between the cue and the clause is the addressee,
    "told [the radio station] that ..."), then the longer."""
    rank = {"mixed": 0, "direct": 1, "indirect": 2}

    def better(a) -> tuple:
        return (-rank.get(a.type, 3), a.parts[0][0], sum(e - s for s, e in a.parts))

    def overlap(a, b) -> bool:
        return any(min(e1, e2) > max(s1, s2) for s1, e1 in a.parts for s2, e2 in b.parts)

    drop: set[int] = set()
    for i, a in enumerate(atts):
        for j in range(i + 1, len(atts)):
            b = atts[j]
            if a.cue is not None and a.cue == b.cue and overlap(a, b):
                drop.add(j if better(a) >= better(b) else i)
    return [a for k, a in enumerate(atts) if k not in drop]
