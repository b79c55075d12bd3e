"""The engine-agnostic work: plain records in, plain records out.

:func:`extract_batch` is all an engine has to run (Dask here; Spark's
``mapInPandas`` or Ray's ``map_batches`` in a few lines, see docs/scale.md):
a list of ``{"id", "text", "meta"}`` dicts in, the same number of record
dicts (:meth:`quotegraph.record.Record.to_dict`) out, in order. The model is
loaded once per process, on first use, and kept.

:func:`process_part` is the Dask task: it reads one partition of the inputs
on the worker, leaves out the articles the store already holds with the
same text (when the worker can reach the store), and extracts the rest;
:func:`process_items` does the same for articles read on the client (pages
it fetched).
"""
from __future__ import annotations

from typing import Any, Iterable, Optional

from ..limits import Limits
from ..record import Article, InputError, Skipped
from .partitions import Part, read_part

_EXTRACTORS: dict[Optional[str], Any] = {}  # model name -> Extractor, one per process
_STORES: dict[str, Any] = {}


def extractor(model: Optional[str] = None):
    """This process's extractor for ``model``, loaded on first use."""
    if model not in _EXTRACTORS:
        from ..pipeline import Extractor
        _EXTRACTORS[model] = Extractor(model)
    return _EXTRACTORS[model]


def extract_batch(articles: Iterable[dict[str, Any]], model: Optional[str] = None,
                  limits: Optional[Limits] = None) -> list[dict[str, Any]]:
    """Records (as dicts) of articles (as dicts with ``id``, ``text`` and optional ``meta``), in order."""
    arts = [Article(id=str(a["id"]), text=a["text"], meta=dict(a.get("meta") or {})) for a in articles]
    return [r.to_dict() for r in extractor(model).extract_many(arts, limits)]


def _stored_hashes(db: Optional[str], ids: list[str]) -> dict[str, str]:
    """Content hashes the store holds for these ids, failed articles left out (ingest tries them
    again: see ``Ingest._unchanged``); {} when the store cannot be reached from here."""
    if not db or not ids:
        return {}
    try:
        from ..store.db import Store
        from ..store.ingest import _stored
        if db not in _STORES:
            _STORES[db] = Store(db, must_exist=True)
        with _STORES[db].connect() as conn:
            return {i: digest for i, (digest, status) in _stored(conn, ids).items() if status != "failed"}
    except Exception:  # another machine, say: extract everything, the client skips what is stored
        return {}


def process_part(part: Part, text_key: str = "text", id_key: str = "id", **options) -> list[dict[str, Any]]:
    """The Dask task of a partition of the inputs: it reads the partition here, on the worker,
    then as :func:`process_items`."""
    return process_items(list(read_part(part, text_key, id_key)), **options)


def process_items(items: list, model: Optional[str] = None, db: Optional[str] = None, force: bool = False,
                  limits: Optional[Limits] = None, parquet: Optional[str] = None) -> list[dict[str, Any]]:
    """The items (Article, InputError, Skipped) as plain dicts, in input order:
    ``{"article": {...}, "record": {...} or None}`` (None: stored before, not extracted),
    ``{"error": [where, message]}`` or ``{"skipped": [where, count, reason]}``; the articles
    the store holds with the same text are left out, the others extracted. With ``parquet`` (a
    file name) they are written there (:mod:`.parquet`) and ``[{"parquet": name}]`` returned."""
    from ..store.ingest import content_hash
    arts = [i for i in items if isinstance(i, Article)]
    stored = {} if force else _stored_hashes(db, [a.id for a in arts])
    todo = [a for a in arts if stored.get(a.id) != content_hash(a.text)]
    records = iter(extract_batch([{"id": a.id, "text": a.text, "meta": a.meta} for a in todo], model, limits))
    todo_ids = {id(a) for a in todo}
    out: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, InputError):
            out.append({"error": [item.source, item.message]})
        elif isinstance(item, Skipped):
            out.append({"skipped": [item.source, item.count, item.reason]})
        else:
            out.append({"article": {"id": item.id, "text": item.text, "meta": item.meta},
                        "record": next(records) if id(item) in todo_ids else None})
    if parquet is not None:
        from .parquet import write_partition
        return [{"parquet": write_partition(parquet, out)}]
    return out
