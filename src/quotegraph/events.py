"""Events: who did what to whom, as PLOVER 2.0 types, by rules over the parse.

Triggers are an editable lexicon (``data/event_triggers.tsv``): verbs ("accuse",
"meet"), verbs with a given child ("open fire", "give aid", "cut ties") and
event nouns that count as the object of a light verb ("held talks", "issued a
warning", "staged a protest"). The candidates are found in the doc's token
arrays (``Doc.to_array``: lemma, part of speech, dependency); the dependency
parse gives

* the actors: the trigger's subject and its conjuncts (the agent of a passive;
  the subject inherited along "and", "to", relative clauses); a meeting, a
  negotiation, an agreement "with X" has every party as an actor and no
  recipient;
* the recipients: the object, or the object of "to", "against", "on", "at",
  "from" ("demanded support from X"), or the person told to act ("urged X to");
* the mode: ``None`` for an act; ``"future"`` ("will attack"),
  ``"hypothetical"`` ("could", "if", "wants Y to"), ``"negated"`` ("did not
  attack"): such acts are marked, not counted as acts;
* who reports it: the subject of the speech verb it is reported under, if any.

PLOVER's own conventions, applied as rules:

* plain statements are not events (speech verbs are never triggers);
* an act announced or intended by its own actor is an AGREE (cooperative) or a
  THREATEN (hostile): "said it will release", "wants to attack";
* a refused cooperative act is a REJECT ("said he would not provide support");
* an outer trigger wins over the act it governs ("agreed to lift", "threatened
  to cut", "accused X of violating");
* wrongdoing or an attack alleged in someone's words, by someone else, is an
  ACCUSE by the speaker against the alleged actor ("claimed that ISIL had
  attacked", "evidence of Russian interference"); a denial alleges nothing;
* a demand in speech ("said X must ...") is a REQUEST to X.

Plain data out: :class:`Found` events with token positions; ``graph`` turns
them into :class:`record.Event` with canonical names.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import numpy
from spacy.attrs import DEP, LEMMA, LOWER, POS
from spacy.parts_of_speech import NOUN as NOUN_POS, PROPN as PROPN_POS, VERB as VERB_POS
from spacy.tokens import Doc, Token

from . import pronouns
from .nlp import doc_text, sentence
from .cue_syntax import misattached_conj
from .lexicons import data_lines, is_cue_verb, lexicon

NOT_ACTS = ("future", "hypothetical", "negated")  # record.Event.mode of acts not done
HOSTILE = frozenset({"ACCUSE", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "REJECT"})
COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
ACTED_ON = frozenset({"ASSAULT", "COERCE", "WRONG"})  # acts a third party alleges (-> ACCUSE)
JOINT = frozenset({"CONSULT", "COOPERATE", "AGREE"})  # "with X": X is an actor too
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "going"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "should", "must", "can", "ca"})
INTENT = frozenset({"want", "hope", "wish", "try", "seek", "consider", "aim", "like", "intend", "plan",
                    "prepare", "expect", "propose", "mean", "vow", "decide", "pledge", "promise", "ready",
                    "willing", "prepared", "determined"})
APPEALS = frozenset({"ask", "urge", "appeal", "call", "tell", "implore", "beg", "invite", "encourage", "want",
                     "advise", "expect", "need", "wish"})
HYPOTHETICAL_MARKS = frozenset({"if", "unless", "whether"})
DENIALS = lexicon("denial_verbs.txt")  # shared with claims.py
NEUTRAL_SOURCES = frozenset({"report", "confirm", "announce", "show", "say"})
DEMAND_AUX = frozenset({"must", "should"})
SUBJECTS = ("nsubj", "csubj", "expl")
RECIPIENT_PREPS = {"to": None, "against": None, "on": HOSTILE, "at": HOSTILE, "into": HOSTILE,
                   "from": frozenset({"REQUEST", "COERCE"}), "with": HOSTILE | {"SUPPORT"}}
NOT_MENTIONS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
INTENT_WITH_INFINITIVE = frozenset({"seek", "try"})  # "seeking to mend ties": an aim, no request
ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
PARTY_PRONOUNS = pronouns.NON_POSSESSIVE - pronouns.SECOND  # "he", "they", "it", "we": a party, not "you"


@dataclass
class Found:
    """One event found in a doc: token positions, before names are resolved."""

    type: str
    plover_mode: Optional[str]
    mode: Optional[str]  # None (an act) | future | hypothetical | negated
    trigger: int
    evidence: tuple[int, int]  # token range [start, end)
    actors: list[int] = field(default_factory=list)
    recipients: list[int] = field(default_factory=list)
    speaker: Optional[int] = None  # subject of the speech verb that reports it


@dataclass
class Lexicon:
    verbs: dict[str, tuple[str, Optional[str]]]
    verb_child: dict[str, list[tuple[frozenset[str], str, Optional[str]]]]
    nouns: dict[str, list[tuple[list[str], str, Optional[str]]]]  # last word -> (words, type, mode)
    light: frozenset[str]
    classes: dict[str, frozenset[str]]


@lru_cache(maxsize=1)
def triggers() -> Lexicon:
    """The trigger lexicon of ``data/event_triggers.tsv``."""
    rows, classes = [], {}
    for line in data_lines("event_triggers.tsv"):
        cols = line.split("\t")
        if cols[0].startswith("@"):
            classes[cols[0]] = frozenset(w.strip().lower() for w in cols[1].split(",") if w.strip())
        else:
            rows.append((cols[0].strip().lower(), cols[1].strip(), cols[2].strip() if len(cols) > 2 else "-"))
    lex = Lexicon({}, {}, {}, classes.get("@light", frozenset()), classes)
    for word in classes.get("@message", ()):
        lex.nouns.setdefault(word, [])
    for pattern, typ, mode in rows:
        mode = None if mode == "-" else mode
        if pattern.startswith("n:"):
            words = pattern[2:].split()
            lex.nouns.setdefault(words[-1], []).append((words, typ, mode))
            continue
        verb, _, child = pattern.partition(" ")
        if child:
            words = classes[child] if child.startswith("@") else frozenset({child})
            lex.verb_child.setdefault(verb, []).append((words, typ, mode))
        else:
            lex.verbs[verb] = (typ, mode)
    for entries in lex.nouns.values():
        entries.sort(key=lambda e: -len(e[0]))
    return lex


_HASHES: dict[int, tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray, int]] = {}


def _hashes(doc: Doc) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray, int]:
    """String hashes of the verb and noun trigger lemmas, of "must"/"should", and of "aux"."""
    found = _HASHES.get(id(doc.vocab))
    if found is None:
        lex = triggers()
        add = doc.vocab.strings.add
        verbs = set(lex.verbs) | set(lex.verb_child) | lex.classes.get("@order", frozenset())
        nouns = set(lex.nouns) | {w[:-1] for w in lex.nouns if w.endswith("s")}
        found = _HASHES[id(doc.vocab)] = tuple(numpy.array(sorted(add(w) for w in words), dtype="uint64")
                                              for words in (verbs, nouns, DEMAND_AUX)) + (add("aux"),)
    return found


def candidates(doc: Doc) -> list[tuple[str, Token]]:
    """("VERB" | "NOUN" | "DEMAND", token) for every possible trigger, in text order: the
    doc's arrays of lemmas, parts of speech and dependencies scanned for the lexicon's
    words (far faster than a Matcher pattern with a long "IN" list)."""
    verbs, nouns, demand, aux = _hashes(doc)
    arr = doc.to_array([LEMMA, POS, LOWER, DEP])
    lemma, pos, lower, dep = arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3]
    out = [("VERB", int(i)) for i in numpy.nonzero(numpy.isin(lemma, verbs) & (pos == VERB_POS))[0]]
    out += [("NOUN", int(i)) for i in numpy.nonzero(numpy.isin(lemma, nouns) &
                                                     ((pos == NOUN_POS) | (pos == PROPN_POS)))[0]]
    out += [("DEMAND", int(i)) for i in numpy.nonzero(numpy.isin(lower, demand) & (dep == aux))[0]]
    return [(kind, doc[i]) for kind, i in sorted(out, key=lambda x: x[1])]


# ------------------------------------------------------------------ parse helpers

def subject_of(v: Token, depth: int = 0) -> tuple[list[Token], bool]:
    """(subject heads, passive?) of a clause verb, inherited where the clause has none."""
    if depth > 4:
        return [], False
    for c in v.children:
        if c.dep_ in ("nsubj", "csubj"):
            if c.lower_ in ("who", "which", "that") and v.dep_ == "relcl":
                return [v.head], False
            return [c], False
    for c in v.children:
        if c.dep_ == "nsubjpass":
            agents = [p for a in v.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
            return agents, True
    if v.dep_ == "conj":
        outer = misattached_conj(v)
        return subject_of(outer if outer is not None else v.head, depth + 1)
    if v.dep_ == "xcomp":
        objs = [c for c in v.head.children if c.dep_ in ("dobj", "dative")]
        return (objs, False) if objs else subject_of(v.head, depth + 1)
    if v.dep_ in ("acomp", "attr", "oprd"):  # "is willing to send": the subject of "is"
        return subject_of(v.head, depth + 1)
    if v.dep_ == "relcl":
        return [v.head], False
    if v.dep_ in ("advcl", "acl", "pcomp") and v.tag_ == "VBG":
        head = v.head if v.dep_ != "pcomp" else v.head.head
        return subject_of(head, depth + 1) if head.pos_ in ("VERB", "AUX") else ([], False)
    return [], False


QUANTITIES = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores",
                        "number", "group", "some", "many", "most", "all", "one", "two", "three", "four", "five",
                        "several", "members", "member", "millions", "tens"})


def _through_quantity(t: Token) -> Token:
    """"Dozens of students": students."""
    if t.lower_ in QUANTITIES or t.lemma_.lower() in QUANTITIES:
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
    return t


def with_conjuncts(toks: list[Token]) -> list[Token]:
    out = []
    for t in map(_through_quantity, toks):
        for x in [t, *t.conjuncts]:
            if x not in out and x.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "NUM"):
                out.append(x)
    return out


def actor_like(t: Token) -> bool:
    """A noun that can be an actor: a name, a pronoun, a person, organisation or group noun."""
    if t.ent_type_ in NOT_MENTIONS:
        return False
    if t.pos_ in ("PROPN", "PRON") or t.ent_type_ in ACTOR_ENTS:
        return t.lower_ not in ("this", "that", "which", "what", "these", "those") or t.pos_ == "PROPN"
    for w in (t.lemma_.lower(), t.lower_):
        if w in lexicon("role_nouns.txt") or w in lexicon("org_nouns.txt") or w in lexicon("actor_nouns.txt"):
            return True
    # a noun named by its modifiers: "the APEC forum", "Israeli tanks", "Russian aircraft"
    return t.pos_ == "NOUN" and any(c.dep_ in ("compound", "amod", "poss", "nmod") and
                                    (c.ent_type_ in ACTOR_ENTS or c.pos_ == "PROPN") for c in t.children)


def modifier_actors(noun: Token) -> list[Token]:
    """Actors named inside a noun phrase: "Russian interference", "Moscow's attacks", "attacks by X"."""
    out = []
    for c in noun.children:
        if c.dep_ in ("poss", "compound", "amod", "nmod") and (c.ent_type_ in ACTOR_ENTS or c.pos_ == "PROPN"
                                                                or c.dep_ == "poss" and c.pos_ == "PRON") \
                and c.i < noun.i:
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ == "by":
            out += [p for p in c.children if p.dep_ == "pobj"]
        elif c.dep_ == "prep" and c.lower_ == "of":  # "the right of Russian troops"
            out += [p for p in c.children if p.dep_ == "pobj" and actor_like(p)]
    return out


def lemmas(t: Token) -> tuple[str, ...]:
    """The lemma and plain forms of a word, for when the lemmatizer errs ("staged" -> "stag")."""
    low = t.lower_
    forms = [t.lemma_.lower(), low]
    for suffix, repl in (("ied", "y"), ("ed", "e"), ("ed", ""), ("d", ""), ("ing", "e"), ("ing", ""), ("s", "")):
        if low.endswith(suffix) and len(low) > len(suffix) + 2:
            forms.append(low[: -len(suffix)] + repl)
    return tuple(dict.fromkeys(forms))


def _child_lemmas(t: Token) -> set[str]:
    return {c.lemma_.lower() for c in t.children} | {c.lower_ for c in t.children}


def _infinitive(t: Token) -> Optional[Token]:
    """The to-infinitive that completes ``t`` ("to stop" of "a message to X to stop"), if any."""
    for c in t.children:
        if c.dep_ in ("xcomp", "acl", "advcl", "relcl") and c.pos_ in ("VERB", "AUX") and c.i > t.i and \
                any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            return c
    return None


def _entry(t: Token, lex: Lexicon) -> Optional[tuple[str, Optional[str]]]:
    lemma = t.lemma_.lower()
    if lemma in lex.classes.get("@order", ()) and _infinitive(t) is not None and \
            any(c.dep_ in ("dobj", "dative") for c in t.children):
        return "REQUEST", None  # "told him to leave"
    for verb in (lemma, t.lower_):
        for words, typ, mode in lex.verb_child.get(verb, ()):
            if _child_lemmas(t) & words or "+obj" in words and any(c.dep_ == "dobj" for c in t.children):
                return typ, mode
    return lex.verbs.get(lemma) or lex.verbs.get(t.lower_)


def _noun_entry(t: Token, lex: Lexicon) -> Optional[tuple[str, Optional[str]]]:
    doc = t.doc
    for key in (t.lemma_.lower(), t.lower_, t.lemma_.lower() + "s"):
        for words, typ, mode in lex.nouns.get(key, ()):
            n = len(words)
            before = [x.lower_ for x in doc[max(0, t.i - n + 1):t.i + 1]]
            if n == 1 or before[-n + 1:] == words[:-1] or before == words[:-1] + [t.lower_]:
                return typ, mode
    # multiword nouns headed by their first word ("state of emergency")
    first = t.lower_
    for entries in lex.nouns.values():
        for words, typ, mode in entries:
            if len(words) > 1 and words[0] == first and \
                    [x.lower_ for x in doc[t.i:t.i + len(words)]] == words:
                return typ, mode
    return None


def _speech(t: Token) -> Optional[Token]:
    """The speech verb whose reported clause holds ``t`` ("said that ... t"), if any."""
    x = t
    for _ in range(8):
        if x.dep_ == "ROOT" or x.head is x:
            return None
        x = x.head
        if x.pos_ == "VERB" and is_cue_verb(x) and _entry(x, triggers()) is None:
            return x
    return None


def _mode(t: Token, v: Token, in_speech: bool) -> Optional[str]:
    """The modality of the act: None, future, hypothetical or negated."""
    for x in {t, v}:
        for c in x.children:
            if c.dep_ == "neg":
                return "negated"
    aux = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
    if aux & HYPOTHETICAL_AUX or any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS for c in v.children):
        return "hypothetical"
    if aux & FUTURE_AUX:
        return "future"
    if "would" in aux:
        return "future" if in_speech else "hypothetical"
    if v.dep_ in ("xcomp", "ccomp") and v.head.lemma_.lower() in APPEALS:
        return "hypothetical"  # "asked X to help": asked for, not done
    if v.dep_ in ("xcomp", "ccomp") and v.head.lemma_.lower() in INTENT:
        return "future"
    if v.dep_ == "xcomp" and v.head.pos_ == "ADJ" and v.head.lemma_.lower() in INTENT:
        return "future"
    return None


def _governed_by_trigger(v: Token, lex: Lexicon) -> bool:
    """An act governed by another trigger ("agreed to lift", "accused X of violating")."""
    x = v
    for _ in range(4):
        if x.dep_ not in ("xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acl") or x.head is x:
            return False  # a conjunct is an act of its own
        x = x.head
        if x.pos_ == "VERB":
            e = _entry(x, lex)
            if e is not None and e[0] not in ("-", "WRONG"):
                return True
    return False


def _recipients(v: Token, obj: Optional[Token], typ: str, lex: Lexicon) -> list[Token]:
    out: list[Token] = []
    if obj is not None:
        if actor_like(obj):
            out.append(obj)
        else:
            out += modifier_actors(obj)
    for holder in filter(None, (v, obj)):
        for c in holder.children:
            if c.dep_ in ("prep", "dative") and c.lower_ in RECIPIENT_PREPS:
                allowed = RECIPIENT_PREPS[c.lower_]
                if allowed is None or typ in allowed:
                    out += [p for p in c.children if p.dep_ == "pobj"]
            elif c.dep_ == "dative" and c.pos_ in ("PROPN", "PRON", "NOUN"):
                out.append(c)
    for c in v.children:  # "ordered X to act": X
        if c.dep_ in ("xcomp", "ccomp") and typ == "REQUEST":
            out += [s for s in c.children if s.dep_ == "nsubj"]
    return [t for t in with_conjuncts(out) if actor_like(t)]


def _modal(v: Token) -> bool:
    """A clause with a modal or future auxiliary ("should cooperate", "will withdraw")."""
    return any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_AUX | FUTURE_AUX | {"would"} for c in v.children)


def _evidence(v: Token) -> tuple[int, int]:
    sent = sentence(v)
    left = min(v.left_edge.i, v.i)
    right = max(v.right_edge.i + 1, v.i + 1)
    if v.dep_ == "ROOT":
        left, right = sent.start, sent.end
    return max(left, sent.start), min(right, sent.end)


def _same_party(a: Token, b: Token) -> bool:
    """The actor is the speaker: the same token, the same name, or a pronoun."""
    if a.i == b.i or a.lower_ == b.lower_:
        return True
    return a.pos_ == "PRON" and a.lower_ in PARTY_PRONOUNS


def find_events(doc: Doc) -> list[Found]:
    """Every event the rules find in ``doc``, in text order."""
    lex = triggers()
    out: list[Found] = []
    seen: set[int] = set()
    for kind, t in candidates(doc):
        if kind == "DEMAND":
            ev = _demand(t.head)
        elif t.i in seen:
            continue
        elif kind == "VERB":
            ev = _verb_event(t, lex)
        else:
            ev = _noun_event(t, lex)
        seen.add(t.i)
        if ev is not None:
            out.append(ev)
    return _convert(out, doc)


def _verb_event(t: Token, lex: Lexicon) -> Optional[Found]:
    if t.dep_ in ("amod", "compound") or t.dep_ == "acl" and t.tag_ == "VBN":
        return None  # "officials accused of ...", "the demolished house": descriptions
    entry = _entry(t, lex)
    if entry is None or entry[0] == "-" or _governed_by_trigger(t, lex):
        return None
    typ, pmode = entry
    if t.lemma_.lower() in INTENT_WITH_INFINITIVE and any(c.dep_ == "xcomp" for c in t.children):
        return None
    speech = _speech(t)
    subj, passive = subject_of(t)
    obj = next((c for c in t.children if c.dep_ == "dobj"), None)
    if passive:
        patient = [c for c in t.children if c.dep_ == "nsubjpass"]
        recips = with_conjuncts(patient) + _recipients(t, None, typ, lex)
    else:
        recips = _recipients(t, obj, typ, lex)
    if typ in ("ASSAULT", "COERCE", "SUPPORT") and obj is not None and not recips and \
            not any(obj.lemma_.lower() in words or obj.lower_ in words
                    for words, _, _ in lex.verb_child.get(t.lemma_.lower(), ())):
        return None  # "demolished the building", "welcomed signs of trade": a thing, not an actor
    actors = with_conjuncts(subj)
    if typ in ("AGREE", "REJECT") and any(c.dep_ == "ccomp" and not _modal(c) for c in t.children) and \
            not any(c.dep_ == "xcomp" for c in t.children):
        return None  # "agrees that Cruz is the best": an opinion, not a commitment
    if typ in JOINT:
        if typ != "AGREE":  # "met X": X is a party; "offered X to Y": Y receives
            actors += [r for r in recips if r not in actors]
        actors += with_conjuncts([p for c in t.children if c.dep_ == "prep" and c.lower_ == "with"
                                  for p in c.children if p.dep_ == "pobj"])
        recips = [] if typ != "CONSULT" or pmode != "visit" else recips
        actors = [a for a in dict.fromkeys(actors) if a not in recips]
    return Found(typ, pmode, _mode(t, t, speech is not None), t.i, _evidence(t), [a.i for a in actors],
                 [r.i for r in recips if r not in actors], speech.i if speech is not None else None)


def _noun_event(t: Token, lex: Lexicon) -> Optional[Found]:
    entry = _noun_entry(t, lex)
    if t.lower_ in lex.classes.get("@message", ()) and _infinitive(t) is not None:
        entry = ("REQUEST", None)  # "sent a message to X to stop ..."
    if entry is None or entry[0] == "-":
        return None
    typ, pmode = entry
    v = t.head
    light = None
    if t.dep_ in ("dobj", "nsubjpass") and v.pos_ in ("VERB", "AUX") and any(f in lex.light for f in lemmas(v)):
        light = v
    elif t.dep_ == "pobj" and v.head.pos_ == "VERB" and v.head.lemma_.lower() in ("go", "engage", "begin"):
        light = v.head  # "went on strike", "engaged in talks"
    speech = _speech(t)
    if light is None:
        if typ not in ACTED_ON or speech is None:
            return None  # a bare event noun counts only as an alleged act in someone's words
        actors = modifier_actors(t)
        if not actors:
            return None
        return Found(typ, pmode, None, t.i, (t.left_edge.i, t.right_edge.i + 1), [a.i for a in actors], [],
                     speech.i)
    if _governed_by_trigger(light, lex) or (_entry(light, lex) or ("-",))[0] != "-":
        return None  # "sent aid": the verb's own event
    subj, passive = subject_of(light)
    actors = with_conjuncts(subj) or modifier_actors(t)
    recips = _recipients(t, None, typ, lex) + _recipients(light, None, typ, lex)
    if typ in JOINT:
        actors += [r for r in with_conjuncts([p for h in (t, light) for c in h.children
                                              if c.dep_ == "prep" and c.lower_ == "with"
                                              for p in c.children if p.dep_ == "pobj"]) if r not in actors]
        recips = []
    recips = [r for r in dict.fromkeys(recips) if r not in actors]
    return Found(typ, pmode, _mode(t, light, speech is not None), t.i, _evidence(light), [a.i for a in actors],
                 [r.i for r in recips], speech.i if speech is not None else None)


def _demand(t: Token) -> Optional[Found]:
    """"X said Y must act": a REQUEST from X to Y (``t``: the verb of "must act")."""
    if t.dep_ != "ccomp" or t.pos_ not in ("VERB", "AUX"):
        return None
    v = t.head
    if not (v.pos_ == "VERB" and is_cue_verb(v)) or _entry(v, triggers()) is not None:
        return None
    speakers, _ = subject_of(v)
    targets = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not speakers or not targets or _same_party(targets[0], speakers[0]):
        return None
    return Found("REQUEST", None, None, t.i, _evidence(v), [s.i for s in with_conjuncts(speakers)],
                 [x.i for x in with_conjuncts(targets)], v.i)


def _convert(found: list[Found], doc: Doc) -> list[Found]:
    """PLOVER's conventions: intentions, refusals, allegations (see the module's doc)."""
    out = []
    for f in found:
        f.actors = [a for a in f.actors if actor_like(doc[a]) or f.type == "ASSAULT" and
                    doc[a].pos_ == "NOUN" and doc[a].ent_type_ not in NOT_MENTIONS]  # "a car bomb killed"
        if not f.actors:
            continue  # no one acts: "the statement comes ...", a misparse
        speaker = doc[f.speaker] if f.speaker is not None else None
        speakers = subject_of(speaker)[0] if speaker is not None else []
        actors = [doc[a] for a in f.actors]
        self_act = not speakers or any(_same_party(a, s) for a in actors for s in speakers)
        v = doc[f.trigger] if doc[f.trigger].pos_ == "VERB" else doc[f.trigger].head
        own_intent = True  # a future act is its actor's intention ...
        if v.dep_ in ("xcomp", "ccomp") and v.head.lemma_.lower() in INTENT | APPEALS:
            intenders = subject_of(v.head)[0]  # ... not when "X wants Y to attack": Y's act is X's wish
            own_intent = not intenders or any(_same_party(a, s) for a in actors for s in intenders)
        if speaker is not None and self_act and f.mode is None and f.type in ACTED_ON:
            continue  # "they claimed they had attacked": a claim of responsibility, a statement
        if f.type == "WRONG" or f.type in ACTED_ON and not self_act and speaker is not None and \
                speaker.lemma_.lower() not in NEUTRAL_SOURCES:
            denied = speaker is not None and (speaker.lemma_.lower() in DENIALS or
                                              any(c.dep_ == "neg" for c in speaker.children))
            if speaker is None or self_act or denied or f.mode == "negated" or not speakers:
                continue
            out.append(Found("ACCUSE", "allege", None, speaker.i, _evidence(speaker),
                             [s.i for s in with_conjuncts(speakers)], f.actors, f.speaker))
            continue
        if f.mode == "negated" and f.type in COOPERATIVE:
            f.type, f.plover_mode, f.mode = "REJECT", None, None
        elif f.mode in ("future", "hypothetical") and own_intent and _intended(doc[f.trigger]):
            conditional = any(c.dep_ == "advcl" and any(m.lower_ == "unless" for m in c.children)
                              for c in v.children)
            if conditional and f.type != "THREATEN":  # "will withdraw unless ...": a threat
                f.type, f.plover_mode, f.mode = "THREATEN", None, None
            elif f.type in COOPERATIVE and f.type != "AGREE":
                f.type, f.plover_mode, f.mode = "AGREE", None, None
            elif f.type in HOSTILE and f.type != "THREATEN":
                f.type, f.plover_mode, f.mode = "THREATEN", None, None
        out.append(f)
    return out


def _intended(t: Token) -> bool:
    """The act is announced or intended by its own actor ("will release", "wants to attack"),
    not merely possible ("could attack", "if they attack")."""
    v = t if t.pos_ == "VERB" else t.head
    aux = {c.lower_ for c in v.children if c.dep_ == "aux"}
    if aux & (HYPOTHETICAL_AUX - {"must"}) or any(c.dep_ == "mark" and c.lower_ in HYPOTHETICAL_MARKS
                                                   for c in v.children):
        return False
    return True


def mention_span(t: Token) -> tuple[int, int]:
    """Character span of a mention headed by ``t``: its modifiers on the left and itself."""
    left = t.left_edge if t.left_edge.i >= sentence(t).start else t
    return left.idx, t.idx + len(t.text)


def as_plover(doc: Doc, found: list[Found], acts_only: bool = True) -> list[dict]:
    """Events as the PLOVER-shaped dicts of the event gold (``events/README.md``):
    type, mode (PLOVER's), actor and recipient as spans with their text."""
    text = doc_text(doc)

    def mention(i: int) -> dict:
        s, e = mention_span(doc[i])
        return {"span": [s, e], "text": text[s:e]}

    out = []
    for f in found:
        if acts_only and f.mode is not None:
            continue
        s, e = doc[f.evidence[0]].idx, doc[f.evidence[1] - 1].idx + len(doc[f.evidence[1] - 1].text)
        out.append({"type": f.type, "mode": f.plover_mode, "modality": f.mode,
                    "actor": [mention(a) for a in f.actors], "recipient": [mention(r) for r in f.recipients],
                    "trigger": [doc[f.trigger].idx, doc[f.trigger].idx + len(doc[f.trigger].text)],
                    "evidence": [s, e]})
    return out
