"""English personal pronouns by person, number and form, from ``data/pronouns.tsv``.

One table for every stage that asks "is this a third-person pronoun?", "a
first-person one?" (``about``, ``events``, ``graph``), so the sets cannot drift
apart.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .lexicons import data_lines


@dataclass(frozen=True)
class Pronoun:
    word: str
    person: int  # 1, 2 or 3
    number: str  # singular, plural, any
    human: bool  # False for "it", "its"
    forms: frozenset[str]  # subject, object, possessive


@lru_cache(maxsize=1)
def table() -> tuple[Pronoun, ...]:
    rows = []
    for line in data_lines("pronouns.tsv"):
        word, person, number, human, forms = (c.strip() for c in line.split("\t"))
        rows.append(Pronoun(word.lower(), int(person), number, human == "yes", frozenset(forms.split(","))))
    return tuple(rows)


@lru_cache(maxsize=None)
def pronouns(person: Optional[tuple[int, ...]] = None, human: Optional[bool] = None,
             forms: Optional[tuple[str, ...]] = None) -> frozenset[str]:
    """The pronouns of these persons, animacy and forms (None: any)."""
    return frozenset(p.word for p in table()
                     if (person is None or p.person in person) and (human is None or p.human == human)
                     and (forms is None or p.forms & set(forms)))


FIRST = pronouns(person=(1,))  # i me my we us our
SECOND = pronouns(person=(2,))  # you your
THIRD_PERSONAL = pronouns(person=(3,), human=True)  # he him his she her they them their
NON_POSSESSIVE = pronouns(forms=("subject", "object"))  # who can act: i, me, we, us, you, he, him, ...
