"""Claims: quotes that state the same proposition, each asserting or denying it.

How a claim is matched:

* each quote's content becomes a set of *concepts*: its content words
  (nouns, verbs, adjectives, adverbs; no stop words, no reporting words such as
  "claims that"), each lemmatised by spaCy, stemmed by Snowball's English stemmer
  (``stems``: "interference" and "interfered" meet) and looked up in the editable synonym groups of
  ``data/claim_concepts.txt`` ("polls" and "elections" meet); names of people,
  organisations and places become their canonical entity ("Moscow" and
  "Russian" are both Russia, ``entities``);
* two quotes state the same claim when they share concepts weighing at least
  2 (an entity weighs 0.5, a word 1), at least one of them a predicate (a verb
  or an adjective in one of the two quotes: "interfered", "prepared"), so two
  quotes that merely mention the same things ("coat", "pockets") do not;
* claims are the connected groups of such pairs, within one article;
* the stance: a quote denies its proposition when its cue is a denial
  ("denied claims that ...") or its content is negated ("had not
  interfered"), not both; otherwise it asserts it. A claim with both stances
  is a contradiction.

Across articles, :func:`same_claim` compares two claims' texts with the same
concepts (from the words alone, without a parse); the store can call it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token

from .lexicons import data_lines, lexicon
from .entities import Mention, mentions_within, place_name
from .record import Claim, Quote
from .stems import stem

ENTITY_WEIGHT = 0.5
MIN_SHARED = 2.0
MIN_SHARE = 0.34  # ... and at least this share of the smaller quote's concepts
MIN_LINKED = 0.5  # a quote joins a claim that it matches at least half the members of
DENIALS = lexicon("denial_verbs.txt")  # shared with events.py
NEGATIONS = frozenset({"not", "n't", "never", "no", "nothing", "none", "neither", "nor", "nobody"})
# negations of a frame, not of the claim: "it is no secret that ...", "not only ..."
FRAME_NEGATIONS = frozenset({"secret", "doubt", "question", "wonder", "surprise", "accident", "coincidence",
                             "only", "just"})
REPORT_NOUNS = frozenset({"claim", "allegation", "report", "suggestion", "accusation", "charge", "rumour",
                          "rumor", "idea", "notion", "assertion", "assumption", "view"})
GENERIC = frozenset({"say", "be", "have", "do", "get", "make", "go", "come", "take", "give", "put", "think",
                     "know", "believe", "want", "see", "tell", "also", "just", "very", "really", "so", "well",
                     "now", "then", "there", "here", "way", "thing", "lot", "certainly", "still", "even",
                     "many", "much", "more", "most", "other", "such", "own", "same", "year", "time", "day"})
MAX_CLAIM_WORDS = 14


@lru_cache(maxsize=1)
def concept_groups() -> dict[str, str]:
    """Stemmed word -> the name of its group, from ``data/claim_concepts.txt``."""
    out: dict[str, str] = {}
    for line in data_lines("claim_concepts.txt"):
        words = [w.strip().lower() for w in line.split(",") if w.strip()]
        for w in words:
            out.setdefault(stem(w), words[0])
    return out


def concept(word: str) -> str:
    s = stem(word)
    return concept_groups().get(s, s)


@dataclass
class Proposition:
    """A quote's content as concepts, with its stance."""

    concepts: dict[str, float] = field(default_factory=dict)  # concept -> weight
    predicates: set[str] = field(default_factory=set)
    negated: set[str] = field(default_factory=set)  # concepts said not to hold ("had not interfered")
    denial: bool = False  # the cue denies ("denied claims that ...")
    stance: str = "asserts"  # of the whole content (any negation), for texts without a claim

    def stance_on(self, claim: set[str]) -> str:
        """The stance on a claim whose predicates are ``claim``: denied by the cue, or
        its predicate negated in the content (not both)."""
        return "denies" if self.denial != bool(self.negated & claim) else "asserts"

    @property
    def weight(self) -> float:
        return sum(self.concepts.values())


def _content_tokens(doc: Doc, q: Quote) -> list[Token]:
    toks: list[Token] = []
    for s, e in q.content_parts:
        sp = doc.char_span(s, e, alignment_mode="contract")
        if sp is not None:
            toks.extend(sp)
    # "claims that Moscow interfered": the proposition is what follows "that"
    for k, t in enumerate(toks[:4]):
        if t.lemma_.lower() in REPORT_NOUNS and k + 1 < len(toks) and toks[k + 1].lower_ == "that":
            return toks[k + 2:]
    return toks


def proposition(doc: Doc, q: Quote, mentions: list[Mention]) -> Proposition:
    """The concepts and stance of one quote."""
    p = Proposition()
    toks = _content_tokens(doc, q)
    if not toks:
        return p
    ents = mentions_within(mentions, toks[0].idx, toks[-1].idx + len(toks[-1].text))
    by_char = {}
    for m in ents:
        for c in range(m.span[0], m.span[1]):
            by_char[c] = m.name
    negations = 0
    for t in toks:
        if t.dep_ == "neg" or t.lower_ in NEGATIONS:
            after = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
            if after is None or after.lower_ not in FRAME_NEGATIONS:
                negations += 1
                # what is negated: the verb, its predicate adjective or noun ("was not safe")
                for x in [t.head, *t.head.children]:
                    if x.pos_ in ("VERB", "ADJ", "NOUN") and x.dep_ not in ("nsubj", "nsubjpass", "neg"):
                        p.negated.add(concept(x.lemma_.lower()))
            continue
        name = by_char.get(t.idx)
        if name is not None:
            p.concepts["@" + name] = ENTITY_WEIGHT
            continue
        if t.is_stop or not t.is_alpha or t.pos_ not in ("NOUN", "VERB", "ADJ", "ADV", "PROPN"):
            continue
        lemma = t.lemma_.lower()
        if lemma in GENERIC or len(lemma) < 3:
            continue
        c = concept(lemma)
        p.concepts[c] = 1.0
        if t.pos_ in ("VERB", "ADJ"):
            p.predicates.add(c)
    denial = q.cue is not None and any(
        t.lemma_.lower() in DENIALS for t in (doc.char_span(*q.cue, alignment_mode="expand") or []))
    p.denial = denial
    p.stance = "denies" if denial != (negations % 2 == 1) else "asserts"
    return p


def same_proposition(a: Proposition, b: Proposition) -> bool:
    """Do two quotes state the same claim (see the module's doc)?"""
    shared = a.concepts.keys() & b.concepts.keys()
    weight = sum(min(a.concepts[c], b.concepts[c]) for c in shared)
    smaller = min(a.weight, b.weight)
    return weight >= MIN_SHARED and weight >= MIN_SHARE * smaller and bool(shared & (a.predicates | b.predicates))


def claim_text(doc: Doc, q: Quote) -> str:
    """A short statement of the claim: the first words of a quote's content."""
    toks = [t for t in _content_tokens(doc, q) if not t.is_punct or t.text in ",'’-"]
    while toks and toks[0].lower_ in ("that", "of", ",", "to"):
        toks = toks[1:]
    text = " ".join(t.text for t in toks[:MAX_CLAIM_WORDS]).replace(" ,", ",").replace(" ’", "’")
    return text + (" ..." if len(toks) > MAX_CLAIM_WORDS else "")


def find_claims(doc: Doc, quotes: list[Quote], mentions: list[Mention]) -> list[Claim]:
    """Claims stated in more than one quote of the article, each member with its stance."""
    props = [proposition(doc, q, mentions) for q in quotes]
    groups = _cluster(props)
    claims = []
    for members in groups:
        shared = set.intersection(*[set(props[i].concepts) for i in members]) or \
            {c for i in members for c in props[i].concepts
             if sum(c in props[j].concepts for j in members) > 1}
        stances = {i: props[i].stance_on(shared) for i in members}
        lead = next((i for i in members if stances[i] == "asserts"), members[0])
        claims.append(Claim(claim=claim_text(doc, quotes[lead]),
                            members=[{"quote": i, "stance": stances[i]} for i in members]))
    return claims


def _cluster(props: list[Proposition]) -> list[list[int]]:
    """Groups of two or more propositions stating the same claim: pairs that match,
    joined only where a quote matches at least half of a group (no long chains)."""
    n = len(props)
    linked = {(i, j) for i in range(n) for j in range(i + 1, n) if same_proposition(props[i], props[j])}
    group_of = {i: [i] for i in range(n)}
    for i, j in sorted(linked):
        gi, gj = group_of[i], group_of[j]
        if gi is gj:
            continue
        pairs = sum((min(a, b), max(a, b)) in linked for a in gi for b in gj)
        if pairs >= MIN_LINKED * len(gi) * len(gj):
            merged = gi + gj
            for k in merged:
                group_of[k] = merged
    out, seen = [], set()
    for g in group_of.values():
        if len(g) > 1 and id(g) not in seen:
            seen.add(id(g))
            out.append(sorted(g))
    return sorted(out)


# ---------------------------------------------------------------- across articles

WORD = re.compile(r"[A-Za-z][A-Za-z’'-]*")
STOP = frozenset("""a an the and or but if of to in on at by for with from as that this these those it its
is are was were be been being has have had do does did will would shall should can could may might must
i we you he she they me us him her them my our your his their there here what which who whom whose when
where why how all any both each few more most other some such than too very so just also only about
over under again further then once said says say""".split())


def text_proposition(text: str) -> Proposition:
    """The concepts and stance of a claim's text, from its words alone (no parse)."""
    p = Proposition()
    negations = 0
    words = WORD.findall(text)
    for k, w in enumerate(words):
        low = w.lower().replace("’", "'")
        if low in NEGATIONS or low.endswith("n't"):
            negations += 1
            continue
        if low in STOP or low in GENERIC or len(low) < 3:
            continue
        state = place_name(w) if w[:1].isupper() else None
        if state:
            p.concepts["@" + state] = ENTITY_WEIGHT
        elif w[:1].isupper() and k > 0:
            p.concepts["@" + low] = ENTITY_WEIGHT
        else:
            c = concept(low)
            p.concepts[c] = 1.0
            p.predicates.add(c)  # no parse: any word may be the predicate
    p.stance = "denies" if negations % 2 else "asserts"
    return p


def same_claim(a: str, b: str) -> bool:
    """Do two claim texts (from different articles, say) state the same proposition?
    Stance is not compared: "X interfered" and "X did not interfere" are one claim."""
    return _same_text_claim(text_proposition(a), text_proposition(b))


def _same_text_claim(pa: Proposition, pb: Proposition) -> bool:
    """Two claim texts' propositions match and share at least two words (not only entities)."""
    shared_words = [c for c in pa.concepts.keys() & pb.concepts.keys() if not c.startswith("@")]
    return same_proposition(pa, pb) and len(shared_words) >= 2


def stance_of(text: str) -> str:
    """"asserts" or "denies" for a claim's text on its own (negations counted)."""
    return text_proposition(text).stance


def match_claims(texts: list[str]) -> list[list[int]]:
    """Groups (indexes into ``texts``) of claim texts that state the same proposition."""
    parent = list(range(len(texts)))
    props = [text_proposition(t) for t in texts]

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if _same_text_claim(props[i], props[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(texts)):
        groups.setdefault(root(i), []).append(i)
    return [g for g in groups.values() if len(g) > 1]
