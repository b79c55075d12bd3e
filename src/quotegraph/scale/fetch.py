"""News pages from the web: a list of URLs, an RSS or Atom feed, a sitemap.

Pages are downloaded with trafilatura's downloader, politely: one request at
a time, at least ``delay`` seconds between two requests to the same host
(more if its robots.txt asks for a Crawl-delay), robots.txt obeyed (read
with :mod:`urllib.robotparser`; a robots.txt that answers 4xx allows all,
one that cannot be fetched or answers 5xx forbids all), and a user agent
that names quotegraph. Each page becomes an article whose id is its url,
with ``meta`` ``url``, ``fetched_at`` (UTC, ISO 8601) and ``status`` (HTTP);
a page that cannot be had is one :class:`~quotegraph.record.InputError`
naming the url (``HTTP 404``, ``disallowed by robots.txt``, ...).

Resumable: :func:`iter_pages` takes ``known``, a test for urls already
stored, and does not fetch those again.
"""
from __future__ import annotations

import datetime as dt
import functools
import time
import urllib.robotparser
from copy import deepcopy
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Optional, Union
from urllib.parse import urljoin, urlsplit

from .. import __version__
from ..record import Article, InputError, Skipped

USER_AGENT = f"quotegraph/{__version__} (quotation research on news; a polite crawler that obeys robots.txt)"
ROBOTS_AGENT = "quotegraph"  # the name robots.txt rules address
DELAY = 2.0  # seconds between two requests to one host
TIMEOUT = 30


@dataclass
class Page:
    """One download: the final url, the HTTP status (None: no answer), when, and the body."""

    url: str
    status: Optional[int]
    fetched_at: str
    data: bytes = b""


class Fetcher:
    """Downloads pages one at a time, per-host delays and robots.txt obeyed."""

    def __init__(self, delay: float = DELAY, timeout: int = TIMEOUT, user_agent: str = USER_AGENT,
                 allow_private: bool = False, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic):
        from trafilatura.settings import DEFAULT_CONFIG
        self.config = deepcopy(DEFAULT_CONFIG)
        self.config.set("DEFAULT", "USER_AGENTS", user_agent)
        self.config.set("DEFAULT", "DOWNLOAD_TIMEOUT", str(int(timeout)))
        # trafilatura refuses private addresses by default; allow_private is for an intranet (and tests)
        self.config.set("DEFAULT", "SSRF_PROTECTION", "off" if allow_private else "on")
        self.delay, self.sleep, self.clock = delay, sleep, clock
        self._last: dict[str, float] = {}
        self._robots: dict[str, Union[urllib.robotparser.RobotFileParser, bool]] = {}

    def get(self, url: str) -> Page:
        """Download ``url`` (after waiting for its host's turn); robots.txt is not looked at here."""
        from trafilatura.downloads import fetch_response
        host = urlsplit(url).netloc.lower()
        wait = self._last.get(host, -1e18) + self._delay_of(host) - self.clock()
        if wait > 0:
            self.sleep(wait)
        self._last[host] = self.clock()
        fetched_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        try:
            resp = fetch_response(url, config=self.config)
        except Exception:  # trafilatura logs the details; a page that fails is one error line
            resp = None
        self._last[host] = self.clock()
        if resp is None:
            return Page(url, None, fetched_at)
        return Page(getattr(resp, "url", None) or url, int(resp.status), fetched_at, resp.data or b"")

    def _delay_of(self, host: str) -> float:
        rp = self._robots.get(host)
        extra = rp.crawl_delay(ROBOTS_AGENT) if isinstance(rp, urllib.robotparser.RobotFileParser) else None
        return max(self.delay, float(extra or 0))

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of ``url``'s site lets quotegraph fetch it (robots.txt read once a site)."""
        parts = urlsplit(url)
        host = parts.netloc.lower()
        if host not in self._robots:
            page = self.get(f"{parts.scheme}://{parts.netloc}/robots.txt")
            if page.status is not None and 200 <= page.status < 300:
                rp = urllib.robotparser.RobotFileParser()
                rp.parse(page.data.decode("utf-8", "replace").splitlines())
                self._robots[host] = rp
            else:  # 4xx: no rules, all allowed; no answer or 5xx: the site is down, nothing allowed
                self._robots[host] = page.status is not None and 400 <= page.status < 500
        rules = self._robots[host]
        return rules.can_fetch(ROBOTS_AGENT, url) if not isinstance(rules, bool) else rules


def _problem(page: Page) -> Optional[str]:
    if page.status is None:
        return "no answer (connection failed or timed out)"
    if not 200 <= page.status < 300:
        return f"HTTP {page.status}"
    if not page.data:
        return "empty page"
    return None


def fetch_document(fetcher: Fetcher, url: str) -> Union[Page, InputError]:
    """A feed or sitemap (robots.txt obeyed), or the error that stops reading it."""
    if not fetcher.allowed(url):
        return InputError(url, "disallowed by robots.txt")
    page = fetcher.get(url)
    problem = _problem(page)
    return InputError(url, problem) if problem else page


def feed_links(fetcher: Fetcher, url: str) -> Union[list[str], InputError]:
    """The article links of an RSS, Atom or JSON feed, in feed order (trafilatura's feed reader)."""
    from trafilatura.feeds import FeedParameters, find_links
    page = fetch_document(fetcher, url)
    if isinstance(page, InputError):
        return page
    text = page.data.decode("utf-8", "replace")
    host = urlsplit(url).hostname or ""
    links = find_links(text.strip(), FeedParameters(url, host, url))
    out = _article_links(url, links)
    return out if out else InputError(url, "no article links in this feed (is it RSS, Atom or JSON Feed?)")


def sitemap_links(fetcher: Fetcher, url: str, max_sitemaps: int = 100) -> Union[list[str], InputError]:
    """The page links of a sitemap, following sitemap indexes (at most ``max_sitemaps`` sitemaps)."""
    from lxml import etree
    todo, seen, out = [url], set(), []
    while todo and len(seen) < max_sitemaps:
        current = todo.pop(0)
        if current in seen:
            continue
        seen.add(current)
        page = fetch_document(fetcher, current)
        if isinstance(page, InputError):
            if current == url:
                return page
            continue
        parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
        root = etree.fromstring(page.data, parser)
        if root is None:
            if current == url:
                return InputError(url, "not an XML sitemap")
            continue
        index = etree.QName(root).localname == "sitemapindex"
        for loc in root.iter("{*}loc", "loc"):
            link = (loc.text or "").strip()
            if link.startswith(("http://", "https://")):
                (todo if index else out).append(urljoin(current, link))
    out = _article_links(url, out)
    return out if out else InputError(url, "no page links in this sitemap")


def _article_links(base: str, links: Iterable[str]) -> list[str]:
    """Absolute links, each once, in order; the site's front page and the feed itself left out."""
    out, seen = [], {base}
    for link in links:
        full = urljoin(base, link.strip())
        if full in seen or urlsplit(full).path in ("", "/") or not full.startswith(("http://", "https://")):
            continue
        seen.add(full)
        out.append(full)
    return out


def read_url_list(path: str) -> Iterator[Union[str, InputError]]:
    """The urls of a file, one a line (blank lines and ``#`` comments skipped)."""
    try:
        with open(path, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                url = line.strip()
                if not url or url.startswith("#"):
                    continue
                if not url.startswith(("http://", "https://")):
                    yield InputError(f"{path}:{lineno}", f"not an http(s) url: {url[:80]}")
                else:
                    yield url
    except UnicodeDecodeError:
        yield InputError(path, "not UTF-8 text")
    except OSError as e:
        yield InputError(path, f"cannot read: {e.strerror or e}")


def iter_pages(urls: Iterable[Union[str, InputError]], fetcher: Fetcher,
               known: Callable[[str], bool] = lambda url: False) -> Iterator[Union[Article, InputError, Skipped]]:
    """The article of each url, fetched (errors in place); urls for which ``known`` is true
    are not fetched again, and counted in one :class:`Skipped` at the end."""
    from .pages import page_article
    stored = 0
    for url in urls:
        if isinstance(url, InputError):
            yield url
            continue
        if known(url):
            stored += 1
            continue
        if not fetcher.allowed(url):
            yield InputError(url, "disallowed by robots.txt")
            continue
        page = fetcher.get(url)
        problem = _problem(page)
        if problem:
            yield InputError(url, problem)
            continue
        yield page_article(page.data, url, url, url=url,
                           meta={"fetched_at": page.fetched_at, "status": page.status})
    if stored:
        yield Skipped("urls", stored, "urls already stored, not fetched again")


def web_sourced(fetcher: Fetcher, urls_file: Optional[str] = None, feeds: Iterable[str] = (),
                sitemaps: Iterable[str] = (), known: Callable[[str], bool] = lambda url: False
                ) -> Iterator[tuple[str, Union[Article, InputError, Skipped]]]:
    """(source, item) pairs for ingest: the pages of a url list, of feeds and of sitemaps;
    the source is the list's path or the feed's or sitemap's url."""
    groups: list[tuple[str, Callable[[], Union[Iterable, InputError]]]] = []
    if urls_file:
        groups.append((urls_file, lambda: read_url_list(urls_file)))
    groups += [(f, functools.partial(feed_links, fetcher, f)) for f in feeds]
    groups += [(s, functools.partial(sitemap_links, fetcher, s)) for s in sitemaps]
    for source, links in groups:
        found = links()
        if isinstance(found, InputError):
            yield source, found
            continue
        for item in iter_pages(found, fetcher, known):
            if isinstance(item, Skipped):
                item = Skipped(source, item.count, item.reason)
            yield source, item
