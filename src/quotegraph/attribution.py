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
resolves it to a person. Pass 1 is ``reported``, pass 2 ``quote_frames``; this
module runs them and pass 3. ``found`` holds the :class:`Attribution` they give,
``cue_syntax`` the parse helpers they share.
"""
from __future__ import annotations

from typing import Callable, Optional

from spacy.tokens import Doc

from .clean import inside
from .cue_syntax import SUBJECTS
from .found import Attribution
from .nesting import one_per_cue
from .nlp import doc_text
from .quote_frames import DIRECT_MIN_WORDS, frame_cue, fragment, quoted_after_cue, title
from .quotemarks import Stretch
from .quotetypes import settle_types
from .record import Region, Span
from .reported import reported_speech, skipped


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
                and fragment(text, stretches[within[0]]) and not quoted_after_cue(doc, att.cue[1], stretches[within[0]]):
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
            att.parts = _union(att.parts + [stretches[k].outer for k in overl])  # a cue clause inside stays out
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
        att, how = frame_cue(doc, st, regions, prev_end, next_start)
        answer = how == "lead" and att is not None and att.type == "direct" and att.cue is not None \
            and text[att.cue[1]:st.outer[0]].strip() in (",", ":")  # 'said, “Probably.”': no title
        if how not in ("trail", "colon") and not answer and title(doc, text, st):
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
    _merge_split_quotes(doc, stretches, used, out)
    _floating_quotes(doc, stretches, used, out)
    settle_types(text, stretches, out)
    out = one_per_cue(_dedupe(out))
    out.sort(key=lambda a: a.content)
    return out


def _union(spans: list[Span]) -> list[Span]:
    """The spans merged where they overlap or touch, in order."""
    out: list[Span] = []
    for s0, s1 in sorted(spans):
        if out and s0 <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], s1))
        else:
            out.append((s0, s1))
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


def _merge_split_quotes(doc: Doc, stretches: list[Stretch], used: dict[int, Attribution],
                        out: list[Attribution]) -> None:
    """“A,” he said. “B.” is one quote: add B to A's parts when B has no cue of its own
    and stands in the same paragraph, with no other speaker brought in between them."""
    text = doc_text(doc)
    for k in range(1, len(stretches)):
        if k in used or (k - 1) not in used:
            continue
        prev = used[k - 1]
        if prev.type != "direct" or prev.cue is None or prev.stretches[-1] != k - 1:
            continue
        a, b = stretches[k - 1].outer[1], stretches[k].outer[0]
        if "\n" in text[a:b]:
            continue  # a quotation with no cue of its own, later in the same paragraph
        if not _only_cue_clause(doc, prev.cue, a, b):
            continue  # “A,” she said, and he cut in: “B.”: B is not hers
        _join(prev, k, stretches[k], used)


def _only_cue_clause(doc: Doc, cue: Span, start: int, end: int) -> bool:
    """Whether the words between two quotations (characters ``start`` to ``end``) leave
    the second to the speaker of the first: no clause with a subject of its own joined
    to the cue ("said, and her husband cut in")."""
    span = doc.char_span(start, end, alignment_mode="contract")
    return span is None or not any(
        t.pos_ == "VERB" and t.dep_ == "conj" and cue[0] <= t.head.idx < cue[1]
        and any(c.dep_ in SUBJECTS for c in t.children) for t in span)


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

