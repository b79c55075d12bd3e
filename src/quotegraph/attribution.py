"""Quotes: find attributions (cue, speaker mention, content) in a parsed article.

Three passes over one spaCy ``Doc``:

1. *reported speech*: every cue word (reporting verb, "according to", reporting
   noun, participle) with a clausal complement gives an attribution whose
   content is that complement; quoted stretches inside it make it ``mixed``,
   and a complement lying inside one quoted stretch makes a ``direct`` quote;
2. *direct quotes* not covered yet: a cue in the frame around the quotation
   marks (``X said: “...”``, ``“...,” said X``), then split quotes
   (``“A,” he said. “B.”`` is one quote with two parts);
3. *floating quotes*: a quotation with no cue of its own whose speaker is the
   previous quote's, in the same or the previous paragraph.

The speaker here is a mention (a token and its noun phrase); ``speakers``
resolves it to a person.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

from spacy.tokens import Doc, Token

from .clean import inside
from .contents import as_clause_content, infinitive_end, object_content, passive_content, prep_content
from .nesting import clause_end, cue_of_sibling
from .lexicons import cue_frames, frames_of, is_cue_noun, is_cue_verb, lexicon  # noqa: F401 (re-exported)
from .nlp import doc_text, sentence
from .quotemarks import Stretch
from .quotetypes import settle_types
from .record import Region, Span

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
LEFT_MODS = ("det", "amod", "compound", "poss", "nmod", "nummod", "quantmod", "advmod", "predet", "punct", "case")
QUOTE_CHARS = set("\"'“”‘’«»„‹›")
DIRECT_MIN_WORDS = 4  # shorter quoted phrases with no cue are scare quotes or titles


@dataclass
class Attribution:
    """One attribution found in a doc, before its speaker is resolved."""

    type: str
    parts: list[Span]
    cue: Optional[Span]
    speaker_tok: Optional[int]  # head token of the speaker mention
    speaker: Optional[Span]
    addressee: Optional[Span] = None
    confidence: float = 0.5
    stretches: list[int] = field(default_factory=list)

    @property
    def content(self) -> Span:
        return (self.parts[0][0], self.parts[-1][1])


# ---------------------------------------------------------------- helpers

def cue_span(tok: Token) -> Span:
    """The cue verb with its particle ("pointed out")."""
    end = tok.idx + len(tok.text)
    for c in tok.rights:
        if c.dep_ == "prt" and c.i == tok.i + 1:
            end = c.idx + len(c.text)
    return (tok.idx, end)


def np_span(tok: Token) -> Span:
    """The noun phrase headed by ``tok``: its left modifiers and right "of"-phrases,
    coordinated names, but no relative clause or apposition after a comma."""
    left = tok
    for c in reversed(list(tok.lefts)):  # contiguous modifiers with no clause or phrase inside
        if c.right_edge.i != left.i - 1 or c.dep_ not in LEFT_MODS:
            break
        if any(t.pos_ in ("ADP", "VERB", "AUX") and t.dep_ not in ("amod", "case") for t in c.subtree):
            break
        left = c.left_edge
    while left.i > 0 and not left.nbor(-1).whitespace_ and left.nbor(-1).text not in QUOTE_CHARS \
            and (left.nbor(-1).text == "-" or left.text == "-"):
        left = left.nbor(-1)  # "the 46-year-old"
    if left.i > 0 and left.nbor(-1).dep_ in ("det", "poss") and left.nbor(-1).head.i == tok.i:
        left = left.nbor(-1)
    right = tok
    for c in tok.rights:
        if c.dep_ == "appos" and tok.pos_ == "NOUN" and c.pos_ == "PROPN" and c.ent_type_ == "PERSON":
            right = c.right_edge  # "Democratic candidate Senator Jane Doe", "her adviser, Jake Sullivan"
        elif c.dep_ in ("compound", "flat", "nummod", "case") and c.i == right.i + 1:
            right = c
        elif c.dep_ == "prep" and c.i == right.i + 1 and c.lower_ in ("of", "from", "at", "for"):
            right = c.right_edge
        elif c.dep_ in ("cc", "conj") and not any(t.text == "," for t in tok.doc[right.i + 1:c.i]) \
                and (c.dep_ == "cc" or c.pos_ in ("PROPN", "NOUN", "PRON")):
            right = c.right_edge if c.dep_ == "conj" else right
        else:
            break
    while right.i > tok.i and (right.is_punct or right.text in QUOTE_CHARS):
        right = right.nbor(-1)
    for t in tok.doc[left.i:tok.i]:  # never reach back across a quotation mark or a clause
        if t.text in QUOTE_CHARS or t.text in (";", ":") or t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound"):
            left = t.nbor(1)
    for t in tok.doc[tok.i + 1:right.i + 1]:
        if t.text in QUOTE_CHARS or t.text in (";", ":"):
            right = t.nbor(-1)
            break
    while left.i < tok.i and left.is_punct:
        left = left.nbor(1)
    return (left.idx, right.idx + len(right.text))


def subject_of(tok: Token) -> Optional[Token]:
    """The subject of a cue: its own, an agent ("by X"), or inherited up through
    participles, coordinated verbs and infinitives ("X, saying ...", "X interrupted to add")."""
    seen = 0
    cur = tok
    while cur is not None and seen < 5:
        subjects = [c for c in cur.children
                    if c.dep_ in ("nsubj", "csubj") and c.lower_ not in ("that", "which", "who")]
        if subjects:  # the nearest, when a misparse gives two
            return min(subjects, key=lambda c: abs(c.i - cur.i))
        if cur.dep_ == "relcl" and cur.head.pos_ in ("PROPN", "NOUN"):
            rel = [c for c in cur.children if c.dep_ == "nsubj" and c.lower_ == "who"]
            if rel:  # "the senator, who on Monday endorsed X": "who", resolved as the senator
                return rel[0]
        for c in cur.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
        if cur.dep_ in ("advcl", "conj", "xcomp", "pcomp", "acl", "acomp", "prep") and cur.head.i != cur.i:
            if cur.dep_ == "acl":
                if cur.tag_ == "VBG" and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
                    return cur.head  # "Mr Lavrov saying ...", "a statement saying ..."
                return None  # "the plan, known as ..."
            matrix = _misattached_conj(cur) or cue_of_sibling(cur)
            if matrix is None and cur.dep_ == "advcl" and cur.tag_ == "VBG" and cur.head.dep_ == "ccomp" \
                    and is_cue_verb(cur.head.head):
                matrix = cur.head.head  # "X said A was late, saying ...": the participle is X's, not A's
            cur = matrix if matrix is not None else cur.head
            seen += 1
            continue
        break
    if tok.tag_ in ("VBD", "VBZ", "VBP") and not any(c.dep_ == "expl" for c in tok.children):
        return _left_np(tok)
    return None


def _left_np(tok: Token) -> Optional[Token]:
    """For a finite cue the parser left without a subject ("..., her adviser,
    Jake Sullivan, said"): the noun phrase right before it."""
    i = tok.i - 1
    doc = tok.doc
    while i >= 0 and (doc[i].is_punct or doc[i].pos_ in ("ADV", "AUX", "PART")) and doc[i].text not in QUOTE_CHARS:
        if doc[i].is_sent_start:
            return None
        i -= 1
    if i < 0 or doc[i].pos_ not in ("PROPN", "NOUN", "PRON") or doc[i].dep_ in ("pobj", "dobj", "poss"):
        return None
    head = doc[i]
    while head.dep_ in ("compound", "flat") and head.head.i > head.i:
        head = head.head
    return head


def first_np(tokens: list[Token]) -> Optional[Token]:
    """Head of the first noun phrase among ``tokens`` (for "“...,” Smith, 58, told AFP")."""
    for t in tokens:
        if t.pos_ in ("PROPN", "NOUN", "PRON") and not t.is_punct:
            head = t
            while head.dep_ in ("compound", "flat") and head.head.i > head.i:
                head = head.head
            return head
        if not t.is_punct:
            return None
    return None


def _misattached_conj(tok: Token) -> Optional[Token]:
    """For "X denied that A happened and accused Y", which parsers hang inside the
    complement: the reporting verb the coordinated cue really belongs to."""
    if tok.dep_ != "conj" or not is_cue_verb(tok) or is_cue_verb(tok.head):
        return None
    if any(c.dep_ in SUBJECTS for c in tok.children):
        return None
    for anc in tok.head.ancestors:
        if is_cue_verb(anc) and anc.i < tok.i:
            return anc
    return None


def addressee_of(tok: Token) -> Optional[Span]:
    """The addressee of a cue: "told reporters", "told him", "said to X"."""
    lemma = tok.lemma_.lower()
    for c in tok.children:
        if c.dep_ in ("dative",) and c.pos_ in ("NOUN", "PROPN", "PRON"):
            return np_span(c)
        if c.dep_ == "dative" and c.lower_ == "to":  # "sent a message to the council"
            for p in c.children:
                if p.dep_ == "pobj":
                    return np_span(p)
        if c.dep_ == "dobj" and lemma in ("tell", "warn", "assure", "remind", "inform", "advise", "ask", "urge"):
            return np_span(c)
        if c.dep_ in ("prep", "dative") and c.lower_ == "to" and lemma in ("say", "write", "explain", "complain"):
            for p in c.children:
                if p.dep_ == "pobj":
                    return np_span(p)
    return None


def _trim_tokens(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range [start, end) without edge punctuation or conjunctions."""
    while start < end and (doc[start].is_punct or doc[start].is_space or doc[start].dep_ == "cc"):
        if doc[start].text in "“‘\"'" and start + 1 < end and not doc[start + 1].is_space:
            break  # keep an opening mark: the content starts with the quote
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        if doc[end - 1].text in "”’\"'":
            break
        end -= 1
    return start, end


def _char_span(doc: Doc, start: int, end: int) -> Span:
    return (doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))


# ---------------------------------------------------------------- pass 1: reported speech

def _complement(tok: Token) -> Optional[tuple[tuple[int, int], Span, Optional[tuple[int, int]]]]:
    """Token range of the content governed by a cue verb, the cue's span, and the
    token range of the cue's own clause when it interrupts the content; or None."""
    doc = tok.doc
    lemma = tok.lemma_.lower()
    frames = frames_of(tok)
    kids = list(tok.children)
    cue = cue_span(tok)
    if tok.pos_ != "VERB":
        return None
    for c in kids:
        if c.dep_ == "dobj" and is_cue_noun(c) and (noun := _noun_complement(c)) is not None:
            if "quote" in frames:  # "denied claims that ...": the claims are the content
                return (c.i, _cut_content(doc, c.i, c.i, c.right_edge.i + 1)), cue, None
            # "issued a warning that ...", "sent a message to X to ...": the noun is part of the cue
            return noun, (tok.idx, c.idx + len(c.text)), None
    if (found := as_clause_content(tok)) is not None:
        return found[0], cue, found[1]  # "As X reported, [the ferry will stop]"
    if lemma in lexicon("not_cues.txt"):  # only a pair of prep_cues.tsv: "went after [X]"
        found = prep_content(tok)
        return (found[0], (tok.idx, found[1].idx + len(found[1].text)), None) if found else None
    if tok.dep_ == "parataxis" and "quote" in frames and any(c.dep_ in SUBJECTS for c in kids) and (
            tok.head.i > tok.i or not any(t.text in QUOTE_CHARS for t in doc[tok.head.left_edge.i:tok.i])):
        head = tok.head  # "The bridge, she said, will open in May": the cue interrupts the content
        return (head.left_edge.i, head.right_edge.i + 1), cue, (tok.left_edge.i, tok.right_edge.i + 1)
    for c in kids:
        if c.dep_ == "ccomp" or (c.dep_ == "parataxis" and c.i < tok.i):
            lo, hi = c.left_edge.i, c.right_edge.i + 1
            if c.i < tok.i:  # content before the cue: "X is Y, he said"
                hi = _end_before_cue(doc, c, tok, hi)
            else:  # "believe X, and admit Y": the cue's own next verb is no content
                hi = clause_end(doc, tok, c, lo, hi)
            return (lo, _cut_content(doc, c.i, lo, hi)), cue, None
    for c in kids:
        if c.dep_ == "xcomp" and "xcomp" in frames and c.i > tok.i:
            return (c.left_edge.i, infinitive_end(tok, c)), cue, None
    obj = object_content(tok) or passive_content(tok)
    if obj is not None:
        return (obj[0], _cut_content(doc, obj[0], obj[0], obj[1])), cue, None
    found = prep_content(tok)
    return (found[0], (tok.idx, found[1].idx + len(found[1].text)), None) if found else None


def _end_before_cue(doc: Doc, content: Token, cue: Token, hi: int) -> int:
    """End of a content that precedes its cue: at a closing quotation mark, else
    before the cue's subject (which a misparse may hang inside the content)."""
    for j in range(content.i + 1, min(hi, cue.i)):
        if doc[j].text in "”\"’'" and doc[j - 1].is_punct:
            return j + 1
    subj = [c for c in cue.children if c.dep_ in SUBJECTS and c.i < cue.i]
    end = min(hi, cue.i)
    if subj:
        end = min(end, subj[0].left_edge.i)
    return end


def _cut_content(doc: Doc, root: int, lo: int, hi: int) -> int:
    """End the content before ``: “...”`` (a quotation introduced after the reported
    clause) and before a comma-spliced clause with a subject of its own
    ("..., the minister interrupted"), which the parser often hangs inside it."""
    for i in range(max(lo, root), hi - 1):
        if doc[i].text == ":" and doc[i + 1].text in QUOTE_CHARS:
            return i
        if doc[i + 1].tag_ == "VBG" and i > root and is_cue_verb(doc[i + 1]) and \
                (doc[i].text == "," or doc[i].text in "”\"’" and doc[i - 1].text == ","):
            # "..., adding “...”": the participle reports speech of its own
            return i if doc[i].text == "," else i + 1
        t = doc[i]
        if _misattached_conj(t) is not None:
            cc = [c for c in t.head.children if c.dep_ == "cc" and c.i < t.i]
            return cc[-1].i if cc else t.i
        if t.dep_ == "conj" and t.pos_ == "VERB" and t.i > root and not any(c.dep_ == "cc" for c in t.children) \
                and not any(doc[j].dep_ == "cc" and doc[j].head.i == t.head.i for j in range(lo, t.i)):
            subj = [c for c in t.children if c.dep_ in SUBJECTS and c.i < t.i]
            if subj and subj[0].left_edge.i > lo and doc[subj[0].left_edge.i - 1].text == ",":
                return subj[0].left_edge.i - 1
    return hi


def _noun_complement(tok: Token) -> Optional[tuple[int, int]]:
    """Content of a reporting noun: its "that" clause or "to" infinitive."""
    for c in tok.rights:
        if c.dep_ in ("acl", "relcl", "ccomp"):
            marks = [g for g in c.children if g.dep_ == "mark" and g.lower_ == "that"]
            first = c.left_edge
            if not marks and first.lower_ == "that" and any(g.dep_ in SUBJECTS and g is not first for g in c.children):
                marks = [first]  # "a warning that the bridge would close": not a relative clause
            tos = [g for g in c.children if g.dep_ == "aux" and g.lower_ == "to"]
            if marks:
                return marks[0].i, c.right_edge.i + 1
            if tos and tok.lemma_.lower() in ("message", "call", "plea", "demand", "warning", "promise", "pledge", "threat"):
                return tos[0].i, c.right_edge.i + 1
    return None


def _tokens_in(doc: Doc, spans: list[Span]) -> set[int]:
    """Indexes of the tokens that start inside any of ``spans``."""
    out: set[int] = set()
    for s0, s1 in spans:
        sp = doc.char_span(s0, s1, alignment_mode="expand")
        if sp is not None:
            out.update(t.i for t in sp if s0 <= t.idx < s1)
    return out


def skipped(doc: Doc, regions: list[Region], stretches: list[Stretch]) -> set[int]:
    """Tokens no reporting rule looks at: inside quotations (speech reported there belongs
    to the quotation) and non-prose regions (captions say nothing)."""
    return _tokens_in(doc, [st.outer for st in stretches] + [r.span for r in regions])


def reported_speech(doc: Doc, regions: list[Region], stretches: list[Stretch]) -> list[Attribution]:
    """Attributions governed by cue verbs, cue nouns and "according to"."""
    out: list[Attribution] = []
    quoted = [st.outer for st in stretches]
    skip = skipped(doc, regions, stretches)
    for tok in doc:
        if tok.i in skip:
            continue  # speech reported inside a quotation belongs to the quotation; captions say nothing
        if tok.pos_ == "VERB":
            found = _complement(tok)
            if found is None:
                continue
            rng, cue, hole = found
            subj = subject_of(tok)
            in_content = rng[0] <= subj.i < rng[1] and not (hole and hole[0] <= subj.i < hole[1]) if subj else False
            if subj is not None and (in_content or any(s0 <= subj.idx < s1 for s0, s1 in quoted)):
                subj = None
            if subj is None and rng[1] <= tok.i:  # “...,” Smith, 58, told AFP
                subj = first_np([t for t in doc[rng[1]:tok.i] if t.text not in QUOTE_CHARS])
            if subj is None and not any(c.dep_ == "ccomp" for c in tok.children):
                continue
            conf = 0.8 if is_cue_verb(tok) else 0.5
            out.append(_make(doc, *rng, subj, cue, addressee_of(tok), conf if subj is not None else conf - 0.3, hole))
        elif is_cue_noun(tok):
            rng = _noun_complement(tok)
            if rng is None or tok.dep_ == "dobj" and is_cue_verb(tok.head):
                continue
            subj = next((c for c in tok.children if c.dep_ == "poss"), None)
            if subj is None and tok.dep_ in ("dobj", "pobj") and tok.head.pos_ == "VERB":
                subj = subject_of(tok.head)
            if subj is None:
                continue
            addr = next((np_span(p) for c in tok.head.children if c.dep_ in ("dative", "prep") and c.lower_ == "to"
                         for p in c.children if p.dep_ == "pobj"), None)
            out.append(_make(doc, *rng, subj, (tok.idx, tok.idx + len(tok.text)), addr, 0.6))
    return [a for a in out if a is not None]


def _make(doc: Doc, lo: int, hi: int, subj: Optional[Token], cue: Span,
          addressee: Optional[Span], conf: float, hole: Optional[tuple[int, int]] = None
          ) -> Optional[Attribution]:
    lo, hi = _trim_tokens(doc, lo, hi)
    if hi - lo < 2 and not (hi > lo and doc[lo].pos_ in ("PRON", "PROPN", "NOUN")):
        return None
    parts = [_char_span(doc, lo, hi)]
    if hole is not None and lo < hole[0] and hole[1] < hi:
        ranges = [_trim_tokens(doc, lo, hole[0]), _trim_tokens(doc, hole[1], hi)]
        parts = [_char_span(doc, a, b) for a, b in ranges if b > a]
    return Attribution(type="indirect", parts=parts, cue=cue,
                       speaker_tok=subj.i if subj is not None else None,
                       speaker=np_span(subj) if subj is not None else None,
                       addressee=addressee, confidence=conf)


# ---------------------------------------------------------------- pass 2: direct quotes

def _starts_clause(lead_text: str) -> bool:
    """Whether a quotation opens its sentence or clause (so that a cue after it can
    be its attribution), judged by the words before it in the sentence."""
    lead = lead_text.strip()
    return not lead or lead.endswith((":", ",", ";", "—", "–", "-", "(")) or \
        len(lead.split()) <= 2 and lead.split()[0].lower() in ("and", "but", "so", "then", "yet", "or", "still")


def _clausal(gap: list[Token]) -> bool:
    """Words between a cue and its quotation that make the quotation part of a
    reported clause ("said that the plan was “dead”"), not just an addressee
    or a place ("told the crowd, “...”", "said on Tuesday: “...”")."""
    return any(t.pos_ in ("VERB", "AUX") or t.dep_ in ("mark", "nsubj", "nsubjpass", "expl", "attr", "acomp")
               or t.lower_ == "that" for t in gap)


def _fragment(text: str, st: Stretch) -> bool:
    """A quoted phrase rather than a quoted utterance: short, or starting in lower case."""
    body = text[st.start:st.end]
    return len(body.split()) < DIRECT_MIN_WORDS or body[:1].islower()


def _quoted_after_cue(doc: Doc, cue_end: int, st: Stretch) -> bool:
    """A quotation right after its cue that is a sentence of its own, short ('said
    “We won.”') or a clause in lower case ('says “nothing will change until ...”'):
    direct, unlike a quoted phrase ('said “our own struggling citizens,” and left')."""
    text = doc_text(doc)
    if text[cue_end:st.outer[0]].strip() not in ("", ":", ","):
        return False
    body = text[st.start:st.end]
    return body[:1].isupper() or len(body.split()) >= DIRECT_MIN_WORDS and \
        any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in _tokens_between(doc, st.start, st.end))


def _title(doc: Doc, text: str, st: Stretch) -> bool:
    """A title or name in quotation marks: "told “Fox News Sunday”", "the “Avatar” star"."""
    body = text[st.start:st.end].strip(" ,.;:")
    words = body.split()
    if not words or len(words) > 6 or body.endswith(("?", "!")):
        return False
    mark = doc.char_span(st.outer[0], st.outer[0] + 1, alignment_mode="expand")
    prev = doc[mark[0].i - 1] if mark is not None and len(mark) and mark[0].i > 0 else None
    prep_before = prev is not None and (prev.pos_ in ("ADP", "DET") or prev.tag_ == "POS")
    title_case = all(w[:1].isupper() or not w[:1].isalpha() for w in words)
    return title_case and (prep_before or len(words) <= 3)


def _dash_speaker(trail: list[Token]) -> Optional[tuple[Token, Token]]:
    """“...” — Jane Doe: the dash and the speaker's head token."""
    if len(trail) >= 2 and trail[0].text in ("―", "—", "–", "-", "--"):
        np = first_np(trail[1:6])
        if np is not None and np.pos_ == "PROPN":
            return trail[0], np
    return None


def _tokens_between(doc: Doc, start: int, end: int) -> list[Token]:
    """Tokens whose start lies in [start, end)."""
    sp = doc.char_span(start, end, alignment_mode="expand")
    return [t for t in sp if start <= t.idx < end] if sp is not None else []


def _frame_cue(doc: Doc, st: Stretch, regions: list[Region], prev_end: int, next_start: int
               ) -> tuple[Optional[Attribution], str]:
    """The cue of a quotation from the words just before or after its marks, and
    where it was found: "colon", "trail", "lead", "label" or "" (none)."""
    text = doc_text(doc)
    o0, o1 = st.outer
    # words before the opening mark, back to the sentence start (or the previous quote)
    first = doc.char_span(o0, o0 + 1, alignment_mode="expand")
    lead: list[Token] = []
    if first is not None:
        first_sent = sentence(first[0])
        sent_start = first_sent.start_char
        if text[sent_start:o0].strip() == "" and first_sent.start > 0:
            prev_sent = sentence(doc[first_sent.start - 1])
            if text[prev_sent.start_char:prev_sent.end_char].rstrip().endswith(":"):
                sent_start = prev_sent.start_char  # "He said:\n\n“...”"
        lead = _tokens_between(doc, max(sent_start, prev_end), o0)
    last = doc.char_span(o1 - 1, o1, alignment_mode="expand")
    trail: list[Token] = []
    if last is not None:
        sent = sentence(doc[min(last[-1].i + 1, len(doc) - 1)])
        trail = _tokens_between(doc, o1, min(max(sent.end_char, o1), next_start))
    lead_text = text[lead[0].idx:o0].rstrip() if lead else ""
    colon_lead = lead_text.endswith(":")
    leads = [t for t in reversed(lead) if is_cue_verb(t) or t.lower_ == "according"]
    trails = [t for t in trail[:14] if is_cue_verb(t)]

    def build(tok: Token, conf: float) -> Optional[Attribution]:
        if inside(regions, tok.idx, tok.idx + 1):
            return None
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            subj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        else:
            subj = subject_of(tok)
        if subj is not None and st.outer[0] <= subj.idx < st.outer[1]:
            subj = None
        if subj is None and tok.idx >= o1:
            subj = first_np([t for t in trail if t.i < tok.i])
        return Attribution(type="direct", parts=list(st.parts), cue=cue_span(tok),
                           speaker_tok=subj.i if subj is not None else None,
                           speaker=np_span(subj) if subj is not None else None,
                           addressee=addressee_of(tok), confidence=conf)

    # 1. colon lead-in: "X said: “...”"
    if colon_lead and leads:
        return build(leads[0], 0.9), "colon"
    # 2. trailing cue right after the quote: "“...,” he said" / "“...,” said X"
    if trails:
        tok = trails[0]
        between = [t for t in trail if t.i < tok.i]
        ok_between = all(t.is_punct or t.dep_ in ("nsubj", "aux", "advmod", "compound", "det", "amod", "poss",
                                                  "case", "appos", "punct", "prep", "pobj", "nummod", "cc", "conj",
                                                  "npadvmod", "acl", "relcl", "dobj", "attr", "neg")
                         or t.head.i < tok.i and t.head.i >= (between[0].i if between else tok.i)
                         for t in between)
        ends_colon = any(t.text == ":" for t in trail if t.i > tok.i)
        own_content = any(c.dep_ in ("ccomp", "xcomp") and c.i > tok.i for c in tok.children)
        if ok_between and len(between) <= _trail_room(tok, between) and not ends_colon and not own_content \
                and _starts_clause(lead_text):
            return build(tok, 0.9), "trail"
    # 2b. a dash and a name after the quote: "“...” ― Jane Doe"
    dash = _dash_speaker(trail)
    if dash is not None:
        d, np = dash
        return Attribution(type="direct", parts=list(st.parts), cue=(d.idx, d.idx + len(d.text)),
                           speaker_tok=np.i, speaker=np_span(np), confidence=0.7), "trail"
    # 3. a cue before the quote that governs it, or ends right before it
    if leads:
        tok = leads[0]
        gap = [t for t in lead if t.i > tok.i]
        governs = any(t.head.i == tok.i or tok.is_ancestor(t)
                      for t in _tokens_between(doc, o0, o1) if not t.is_punct)
        if governs or len(gap) <= 3:
            att = build(tok, 0.8)
            if att is not None and (_clausal(gap) or _fragment(text, st)):
                # “...” inside the clause the cue governs: a mixed quote of that clause
                lo = next((t for t in doc[tok.i + 1:] if not t.is_punct and t.dep_ not in ("dative", "prt")), None)
                if lo is not None and lo.idx < o0:
                    att.type, att.parts = "mixed", [(lo.idx, max(o1, _clause_end(tok, o1)))]
            return att, "lead"
    if colon_lead and lead:
        colon = _colon_token(lead, lead[0].idx + len(lead_text) - 1)
        # "X released the following statement: “...”": the subject of the verb whose object is a cue noun
        nouns = [t for t in lead if t.i < colon.i and is_cue_noun(t) and t.dep_ in ("dobj", "nsubjpass")
                 and t.head.pos_ == "VERB"]
        subj = subject_of(nouns[-1].head) if nouns else None
        if subj is not None and subj.pos_ in ("PROPN", "NOUN"):
            return Attribution(type="direct", parts=list(st.parts), cue=cue_span(nouns[-1]),
                               speaker_tok=subj.i, speaker=np_span(subj), confidence=0.7), "colon"
        h = _label_speaker(lead, colon)
        if h is not None:
            return Attribution(type="direct", parts=list(st.parts), cue=(colon.idx, colon.idx + 1),
                               speaker_tok=h.i, speaker=np_span(h), confidence=0.6), "label"
    return None, ""


def _trail_room(cue: Token, between: list[Token]) -> int:
    """How many words may stand between a quotation and the cue after it: 12, or 25
    when they are the cue's subject with its apposition ("Jo Doe, the mayor's adviser
    on transport and housing, said")."""
    subj = subject_of(cue)
    return 25 if between and subj is not None and between[0].i <= subj.i else 12


def _colon_token(lead: list[Token], at: int) -> Token:
    """The token holding the lead-in's colon at character ``at``: ":" itself, or a
    word the tokenizer left it glued to."""
    return next(t for t in reversed(lead) if t.idx <= at < t.idx + len(t.text))


def _label_speaker(lead: list[Token], colon: Token) -> Optional[Token]:
    """The speaker of a quotation introduced by a colon with no cue verb: "Mr X: “...”",
    "Jo Doe, The Daily Post: “...”", a sentence ending in a name ("... pollster Jo Doe:"),
    or a bare name the recogniser missed ("Trump: ‘...’")."""
    persons = [t for t in lead if t.pos_ == "PROPN" and t.ent_type_ == "PERSON"]
    if persons and (len(lead) <= 8 or len(lead) <= 12 and not any(t.pos_ in ("VERB", "AUX") for t in lead)):
        h = persons[0]  # the person, not the outlet after it
        while h.i + 1 < colon.i and h.nbor(1).ent_iob_ == "I":
            h = h.nbor(1)
        return h
    names = [t for t in lead if t.pos_ == "PROPN" and t.ent_type_ == "ORG"]
    if names and len(lead) <= 8:
        return names[-1]
    before = colon.nbor(-1) if colon.i > 0 else None
    if before is not None and before in lead and before.ent_type_ == "PERSON":
        return before
    words = [t for t in lead if t.i < colon.i]
    if 1 <= len(words) <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words) \
            and (words[0].i == 0 or "\n" in words[0].nbor(-1).text):
        return words[-1]
    return None


def _clause_end(tok: Token, at_least: int) -> int:
    """End of the cue's clause: its subtree's right edge within the sentence."""
    right = min(tok.right_edge.i, sentence(tok).end - 1)
    while right > tok.i and tok.doc[right].is_punct and tok.doc[right].text not in "”’\"'":
        right -= 1
    end = tok.doc[right].idx + len(tok.doc[right].text)
    return end if end >= at_least else at_least


# ---------------------------------------------------------------- all passes

def find_attributions(doc: Doc, stretches: list[Stretch], regions: list[Region],
                      more: Optional[Callable[..., list[Attribution]]] = None) -> list[Attribution]:
    """Every attribution of one parsed article, in text order. ``more(doc, reported, skip)``
    adds the attributions of other rules to the reported speech found here."""
    text = doc_text(doc)
    stretches = [s for s in stretches if not inside(regions, s.start, s.end)]
    reported = reported_speech(doc, regions, stretches)
    if more is not None:
        reported = more(doc, reported, skipped(doc, regions, stretches))
    used: dict[int, Attribution] = {}
    out: list[Attribution] = []
    for att in reported:
        c0, c1 = att.content
        within = [k for k, s in enumerate(stretches) if s.outer[0] <= c0 and c1 <= s.outer[1] + 1]
        if within and att.cue and att.cue[1] < stretches[within[0]].outer[0] \
                and _fragment(text, stretches[within[0]]) and not _quoted_after_cue(doc, att.cue[1], stretches[within[0]]):
            within = []  # “a fragment” in the reported clause: mixed, below
        if within:  # the complement lies inside one quotation: a direct quote of all of it
            k = within[0]
            if k in used:
                continue
            att.type, att.parts, att.stretches = "direct", list(stretches[k].parts), [k]
            used[k] = att
            out.append(att)
            continue
        overl = [k for k, s in enumerate(stretches) if s.start < c1 and c0 < s.end]
        if overl:
            att.type = "mixed"
            lo = min([c0] + [stretches[k].outer[0] for k in overl])
            hi = max([c1] + [stretches[k].outer[1] for k in overl])
            att.parts = [(lo, hi)]
            att.stretches = overl
            for k in overl:
                used.setdefault(k, att)
        out.append(att)
    # drop an indirect that is only the lead-in of a direct quote it also governs
    for k, st in enumerate(stretches):
        if k in used:
            continue
        prev_end = stretches[k - 1].outer[1] if k > 0 else 0
        next_start = stretches[k + 1].outer[0] if k + 1 < len(stretches) else len(text)
        att, how = _frame_cue(doc, st, regions, prev_end, next_start)
        if how not in ("trail", "colon") and _title(doc, text, st):
            continue
        if how in ("", "lead") and _extend_reported(text, st, k, out, used):
            continue
        prev = used.get(k - 1)
        if att is not None and prev is not None and prev.type == "direct" and prev.cue == att.cue \
                and "\n" not in text[stretches[k - 1].outer[1]:st.outer[0]]:
            _join(prev, k, st, used)  # “A,” he said, “B.”: one quote in two parts
            continue
        if att is not None:
            att.stretches = [k]
            used[k] = att
            out.append(att)
    out = _drop_nested(out)
    _inherit_speakers(doc, out)
    _merge_split_quotes(text, stretches, used, out)
    _floating_quotes(doc, stretches, used, out)
    settle_types(text, stretches, out)
    out = _dedupe(out)
    out.sort(key=lambda a: a.content)
    return out


def _inherit_speakers(doc: Doc, atts: list[Attribution]) -> None:
    """A participle with no subject of its own ("Adding, “...”") continues the
    previous attribution: it takes that speaker, within two paragraphs."""
    atts.sort(key=lambda a: a.content)
    prev: Optional[Attribution] = None
    for att in atts:
        if att.speaker_tok is None and att.cue is not None and prev is not None:
            cue = doc.char_span(att.cue[0], att.cue[1], alignment_mode="expand")
            if cue is not None and cue[0].tag_ == "VBG" and doc_text(doc).count("\n", prev.content[1], att.cue[0]) <= 4:
                att.speaker_tok, att.speaker = prev.speaker_tok, prev.speaker
                att.confidence = min(att.confidence, 0.5)
        if att.speaker_tok is not None:
            prev = att


def _drop_nested(atts: list[Attribution]) -> list[Attribution]:
    """Reported speech inside reported speech ("X said Y had confirmed that ...")
    belongs to the outer attribution: keep only the outermost."""
    outer = [a.content for a in atts if a.type != "direct"]
    return [a for a in atts if a.cue is None or a.type == "direct"
            or not any(c0 <= a.cue[0] < c1 for c0, c1 in outer if (c0, c1) != a.content)]


def _extend_reported(text: str, st: Stretch, k: int, out: list[Attribution],
                     used: dict[int, Attribution]) -> bool:
    """“..., “quoted tail”” after reported speech: the quotation continues its content."""
    for att in out:
        if att.type == "direct" or att.content[1] > st.outer[0]:
            continue
        gap = text[att.content[1]:st.outer[0]]
        if len(gap) <= 3 and gap.strip() in ("", ",", "—", "–", "-", ", —") and "\n" not in gap:
            att.type = "mixed"
            att.parts = [(att.content[0], st.outer[1])]
            att.stretches.append(k)
            used[k] = att
            return True
    return False


def _join(att: Attribution, k: int, st: Stretch, used: dict[int, Attribution]) -> None:
    """Quotation ``k`` continues ``att``: its parts are added to the attribution's."""
    att.parts.extend(st.parts)
    att.stretches.append(k)
    used[k] = att


def _merge_split_quotes(text: str, stretches: list[Stretch], used: dict[int, Attribution],
                        out: list[Attribution]) -> None:
    """“A,” he said. “B.” is one quote: add B to A's parts when B has no cue of its own
    and stands in the same paragraph."""
    for k in range(1, len(stretches)):
        if k in used or (k - 1) not in used:
            continue
        prev = used[k - 1]
        if prev.type != "direct" or prev.cue is None or prev.stretches[-1] != k - 1:
            continue
        a, b = stretches[k - 1].outer[1], stretches[k].outer[0]
        if "\n" in text[a:b]:
            continue  # a quotation with no cue of its own, later in the same paragraph
        _join(prev, k, stretches[k], used)


def _floating_quotes(doc: Doc, stretches: list[Stretch], used: dict[int, Attribution],
                     out: list[Attribution]) -> None:
    """A full-sentence quotation with no cue takes the previous quote's speaker. Right
    after reported speech in the same paragraph it joins that speech as a mixed quote
    ("X said A. “B.”": parts A and B, as PolNeAR annotates it); opening the paragraph
    after a direct quote, it continues that quote."""
    text = doc_text(doc)
    for k, st in enumerate(stretches):
        if k in used:
            continue
        words = len(text[st.start:st.end].split())
        if words < DIRECT_MIN_WORDS:
            continue
        before = text[:st.outer[0]]
        line_start = before.rfind("\n") + 1
        lead = text[line_start:st.outer[0]].strip()
        sentence_like = lead == "" or lead.endswith((".", "!", "?", ":"))
        if not sentence_like:
            continue
        prev = max((a for a in out if a.content[1] <= st.start and a.speaker is not None),
                   key=lambda a: a.content[1], default=None)
        if prev is None or text[prev.content[1]:st.outer[0]].count("\n") > 4:
            continue
        between = text[prev.content[1]:st.outer[0]]
        if lead == "" and between.strip(" \t\n”\"’'.,") == "" and prev.cue is not None and prev.type == "direct":
            # the quotation opens the paragraph right after the previous quote ends:
            # it continues that quote
            _join(prev, k, st, used)
            continue
        if prev.type != "direct" and prev.cue is not None and "\n" not in between:
            # reported speech, then its speaker's words in the same paragraph: one mixed quote
            prev.type = "mixed"
            _join(prev, k, st, used)
            continue
        att = Attribution(type="direct", parts=list(st.parts), cue=None, speaker_tok=prev.speaker_tok,
                          speaker=prev.speaker, confidence=0.4, stretches=[k])
        used[k] = att
        out.append(att)


def _dedupe(atts: list[Attribution]) -> list[Attribution]:
    """One attribution per content: keep the first of any two with the same parts."""
    seen: set[tuple] = set()
    res = []
    for a in atts:
        key = tuple(a.parts)
        if key in seen:
            continue
        seen.add(key)
        res.append(a)
    return res
