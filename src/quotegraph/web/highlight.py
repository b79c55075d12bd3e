"""An article's text as HTML, with its quotes, cues, speakers, quotation marks and captions marked.

Everything to mark is an :class:`Mark` (a span of the text, a rank and an
element). Marks are nested by containment (the longer one outside; on equal
spans, the lower rank outside), and a mark that only partly overlaps another
is split into pieces that carry the same attributes (``data-q``,
``data-stretch``), so the HTML is always well formed. Every character of the
text is escaped: nothing in an article can become markup.

Paragraphs are the text's lines. A caption or other non-prose region that
covers a whole paragraph makes that paragraph a ``<p class="region caption">``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional, Sequence, Union

from markupsafe import Markup, escape

from ..quotemarks import find_stretches

Span = tuple[int, int]
PALETTE = 8  # speaker colours c0..c7 (style.css); c-none for unnamed speakers

RANK_REGION, RANK_STRETCH, RANK_QUOTE, RANK_MARK = 0, 1, 2, 3
_PARA = re.compile(r"[^\n]+")


@dataclass
class QuoteView:
    """One quote as the page shows it."""

    n: int  # position among the article's quotes
    type: str  # direct | mixed | indirect
    parts: list[Span]
    cue: Optional[Span] = None
    speaker: Optional[Span] = None
    speaker_text: Optional[str] = None
    name: Optional[str] = None  # canonical name; a group's names joined with "; "
    person_id: Optional[int] = None  # in the store, for a link to the person's page
    confidence: float = 0.0
    content: str = ""
    cue_text: Optional[str] = None
    colour: str = "c-none"
    key: Any = None  # who the speaker is, for colours and the list of people
    kind: str = "speech"  # speech | writing | document | belief | question

    @property
    def label(self) -> str:
        return self.name or self.speaker_text or "unknown speaker"

    def details(self) -> dict[str, Any]:
        """The quote's details for the page's script (hover and click)."""
        return {"n": self.n, "type": self.type, "kind": self.kind, "speaker_text": self.speaker_text, "name": self.name,
                "person_id": self.person_id, "confidence": self.confidence, "cue": self.cue_text,
                "content": self.content, "colour": self.colour}


@dataclass
class SpeakerView:
    """A speaker of the article, for the side list."""

    key: Any
    name: str
    person_id: Optional[int]
    colour: str
    quotes: list[int] = field(default_factory=list)
    types: dict[str, int] = field(default_factory=dict)


@dataclass
class Mark:
    start: int
    end: int
    rank: int
    tag: str
    attrs: dict[str, str]

    def open(self) -> str:
        attrs = "".join(f' {k}="{escape(v)}"' for k, v in self.attrs.items())
        return f"<{self.tag}{attrs}>"

    def close(self) -> str:
        return f"</{self.tag}>"


def speaker_key(q: QuoteView) -> Any:
    if q.person_id is not None:
        return ("person", q.person_id)
    if q.name:
        return ("name", q.name)
    return None


def assign_colours(quotes: Sequence[QuoteView]) -> list[SpeakerView]:
    """A colour per speaker, in order of their first quote; the speakers with their quotes."""
    speakers: dict[Any, SpeakerView] = {}
    for q in quotes:
        key = speaker_key(q)
        q.key = key
        if key is None:
            q.colour = "c-none"
            continue
        sp = speakers.get(key)
        if sp is None:
            name = (q.name or q.label).replace("; ", " and ")  # a group: its members
            sp = speakers[key] = SpeakerView(key=key, name=name, person_id=q.person_id,
                                             colour=f"c{len(speakers) % PALETTE}")
        q.colour = sp.colour
        sp.quotes.append(q.n)
        sp.types[q.type] = sp.types.get(q.type, 0) + 1
    return list(speakers.values())


def _quote_title(q: QuoteView) -> str:
    who = q.name or "unnamed"
    said = f" ({q.speaker_text})" if q.speaker_text and q.speaker_text != q.name else ""
    kind = "" if q.kind == "speech" else f" ({q.kind})"
    return f"{q.type} quote{kind} · {who}{said} · confidence {q.confidence:.2f}"


def marks_for(text: str, quotes: Sequence[QuoteView], regions: Iterable[tuple[Span, str]],
              stretches: Optional[Sequence[Span]] = None,
              person_url: Optional[str] = "/people/{}") -> list[Mark]:
    """The marks of an article: regions, quotation-marked stretches, quote parts, speakers, cues."""
    marks: list[Mark] = []
    n = len(text)

    def ok(span: Optional[Span]) -> bool:
        return span is not None and 0 <= span[0] < span[1] <= n

    for (s, e), kind in regions:
        if ok((s, e)):
            marks.append(Mark(s, e, RANK_REGION, "span", {"class": f"region {kind}", "data-region": kind}))
    if stretches is None:
        stretches = [st.outer for st in find_stretches(text)]
    for k, sp in enumerate(stretches):
        if ok(sp):
            marks.append(Mark(sp[0], sp[1], RANK_STRETCH, "span", {"class": "stretch", "data-stretch": str(k)}))
    speakers: dict[Span, Mark] = {}
    cues: dict[Span, Mark] = {}
    for q in quotes:
        for s, e in q.parts:
            if ok((s, e)):
                marks.append(Mark(s, e, RANK_QUOTE, "span", {
                    "class": f"quote {q.type} {q.colour}", "data-q": str(q.n), "tabindex": "0",
                    "data-confidence": f"{q.confidence:.2f}", "title": _quote_title(q)}))
        if ok(q.speaker):
            m = speakers.get(q.speaker)
            if m is None:
                attrs = {"class": f"speaker {q.colour}", "data-q": str(q.n),
                         "title": f"speaker: {q.name or 'unnamed'}"}
                tag = "span"
                nested = any(o.tag == "a" and o.start < q.speaker[1] and q.speaker[0] < o.end
                             for o in speakers.values())
                if q.person_id is not None and person_url and not nested:  # never a link inside a link
                    tag, attrs["href"] = "a", person_url.format(q.person_id)
                m = speakers[q.speaker] = Mark(q.speaker[0], q.speaker[1], RANK_MARK, tag, attrs)
                marks.append(m)
            else:
                m.attrs["data-q"] += f" {q.n}"
        if ok(q.cue):
            m = cues.get(q.cue)
            if m is None:
                m = cues[q.cue] = Mark(q.cue[0], q.cue[1], RANK_MARK, "span",
                                       {"class": "cue", "data-q": str(q.n), "title": "cue"})
                marks.append(m)
            else:
                m.attrs["data-q"] += f" {q.n}"
    return marks


def render_span(text: str, p0: int, p1: int, marks: Sequence[Mark]) -> str:
    """``text[p0:p1]`` escaped, with the marks (clipped to it) as properly nested elements."""
    clipped = [Mark(max(m.start, p0), min(m.end, p1), m.rank, m.tag, m.attrs)
               for m in marks if m.start < p1 and m.end > p0]
    clipped.sort(key=lambda m: (m.start, -m.end, m.rank))
    points = sorted({p0, p1} | {m.start for m in clipped} | {m.end for m in clipped})
    starting: dict[int, list[Mark]] = {}
    for m in clipped:
        starting.setdefault(m.start, []).append(m)
    out: list[str] = []
    stack: list[Mark] = []
    pos = p0
    for b in points:
        if b > pos:
            out.append(str(escape(text[pos:b])))
            pos = b
        ending = [i for i, m in enumerate(stack) if m.end <= b]
        if ending:
            i = ending[0]
            above = stack[i:]
            for m in reversed(above):
                out.append(m.close())
            del stack[i:]
            for m in above:  # the ones that go on are reopened: one mark, split in pieces
                if m.end > b:
                    out.append(m.open())
                    stack.append(m)
        for m in starting.get(b, ()):
            if m.end > b:
                out.append(m.open())
                stack.append(m)
    for m in reversed(stack):
        out.append(m.close())
    return "".join(out)


@dataclass
class Paragraph:
    html: Markup
    region: Optional[str]  # the kind of a region that is the whole paragraph (caption, byline...)
    start: int


def render_article(text: str, quotes: Sequence[QuoteView], regions: Iterable[tuple[Span, str]],
                   person_url: Optional[str] = "/people/{}") -> list[Paragraph]:
    """The article as paragraphs of marked-up HTML (``person_url`` None: no links to people)."""
    regions = list(regions)
    marks = marks_for(text, quotes, regions, person_url=person_url)
    paras = []
    for m in _PARA.finditer(text):
        p0, p1 = m.start(), m.end()
        while p0 < p1 and text[p0].isspace():
            p0 += 1
        while p1 > p0 and text[p1 - 1].isspace():
            p1 -= 1
        if p1 <= p0:
            continue
        whole = next((kind for (s, e), kind in regions if s <= p0 and e >= p1), None)
        inner = [mk for mk in marks if not (whole and mk.rank == RANK_REGION and mk.start <= p0 and mk.end >= p1)]
        paras.append(Paragraph(Markup(render_span(text, p0, p1, inner)), whole, p0))
    return paras


# --- quotes from the store or from a record ---------------------------------------------------

def _span(a: Optional[int], b: Optional[int]) -> Optional[Span]:
    return (a, b) if a is not None and b is not None else None


def quotes_from_rows(text: str, rows: Sequence[dict[str, Any]]) -> list[QuoteView]:
    """Quote views of an article's stored quotes (rows of ``queries.article_quotes``)."""
    import json
    out = []
    for r in rows:
        parts = [tuple(p) for p in json.loads(r["content_parts"] or "[]")] or \
            [(r["content_start"], r["content_end"])]
        out.append(QuoteView(
            n=r["idx"], type=r["type"], parts=parts, cue=_span(r["cue_start"], r["cue_end"]),
            speaker=_span(r["speaker_start"], r["speaker_end"]), speaker_text=r["speaker_text"],
            name=r["person_name"] or r["speaker_name"], person_id=r["person_id"],
            confidence=r["confidence"], content=r["content"], cue_text=r["cue"],
            kind=r.get("kind") or "speech"))
    return out


def quotes_from_record(record) -> list[QuoteView]:
    """Quote views of an extraction record (not stored: no links to people)."""
    text = record.text
    out = []
    for i, q in enumerate(record.quotes):
        name: Union[str, list, None] = q.speaker_name
        if isinstance(name, list):
            name = "; ".join(name)
        parts = list(q.content_parts or [q.content])
        out.append(QuoteView(
            n=i, type=q.type, parts=[tuple(p) for p in parts], cue=tuple(q.cue) if q.cue else None,
            speaker=tuple(q.speaker) if q.speaker else None, speaker_text=q.speaker_text, name=name,
            person_id=None, confidence=q.confidence,
            content=" … ".join(text[s:e].strip() for s, e in parts),
            cue_text=text[q.cue[0]:q.cue[1]] if q.cue else None, kind=q.kind))
    return out
