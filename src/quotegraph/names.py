"""Names: the words of a person's or organisation's name, and where the recogniser's names go wrong.

Plain helpers on spaCy spans and strings, used by ``speakers``:

* ``name_tokens``: the name words of a mention without titles, possessives or
  punctuation; ``fold`` for comparing them; ``same_first_name`` and
  ``misspelt_surname`` for loose matches (Sergey/Sergei, Keidis/Kiedis);
* ``extended``, ``without_cue_word``, ``missed_names``: names the recogniser cut
  short, read with a reporting verb, or missed;
* ``entity_kind``: person or organisation, correcting the recogniser's slips;
* ``headline``: whether a name stands in a title-case headline line;
* ``title_gender``, ``is_first_name``: gender and first names (gender-guesser).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Optional

import gender_guesser.detector
from rapidfuzz.distance import OSA, JaroWinkler
from spacy.attrs import ENT_TYPE, POS
from spacy.parts_of_speech import PROPN
from spacy.tokens import Doc, Span as SpacySpan

from .lexicons import cue_frames, data_lines, lexicon
from .record import Span

POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


@lru_cache(maxsize=1)
def gender_detector():
    return gender_guesser.detector.Detector(case_sensitive=False)


FIRST_NAME = ("male", "female", "mostly_male", "mostly_female")  # gender-guesser's answers for a known first name


@lru_cache(maxsize=None)
def name_end_words() -> dict[str, str]:
    """Last word of an organisation's name -> ``news`` or ``org`` (``data/media_words.txt``)."""
    out = {}
    for line in data_lines("media_words.txt"):
        word, what = line.split("\t")
        out[word.strip().lower()] = what.strip()
    return out


def is_organisation_name(words: list[str], after_the: bool = False) -> bool:
    """A name whose last word makes it an organisation's ("Harbour Gazette", "Lakeside Trust";
    one word only after "the": "the Gazette")."""
    return bool(words) and (len(words) >= 2 or after_the) and words[-1].lower() in name_end_words()


def is_first_name(word: str, strict: bool = False) -> bool:
    """Whether ``word`` is a known first name (``strict``: one used for one gender only)."""
    return gender_detector().get_gender(word) in (FIRST_NAME[:2] if strict else FIRST_NAME)


def load_name_list() -> None:
    """Read the first-name list (about a second) now, with the model, rather than
    inside the first article's extraction."""
    gender_detector()


def name_tokens(text: str) -> list[str]:
    """Name words without titles, possessives or punctuation ("Breitbart’s Joel Pollak" -> Joel Pollak)."""
    text = POSSESSIVE.sub("", text.strip())
    words = re.findall(r"[\w’'.-]+", text)
    owner = [k for k, w in enumerate(words[:-1]) if POSSESSIVE.search(w)]
    if owner:
        words = words[owner[-1] + 1:]
    titles = lexicon("titles.txt")
    # "Mr." -> Mr, but initials keep their dots: "George H.W. Bush", "John F. Kennedy"
    out = [w if re.fullmatch(r"(?:\w\.)+", w) else w.strip(".") for w in words]
    while len(out) > 1 and (out[0].lower().strip(".") in titles or out[0].lower() == "the"):
        out = out[1:]  # "President Obama" -> Obama, but "King" stays a name
        if len(out) > 2 and out[0] == "of":
            out = out[2:]  # "Secretary of State John Kerry"
    out = [w for w in out if w and w.lower() not in ("jr", "sr", "ii", "iii", "iv")]
    inner = [k for k, w in enumerate(out[:-1]) if k > 0 and w.lower().strip(".") in titles - {"the"}
             and w[:1].isupper()]
    if inner:  # "GOP Rep McCaul", "Attorney General Loretta Lynch": the name after the title
        out = out[inner[-1] + 1:]
    return out


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower().replace("’", "").replace("'", "")


def same_first_name(a: str, b: str) -> bool:
    """Loose first-name match: Sergey/Sergei, Bill/William is not attempted."""
    a, b = fold(a), fold(b)
    return a == b or (len(a) > 2 and len(b) > 2 and a[:3] == b[:3] and JaroWinkler.similarity(a, b) >= 0.85)


def misspelt_surname(a: str, b: str) -> bool:
    """Two folded surnames one typo apart ("Keidis" for Kiedis): same first letter,
    six letters or more, one edit or swap, and not a plural ("Clintons")."""
    return a != b and a[:1] == b[:1] and min(len(a), len(b)) >= 6 and a.rstrip("s") != b.rstrip("s") \
        and OSA.distance(a, b) <= 1


def extended(ent: SpacySpan) -> SpacySpan:
    """A person's name the recogniser cut short ("Jane [Doe]", "[Billie] Jean King"): taken
    on over the capitalised proper nouns right after it, and over a first name right before."""
    doc, start, end = ent.doc, ent.start, ent.end
    if ent.label_ != "PERSON":
        return ent
    while end < len(doc) and end - ent.start < 4 and doc[end].pos_ == "PROPN" and not doc[end].ent_type_ \
            and doc[end].text[:1].isupper() and doc[end - 1].whitespace_:
        end += 1
    if start > 0 and doc[start - 1].pos_ == "PROPN" and not doc[start - 1].ent_type_ and doc[start - 1].whitespace_ \
            and doc[start - 1].text[:1].isupper() and not doc[start - 1].is_sent_start \
            and is_first_name(doc[start - 1].text):
        start -= 1
    return ent if (start, end) == (ent.start, ent.end) else SpacySpan(doc, start, end, label="PERSON")


IRREGULAR_PAST = {"said": "say", "told": "tell", "wrote": "write"}  # of the reporting verbs


def without_cue_word(ent: SpacySpan) -> SpacySpan:
    """An inverted attribution the recogniser read as a name ("Stated Stone:", "Added Jones")
    loses its reporting verb."""
    first = ent[0]
    if len(ent) < 2 or not first.is_sent_start or not first.lower_.endswith(("ed", *IRREGULAR_PAST)):
        return ent
    word = first.lower_
    stems = {word, word[:-1], word[:-2], IRREGULAR_PAST.get(word, "")}
    if any("quote" in cue_frames().get(w, ()) for w in stems):
        return SpacySpan(ent.doc, ent.start + 1, ent.end, label=ent.label_)
    return ent


PLACE_PREPS = {"in", "across", "near", "throughout", "outside", "around"}  # before a place's name


def _qualifies_noun(e: SpacySpan) -> bool:
    """A one-word name right before a lower-case common noun of its phrase ("Brexit
    referendum"), with no title before it and no possessive after it."""
    doc = e.doc
    if e.end >= len(doc) or e.start > 0 and doc[e.start - 1].lower_.rstrip(".") in lexicon("titles.txt"):
        return False
    nxt = doc[e.end]
    return nxt.tag_ in ("NN", "NNS") and nxt.text.islower() and \
        nxt.lemma_ not in lexicon("role_nouns.txt") and nxt.lemma_ not in lexicon("org_nouns.txt")


def place_words(doc: Doc) -> set[str]:
    """One-word names that stand for a place or event in this article: tagged as one (GPE, LOC,
    FAC, EVENT: "Brexit") or after a preposition of place ("in Kent", "across Riverside") at
    least as often as tagged as a person; also a word "tagged as a person" only where it
    qualifies a common noun ("the Brexit referendum", "a Benghazi hearing"), with no title."""
    votes: dict[str, int] = {}
    named: dict[str, bool] = {}  # a word tagged as a person: whether it ever names one alone
    for e in doc.ents:
        if len(e) != 1 or e.label_ not in ("GPE", "LOC", "FAC", "EVENT", "PERSON"):
            continue
        place = e.label_ != "PERSON" or e.root.dep_ == "pobj" and e.root.head.lower_ in PLACE_PREPS
        votes[e.text] = votes.get(e.text, 0) + (1 if place else -1)
        if e.label_ == "PERSON":
            named[e.text] = named.get(e.text, False) or not _qualifies_noun(e)
    return {w for w, v in votes.items() if v >= 0} | {w for w, alone in named.items() if not alone}


def entity_kind(ent: SpacySpan, places: frozenset[str] = frozenset()) -> Optional[str]:
    """"person" or "organisation" for a recognised name, correcting common recogniser slips;
    None for no name at all ("Exclusive Excerpt") or a place taken for a person (one word of
    ``places``: "Kent had a wet summer")."""
    if ent.label_ == "PERSON":
        words = name_tokens(ent.text)
        if len(words) == 1 and words[0] in places and not title_gender(ent):
            return None
        start = capitalised_start(ent)
        after_the = start > 0 and ent.doc[start - 1].lower_ == "the" or ent[0].lower_ == "the"
        if is_organisation_name(words, after_the) and not is_first_name(words[0], strict=True):
            return "organisation"  # "The Harbour Gazette", "Lakeside Trust"
        return None if ent[0].pos_ == "ADJ" and not is_first_name(ent[0].text) else "person"
    if any(c.dep_ == "appos" and c.lemma_.lower() in lexicon("role_nouns.txt") and c.text.islower()
           and c.lemma_.lower() not in lexicon("org_nouns.txt") for c in ent.root.children):
        return "person"  # "Ito, the party chairman, said": a person tagged as an organisation
    words = [t for t in ent if t.tag_ != "POS"]
    if 2 <= len(words) <= 3 and is_first_name(ent[0].text, strict=True) \
            and all(t.text[:1].isupper() and t.tag_ in ("NNP", "NN") for t in words) \
            and not any(t.lower_ in lexicon("org_nouns.txt") for t in words):
        return "person"  # "Dinesh D’Souza" tagged as an organisation
    return "organisation"


def headline(text: str, ent: SpacySpan) -> bool:
    """Whether a name stands in a title-case line (a headline): one without final punctuation,
    or the first line of the text, which may end in a full stop ("Mayor Backs Plan.")."""
    start = text.rfind("\n", 0, ent.start_char) + 1
    end = text.find("\n", ent.start_char)
    return _title_case_line(text[start:end if end >= 0 else len(text)].strip(), not text[:start].strip())


SMALL_WORDS = frozenset("a an the of to in for on and or at by with from as vs".split())


@lru_cache(maxsize=4096)
def _title_case_line(line: str, first: bool = False) -> bool:
    """Most words capitalised, no final punctuation; or, for the text's first line closed by a
    full stop, every word but the small ones ("Mayor Backs Plan For Bridge.", not "Tom Reed
    met Ann Poole.")."""
    words = re.findall(r"[A-Za-z][\w’'-]*", line)
    if len(words) < 4 or line.endswith(("?", "!", "\"", "”", "'", "’", ":")):
        return False
    if line.endswith("."):
        return first and all(w[0].isupper() for w in words if w.lower() not in SMALL_WORDS)
    return sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def capitalised_start(ent: SpacySpan) -> int:
    """Where a name starts counting the capitalised proper nouns the recogniser left out
    before it ("The [Harbour] Gazette")."""
    start = ent.start
    while start > 0 and ent.doc[start - 1].pos_ == "PROPN" and not ent.doc[start - 1].ent_type_ \
            and ent.doc[start - 1].text[:1].isupper() and not ent.doc[start - 1].is_sent_start:
        start -= 1
    return start


def missed_names(doc: Doc) -> list[SpacySpan]:
    """Names the entity recogniser missed: two or three proper nouns in a row,
    outside any entity, starting with a known first name ("Carly Fiorina:")."""
    pos_ent = doc.to_array([POS, ENT_TYPE])  # one pass in C, not a Token object per word
    out = []
    run: list[int] = []
    for i in [*((pos_ent[:, 0] == PROPN) & (pos_ent[:, 1] == 0)).nonzero()[0].tolist(), -2]:
        if run and i != run[-1] + 1 or i >= 0 and not doc[i].text[:1].isupper():
            if 2 <= len(run) <= 3 and is_first_name(doc[run[0]].text):
                out.append(SpacySpan(doc, run[0], run[-1] + 1, label="PERSON"))
            run = []
        if i >= 0 and doc[i].text[:1].isupper():
            run.append(i)
    return out

def title_gender(ent) -> Optional[str]:
    """"m" or "f" from a title just before or at the start of a name (Mr, Mrs, Ms, Sir, ...);
    ``ent`` is a spaCy span or a list of tokens."""
    if not len(ent):
        return None
    first = ent[0]
    words = [first.nbor(-1).lower_.strip(".")] if first.i > 0 else []
    words.append(first.lower_.strip("."))
    if any(w in ("mr", "sir", "lord") for w in words):
        return "m"
    if any(w in ("mrs", "ms", "miss", "dame", "lady") for w in words):
        return "f"
    return None


@dataclass
class Entity:
    """A person or organisation of one article, built up mention by mention."""

    kind: str
    forms: list[list[str]] = field(default_factory=list)  # name words of each named mention
    mentions: list[Span] = field(default_factory=list)
    positions: list[int] = field(default_factory=list)  # token index of each mention
    subject_positions: set[int] = field(default_factory=set)
    pronoun_positions: list[int] = field(default_factory=list)  # "he", "she" resolved to this person
    roles: set[str] = field(default_factory=set)
    occupations: set[str] = field(default_factory=set)  # "a farmer": what the person is by trade
    gender: Optional[str] = None
    weak_gender: Optional[str] = None  # from a first name that is only mostly one gender
    members: list[int] = field(default_factory=list)

    @property
    def name(self) -> str:
        best = max(self.forms, key=lambda f: (len(f), -self.forms.index(f))) if self.forms else []
        return " ".join(best)

    @property
    def surname(self) -> str:
        return fold(self.forms[0][-1]) if self.forms else ""

    def add(self, span: Span, pos: int, subject: bool) -> None:
        if span not in self.mentions:
            self.mentions.append(span)
            self.positions.append(pos)
        if subject:
            self.subject_positions.add(pos)
