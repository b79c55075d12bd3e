"""What the route modules share of the app (:func:`.app.create_app` makes it): the store, its
caches, the templates and the app's own helpers."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Optional

from ..store.db import Store
from .extraction import Extraction
from .queries import Cache

TOKEN_ENV = "QUOTEGRAPH_TOKEN"
SKIPPED = "already stored with the same text"


@dataclass(frozen=True)
class Context:
    store: Store
    settings: Any  # app.Settings
    cache: Cache  # query results, until the store changes
    extraction: Extraction
    html: Callable[..., Any]  # html(request, template, status=200, **context): a page
    pages: Callable[[int, int], dict[str, Any]]  # pages(total, page): the pager's numbers
    can_write: Callable[[Optional[str]], None]  # raises 403/401 unless the bearer token is right
    writer: Any  # the dependency checking the token of the API's write routes
    ingest_one: Callable[[Any], dict[str, Any]]
    person_or_404: Callable[..., dict[str, Any]]
    read_person: Callable[[int, int, int], Awaitable[tuple[dict[str, Any], list[dict[str, Any]]]]]
    article_or_404: Callable[[str], dict[str, Any]]
    corpus: Callable[[], dict[str, Any]]
    gender_shares: Callable[[], Optional[dict[str, Any]]]
    people_list: Callable[..., list[dict[str, Any]]]
    chart_of_person: Callable[..., dict[str, Any]]
