"""The templates' filters (``seg``, ``http_url``, ``num``) and file names made of ids.

The pages themselves are Jinja templates (autoescaped); a value these return as text is escaped
by Jinja like any other.
"""
from __future__ import annotations

from typing import Any, Optional
from urllib.parse import quote, urlsplit


def seg(value: Any) -> str:
    """A path segment: every reserved character percent-encoded (so nothing left to escape)."""
    return quote(str(value), safe="")


def http_url(url: Optional[str]) -> Optional[str]:
    """The url if it is http(s), else None (never a javascript: link from an article's meta)."""
    try:
        return url if url and urlsplit(url.strip()).scheme.lower() in ("http", "https") else None
    except ValueError:
        return None


def safe_name(name: str) -> str:
    """A file name made of an id: letters, digits, ``-_.``; anything else ``_``; at most 80."""
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:80]


def num(n: Any) -> str:
    """An integer with thousands separators; None as nothing."""
    return f"{n:,}" if isinstance(n, int) else ("" if n is None else n)
