"""Attributions beyond reported speech with a clausal complement, merged into it:
cues after or inside their content (``postposed``), reporting nouns (``noun_cues``)
and stances (``stances``).

:func:`more_attributions` is what ``attribution.find_attributions`` calls (the
pipeline hands it over): it adds each rule's attributions to the reported speech
found there, unless one with the same cue is there already, and settles the
misparse in which two cue verbs each hang the other's clause inside their content.
"""
from __future__ import annotations

from spacy.tokens import Doc

from .found import Attribution
from .noun_cues import noun_cues
from .postposed import postposed
from .stances import stances

RULES = (postposed, noun_cues, stances)


def _holds(att: Attribution, at: int) -> bool:
    return any(s <= at < e for s, e in att.parts)


def untangled(atts: list[Attribution]) -> list[Attribution]:
    """Of two attributions whose contents each hold the other's cue ("In the end, Ms X
    said, voters stay home", parsed with "Ms X said" as the content of "stay"), the one
    with the shorter content is the misparse: drop it."""
    drop = set()
    for i, a in enumerate(atts):
        for j, b in enumerate(atts):
            if i < j and a.cue and b.cue and _holds(a, b.cue[0]) and _holds(b, a.cue[0]):
                size = [sum(e - s for s, e in x.parts) for x in (a, b)]
                drop.add(i if size[0] < size[1] else j)
    return [a for k, a in enumerate(atts) if k not in drop]


def more_attributions(doc: Doc, reported: list[Attribution], skip: set[int]) -> list[Attribution]:
    """``reported`` with the attributions of the other rules added (tokens in ``skip``
    are never cues)."""
    out = list(reported)
    cues = {a.cue[0] for a in out if a.cue}
    added = []
    for rule in RULES:
        for att in rule(doc, skip):
            if att.cue and att.cue[0] not in cues:
                cues.add(att.cue[0])
                added.append(att)
    out = [a for a in out if not any(restated(a, b) for b in added)]
    return untangled(out + added)


def restated(old: Attribution, new: Attribution) -> bool:
    """Whether ``new`` says what ``old`` says with a finer cue: same speaker, and ``old``'s
    content holds ``new``'s cue ("voiced [support for the plan]" is "voiced support for
    [the plan]")."""
    return old.speaker_tok is not None and old.speaker_tok == new.speaker_tok and new.cue is not None \
        and _holds(old, new.cue[0])
