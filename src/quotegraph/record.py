"""Plain data passed between stages and written out: articles in, records out.

Every span is a ``(start, end)`` pair of character offsets into the article
text, end exclusive (Python ``str`` slicing).
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Optional, Union

Span = tuple[int, int]
QUOTE_KINDS = ("speech", "writing", "document", "belief", "question")  # a quote's ``kind``
# an Event's ``type``: the PLOVER 2.0 event types, cooperative to hostile
EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
               "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
SAID_KINDS = ("speech", "writing")  # what "who said what" shows by default


_NOT_TEXT = re.compile("[\x00\ud800-\udfff]")


def valid_text(s: str) -> str:
    """``s`` with what no stored text can hold (NUL, which PostgreSQL refuses, and lone
    UTF-16 surrogates, which UTF-8 cannot encode) replaced by U+FFFD: same length, so
    offsets are unchanged."""
    if s.isascii() and "\x00" not in s:
        return s
    return _NOT_TEXT.sub("\ufffd", s)


@dataclass
class Article:
    """One input article: an id, its text, and whatever metadata came with it.

    Its id and text are made valid text (:func:`valid_text`) whatever they came from."""

    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if isinstance(self.text, str):
            self.text = valid_text(self.text)
        if isinstance(self.id, str):
            self.id = valid_text(self.id)


@dataclass
class InputError:
    """One input that could not be read: where (``file`` or ``file:line``) and why."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass
class Skipped:
    """Input records left out on purpose, not an error: where, how many, why
    (say, the non-HTML records of a WARC file)."""

    source: str
    count: int
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.count} {self.reason}"


@dataclass
class Quote:
    """One attribution: content said (or written, believed) by a speaker."""

    type: str  # direct | mixed | indirect
    content: Span
    content_parts: list[Span]
    cue: Optional[Span] = None
    speaker: Optional[Span] = None
    speaker_text: Optional[str] = None
    speaker_name: Union[str, list[str], None] = None
    speaker_id: Optional[int] = None
    addressee: Optional[Span] = None
    confidence: float = 0.5
    kind: str = "speech"  # speech | writing | document | belief | question (see ``kinds``)
    # the graph (issue 11): to whom, about what
    addressee_name: Union[str, list[str], dict[str, str], None] = None  # {"audience": "reporters"}
    addressee_id: Optional[int] = None
    about: list[str] = field(default_factory=list)  # canonical names of people, organisations, places
    keywords: list[str] = field(default_factory=list)  # short topic keywords


GRAPH_QUOTE_FIELDS = ("addressee_name", "addressee_id", "about", "keywords")


@dataclass
class Person:
    """A speaker or other participant: canonical name and every mention."""

    name: str
    mentions: list[Span] = field(default_factory=list)
    kind: str = "person"  # person | organisation | group
    members: list[int] = field(default_factory=list)  # for a group: indexes into ``people``


@dataclass
class Region:
    """A stretch of the text that is not article prose (caption, byline, ...)."""

    span: Span
    kind: str  # caption | credit | byline | boilerplate


@dataclass
class Event:
    """A reported act between actors (PLOVER 2.0 type), with who reports it."""

    type: str  # one of EVENT_TYPES
    # an act: None or PLOVER 2.0's mode of its type ("disapprove", "allege", "visit");
    # not an act: "future", "hypothetical" or "negated" (events.NOT_ACTS)
    mode: Optional[str] = None
    actor: list[str] = field(default_factory=list)  # canonical names
    recipient: list[str] = field(default_factory=list)
    evidence: Optional[Span] = None
    reported_by: Optional[int] = None  # index into ``quotes`` when said inside a quote; None: narrator


@dataclass
class Claim:
    """A proposition stated in several quotes, each member asserting or denying it."""

    claim: str
    members: list[dict[str, Any]] = field(default_factory=list)  # {"quote": INDEX, "stance": "asserts"|"denies"}


@dataclass
class Record:
    """The extraction record of one article (a superset of the eval format)."""

    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    quotes: list[Quote] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    regions: list[Region] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    error: Optional[str] = None
    skipped: Optional[str] = None  # why it was not parsed at all, e.g. "language: fr"

    def to_dict(self) -> dict[str, Any]:
        """The record as JSON-ready plain data (spans become lists)."""
        out = asdict(self)
        for key in ("error", "skipped"):
            if out[key] is None:
                del out[key]
        for key in ("events", "claims"):  # the graph layer's fields are left out when empty
            if not out[key]:
                del out[key]
        for quote in out["quotes"]:
            for key in GRAPH_QUOTE_FIELDS:
                if not quote[key] and quote[key] != 0:
                    del quote[key]
        return _lists(out)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Record":
        """Rebuild a record written by :meth:`to_dict`."""
        quotes = [Quote(**{k: _tuples(v) for k, v in q.items() if k in Quote.__dataclass_fields__})
                  for q in data.get("quotes", [])]
        people = [Person(name=p["name"], mentions=[tuple(m) for m in p.get("mentions", [])],
                         kind=p.get("kind", "person"), members=list(p.get("members", [])))
                  for p in data.get("people", [])]
        regions = [Region(span=tuple(r["span"]), kind=r["kind"]) for r in data.get("regions", [])]
        events = [Event(**{k: _tuples(v) for k, v in e.items() if k in Event.__dataclass_fields__})
                  for e in data.get("events", [])]
        claims = [Claim(claim=c["claim"], members=list(c.get("members", [])))
                  for c in data.get("claims", [])]
        return cls(id=data["id"], text=data["text"], meta=data.get("meta") or {},
                   quotes=quotes, people=people, regions=regions, events=events, claims=claims,
                   error=data.get("error"), skipped=data.get("skipped"))


def _lists(x: Any) -> Any:
    if isinstance(x, dict):
        return {k: _lists(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_lists(v) for v in x]
    return x


def _tuples(x: Any) -> Any:
    if isinstance(x, list) and len(x) == 2 and all(isinstance(v, int) for v in x):
        return (x[0], x[1])
    if isinstance(x, list):
        return [_tuples(v) for v in x]
    return x
