"""Speakers: resolve each speaker mention to a person, organisation or group.

Evidence comes from the article alone:

* names: PERSON entities cluster into people by surname, with first names
  compared loosely so transliterations meet (Sergey/Sergei); titles (Mr, Dr,
  President) are dropped; the canonical name is the fullest proper-name form;
* pronouns: the nearest earlier person of compatible gender and number,
  preferring subjects and earlier speakers;
* descriptions ("the Foreign Secretary", "the Russian foreign minister"):
  roles stated next to a name (apposition, title before a name), else the
  most salient recent person who is not excluded by the sentence;
* groups ("both men", "they"): the coordinated or most recent pair of people.

Mentions inside captions and other non-prose regions are never used.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional, Union

from spacy.tokens import Doc, Span as SpacySpan, Token

from . import groups, salience
from .cue_syntax import np_span
from .found import Attribution
from .lexicons import data_lines, is_cue_verb, lexicon
from .clean import inside
from .mentions import MentionResolver
from .groups import GROUP_WORDS, PLURAL
from .names import (PLACE_PREPS, POSSESSIVE, Entity, capitalised_start, entity_kind, extended, fold,
                    gender_detector, headline, is_first_name, load_name_list, missed_names, misspelt_surname,
                    name_tokens, place_words, same_first_name, title_gender, without_cue_word)
from .orgs import (bare_name, entity_words, generic_name, new_entity, organisation_extended, owned_organisation,
                   same_organisation)
from .nlp import doc_text, sentence, sentence_number, sentence_table
from .pronouns import FIRST as FIRST_PERSON
from .record import Person, Region, Span
from .sources import (NEWS_NOUNS, document_source, is_document, it_speaker, named_organisation,
                      organisation_description, proper_description, relative_antecedent)

__all__ = ["Entity", "Resolver", "resolve_speakers", "load_name_list", "name_tokens", "same_first_name",
           "GROUP_WORDS"]

MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
AGE = re.compile(r"\b\d+-year-old$")
NOT_OFFICES = lexicon("not_offices.txt")  # titles that are no office of state
ABBREVIATED = dict(line.split("\t") for line in data_lines("title_abbreviations.tsv"))  # "gov" -> "governor"
WINDOW_SENTS = 6  # how far back a pronoun or description looks


def _names_head(t: Token, head: Token) -> bool:
    """Whether a name inside a speaker phrase names the speaker itself, not a
    possessor ("Clinton’s right-hand woman") or someone in a relative clause."""
    cur = t
    while cur.i != head.i:
        if cur.dep_ in ("poss", "relcl", "acl", "prep", "pobj") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return True



def _is_description(tok: Token) -> bool:
    """A definite description by role: "the Foreign Secretary", "the senator"; not the name of
    an organisation that ends in a role word ("the Philippine Star", "the Morning Star")."""
    return tok.lemma_.lower() in lexicon("role_nouns.txt") and tok.tag_ in ("NN", "NNP") and \
        any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children) and \
        not _named_organisation(tok)


def _named_organisation(tok: Token) -> bool:
    """A capitalised role word that the recogniser put in an organisation's name together
    with a capitalised word before it, and that is no office ("Secretary", "Leader" are)."""
    return tok.text[:1].isupper() and tok.ent_type_ in ("ORG", "FAC", "WORK_OF_ART", "PRODUCT") and \
        tok.lemma_.lower() not in lexicon("titles.txt") and \
        any(c.dep_ in ("compound", "amod") and c.text[:1].isupper() and c.ent_type_ == tok.ent_type_
            for c in tok.children)


def _salient_subject(tok: Token) -> bool:
    """The subject of a main clause or of a reporting verb (not of a relative clause), or a
    name in apposition to one ("The candidate's wife, Ann Poole, brought ...")."""
    if tok.dep_ == "appos" and tok.head.dep_ in ("nsubj", "nsubjpass") and 0 < tok.i - tok.head.i <= 4:
        tok = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    head = tok.head
    return head.dep_ == "ROOT" or head.dep_ == "conj" and head.head.dep_ == "ROOT" or is_cue_verb(head)


def mention_role(tok: Token) -> str:
    """The dependency label of the phrase a mention starts ("Justice" in "Justice Kay said": nsubj)."""
    while tok.dep_ in ("compound", "flat", "amod", "nmod") and tok.head.i > tok.i:
        tok = tok.head
    return tok.dep_


class Resolver:
    """Holds the entities of one doc and resolves speaker mentions against them."""

    def __init__(self, doc: Doc, regions: list[Region], quoted: list[Span] = ()):
        self.doc = doc
        self.regions = regions
        self.in_quote: set[int] = set()  # tokens inside quotation marks: not narrative mentions
        for s0, s1 in quoted:
            sp = doc.char_span(s0, s1, alignment_mode="contract")
            if sp is not None:
                self.in_quote.update(range(sp.start, sp.end))
        self.entities: list[Entity] = []
        self.by_token: dict[int, int] = {}  # token index -> entity index
        self.groups: list[tuple[int, int]] = []  # (token position, group entity index)
        self.desc_done: dict[int, int] = {}  # description token -> the person it was given
        self.speaker_toks: set[int] = set()  # speaker mentions, resolved by ``resolve``, not ``advance``
        self._chain_next = 0  # the first token ``advance`` has not looked at
        self._collect_names()

    # -------------------------------------------------- names
    def _prose(self, start: int, end: int) -> bool:
        return not inside(self.regions, start, end)

    def _collect_names(self) -> None:
        doc = self.doc
        ents = [organisation_extended(extended(without_cue_word(e))) for e in doc.ents
                if e.label_ in ("PERSON", "ORG")]
        ents = [e for e in ents if self._prose(e.start_char, e.end_char)]
        ents += [e for e in missed_names(doc) if self._prose(e.start_char, e.end_char)]
        # longest names first, so that "Lavrov" finds "Sergey Lavrov" wherever it stands; names in
        # headlines last, so that they can be checked against the prose's
        text = doc_text(doc)
        in_headline = {(e.start, e.end): headline(text, e) for e in ents}
        places = frozenset(place_words(doc))
        # and people before organisations, so that a surname tagged as an organisation finds its person
        order = sorted(ents, key=lambda e: (in_headline[e.start, e.end], -len(name_tokens(e.text)),
                                            e.label_ != "PERSON", e.start))
        for ent in order:
            words = entity_words(ent)
            if not words or _is_description(ent.root) or not any(w[:1].isupper() for w in words):
                continue  # "the navy", "next": no name
            if ent.label_ == "PERSON" and all(w.lower() in lexicon("role_nouns.txt") for w in words):
                continue  # "Foreign Secretary" tagged as a person
            kind = entity_kind(ent, places)
            if kind is None:
                continue
            if in_headline[ent.start, ent.end]:
                ent = self._headline_name(ent, words, kind)  # "Donald Trump Rampages": Donald Trump
                if ent is None:
                    continue
                words = name_tokens(ent.text)
            if kind == "organisation" and ent.label_ == "PERSON" and capitalised_start(ent) < ent.start:
                ent = SpacySpan(doc, capitalised_start(ent), ent.end, label="ORG")
                words = name_tokens(ent.text)
            idx = self._first_name_before(ent, words) if kind == "person" else None
            if idx is None:
                idx = self.match_name(words, kind, ent.start, title_gender(ent))
            if idx is None and kind == "organisation":
                idx = self.match_name(words, "person", ent.start)  # "Trump" tagged as an organisation
                kind = "person" if idx is not None else kind
            if idx is None:
                self.entities.append(Entity(kind=kind))
                idx = len(self.entities) - 1
            ent_obj = self.entities[idx]
            if not (kind == "organisation" and ent_obj.forms and generic_name(words)):
                ent_obj.forms.append(words)  # "the Department" joins no other department
            head = ent.root
            ent_obj.add((ent.start_char, ent.end_char), ent.start, _salient_subject(head))
            for t in ent:
                self.by_token[t.i] = idx
            if kind == "person":
                self._learn(ent_obj, ent)
        self._missed_surnames()

    def _first_name_before(self, ent: SpacySpan, words: list[str]) -> Optional[int]:
        """The one person named in full whose first name stands right before a lone surname
        that the recogniser cut off ("[Lucas] Ferro", with Lucas Ferro and Ana Ferro named)."""
        if len(words) != 1 or ent.start == 0 or not self.doc[ent.start - 1].text[:1].isupper():
            return None
        first, last = fold(self.doc[ent.start - 1].text), fold(words[0])
        found = [i for i, e in enumerate(self.entities) if e.kind == "person" and not e.members
                 and any(len(f) > 1 and fold(f[-2]) == first and fold(f[-1]) == last for f in e.forms)]
        return found[0] if len(found) == 1 else None

    def _missed_surnames(self) -> None:
        """A lone proper noun the recogniser missed ("Podliska’s lawsuit") that is the surname of
        a person named in full in the article is a mention of that person (the one named
        last, if several share it); also one tagged as a place, if the article never puts it
        after a preposition of place ("in Podliska")."""
        doc = self.doc
        people: dict[str, list[int]] = {}
        for i, e in enumerate(self.entities):
            if e.kind == "person" and not e.members and any(len(f) > 1 for f in e.forms):
                people.setdefault(e.surname, []).append(i)
        if not people:
            return
        places = {fold(t.text) for t in doc if t.i and doc[t.i - 1].lower_ in PLACE_PREPS
                  and not (t.i + 1 < len(doc) and doc[t.i + 1].tag_ == "POS")}  # "in Podliska’s suit": no place
        for t in doc:
            if t.i in self.by_token or t.pos_ != "PROPN" or not t.text[:1].isupper() \
                    or fold(t.text) not in people or not self._prose(t.idx, t.idx + len(t)):
                continue
            if t.ent_type_ and (t.ent_type_ not in ("GPE", "LOC", "FAC") or fold(t.text) in places
                                or t.ent_iob_ != "B" or t.i + 1 < len(doc) and doc[t.i + 1].ent_iob_ == "I"):
                continue
            if any(n.pos_ == "PROPN" and n.text[:1].isupper() and not n.is_sent_start
                   and n.lower_.strip(".") not in lexicon("titles.txt")
                   for n in (doc[t.i - 1] if t.i else None, doc[t.i + 1] if t.i + 1 < len(doc) else None) if n):
                continue  # part of a longer name ("Podliska Street")
            if t.dep_ in ("compound", "amod") and t.head.pos_ == "NOUN":
                continue  # qualifies a noun ("Podliska supporters"): not the person
            gender = title_gender(doc[t.i:t.i + 1])  # "Mr Marlow", of Bill and Helen Marlow
            found = [i for i in people[fold(t.text)] if not gender or self.entities[i].gender in (None, gender)]
            if not found:
                continue
            idx = max(found, key=lambda i: max([p for p in self.entities[i].positions if p < t.i], default=-1))
            self.entities[idx].add((t.idx, t.idx + len(t)), t.i, _salient_subject(t))
            self.by_token[t.i] = idx

    def _headline_name(self, ent: SpacySpan, words: list[str], kind: str) -> Optional[SpacySpan]:
        """A name in a title-case headline, cut to the longest start of it that names someone
        of the prose ("Clinton Needs" -> Clinton); else the name itself where punctuation
        closes it ("Ann Coulter: ..."), else None."""
        for k in range(len(words), 0, -1):
            if self.match_name(words[:k], kind, ent.start) is not None:
                ends = [t.i for t in ent if t.text.strip(".’'s") == words[k - 1].strip(".’'s")]
                return SpacySpan(self.doc, ent.start, ends[0] + 1, label=ent.label_) if ends else ent
        after = self.doc[ent.end] if ent.end < len(self.doc) else None
        closed = after is None or after.is_punct or after.tag_ == "POS" or "\n" in ent[-1].whitespace_ + after.text
        return ent if closed and kind == "person" and 2 <= len(words) <= 3 and is_first_name(words[0]) else None

    def match_name(self, words: list[str], kind: str, pos: int, gender: Optional[str] = None) -> Optional[int]:
        last = fold(words[-1])
        found = []
        for i, e in enumerate(self.entities):
            if e.kind != kind or (gender and e.gender and e.gender != gender):
                continue
            if kind == "organisation":
                if same_organisation(words, e.forms):
                    found.append(i)
                continue
            if e.surname == last:
                first = e.forms[0][0]
                if len(words) == 1 or len(e.forms[0]) == 1 or same_first_name(words[0], first):
                    found.append(i)
            elif len(words) == 1 and any(fold(f[0]) == last for f in e.forms if len(f) > 1):
                found.append(i)  # a first name alone: "Boris"
        if not found and kind == "person" and len(words) == 1:
            found = [i for i, e in enumerate(self.entities) if e.kind == "person" and len(e.forms[0]) > 1
                     and misspelt_surname(e.surname, last)]
            found = found if len(found) == 1 else []
        if not found:
            return None
        if len(found) == 1:
            return found[0]
        # several people share the surname: the one mentioned most recently before
        return max(found, key=lambda i: max([p for p in self.entities[i].positions if p < pos], default=-1))

    def _learn(self, ent_obj: Entity, ent) -> None:
        """Gender from titles and first names; roles from titles and appositions."""
        doc = self.doc
        if ent_obj.gender is None:
            ent_obj.gender = title_gender(ent)
            if ent_obj.gender is None:
                first = name_tokens(ent.text)
                if len(first) > 1:
                    g = gender_detector().get_gender(first[0])
                    ent_obj.gender = {"male": "m", "female": "f"}.get(g)
                    ent_obj.weak_gender = {"mostly_male": "m", "mostly_female": "f"}.get(g, ent_obj.gender)
        head = ent.root
        roles = lexicon("role_nouns.txt")
        # a title inside the name: "Judge Berman", "Senator Jo Doe"
        ent_obj.roles.update(t.lower_ for t in ent[:-1] if t.lower_ in roles)
        # title words before the name: "Foreign Secretary Boris Johnson", "Russian Foreign Minister Sergei Lavrov"
        i = ent.start - 1
        while i >= 0 and doc[i].dep_ in ("compound", "amod", "nmod") and doc[i].head.i in range(ent.start, ent.end + 1):
            ent_obj.roles.add(doc[i].lemma_.lower())
            i -= 1
        for c in head.children:
            if c.dep_ == "appos" and c.pos_ == "NOUN":
                ent_obj.roles.update(t.lemma_.lower() for t in c.subtree if t.pos_ in ("NOUN", "ADJ", "PROPN"))
                if any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in c.children):
                    ent_obj.occupations.add(c.lemma_.lower())  # "Ann Porter, a local farmer"
        if head.dep_ == "appos" and head.head.pos_ == "NOUN" and head.head.lemma_.lower() in roles:
            ent_obj.roles.update(t.lemma_.lower() for t in head.head.subtree
                                 if t.pos_ in ("NOUN", "ADJ") and t.i < ent.start)
        # "X is the foreign secretary"
        if head.dep_ == "nsubj" and head.head.lemma_ == "be":
            for c in head.head.children:
                if c.dep_ == "attr" and c.pos_ == "NOUN":
                    ent_obj.roles.update(t.lemma_.lower() for t in c.subtree if t.pos_ in ("NOUN", "ADJ"))

    # -------------------------------------------------- resolution
    def resolve(self, att: Attribution) -> Optional[int]:
        """Entity index of an attribution's speaker, or None (unnamed or unresolved)."""
        if att.speaker_tok is None:
            return None
        doc = self.doc
        tok = doc[att.speaker_tok]
        span = att.speaker
        if span is None or not self._prose(*span):
            return None
        subject = True  # a speaker is as salient as a main-clause subject
        if (antecedent := relative_antecedent(tok)) is not None:  # "Greenpeace, which said"
            tok, span = antecedent, np_span(antecedent)
        low = tok.lower_
        idx: Optional[int] = None
        named = sorted({self.by_token[t.i] for t in self.np_tokens(span)
                        if t.i in self.by_token and _names_head(t, tok)})
        persons = [i for i in named if self.entities[i].kind == "person"]
        orgs = [i for i in named if self.entities[i].kind == "organisation"]
        if (len(persons) >= 2 or len(orgs) >= 2 and not persons) and \
                any(t.dep_ == "conj" for t in self.np_tokens(span)):
            idx = groups.group(self, persons if len(persons) >= 2 else orgs, tok.i)  # "A and B said"
        elif (tok.i not in self.by_token or self.entities[self.by_token[tok.i]].kind != "person") and \
                (appos := [self.by_token[c.i] for c in tok.children if c.dep_ == "appos" and c.i in self.by_token
                           and self.entities[self.by_token[c.i]].kind == "person"]):
            idx = appos[0]  # "the mayor, Ann Poole, said"
        elif _is_description(tok) and (appos_name := self._appos_name(tok)) is not None:
            idx = appos_name  # "The Business Secretary, Kemi Adeyemi, urged": a name the recogniser missed
        elif is_document(tok):
            idx = document_source(self, tok)  # "the report": its issuer, else unnamed
        elif tok.lemma_.lower() in lexicon("org_nouns.txt") and tok.tag_ == "NNS" and \
                (org_group := groups.organisations(self, tok)) is not None:
            idx = org_group  # "the two unions", "the groups"
        elif tok.lemma_.lower() in lexicon("org_nouns.txt") and tok.pos_ != "PROPN" and tok.tag_ != "NNS" and \
                (owned := owned_organisation(self, tok, att)) is not None:
            idx = owned  # "his campaign", "Gowdy's office", "the Trump team"
        elif (tok.lemma_.lower() in lexicon("org_nouns.txt") and (tok.pos_ != "PROPN" or tok.is_lower)
              or tok.lower_ in NEWS_NOUNS) and \
                any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
            idx = organisation_description(self, tok)  # "the newspaper", "the influential US daily"
            if idx is None and any(c.dep_ in ("compound", "amod") and c.pos_ in ("PROPN", "ADJ") for c in tok.children):
                idx = new_entity(self, "organisation", name_tokens(doc_text(self.doc)[span[0]:span[1]]))
        elif _is_description(tok):
            idx = self._description(tok, att)
        elif AGE.search(doc_text(self.doc)[span[0]:span[1]]):
            idx = self._description(tok, att, "year-old")
        elif tok.i in self.by_token and self.entities[self.by_token[tok.i]].kind == "person":
            idx = self._namesake(tok, att, self.by_token[tok.i])
        elif persons:
            idx = persons[0]
        elif tok.pos_ in ("PROPN", "NOUN") and tok.text[:1].isupper() and \
                (surname := self.match_name([tok.text], "person", tok.i,
                                                                  title_gender(self.np_tokens(span)))) is not None:
            idx = surname  # a surname the NER took for an organisation
        elif named and tok.pos_ == "PROPN":
            idx = named[0]
        elif low in ("i", "me") and tok.i not in self.in_quote:
            idx = self._narrator()
        elif low in MALE or low in FEMALE:
            idx = self.pronoun(tok, "m" if low in MALE else "f", att)
        elif low == "it":
            idx = it_speaker(self, tok, self._excluded(att))  # an organisation or document, never a person
        elif low in PLURAL or low in GROUP_WORDS or any(t.lower_ in GROUP_WORDS for t in tok.children) or \
                tok.tag_ == "NNS" and tok.lemma_.lower() in lexicon("role_nouns.txt") and \
                any(c.dep_ == "det" and c.lower_ in ("the", "these") for c in tok.children):
            idx = groups.plural(self, tok, att)
        elif tok.pos_ == "PROPN" and tok.ent_type_ not in ("DATE", "TIME", "CARDINAL"):
            idx = bare_name(self, tok, span)
        elif tok.pos_ == "NOUN" and tok.tag_ == "NN":
            idx = self._description(tok, att)
            if idx is None and tok.lemma_.lower() in lexicon("org_nouns.txt") and \
                    any(c.dep_ in ("compound", "amod") and c.pos_ in ("PROPN", "ADJ") for c in tok.children):
                idx = new_entity(self, "organisation", name_tokens(doc_text(self.doc)[span[0]:span[1]]))  # "the Democratic convention committee"
            elif idx is None and tok.lemma_.lower() in lexicon("org_nouns.txt") and (words := proper_description(self, tok)):
                idx = named_organisation(self, words, tok.i)  # "a Manitoba utilities commission"
        if idx is None and tok.pos_ not in ("PRON", "NOUN"):
            idx = self._only_person_in(span)  # a misparsed speaker phrase ("Trump barked")
        if idx is not None:
            e = self.entities[idx]
            e.add(span, tok.i, subject)
            if e.kind == "person" and e.gender is None and (low in MALE or low in FEMALE):
                e.gender = e.weak_gender = "m" if low in MALE else "f"
        return idx

    def _namesake(self, tok: Token, att: Attribution, idx: int) -> int:
        """Of several people sharing a surname ("Clinton": Bill and Hillary), the one a lone
        surname means: the most salient earlier one (``salience``, as for a pronoun), never one
        named elsewhere in the same sentence ("Clinton said of Hillary Clinton"); the mention
        moves to that person. ``idx``: the person the name was first matched to."""
        e = self.entities[idx]
        mention = next(((s0, s1) for s0, s1 in e.mentions if s0 <= tok.idx < s1), None)
        words = name_tokens(doc_text(self.doc)[mention[0]:mention[1]]) if mention else []
        if len(words) != 1:
            return idx
        same = {i for i, o in enumerate(self.entities) if o.kind == "person" and not o.members and o.forms
                and any(len(f) > 1 for f in o.forms) and o.surname == fold(words[0])}
        if len(same) < 2:
            return idx
        here = {self.by_token[t.i] for t in sentence(tok) if t.i in self.by_token
                and not mention[0] <= t.idx < mention[1]}
        gender = title_gender(self.np_tokens(mention))
        cands = [c for c in self.candidates(tok, att, gender) if c[1] in same - here]
        best = salience.choose(self._salience_mentions(tok, cands), {}, None)
        if best is None and idx in here and len(same - here) == 1:
            best = next(iter(same - here))
        if best is None or best == idx:
            return idx
        k = e.mentions.index(mention)  # the mention moves to its person
        e.mentions.pop(k)
        pos = e.positions.pop(k)
        e.subject_positions.discard(pos)
        self.entities[best].add(mention, pos, _salient_subject(tok))
        for t in self.np_tokens(mention):
            if self.by_token.get(t.i) == idx:
                self.by_token[t.i] = best
        return best

    def _appos_name(self, tok: Token) -> Optional[int]:
        """The person named in apposition to a description, when the recogniser missed the name."""
        for c in tok.children:
            if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i not in self.by_token:
                span = np_span(c)
                words = name_tokens(doc_text(self.doc)[span[0]:span[1]])
                if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
                    idx = bare_name(self, c, span)
                    if idx is not None:
                        self.entities[idx].roles.add(tok.lemma_.lower())
                        self.entities[idx].add(span, c.i, True)
                    return idx
        return None

    def _only_person_in(self, span: Span) -> Optional[int]:
        """The one person named in a speaker phrase, not as a possessor."""
        doc = self.doc
        found = {self.by_token[t.i] for t in self.np_tokens(span) if t.i in self.by_token
                 and self.entities[self.by_token[t.i]].kind == "person" and t.dep_ != "poss"
                 and not (t.i + 1 < len(doc) and doc[t.i + 1].tag_ == "POS")}
        return found.pop() if len(found) == 1 else None

    def np_tokens(self, span: Span) -> list[Token]:
        sp = self.doc.char_span(span[0], span[1], alignment_mode="expand")
        return list(sp) if sp is not None else []

    def window_start(self, tok: Token) -> int:
        """First token of the sentence WINDOW_SENTS sentences before ``tok``'s."""
        starts, index = sentence_table(self.doc)
        return starts[max(0, index[tok.i] - WINDOW_SENTS)]

    def _excluded(self, att: Attribution) -> set[int]:
        """People mentioned inside the attribution's own content are not its speaker."""
        out = set()
        for s, e in att.parts:
            for t in self.np_tokens((s, e)):
                if t.i in self.by_token:
                    out.add(self.by_token[t.i])
        return out

    def candidates(self, tok: Token, att: Attribution, gender: Optional[str]) -> list[tuple[int, int, bool]]:
        """(position, entity, subject?) of earlier person mentions in the window, latest first."""
        self.advance(tok.i)
        lo = self.window_start(tok)
        excl = self._excluded(att) if att is not None else set()
        res = []
        for i, e in enumerate(self.entities):
            if e.kind != "person" or e.members or i in excl:
                continue
            if gender and e.gender and e.gender != gender:
                continue
            for p in e.positions + e.pronoun_positions:
                if lo <= p < tok.i and p not in self.in_quote and self.doc[p].lower_ not in FIRST_PERSON:
                    res.append((p, i, p in e.subject_positions))  # "I", the writer, is no "he"
        res.sort(reverse=True)
        return res

    def pronoun(self, tok: Token, gender: str, att: Optional[Attribution], exclude: set[int] = frozenset()
                ) -> Optional[int]:
        """The most salient earlier person of the pronoun's gender (``salience``), never one of
        ``exclude``."""
        cands = [c for c in self.candidates(tok, att, gender) if c[1] not in exclude]
        genders = {i: (self.entities[i].gender, self.entities[i].weak_gender) for _, i, _ in cands}
        return salience.choose(self._salience_mentions(tok, cands), genders, gender)

    def _salience_mentions(self, tok: Token, cands: list[tuple[int, int, bool]]) -> list[salience.Mention]:
        """The ``candidates`` of a mention at ``tok`` as ``salience`` weighs them."""
        here = sentence_number(tok)
        return [salience.Mention(p, i, here - sentence_number(self.doc[p]), subj, mention_role(self.doc[p]))
                for p, i, subj in cands]

    def advance(self, upto: int) -> None:
        """Resolve the subject pronouns ("he", "she") of the narrative before token ``upto`` that
        are no speaker's, in order, so that each is a mention of its person for the next one."""
        doc = self.doc
        while self._chain_next < upto:
            t = doc[self._chain_next]
            self._chain_next += 1
            low = t.lower_
            if (low in ("he", "she") and t.dep_ in ("nsubj", "nsubjpass") and t.i not in self.in_quote
                    and t.i not in self.speaker_toks and self._prose(t.idx, t.idx + len(t))):
                idx = self.pronoun(t, "m" if low == "he" else "f", None)
                if idx is not None:
                    e = self.entities[idx]
                    e.pronoun_positions.append(t.i)
                    if _salient_subject(t):
                        e.subject_positions.add(t.i)

    def _narrator(self) -> Optional[int]:
        """The writer of a first-person piece ("I said"): the byline's person, else the
        person named in the headline ("Ann Coulter: And Then ...", the most often named
        one if several), else unknown."""
        text = doc_text(self.doc)
        for r in self.regions:
            if r.kind == "byline":
                words = name_tokens(re.sub(r"^\s*(?:By|BY|Written by|Reporting by)\s+", "",
                                           text[r.span[0]:r.span[1]]).split(",")[0].split(" and ")[0])
                if len(words) >= 2:
                    found = self.match_name(words, "person", 0)
                    return found if found is not None else new_entity(self, "person", words)
        first = text.split("\n", 1)[0]
        if len(first.split()) <= 25:
            # people whose surname the headline holds (the recogniser often misses names there)
            words = {fold(POSSESSIVE.sub("", w.strip("."))) for w in re.findall(r"[\w’'.-]+", first)}
            found = sorted((i for i, e in enumerate(self.entities) if e.kind == "person" and e.forms
                            and len(e.forms[0]) > 1 and e.surname in words),
                           key=lambda i: -len(self.entities[i].positions))
            # several: the one the article names most ("Exclusive Excerpt–Jane Doe’s ...")
            if len(found) == 1 or len(found) > 1 and \
                    len(self.entities[found[0]].positions) > len(self.entities[found[1]].positions):
                return found[0]
        return None

    def _description(self, tok: Token, att: Attribution, lemma: Optional[str] = None) -> Optional[int]:
        det = [c for c in tok.children if c.dep_ in ("det", "poss")]
        owners = {self.by_token[c.i] for c in det if c.i in self.by_token}  # "Clinton’s aide" is not Clinton
        if lemma is None:
            lemma = tok.lemma_.lower()
            if not det or det[0].lower_ not in ("the", "this", "that", "his", "her", "their", "its") and not owners:
                return None
        mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("amod", "compound", "nmod")}
        if lemma in lexicon("org_nouns.txt"):
            return organisation_description(self, tok)
        if lemma not in lexicon("role_nouns.txt") and lemma != "year-old":
            return None
        # a role stated next to the name of a person mentioned recently
        lo = self.window_start(tok)
        best, best_score = None, (False, 0, -1)
        for i, e in enumerate(self.entities):
            if e.kind != "person" or lemma not in e.roles or i in owners:
                continue
            last = max([p for p in e.positions if p < tok.i], default=-1)
            score = (last >= lo, len(mods & e.roles), last)  # named recently first, then most alike
            if last >= 0 and score > best_score:
                best, best_score = i, score
        if best is not None:
            return best
        # the one person given that role later on ("the judge said ..." before "Judge Berman")
        later = [i for i, e in enumerate(self.entities) if e.kind == "person" and lemma in e.roles
                 and i not in owners and min(e.positions, default=-1) > tok.i]
        if len(later) == 1:
            return later[0]
        # otherwise the most salient recent person not ruled out by the sentence
        taken = {self.by_token[t.i] for t in sentence(tok) if t.i in self.by_token and t.i != tok.i
                 and t.dep_ in ("nsubj", "nsubjpass") and t.i > tok.i}
        taken |= self._same_sentence_descriptions(tok) | owners
        cands = self.candidates(tok, att, None)
        for p, i, _ in [c for c in cands if c[2]] + cands:  # salient people first
            if i not in taken and not self._holds_other_office(i, lemma):
                if mods:
                    self.entities[i].roles.update(mods | {lemma})
                else:
                    self.entities[i].roles.add(lemma)
                return i
        return None

    def _holds_other_office(self, i: int, lemma: str) -> bool:
        """Whether a person is known by a title that is another office than ``lemma`` ("the prime
        minister" is not the person introduced as "Senator ..."), or only by roles that are no
        office ("a farmer", "a spokesman")."""
        titles = lexicon("titles.txt")
        if lemma not in titles:
            return False
        roles = {ABBREVIATED.get(r.strip("."), r.strip(".")) for r in self.entities[i].roles}
        offices = roles & (titles - NOT_OFFICES)
        jobs = self.entities[i].occupations | (roles & lexicon("role_nouns.txt") - titles)
        if not offices and lemma not in NOT_OFFICES and jobs and lemma not in jobs:
            return not jobs & titles  # "Ann Porter, a farmer" is not "the prime minister"
        return bool(offices) and lemma not in offices

    def _same_sentence_descriptions(self, tok: Token) -> set[int]:
        """People already given to another description of the same sentence."""
        out = set()
        for t in sentence(tok):
            if t.i != tok.i and t.i in self.desc_done:
                out.add(self.desc_done[t.i])
        return out



@dataclass
class Resolution:
    """The speakers of one article: its people, (speaker_name, speaker_id) per attribution, and
    the resolver of its other mentions (for the graph layer)."""

    people: list[Person]
    speakers: list[tuple[Union[str, list[str], None], Optional[int]]]
    mentions: MentionResolver


def resolve_speakers(doc: Doc, atts: list[Attribution], regions: list[Region], quoted: list[Span] = ()
                     ) -> tuple[list[Person], list[tuple[Union[str, list[str], None], Optional[int]]]]:
    """People of the article, and (speaker_name, speaker_id) for each attribution."""
    found = resolve_article(doc, atts, regions, quoted)
    return found.people, found.speakers


def resolve_article(doc: Doc, atts: list[Attribution], regions: list[Region], quoted: list[Span] = ()
                    ) -> Resolution:
    """People of the article, (speaker_name, speaker_id) for each attribution, and a resolver
    for its other mentions. ``quoted`` spans (quotations) hold no antecedents for pronouns
    or descriptions."""
    res = Resolver(doc, regions, quoted)
    res.speaker_toks = {a.speaker_tok for a in atts if a.speaker_tok is not None}
    found: list[Optional[int]] = [None] * len(atts)
    by_mention: dict[int, Optional[int]] = {}
    order = sorted(range(len(atts)), key=lambda k: atts[k].speaker_tok if atts[k].speaker_tok is not None else -1)
    for k in order:  # in the order the speakers are mentioned, so antecedents come first
        att = atts[k]
        if att.speaker_tok in by_mention:
            found[k] = by_mention[att.speaker_tok]
            continue
        idx = res.resolve(att)
        if att.speaker_tok is not None:
            by_mention[att.speaker_tok] = idx
            if idx is not None and doc[att.speaker_tok].pos_ == "NOUN":
                res.desc_done[att.speaker_tok] = idx
        found[k] = idx
    # people: every named person or organisation mentioned in prose, and the groups that speak
    keep = [i for i, e in enumerate(res.entities) if e.forms or (e.members and i in found)]
    new_index = {old: new for new, old in enumerate(keep)}
    people = []
    for i in keep:
        e = res.entities[i]
        if e.members:
            names = [res.entities[m].name for m in e.members]
            people.append(Person(name=" and ".join(names), mentions=sorted(e.mentions), kind="group",
                                 members=[new_index[m] for m in e.members if m in new_index]))
        else:
            people.append(Person(name=e.name, mentions=sorted(e.mentions), kind=e.kind))
    mentions = MentionResolver(res, new_index)
    out = [(mentions.name_of(idx), new_index.get(idx)) if idx is not None else (None, None) for idx in found]
    return Resolution(people, out, mentions)
