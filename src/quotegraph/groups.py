"""Group speakers: "both men", "they", "the two", "A and B".

Functions of a ``speakers.Resolver`` (passed in as ``res``) that make or find a
group entity (its ``members`` are the people's entity indices):

- ``group``: the group of these members, made once per article;
- ``plural``: "they", "both", "the two leaders": the latest group in the window,
  else the coordinated subject "A and B" of an earlier sentence, else for
  "both"/"two" the two most salient people;
- ``pair_around``: "the two men" when only one of them was named before;
- ``organisations``: "the two unions", "the groups": organisations named together.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .found import Attribution
from .names import Entity
from .nlp import sentence

PLURAL = {"they", "them", "their", "themselves"}
GROUP_WORDS = {"both", "two", "pair", "duo", "trio", "three", "all"}


def group(res, members: list[int], pos: int) -> int:
    """The group entity of these members (made once), mentioned at token ``pos``."""
    members = sorted(set(members))
    for i, e in enumerate(res.entities):
        if e.members == members:
            res.groups.append((pos, i))
            return i
    res.entities.append(Entity(kind="group", members=members))
    idx = len(res.entities) - 1
    res.groups.append((pos, idx))
    return idx


def plural(res, tok: Token, att: Attribution) -> Optional[int]:
    """"they", "both men", "the two": the latest group of the window, else the people of
    the nearest subject "A and B", else (for "both"/"two") the two most salient people."""
    lo = res.window_start(tok)
    recent = [g for p, g in res.groups if lo <= p < tok.i]
    if recent:
        return recent[-1]
    if tok.lower_ in PLURAL or tok.tag_ == "NNS" and not any(c.lower_ in GROUP_WORDS for c in tok.children):
        pair = coordinated_subject(res, tok, lo)  # "they", "the chairmen"
        return group(res, pair, tok.i) if pair else None  # else unnamed
    people: list[int] = []
    cands = res.candidates(tok, att, None)
    for p, i, _ in [c for c in cands if c[2]] + cands:  # salient people first
        if i not in people:
            people.append(i)
        if len(people) == 2:
            break
    if len(people) == 2 and tok.lower_ in ("both", "two", "pair", "duo") or \
            len(people) == 2 and any(t.lower_ in ("both", "two") for t in tok.children):
        return group(res, people, tok.i)
    return None


def coordinated_subject(res, tok: Token, lo: int) -> Optional[list[int]]:
    """People (else organisations) of the nearest earlier subject "A and B" ("Tom Reed and Mark
    Hale met ...")."""
    for sent_start in sorted({sentence(t).start for t in res.doc[lo:tok.i]}, reverse=True):
        sent = sentence(res.doc[sent_start])
        for t in sent:
            if t.i >= tok.i or t.dep_ not in ("nsubj", "nsubjpass") or t.i not in res.by_token:
                continue
            members = coordinated(res, t)
            if members:
                return members
    return None


def coordinated(res, t: Token, kinds: tuple[str, ...] = ("person", "organisation")) -> Optional[list[int]]:
    """The entities of a coordination "A and B" headed by ``t``, all of one kind (people
    first): at least two, else None."""
    heads = [t] + [c for c in t.children if c.dep_ == "appos"]  # "[Councillor] Amy Hart and ..."
    found = [res.by_token[h.i] for h in heads if h.i in res.by_token]
    found += [res.by_token[c.i] for h in heads for c in h.conjuncts if c.i in res.by_token]
    for kind in kinds:
        members = [m for m in dict.fromkeys(found) if res.entities[m].kind == kind]
        if len(members) >= 2:
            return members
    return None


def organisations(res, tok: Token) -> Optional[int]:
    """"the two unions", "both companies", "the groups": the latest group of organisations in
    the window, else the latest coordination of organisations named there ("the College and
    the union ..."), else None."""
    lo = res.window_start(tok)
    recent = [g for p, g in res.groups if lo <= p < tok.i
              and all(res.entities[m].kind == "organisation" for m in res.entities[g].members)]
    if recent:
        return recent[-1]
    for t in reversed(res.doc[lo:tok.i]):
        if t.i in res.by_token and t.dep_ != "conj" and (members := coordinated(res, t, ("organisation",))):
            return group(res, members, tok.i)
    return None


def pair_around(res, tok: Token) -> Optional[int]:
    """"The two men" when only one was named before: the nearest person before and
    the first one named after (in the same or the next sentence)."""
    lo = res.window_start(tok)
    hi = min(len(tok.doc), sentence(tok).end + 60)
    near: dict[int, int] = {}
    for i, e in enumerate(res.entities):
        if e.kind != "person" or e.members:
            continue
        for p in e.positions:
            if lo <= p < hi and p not in res.in_quote:
                d = tok.i - p if p < tok.i else 1000 + p - tok.i  # before first, nearest first
                near[i] = min(near.get(i, d), d)
    pair = sorted(near, key=near.get)[:2]
    return group(res, pair, tok.i) if len(pair) == 2 else None
