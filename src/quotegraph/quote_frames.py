"""Pass 2, direct quotes: the cue of a quotation found in the frame around its
marks (``X said: “...”``, ``“...,” said X``, ``“...” — Jane Doe``, ``Mr X: “...”``).
"""
from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Token

from .clean import inside
from .cue_syntax import addressee_of, cue_span, first_np, np_span, subject_of
from .found import Attribution
from .lexicons import is_cue_noun, is_cue_verb
from .nlp import doc_text, sentence
from .quotemarks import Stretch
from .record import Region

DIRECT_MIN_WORDS = 4  # shorter quoted phrases with no cue are scare quotes or titles


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


def fragment(text: str, st: Stretch) -> bool:
    """A quoted phrase rather than a quoted utterance: short, or starting in lower case."""
    body = text[st.start:st.end]
    return len(body.split()) < DIRECT_MIN_WORDS or body[:1].islower()


def quoted_after_cue(doc: Doc, cue_end: int, st: Stretch) -> bool:
    """A quotation right after its cue that is a sentence of its own, short ('said
    “We won.”') or a clause in lower case ('says “nothing will change until ...”'):
    direct, unlike a quoted phrase ('said “our own struggling citizens,” and left')."""
    text = doc_text(doc)
    if text[cue_end:st.outer[0]].strip() not in ("", ":", ","):
        return False
    body = text[st.start:st.end]
    return body[:1].isupper() or len(body.split()) >= DIRECT_MIN_WORDS and \
        any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in _tokens_between(doc, st.start, st.end))


def title(doc: Doc, text: str, st: Stretch) -> bool:
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


def frame_cue(doc: Doc, st: Stretch, regions: list[Region], prev_end: int, next_start: int
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
        if governs or len(gap) <= 3 or _scene_only(tok, gap):
            att = build(tok, 0.8)
            if att is not None and (_clausal(gap) or fragment(text, st)):
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


def _scene_only(cue: Token, gap: list[Token]) -> bool:
    """Whether the words between a cue and the quotation after it are only the cue's own
    phrases of time, place, occasion or addressee, closed by a comma or colon ("lamented
    in an interview with a radio station, “...”", "told reporters at the airport: “...”")."""
    words = [t for t in gap if not t.is_punct]
    return bool(gap) and gap[-1].text in (",", ":") and len(words) <= 12 and not _clausal(gap) \
        and all(cue.is_ancestor(t) for t in words)


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
