"""Clean text: find the parts of an article that are not prose.

The text itself is never changed (every offset refers to the input); instead
photo captions and credits, bylines and boilerplate lines ("Read more", "Sign up")
are returned as :class:`Region` spans.  Later stages take no speaker, cue or
person mention from inside them.
"""
from __future__ import annotations

import re

from .record import Region

# "(Stefan Rousseau/PA)", "(AP Photo/Evan Vucci)", "(Photo: Getty Images)", "(Reuters)"
CREDIT = re.compile(
    r"\((?:[^()\n]{0,60}/\s*[A-Z][^()\n]{0,40}"
    r"|(?:AP |Reuters |AFP |Getty )?(?:Photo|Picture|Image|Credit|Photograph)s?\b[^()\n]{0,60}"
    r"|[^()\n]{0,40}\b(?:Getty Images|Shutterstock|AP Photo|PA Wire|Reuters|AFP)\b[^()\n]{0,20})\)")
BYLINE = re.compile(r"^\s*(?:By|BY|Written by|Reporting by)\s+[A-Z][\w.’'-]*(?:,?\s+[\w.’'&-]+){0,8}\s*$")
BOILERPLATE = re.compile(
    r"^\s*(?:Read more|READ MORE|Related|RELATED|Sign up|Subscribe|Follow (?:us|him|her)|Click here|"
    r"Share this|Advertisement|ADVERTISEMENT|Watch|WATCH|Listen|Image copyright|Image caption|"
    r"Photo:|Picture:|Getty Images)\b.{0,200}$")
_PARA = re.compile(r"[^\n]+")
MARKUP = re.compile(r"</?[a-zA-Z][\w-]*(?:\s+[\w:-]+=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s>]+))*\s*/?>")


def nonprose_regions(text: str) -> list[Region]:
    """Captions, credits, bylines and boilerplate lines of ``text``, in order."""
    regions: list[Region] = []
    for m in _PARA.finditer(text):
        line, start = m.group(), m.start()
        stripped = line.rstrip()
        end = start + len(stripped)
        if not stripped.strip():
            continue
        if BYLINE.match(stripped):
            regions.append(Region((start, end), "byline"))
            continue
        if BOILERPLATE.match(stripped):
            regions.append(Region((start, end), "boilerplate"))
            continue
        credits = list(CREDIT.finditer(stripped))
        if credits and credits[-1].end() == len(stripped) and not _is_sentence(stripped[:credits[-1].start()]):
            regions.append(Region((start, end), "caption"))
            continue
        for c in credits:
            regions.append(Region((start + c.start(), start + c.end()), "credit"))
    regions.extend(Region((m.start(), m.end()), "markup") for m in MARKUP.finditer(text))
    regions.sort(key=lambda r: r.span)
    return regions


def with_captions(regions: list[Region], text: str, meta: dict) -> list[Region]:
    """``regions`` and the captions the input marked (``meta["captions"]``: ``[start, end)``
    spans, as HTML pages give them), in order; a span that is not in the text is left out."""
    given = meta.get("captions") if isinstance(meta, dict) else None
    if not given or not isinstance(given, list):
        return regions
    have = {r.span for r in regions}
    extra = []
    for span in given:
        if (isinstance(span, (list, tuple)) and len(span) == 2 and all(type(x) is int for x in span)
                and 0 <= span[0] < span[1] <= len(text) and tuple(span) not in have):
            extra.append(Region((span[0], span[1]), "caption"))
    return sorted(regions + extra, key=lambda r: r.span) if extra else regions


def _is_sentence(line: str) -> bool:
    """A caption is a short line with no closing full stop; prose ends like a sentence."""
    s = line.strip()
    return len(s.split()) > 40 or s.endswith((".", "!", "?", "”", '"')) and len(s.split()) > 25


def inside(regions: list[Region], start: int, end: int) -> bool:
    """Whether [start, end) overlaps any of ``regions``."""
    return any(r.span[0] < end and start < r.span[1] for r in regions)
