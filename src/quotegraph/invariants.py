"""What every extraction record must satisfy, whatever the text: checked by the
property tests (tests/test_properties.py) and the fuzz script (benchmarks/fuzz.py).

:func:`violations` lists, in words, each way a record breaks them: a span outside
the text or reversed, a ``speaker_text`` that is not the text of its span, a
direct quote whose content is not inside quotation marks, a speaker or person
index out of range. :func:`quote_view` is what "the same quote" means when two
records are compared.
"""
from __future__ import annotations

from typing import Any, Iterator, Optional

from .quotemarks import find_stretches
from .record import Record


def _spans(record: Record) -> Iterator[tuple[str, Any]]:
    for i, q in enumerate(record.quotes):
        yield f"quote {i} content", q.content
        for k, p in enumerate(q.content_parts):
            yield f"quote {i} part {k}", p
        for name in ("cue", "speaker", "addressee"):
            if getattr(q, name) is not None:
                yield f"quote {i} {name}", getattr(q, name)
    for i, p in enumerate(record.people):
        for k, m in enumerate(p.mentions):
            yield f"person {i} mention {k}", m
    for i, r in enumerate(record.regions):
        yield f"region {i}", r.span


def extracted_text(record: Record) -> str:
    """The part of the text the quotes come from: all of it, or up to the size cap."""
    cut = record.meta.get("truncated") if isinstance(record.meta, dict) else None
    return record.text[:cut["at"]] if isinstance(cut, dict) else record.text


def violations(record: Record) -> list[str]:
    """Every broken invariant of ``record``, one line each (empty: all hold)."""
    text = record.text
    extracted = extracted_text(record)
    n = len(extracted)
    found = []
    for where, span in _spans(record):
        if not (isinstance(span, (tuple, list)) and len(span) == 2 and 0 <= span[0] <= span[1] <= n):
            found.append(f"{where} {span!r} is not a span inside the text (length {n})")
    if found:
        return found
    marks = [st.outer for st in find_stretches(extracted)]
    for i, q in enumerate(record.quotes):
        if q.speaker is None:
            if q.speaker_text is not None:
                found.append(f"quote {i} has speaker_text {q.speaker_text!r} but no speaker span")
        elif q.speaker_text != text[q.speaker[0]:q.speaker[1]]:
            found.append(f"quote {i} speaker_text {q.speaker_text!r} is not its span's text")
        if q.type == "direct":
            for s, e in q.content_parts:
                if not any(o0 <= s and e <= o1 for o0, o1 in marks):
                    found.append(f"direct quote {i} part {text[s:e]!r} is not inside quotation marks")
        if q.speaker_id is not None and not 0 <= q.speaker_id < len(record.people):
            found.append(f"quote {i} speaker_id {q.speaker_id} is not a person of the record")
    for i, p in enumerate(record.people):
        if any(not 0 <= m < len(record.people) for m in p.members):
            found.append(f"person {i} has a member out of range: {p.members}")
    return found


def quote_view(record: Record, q) -> tuple:
    """A quote as text and spans: what must not change when an unrelated paragraph is added."""
    cut = (lambda s: None if s is None else (tuple(s), record.text[s[0]:s[1]]))
    name: Optional[Any] = tuple(q.speaker_name) if isinstance(q.speaker_name, list) else q.speaker_name
    return (q.type, tuple(cut(p) for p in q.content_parts), cut(q.cue), cut(q.speaker), name, cut(q.addressee))
