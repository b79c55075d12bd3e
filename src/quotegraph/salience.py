"""Salience: which earlier person a third-person pronoun ("he", "she") most likely means.

A scored choice among the people mentioned before the pronoun, in the manner of
Lappin and Leass (1994): every earlier mention of a person is worth a weight for
being mentioned at all, more as the subject of a main clause or of a reporting
verb, a little more as any other subject or an object; the weight halves with
each sentence between the mention and the pronoun. A person's salience is the
sum of its factors, each the best over their mentions, scaled by how well their gender fits the pronoun's (a
gender known from a title or a first name used for one sex; only guessed from
a first name that is mostly one sex; unknown). The most salient person wins;
ties go to the one mentioned last.

Plain data in and out: ``choose`` takes :class:`Mention` records and the
people's genders, and gives the index of a person or None.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

MENTIONED = 100.0  # any mention
MAIN_SUBJECT = 80.0  # subject of a main clause or reporting verb, or a speaker
OTHER_SUBJECT = 40.0  # subject of another clause
OBJECT = 30.0  # direct object, apposition, attribute
DECAY = 0.5  # per sentence between the mention and the pronoun
GENDER_FIT = {"known": 1.0, "guessed": 0.9, "unknown": 0.8, "guessed other": 0.5}


@dataclass(frozen=True)
class Mention:
    """An earlier mention of person ``entity``: ``sentences_back`` sentence breaks before
    the pronoun (0: the pronoun's own sentence)."""

    pos: int
    entity: int
    sentences_back: int
    main_subject: bool = False
    role: str = ""  # dependency label of the mention's head: nsubj, dobj, poss, pobj, ...


def factors(m: Mention) -> dict[str, float]:
    """The salience factors of one mention, each decayed by its distance."""
    out = {"mentioned": MENTIONED}
    if m.main_subject:
        out["subject"] = MAIN_SUBJECT
    elif m.role in ("nsubj", "nsubjpass"):
        out["subject"] = OTHER_SUBJECT
    elif m.role in ("dobj", "appos", "attr", "dative"):
        out["object"] = OBJECT
    decay = DECAY ** m.sentences_back
    return {k: v * decay for k, v in out.items()}


def gender_fit(gender: Optional[str], known: Optional[str], guessed: Optional[str]) -> float:
    """How well a person whose gender is ``known`` (title, one-sex first name) or ``guessed``
    (a first name mostly of one sex) fits a pronoun of ``gender``; 0 for a known other one."""
    if gender is None:
        return 1.0
    if known is not None:
        return GENDER_FIT["known"] if known == gender else 0.0
    if guessed is not None:
        return GENDER_FIT["guessed"] if guessed == gender else GENDER_FIT["guessed other"]
    return GENDER_FIT["unknown"]


def scores(mentions: list[Mention], genders: dict[int, tuple[Optional[str], Optional[str]]],
           gender: Optional[str]) -> dict[int, float]:
    """Salience of each person mentioned: per factor the best of their mentions (a person
    named often is not for that more salient than one named once as the last subject),
    summed, times the gender fit."""
    best: dict[int, dict[str, float]] = {}
    for m in mentions:
        mine = best.setdefault(m.entity, {})
        for k, v in factors(m).items():
            mine[k] = max(mine.get(k, 0.0), v)
    return {e: sum(f.values()) * gender_fit(gender, *genders.get(e, (None, None))) for e, f in best.items()}


def choose(mentions: list[Mention], genders: dict[int, tuple[Optional[str], Optional[str]]],
           gender: Optional[str]) -> Optional[int]:
    """The most salient person for a pronoun of ``gender`` ("m", "f", None for any), or None."""
    scored = scores(mentions, genders, gender)
    last = {}
    for m in mentions:
        last[m.entity] = max(last.get(m.entity, -1), m.pos)
    best = max((e for e, s in scored.items() if s > 0), key=lambda e: (scored[e], last[e]), default=None)
    return best
