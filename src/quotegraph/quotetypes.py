"""Direct or mixed: what the quotation marks inside an attribution's content make it.

FORMAT.md: a quote is ``direct`` when all of its content is inside quotation
marks, ``mixed`` when only part of it is. Reported speech that overlaps
quotations is typed ``mixed`` where it is found; this pass looks at what its
content holds outside the marks, and makes it ``direct`` when that is nothing
(“a whole quoted phrase”) or only the quote's own cue clause
(“A,” she said, “B.”: one direct quote in two parts).
"""
from __future__ import annotations

from typing import Optional

from .quotemarks import Stretch
from .record import Span

FILLER = set(" \t\n,.;:—–-")
MIN_WORDS = 4  # fewer quoted words: a phrase taken into reported speech, kept mixed


def _outside(text: str, content: Span, stretches: list[Stretch]) -> list[Span]:
    """The stretches of ``content`` outside every quotation's marks, not blank."""
    c0, c1 = content
    cuts = sorted((max(c0, s.outer[0]), min(c1, s.outer[1])) for s in stretches
                  if s.outer[0] < c1 and c0 < s.outer[1])
    out, pos = [], c0
    for a, b in cuts:
        if a > pos and any(ch not in FILLER for ch in text[pos:a]):
            out.append((pos, a))
        pos = max(pos, b)
    if c1 > pos and any(ch not in FILLER for ch in text[pos:c1]):
        out.append((pos, c1))
    return out


def direct_parts(text: str, content: Span, cue: Optional[Span], speaker: Optional[Span],
                 stretches: list[Stretch]) -> Optional[list[Span]]:
    """The parts of a direct quote when ``content`` holds nothing outside its
    quotations but their cue clause (cue and speaker mention); else None."""
    inside = [s for s in stretches if s.outer[0] < content[1] and content[0] < s.outer[1]]
    if sum(len(text[s.start:s.end].split()) for s in inside) < MIN_WORDS:
        return None  # a quoted phrase ("deemed “top secret”") is likely part of a longer mixed quote
    for a, b in _outside(text, content, inside):
        words = text[a:b]
        if cue is None or not (a <= cue[0] and cue[1] <= b):
            return None
        rest = words.replace(text[cue[0]:cue[1]], "", 1)
        if speaker is not None and a <= speaker[0] and speaker[1] <= b:
            rest = rest.replace(text[speaker[0]:speaker[1]], "", 1)
        if len(rest.split()) > 3 or not inside[0].outer[0] < a:
            return None  # more than "on Monday" beside the cue, or text before the first quotation
    lead = text[:inside[0].outer[0]]
    lead = lead[max(lead.rfind("\n"), lead.rfind(". "), lead.rfind("? "), lead.rfind("! ")) + 1:]
    if any(ch.isalnum() for ch in lead):
        return None  # "But “A,” she said, “B.”": the words before the quotation make it mixed
    return [p for s in inside for p in s.parts]


def settle_types(text: str, stretches: list[Stretch], atts: list) -> None:
    """Make direct each mixed attribution whose content is all quotation but its cue clause."""
    for att in atts:
        if att.type == "mixed":
            parts = direct_parts(text, att.content, att.cue, att.speaker, stretches)
            if parts is not None:
                att.type, att.parts = "direct", parts
