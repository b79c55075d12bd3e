"""The canonical entities of one article: people, organisations and places.

A state and whatever stands for it (its capital, its seat of government, its
demonyms: "Moscow", "the Kremlin", "Russians" -> "Russia") are one entity,
read from the editable table ``data/places.tsv``. People and organisations
come from the speaker resolution (``record.people``), so "Mr Johnson" and
"Boris Johnson" are one entity here too. Other named organisations and places
of the parse are kept under their own name, without a leading "the".

Plain data in (the parsed doc, the people of the record), plain data out (a
list of :class:`Mention`, sorted by position).
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import numpy
from spacy.attrs import LOWER
from spacy.tokens import Doc

from .lexicons import data_lines, lexicon
from .record import Person, Span

ENTITY_LABELS = ("GPE", "LOC", "NORP", "ORG", "FAC", "PRODUCT", "PERSON")
LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")
POSSESSIVE = re.compile(r"\s*(?:['’]s|['’])$")


def norm(text: str) -> str:
    """A name folded for lookup: accents, case, a leading "the", a possessive, dots."""
    text = POSSESSIVE.sub("", LEADING_THE.sub("", text.strip()))
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", text.replace(".", "")).strip().lower()


@lru_cache(maxsize=1)
def places() -> dict[str, str]:
    """Folded alias (the canonical name included) -> canonical state name, from ``data/places.tsv``."""
    table: dict[str, str] = {}
    for line in data_lines("places.tsv"):
        canon, _, aliases = line.partition("\t")
        canon = canon.strip()
        for alias in [canon] + [a for a in aliases.split(",") if a.strip()]:
            table.setdefault(norm(alias), canon)
    return table


def place_name(text: str) -> Optional[str]:
    """The state a name stands for ("the Kremlin" -> "Russia"), or None."""
    return places().get(norm(text))


def generic_bodies() -> frozenset[str]:
    """Generic names of a state's bodies ("government", "forces"), from ``data/generic_bodies.txt``."""
    return lexicon("generic_bodies.txt")


def _state_of(doc: Doc, p: Person) -> Optional[str]:
    """The state a speaker entity stands for: "Japan" taken for a person, "the Chilean
    government" (a demonym and a generic body), else None."""
    state = place_name(p.name)
    if state and p.kind == "person":
        first = doc.char_span(*p.mentions[0], alignment_mode="expand") if p.mentions else None
        if first is None or not any(t.ent_type_ in ("GPE", "NORP", "LOC") for t in first):
            return None  # a person called Jordan
        return state
    if state or p.kind != "organisation":
        return state
    words = p.name.split()
    for k in range(1, len(words)):
        if " ".join(words[k:]).lower() in generic_bodies():
            return place_name(" ".join(words[:k]))
    return None


_PLACE_HASHES: dict[int, "numpy.ndarray"] = {}


def _place_hashes(vocab) -> "numpy.ndarray":
    """The string hashes of the one-word place names, for a fast scan of a doc's words."""
    h = _PLACE_HASHES.get(id(vocab))
    if h is None:
        words = [w for w in places() if " " not in w]
        h = _PLACE_HASHES[id(vocab)] = numpy.array([vocab.strings.add(w) for w in words], dtype="uint64")
    return h


class Mentions(list):
    """The mentions of an article sorted by position, with their start offsets kept for
    :func:`mentions_within`'s binary search (a plain list works too, more slowly)."""

    @property
    def starts(self) -> list[int]:
        if getattr(self, "_starts", None) is None or len(self._starts) != len(self):
            self._starts = [m.span[0] for m in self]
        return self._starts


@dataclass
class Mention:
    """One mention of a canonical entity in the article."""

    span: Span
    name: str
    kind: str  # person | organisation | group | place
    person: Optional[int] = None  # index into ``people``


def clean_name(text: str) -> str:
    """An organisation's or place's own name: no leading "the", no possessive, one space."""
    return re.sub(r"\s+", " ", POSSESSIVE.sub("", LEADING_THE.sub("", text.strip())))


def article_entities(doc: Doc, people: list[Person]) -> Mentions:
    """Every mention of a person, organisation or place, with its canonical name."""
    out: list[Mention] = []
    taken: list[Span] = []
    for k, p in enumerate(people):
        if p.kind == "group":
            continue
        state = _state_of(doc, p)
        for m in p.mentions:
            if any(t[0] < m[1] and m[0] < t[1] for t in taken[-3:]):
                continue  # "Senator Ruth Cole" and "Ruth Cole": one mention
            out.append(Mention(m, state or p.name, "place" if state else p.kind, None if state else k))
            taken.append(m)
    taken.sort()
    starts = [s for s, _ in taken]

    def overlaps(s: int, e: int) -> bool:
        i = bisect_left(starts, e)
        return any(taken[j][1] > s for j in range(max(0, i - 3), i))

    for ent in doc.ents:
        if ent.label_ not in ENTITY_LABELS:
            continue
        s, e = ent.start_char, ent.end_char
        if overlaps(s, e):
            continue
        state = place_name(ent.text)
        if state:
            out.append(Mention((s, e), state, "place"))
        elif ent.label_ in ("GPE", "LOC", "FAC"):
            out.append(Mention((s, e), clean_name(ent.text), "place"))
        elif ent.label_ in ("ORG", "PRODUCT"):
            out.append(Mention((s, e), clean_name(ent.text), "organisation"))
        # NORP not naming a state ("Western", "Democrats") and unresolved PERSON: left out
    # a state's name or demonym the recogniser missed ("the Kremlin", "Russian")
    in_ents = {t.i for ent in doc.ents for t in ent}
    table = places()
    lower = doc.to_array([LOWER])
    for i in numpy.nonzero(numpy.isin(lower, _place_hashes(doc.vocab)))[0]:
        tok = doc[int(i)]
        if tok.i in in_ents or not tok.text[:1].isupper() or tok.pos_ not in ("PROPN", "ADJ", "NOUN"):
            continue
        state = table.get(norm(tok.text))
        if state and not overlaps(tok.idx, tok.idx + len(tok.text)):
            out.append(Mention((tok.idx, tok.idx + len(tok.text)), state, "place"))
    out.sort(key=lambda m: m.span)
    return Mentions(out)


def mentions_within(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """The mentions lying inside ``[start, end)`` (``mentions`` sorted by position)."""
    starts = mentions.starts if isinstance(mentions, Mentions) else [m.span[0] for m in mentions]
    i = bisect_left(starts, start)
    out = []
    while i < len(mentions) and mentions[i].span[0] < end:
        if mentions[i].span[1] <= end:
            out.append(mentions[i])
        i += 1
    return out


def entity_at(mentions: list[Mention], span: Span) -> Optional[Mention]:
    """The mention that overlaps ``span`` most, if any."""
    best, size = None, 0
    for m in mentions_within(mentions, span[0] - 200, span[1] + 200):
        o = min(m.span[1], span[1]) - max(m.span[0], span[0])
        if o > size:
            best, size = m, o
    return best
