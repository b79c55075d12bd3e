"""Direct-quote stretches: text between quotation marks, found by a character scan.

Works paragraph by paragraph so that one stray mark never swallows the rest of
the article: a mark left open at the end of a paragraph either continues into
the next paragraph (which then opens with a mark, the newspaper convention for
long quotes) or is closed at the paragraph end.  Only top-level stretches are
returned; quotes nested inside them are part of their content.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from .record import Span

DOUBLE_OPEN = "“„«‹"
DOUBLE_CLOSE = "”»›"
SINGLE_OPEN = "‘‚"
SINGLE_CLOSE = "’"
OPENERS_BEFORE = " \t\n([{—–-/“‘\"'"  # characters after which a straight mark opens
_PARA = re.compile(r"[^\n]+")
_MARK = re.compile("[" + re.escape(DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"'`") + "]")


@dataclass
class Stretch:
    """One quoted stretch; ``parts`` holds one span per paragraph it covers."""

    parts: list[Span]
    open_mark: int
    close_mark: Optional[int]  # None when the stretch ran to a paragraph end
    double: bool = True
    close_len: int = 1  # 2 for a doubled mark ('')
    nested: list[Span] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]

    @property
    def outer(self) -> Span:
        """Span including the marks."""
        return (self.open_mark, self.close_mark + self.close_len if self.close_mark is not None else self.end)


def _role(text: str, i: int) -> str:
    """'open', 'close', 'either' or 'none' for the mark at ``text[i]``."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch in DOUBLE_OPEN or ch in SINGLE_OPEN:
        if ch == "‘" and (nxt.isdigit() or (prev.isalnum())):
            return "none"  # ‘90s, rock ‘n’ roll
        if ch == "“" and (prev.isalnum() or prev in ",.;!?") and (nxt.isspace() or i + 1 >= len(text)):
            return "close"  # a closing mark typed the wrong way round: ‘... here,“ said X’
        return "open"
    if ch in DOUBLE_CLOSE:
        if ch == "”" and prev in " \t\n" and nxt.isalnum():
            return "open"  # an opening mark typed the wrong way round: ‘”Mr X is ...’
        return "close"
    if ch == SINGLE_CLOSE or ch == "'":
        if prev.isalnum() and nxt.isalpha():
            return "none"  # apostrophe: don't, Boris’s
        if ch == "'" and (prev in OPENERS_BEFORE or prev == "") and (nxt.isalpha() or nxt in "\"“…"):
            return "open"
        if ch == SINGLE_CLOSE and prev in " \t\n" and nxt.isalpha():
            return "open"  # a curly apostrophe used as an opener
        if prev.isalpha() and nxt in " \t\n" and prev.lower() == "s":
            return "either"  # plural possessive (the Clintons’) or a closing mark
        return "close" if not prev.isspace() else "none"
    if ch == '"':
        left = prev in OPENERS_BEFORE
        right = nxt.isspace() or nxt in ".,;:!?)]}—–-…" or i + 1 >= len(text)
        if left and not right:
            return "open"
        if right and not left:
            return "close"
        return "either"
    return "none"


def _is_double(ch: str) -> bool:
    return ch in DOUBLE_OPEN or ch in DOUBLE_CLOSE or ch == '"'


def find_stretches(text: str) -> list[Stretch]:
    """All top-level quoted stretches of ``text``, in order."""
    out: list[Stretch] = []
    carry: Optional[Stretch] = None  # an open stretch continuing from the previous paragraph
    for para in _PARA.finditer(text):
        p0, p1 = para.start(), para.end()
        while p1 > p0 and text[p1 - 1].isspace():
            p1 -= 1
        if p1 <= p0:
            continue
        first = p0
        while first < p1 and text[first].isspace():
            first += 1
        if carry is not None:
            if _role(text, first) == "open" and _is_double(text[first]) == carry.double:
                carry.parts.append((first + 1, first + 1))  # extended by the scan below
            else:
                out.append(carry)
                carry = None
        carry = _scan_paragraph(text, first, p1, carry, out)
    if carry is not None:
        out.append(carry)
    for st in out:
        st.parts = [_strip(text, s, e) for s, e in st.parts]
        st.parts = [sp for sp in st.parts if sp[1] > sp[0]]
    return [st for st in out if st.parts]


def _scan_paragraph(text: str, p0: int, p1: int, carry: Optional[Stretch],
                    out: list[Stretch]) -> Optional[Stretch]:
    """Scan one paragraph; returns a stretch still open at its end, if any."""
    current = carry  # the open top-level stretch
    inner: list[tuple[int, bool]] = []  # open nested marks (position, double?)
    i = p0 + 1 if carry is not None else p0
    if carry is not None:
        carry.parts[-1] = (i, i)
    while i < p1:
        m = _MARK.search(text, i, p1)  # jump to the next character that can be a mark
        if m is None:
            break
        i = m.start()
        ch = text[i]
        width = 1
        if ch in "'`" and i + 1 < p1 and text[i + 1] == ch:
            # a doubled mark ('' or ``) stands for a double quotation mark
            width = 2
            role = _role(text[:i] + '"' + text[i + 2:], i) if ch == "'" else "open"
            if role == "either" and ch == "'":
                role = "close" if current is not None and current.double else "open"
            dbl = True
        else:
            role = _role(text, i) if ch in DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + "\"'" else "none"
            dbl = _is_double(ch)
        if role == "none":
            i += 1
            continue
        if current is not None and ch == "“" and text[current.open_mark] == "„":
            role = "close"  # German style: „...“
        if current is None:
            if role in ("open", "either") and not (role == "either" and not dbl):
                current = Stretch(parts=[(i + width, i + width)], open_mark=i, close_mark=None, double=dbl)
            i += width
            continue
        if inner and role in ("close", "either") and inner[-1][1] == dbl:
            s = inner.pop()[0]
            if not inner:
                current.nested.append((s + 1, i))
            i += width
            continue
        if dbl == current.double and role in ("close", "either"):
            current.parts[-1] = (current.parts[-1][0], i)
            current.close_mark = i
            current.close_len = width
            out.append(current)
            current, inner = None, []
        elif role == "open" or (role == "either" and dbl != current.double):
            inner.append((i, dbl))
        i += width
    if current is not None:
        current.parts[-1] = (current.parts[-1][0], p1)
        return current
    return None


def _strip(text: str, s: int, e: int) -> Span:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e)
