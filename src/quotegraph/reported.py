"""Pass 1, reported speech: every cue word (reporting verb, "according to",
reporting noun, participle) with a clausal complement gives an attribution whose
content is that complement.
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from .contents import as_clause_content, infinitive_end, object_content, passive_content, prep_content
from .cue_syntax import QUOTE_CHARS, SUBJECTS, addressee_of, cue_span, first_np, misattached_conj, np_span, subject_of
from .found import Attribution, make
from .lexicons import frames_of, is_cue_noun, is_cue_verb, lexicon
from .nesting import clause_end
from .quotemarks import Stretch
from .record import Region, Span


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
        comma = next((t.i for t in doc[tok.i + 1:tok.right_edge.i + 1] if t.text in (",", "—", "–")), tok.right_edge.i)
        hole = (tok.left_edge.i, comma + 1)  # the cue clause ends at its comma ("he said, from X": X is said)
        quoted = _quotation_after(head, hole)
        if quoted is not None:  # "Still, she added, “...”": only the quotation is said
            return quoted, cue, None
        return (head.left_edge.i, head.right_edge.i + 1), cue, hole
    for c in kids:
        if c.dep_ == "ccomp" or (c.dep_ == "parataxis" and c.i < tok.i):
            lo, hi = c.left_edge.i, c.right_edge.i + 1
            if c.i < tok.i:  # content before the cue: "X is Y, he said"
                hi = _end_before_cue(doc, c, tok, hi)
            else:  # "believe X, and admit Y": the cue's own next verb is no content
                hi = clause_end(doc, tok, lo, hi)
            return (lo, _cut_content(doc, c.i, lo, hi)), cue, None
    for c in kids:
        if c.dep_ == "xcomp" and "xcomp" in frames and c.i > tok.i:
            return (c.left_edge.i, clause_end(doc, tok, c.left_edge.i, infinitive_end(tok, c))), cue, None
    obj = object_content(tok) or passive_content(tok)
    if obj is not None:
        hi = clause_end(doc, tok, obj[0], obj[1]) if obj[0] > tok.i else obj[1]
        return (obj[0], _cut_content(doc, obj[0], obj[0], hi)), cue, None
    found = prep_content(tok)
    return (found[0], (tok.idx, found[1].idx + len(found[1].text)), None) if found else None


OPENING_MARKS = ("“", "‘", '"', "'", "``", "''", "«")


def _frame(phrase: Token) -> bool:
    """An adverbial that sets the scene of a statement rather than saying anything: it
    holds a reporting verb or a noun of ``speech_occasions.txt`` ("Asked about the
    strike", "When she described the plan", "In an interview with the BBC")."""
    return phrase.dep_ in ("advcl", "prep", "npadvmod", "advmod") and any(
        is_cue_verb(t) or t.pos_ == "NOUN" and t.lemma_.lower() in lexicon("speech_occasions.txt")
        for t in phrase.subtree)


def _quotation_after(head: Token, hole: tuple[int, int]) -> Optional[tuple[int, int]]:
    """For a cue clause that interrupts its content ("In an interview, she said, “A.”"): the
    token range of the quotation opening right after the cue clause, when the words before
    the clause only frame the statement (:func:`_frame`); else None, and they are content
    ("Instead, she said, “A.”" is a mixed quote)."""
    doc = head.doc
    lo, hi = hole
    mark = next((i for i in range(max(lo, hi - 2), min(hi + 1, len(doc))) if doc[i].text in OPENING_MARKS), None)
    if mark is None or not all(doc[i].is_punct for i in range(mark, hi)) or head.i <= mark:
        return None
    front = [c for c in head.children if c.i < lo and not c.is_punct]
    if not front or not all(_frame(c) for c in front) or any(t.text in QUOTE_CHARS for t in doc[head.left_edge.i:lo]):
        return None
    return mark, head.right_edge.i + 1


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
        if misattached_conj(t) is not None:
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
            out.append(make(doc, *rng, subj, cue, addressee_of(tok), conf if subj is not None else conf - 0.3, hole))
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
            out.append(make(doc, *rng, subj, (tok.idx, tok.idx + len(tok.text)), addr, 0.6))
    return [a for a in out if a is not None]
