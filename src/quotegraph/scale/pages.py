"""One HTML page to one article: the main text by trafilatura (captions kept), with title, date,
url and author.

Shared by HTML files, WARC responses and fetched pages.
"""
from __future__ import annotations

from typing import Any, Optional, Union

from ..record import Article, InputError
from .figures import caption_texts, figure_captions, place_captions


def page_article(data: Union[bytes, str], id: str, source: str, url: Optional[str] = None,
                 meta: Optional[dict[str, Any]] = None) -> Union[Article, InputError]:
    """The article of an HTML page, or an :class:`InputError` naming ``source``.

    ``meta`` (say, a crawl date) is kept, and completed with trafilatura's
    title, date, url and author of the page; ``url`` (where the page came from) wins
    over the page's own. The captions of the figures of the main text stay in the text
    where the figures were, their spans in ``meta["captions"]`` (:mod:`.figures`).
    """
    import trafilatura  # imported here: it takes a while to load
    from trafilatura.metadata import extract_metadata
    from trafilatura.utils import load_html

    try:
        text = trafilatura.extract(data, url=url, include_images=True)
    except Exception as e:  # lxml or trafilatura on a broken page
        return InputError(source, f"cannot read this HTML page ({type(e).__name__}: {e})")
    tree = load_html(data)
    text, captions = place_captions(text or "", figure_captions(tree), caption_texts(tree))
    if not text or not text.strip():
        return InputError(source, "no main text found in this HTML page")
    out: dict[str, Any] = dict(meta or {})
    if captions:
        out["captions"] = captions
    doc = extract_metadata(tree, default_url=url) if tree is not None else None
    for key in ("title", "date", "url", "author"):
        value = getattr(doc, key, None) if doc is not None else None
        if value and key not in out:
            out[key] = value
    if url:
        out["url"] = url
    return Article(id=id, text=text, meta=out)
