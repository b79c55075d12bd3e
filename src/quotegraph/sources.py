"""Speakers that are not people by name: documents, organisations by description,
relative pronouns and "it".

Used by ``speakers.Resolver`` (passed in as ``res``); each function gives an entity
index or None (an unnamed speaker stays unnamed):

- a *document* speaker ("the report", "a statement", "the suit", "the editorial")
  is the body that issued it: its possessor or name ("the Quinnipiac poll",
  "Oxfam's report"), "by/from X" ("a report released by the Audit Office"), else
  the one an earlier sentence says made it ("The Trust published a study. The
  study found ...": the Trust; "Diaz filed a suit");
- an organisation by *description* ("the newspaper", "the commission") is an
  organisation of the article whose name says so ("the Harbour Gazette", "the
  ballot commission"), else the latest organisation named;
- "it" is an organisation or a document, never a person; "which"/"who" is the
  noun it hangs on ("Greenpeace, which said ...").
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Token

from .entities import place_name
from .groups import group, organisations
from .kinds import kind_words
from .lexicons import lexicon
from .names import name_end_words, name_tokens
from .nlp import sentence
from .orgs import new_entity, owned_organisation, same_organisation

NEWS_NOUNS = {"newspaper", "paper", "daily", "tabloid", "magazine", "outlet", "network", "station",
              "channel", "broadcaster", "publication", "weekly", "editors", "editor"}
ISSUE_VERBS = {"publish", "release", "issue", "file", "bring", "send", "write", "sign", "run", "post",
               "produce", "commission", "conduct", "launch", "submit", "pen", "draft", "prepare", "put",
               "unveil", "circulate", "air", "broadcast", "lodge"}
RELATIVE = {"which", "who", "that"}
LEGAL = {"complaint", "suit", "lawsuit", "filing", "petition", "motion"}  # made by whoever sues
OUTLETS = {"website", "site", "page", "account", "feed", "blog", "channel"}  # where a body posts its documents
POLLS = {"poll", "survey"}  # named after whoever made them, whatever the recogniser says ("a Quinnipiac poll")
NOT_MAKERS = ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY")
NEWS_PIECES = {"editorial", "column", "op-ed", "leader", "cover", "headline", "article", "story"}


def is_document(tok: Token) -> bool:
    """A noun naming a document or a written piece ("report", "poll", "statement", "letter")."""
    words = kind_words()
    lemma = tok.lemma_.lower()
    return tok.pos_ == "NOUN" and (("source", lemma) in words or ("medium", lemma) in words
                                   or lemma in ("ad", "advertisement", "commercial", "editorial", "opinion"))


def _entity_of(res, tok: Token) -> Optional[int]:
    """The entity a token names (itself or a name inside its phrase), if any: "his campaign"
    is the campaign's, "the two agencies" the agencies named together before, "the
    department's inspector general" the person the article gives that role, "the campaign's
    website" the campaign."""
    if tok.i in res.by_token:
        return res.by_token[tok.i]
    if (holder := _role_holder(res, tok)) is not None:
        return holder
    if tok.lemma_.lower() in OUTLETS and (owner := next((c for c in tok.children if c.dep_ == "poss"), None)):
        return _entity_of(res, owner)
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in lexicon("org_nouns.txt"):
        found = organisations(res, tok) if tok.tag_ == "NNS" else owned_organisation(res, tok)
        if found is not None:
            return found
    for t in tok.subtree:
        if t.i in res.by_token and t.dep_ in ("compound", "poss", "appos") or t.i in res.by_token and t.head == tok:
            return res.by_token[t.i]
    return None


def _role_holder(res, tok: Token) -> Optional[int]:
    """The person an article gives the role a noun names ("the inspector general, Jo Lind"):
    the latest named before ``tok``, else the only one named after; None for a word that is
    no role or a role nobody is given."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "NOUN" or lemma not in lexicon("role_nouns.txt"):
        return None
    holders = [i for i, e in enumerate(res.entities) if e.kind == "person" and not e.members and lemma in e.roles]
    before = [(max(p for p in res.entities[i].positions if p < tok.i), i) for i in holders
              if any(p < tok.i for p in res.entities[i].positions)]
    if before:
        return max(before)[1]
    return holders[0] if len(holders) == 1 else None


def _maker_in_phrase(res, tok: Token) -> Optional[int]:
    """The issuer named inside a document's own phrase: possessor, name, "by/from X"."""
    for c in tok.children:
        if c.dep_ in ("poss", "compound", "nmod") and c.i in res.by_token:
            return res.by_token[c.i]
        if c.dep_ == "poss" and is_org_noun(res, c):
            return organisation_description(res, c)  # "the newspaper's editorial"
    if (words := _maker_name(res, tok)) is not None:
        return _named_maker(res, tok, words)
    for c in tok.children:
        preps = [c] if c.dep_ == "prep" else [g for g in c.children if g.dep_ in ("prep", "agent")] \
            if c.dep_ == "acl" else []
        for p in preps:
            if p.lower_ in ("by", "from", "of") or p.lower_ in ("on", "in") and \
                    any(o.lemma_.lower() in OUTLETS for o in p.children):  # "a notice on the club's website"
                for o in p.children:
                    if o.dep_ == "pobj" and (found := _entity_of(res, o)) is not None:
                        return found
    return None


def _maker_name(res, tok: Token) -> Optional[list[str]]:
    """The capitalised words before a document noun that name its maker when the recogniser
    missed them ("a Quinnipiac poll", "a fresh CNN-ORC survey"): no date, number or state
    ("Monday's poll", "a Texas study"); a word the recogniser takes for a place, a nationality
    or a law names only a poll's maker (its labels are unreliable on pollsters' names)."""
    mods = [c for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i]
    if not mods:
        return None
    toks = res.doc[min(t.i for m in mods for t in m.subtree):tok.i]
    labels = NOT_MAKERS + ("GPE", "LOC", "NORP", "LAW", "EVENT") if tok.lemma_.lower() not in POLLS else NOT_MAKERS
    if any(t.ent_type_ in labels for t in toks) or \
            not all(t.text[:1].isupper() or t.is_punct for t in toks):
        return None
    words = name_tokens(toks.text)
    return words if words and place_name(" ".join(words)) is None else None


def _named_maker(res, tok: Token, words: list[str]) -> int:
    """The organisation (or person) known by these name words, else one known by a longer name
    that an earlier document of the same kind bears and these words shorten ("the Q poll" after
    "the Quinnipiac poll"), else a new organisation."""
    for kind in ("organisation", "person"):
        if (found := res.match_name(words, kind, tok.i)) is not None:
            return found
    lemma = tok.lemma_.lower()
    for t in reversed(res.doc[:tok.i]):
        if t.lemma_.lower() == lemma and t.pos_ == "NOUN" and (longer := _maker_name(res, t)) and \
                longer != words and same_organisation(words, [longer]):
            return named_organisation(res, longer, t.i)
    return new_entity(res, "organisation", words)


def _maker_earlier(res, tok: Token, lo: Optional[int] = None, hi: Optional[int] = None) -> Optional[int]:
    """The entity an earlier sentence says made a document of the same name ("X published a study"),
    or the document's own clause ("X released a statement saying ..."); sentences from token
    ``lo`` (default: the window's start) to ``hi`` (default: the document's own sentence)."""
    doc = res.doc
    lemma = tok.lemma_.lower()
    lo = res.window_start(tok) if lo is None else lo
    for t in reversed(doc[lo:tok.i + 1 if hi is None else hi]):
        other = t.lemma_.lower()
        if lemma in LEGAL and other == "sue" and t.pos_ == "VERB":  # "Diaz sued the council. The complaint ..."
            subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
            if subj is not None and (found := _entity_of(res, subj)) is not None:
                return found
            continue
        if not (other == lemma or other.endswith(lemma) or lemma.endswith(other) or lemma in LEGAL and other in LEGAL) \
                or t.pos_ != "NOUN":
            continue  # "a lawsuit" ... "the suit", "a motion" ... "the filing"; a quotation's words count too
        found = _maker_in_phrase(res, t)
        if found is not None:
            return found
        verb = t.head
        if t.dep_ == "pobj" and verb.lower_ == "in" and verb.head.pos_ == "VERB":  # "X said in a statement"
            subj = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
            if subj is not None and (found := _entity_of(res, subj)) is not None:
                return found
        if t.dep_ in ("dobj", "nsubjpass") and verb.pos_ == "VERB" and verb.lemma_.lower() in ISSUE_VERBS:
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is None:
                subj = next((p for a in verb.children if a.dep_ == "agent" for p in a.children
                             if p.dep_ == "pobj"), None)
            if subj is not None and (found := _entity_of(res, subj)) is not None:
                members = [found] + [res.by_token[c.i] for c in subj.conjuncts if c.i in res.by_token]
                members = [m for m in dict.fromkeys(members) if res.entities[m].kind == "person"]
                return group(res, members, t.i) if len(members) >= 2 else found  # "A and B sent a letter"
    return None


def document_source(res, tok: Token) -> Optional[int]:
    """The body that issued a document speaker, else None (it stays unnamed); a piece of a
    newspaper ("the editorial") with no issuer of its own is the outlet's."""
    found = _maker_in_phrase(res, tok)
    if found is None:
        found = _maker_earlier(res, tok)
    if found is None and (lo := res.window_start(tok)) > 0:
        found = _maker_earlier(res, tok, 0, lo)  # a document named long before ("the joint statement")
    if found is None and tok.lemma_.lower() in NEWS_PIECES:
        found = _org_named_like(res, tok, "newspaper")
    return found


def _org_named_like(res, tok: Token, lemma: Optional[str] = None, later: bool = False) -> Optional[int]:
    """The organisation of the article that a description by type fits: its name holds the
    noun ("the commission"), or for a news noun it is an outlet (its name ends as an outlet's
    does, or a news noun stands in apposition to it: "the Union Leader, the state's largest
    newspaper"). The latest one named before, or with ``later`` the first one named after in
    the same sentence ("the committee's report, said the chair of the Science Committee")."""
    lemma = lemma or tok.lemma_.lower()
    ends = name_end_words()
    outlets = {res.by_token[t.head.i] for t in res.doc if t.dep_ == "appos" and t.lemma_.lower() in NEWS_NOUNS
               and t.head.i in res.by_token} if lemma in NEWS_NOUNS else set()
    hi = sentence(tok).end
    fits = []
    for i, e in enumerate(res.entities):
        if i in outlets and e.kind == "person" and not e.members:
            e.kind = "organisation"  # "the Harbour Ledger, the island's newspaper", tagged as a person
        if e.kind != "organisation" or not e.forms:
            continue
        words = {w.lower() for f in e.forms for w in f}
        at = [-p for p in e.positions if tok.i < p < hi] if later else [p for p in e.positions if p < tok.i]
        if not at:
            continue
        if lemma in words or lemma in NEWS_NOUNS and (i in outlets or any(ends.get(f[-1].lower()) == "news"
                                                                          for f in e.forms)):
            fits.append((max(at), i))
    return max(fits)[1] if fits else None


def proper_description(res, t: Token) -> Optional[list[str]]:
    """The words of a common noun described by a proper name before it ("a Manitoba utilities
    commission", "the Democrat convention committee"), else None; no date ("the May report")."""
    mods = [c for c in t.children if c.dep_ in ("compound", "amod", "nmod") and c.i < t.i]
    inside = [d for c in mods for d in c.subtree]
    if not any(d.pos_ == "PROPN" and d.text[:1].isupper() and d.ent_type_ not in NOT_MAKERS for d in inside):
        return None
    return name_tokens(res.doc[min(d.i for d in inside):t.i + 1].text)


def _described_before(res, tok: Token) -> Optional[tuple[int, int]]:
    """(position, organisation) of the latest earlier mention in the window of the same noun
    with a proper name before it ("a New Hampshire ballot commission ... the commission"),
    an organisation known by those words."""
    lemma = tok.lemma_.lower()
    for t in reversed(res.doc[res.window_start(tok):tok.i]):
        if t.lemma_.lower() == lemma and t.pos_ == "NOUN" and t.i not in res.in_quote and \
                t.i not in res.by_token and (words := proper_description(res, t)):
            return t.i, named_organisation(res, words, t.i)
    return None


def named_organisation(res, words: list[str], pos: int) -> int:
    """The organisation known by these name words, made if need be."""
    found = res.match_name(words, "organisation", pos)
    return found if found is not None else new_entity(res, "organisation", words)


def is_org_noun(res, tok: Token) -> bool:
    """A common noun that describes an organisation ("the newspaper", "the commission")."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in lexicon("org_nouns.txt")


def organisation_description(res, tok: Token) -> Optional[int]:
    """"the newspaper", "the commission", "the editorial board": the organisation it describes
    (named before, else described before by a name, else named later in its sentence), else
    the one its own words name ("the Democrat convention committee"), else the latest
    organisation named."""
    lemma = "newspaper" if any(c.lemma_.lower() in NEWS_PIECES for c in tok.children
                               if c.dep_ in ("compound", "amod")) else tok.lemma_.lower()
    found = _org_named_like(res, tok, lemma)
    described = _described_before(res, tok)
    if described is not None and (found is None or described[0] > max(p for p in res.entities[found].positions
                                                                         if p < tok.i)):
        return described[1]
    if found is None:
        found = _org_named_like(res, tok, lemma, later=True)
    if found is not None:
        return found
    if lemma in NEWS_NOUNS or tok.tag_ == "NNS":
        return None  # no outlet named, or several bodies: not the latest organisation whatever it is
    if (words := proper_description(res, tok)) is not None:
        return named_organisation(res, words, tok.i)  # "the Democrat convention committee"
    orgs = [(max([p for p in e.positions if p < tok.i], default=-1), i)
            for i, e in enumerate(res.entities) if e.kind == "organisation"]
    orgs = [o for o in orgs if o[0] >= 0]
    return max(orgs)[1] if orgs else None


def it_speaker(res, tok: Token, excluded: set[int]) -> Optional[int]:
    """"it said": the latest subject before it in the window that is an organisation or a
    document (then its issuer); never a person."""
    doc = res.doc
    for t in reversed(doc[res.window_start(tok):tok.i]):
        if t.dep_ not in ("nsubj", "nsubjpass") or t.i in res.in_quote:
            continue
        if t.i in res.by_token:
            idx = res.by_token[t.i]
            if res.entities[idx].kind == "organisation" and idx not in excluded:
                return idx
            if res.entities[idx].kind == "person":
                continue
        if is_document(t):
            return document_source(res, t)
        if is_org_noun(res, t):
            return organisation_description(res, t)
    return None


def relative_antecedent(tok: Token) -> Optional[Token]:
    """The noun a relative pronoun speaker stands for ("Greenpeace, which said ...")."""
    if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl" and tok.head.head.pos_ in ("NOUN", "PROPN"):
        return tok.head.head
    return None
