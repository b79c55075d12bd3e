"""The captions of an HTML page's figures, kept in its text where the figure was.

trafilatura leaves ``<figcaption>`` out of the main text. Asked for images too
(``include_images``), it writes each image of the main text as a line ``![alt](src)`` where
it was: :func:`place_captions` puts the caption of that image's ``<figure>`` on that line
(the image line goes when it has none), so the caption stays beside the paragraphs it was
between, and returns the caption's span, which the extraction takes as a ``caption`` region:
no speaker, cue or quote is taken from it (``clean.with_captions``). Asked for images,
trafilatura also keeps the lines of elements with a caption class (``wp-caption-text``): they
are marked as captions the same way.
"""
from __future__ import annotations

import posixpath
import re
from typing import Any, Optional
from urllib.parse import urlsplit

IMAGE_LINE = re.compile(r"^!\[[^\]\n]*\]\(([^)\n]*)\)[ \t]*$", re.M)
IMAGE_INLINE = re.compile(r"[ \t]*!\[[^\]\n]*\]\([^)\n]*\)")
LINE = re.compile(r"[^\n]+")
MAX_CAPTION = 1000  # characters: longer is no caption


def _key(src: str) -> str:
    """An image's file name, to match trafilatura's src to the page's (either may be absolute)."""
    try:
        path = urlsplit(src.strip()).path
    except ValueError:
        path = src
    return posixpath.basename(path.rstrip("/")) or src.strip()


def _text(el: Any) -> str:
    return " ".join("".join(el.itertext()).split())


def caption_texts(tree: Any) -> set[str]:
    """The texts of the page's captions: ``<figcaption>`` and elements whose class names a
    caption (``wp-caption-text``, ``image-caption``, ...), which trafilatura keeps as lines of
    the text when asked for images."""
    if tree is None:
        return set()
    found = tree.xpath("//figcaption | //*[contains(translate(@class, 'CAPTION', 'caption'), 'caption')]")
    return {t for t in map(_text, found) if t and len(t) <= MAX_CAPTION}


def figure_captions(tree: Any) -> dict[str, str]:
    """{image file name: caption} of the page's ``<figure>`` elements with an image and a
    ``<figcaption>``."""
    out: dict[str, str] = {}
    if tree is None:
        return out
    for fig in tree.iter("figure"):
        cap = next(fig.iter("figcaption"), None)
        img = next(fig.iter("img"), None)
        if cap is None or img is None:
            continue
        text = _text(cap)
        for attr in ("src", "data-src", "data-original"):
            src = img.get(attr)
            if src and text and len(text) <= MAX_CAPTION:
                out.setdefault(_key(src), text)
    return out


def place_captions(text: str, captions: dict[str, str],
                   texts: frozenset[str] | set[str] = frozenset()) -> tuple[str, list[list[int]]]:
    """trafilatura's text with images: each image line becomes its caption (or goes), other
    image marks go, and a line that is one of the page's caption ``texts`` is a caption too;
    the text and the caption spans ``[start, end)``, in order."""
    out: list[str] = []
    spans: list[list[int]] = []
    pos, size = 0, 0
    for m in IMAGE_LINE.finditer(text):
        before = IMAGE_INLINE.sub("", text[pos:m.start()])
        out.append(before)
        size += len(before)
        caption: Optional[str] = captions.get(_key(m[1]))
        if caption:
            out.append(caption)
            spans.append([size, size + len(caption)])
            size += len(caption)
            pos = m.end()
        else:  # the line goes, and its line break
            pos = m.end() + 1 if text[m.end():m.end() + 1] == "\n" else m.end()
    out.append(IMAGE_INLINE.sub("", text[pos:]))
    result = "".join(out)
    if texts:
        placed = {tuple(sp) for sp in spans}
        for m in LINE.finditer(result):
            span = (m.start(), m.start() + len(m[0].rstrip()))
            if span not in placed and " ".join(m[0].split()) in texts:
                spans.append(list(span))
        spans.sort()
    return result, spans
