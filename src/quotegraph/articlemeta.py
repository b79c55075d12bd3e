"""An article's url, outlet, date and title, from whatever its ``meta`` calls them.

Shared by the store (the columns of ``articles``) and the CSV that ``extract`` writes.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import re
from typing import Optional
from urllib.parse import urlsplit

URL_KEYS = ("url", "link", "canonical_url")
OUTLET_KEYS = ("outlet", "publisher", "source", "site_name", "sitename", "site", "domain")
TITLE_KEYS = ("title", "headline")
DATE_KEYS = ("date", "published", "published_at", "publish_date", "pubdate", "datetime")
DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%d/%m/%Y")


def _first(meta: dict, keys: tuple[str, ...]) -> Optional[str]:
    for k in keys:
        v = meta.get(k)
        if isinstance(v, dict):
            v = v.get("name") or v.get("title")
        if isinstance(v, (str, int, float)) and not isinstance(v, bool) and str(v).strip():
            return str(v).strip()
    return None


def iso_date(value: Optional[str]) -> Optional[str]:
    """A date as ``YYYY-MM-DD``, from ISO 8601, RFC 2822 or a few written forms; else None."""
    if not value:
        return None
    s = value.strip()
    m = re.match(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)", s)
    try:
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        for fmt in DATE_FORMATS:
            try:
                return dt.datetime.strptime(s, fmt).date().isoformat()
            except ValueError:
                pass
        return email.utils.parsedate_to_datetime(s).date().isoformat()
    except (ValueError, TypeError, IndexError):
        return None


def article_fields(meta: dict) -> dict[str, Optional[str]]:
    """url, outlet, date and title of an article from its meta (outlet falls back to the url's host)."""
    url = _first(meta, URL_KEYS)
    outlet = _first(meta, OUTLET_KEYS)
    if outlet is None and url:
        host = urlsplit(url).hostname or ""
        outlet = host[4:] if host.startswith("www.") else host or None
    return {"url": url, "outlet": outlet, "date": iso_date(_first(meta, DATE_KEYS)),
            "title": _first(meta, TITLE_KEYS)}
