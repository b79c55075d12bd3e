"""Export the store, streaming: quote rows or article records, as JSON Lines, CSV or Parquet.

Rows are read a page at a time (keyset pagination on the primary key), so a
million quotes export in bounded memory, on SQLite and PostgreSQL alike.

* ``quotes`` layout: one row per quote (:data:`QUOTE_FIELDS`): the quote, its
  speaker (the corpus person, with ``person_id``), and its article's id, date,
  outlet, url and title.
* ``articles`` layout: one extraction record per article, as ``quotegraph
  extract`` writes it (docs/format.md), each quote and person with its corpus
  ``person_id`` added. In CSV and Parquet the lists (``meta``, ``quotes``,
  ``people``, ``regions``) are JSON text columns.
"""
from __future__ import annotations

import json
import os
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterator, Optional

from sqlalchemy import func, select

from .. import csvfile
from .db import Store
from .graph import add_graph, read_graph
from .schema import articles, mentions, people, quotes

FORMATS = ("jsonl", "csv", "parquet")
LAYOUTS = ("quotes", "articles")
QUOTE_FIELDS = ["quote_id", "article_id", "date", "outlet", "url", "title", "speaker", "person_id",
                "speaker_name", "speaker_text", "type", "kind", "content", "cue", "addressee", "confidence",
                "content_start", "content_end"]
ARTICLE_FIELDS = ["id", "date", "outlet", "title", "url", "status", "error", "text", "meta",
                  "quotes", "people", "regions"]


class ExportError(Exception):
    pass


def iter_quote_rows(store: Store, page: int = 5000) -> Iterator[dict[str, Any]]:
    """Every quote as a flat row, in id order."""
    stmt = (select(quotes.c.id.label("quote_id"), quotes.c.article_id, quotes.c.date, quotes.c.outlet,
                   articles.c.url, articles.c.title,
                   func.coalesce(people.c.name, quotes.c.speaker_name).label("speaker"),
                   quotes.c.person_id, quotes.c.speaker_name, quotes.c.speaker_text, quotes.c.type,
                   quotes.c.kind, quotes.c.content, quotes.c.cue, quotes.c.addressee, quotes.c.confidence,
                   quotes.c.content_start, quotes.c.content_end)
            .select_from(quotes.join(articles, articles.c.id == quotes.c.article_id)
                         .outerjoin(people, people.c.id == quotes.c.person_id))
            .order_by(quotes.c.id).limit(page))
    last = None
    while True:
        with store.connect() as conn:
            rows = conn.execute(stmt if last is None else stmt.where(quotes.c.id > last)).all()
        for r in rows:
            yield dict(r._mapping)
        if len(rows) < page:
            return
        last = rows[-1].quote_id


def _span(a, b) -> Optional[list[int]]:
    return None if a is None else [a, b]


def _quote_record(q) -> dict[str, Any]:
    name = q.speaker_name.split("; ") if q.speaker_group and q.speaker_name else q.speaker_name
    return {"type": q.type, "content": [q.content_start, q.content_end],
            "content_parts": json.loads(q.content_parts), "cue": _span(q.cue_start, q.cue_end),
            "speaker": _span(q.speaker_start, q.speaker_end), "speaker_text": q.speaker_text,
            "speaker_name": name, "speaker_id": q.speaker_index,
            "addressee": _span(q.addressee_start, q.addressee_end), "confidence": q.confidence,
            "kind": q.kind, "person_id": q.person_id}


def iter_article_records(store: Store, page: int = 200) -> Iterator[dict[str, Any]]:
    """Every article's extraction record (with corpus ``person_id``s), in id order."""
    stmt = select(articles).order_by(articles.c.id).limit(page)
    last = None
    while True:
        with store.connect() as conn:
            arts = conn.execute(stmt if last is None else stmt.where(articles.c.id > last)).all()
            ids = [a.id for a in arts]
            qs: dict[str, list] = {i: [] for i in ids}
            positions: dict[str, list[int]] = {i: [] for i in ids}  # quotes' idx (one may be removed)
            for q in conn.execute(select(quotes).where(quotes.c.article_id.in_(ids))
                                  .order_by(quotes.c.article_id, quotes.c.idx)):
                qs[q.article_id].append(_quote_record(q))
                positions[q.article_id].append(q.idx)
            ps: dict[str, list] = {i: [] for i in ids}
            for m in conn.execute(select(mentions).where(mentions.c.article_id.in_(ids))
                                  .order_by(mentions.c.article_id, mentions.c.person_index)):
                ps[m.article_id].append({"name": m.name, "mentions": json.loads(m.spans), "kind": m.kind,
                                         "members": json.loads(m.members), "person_id": m.person_id})
            graph = read_graph(conn, ids)
        for a in arts:
            rec = {"id": a.id, "text": a.text, "meta": json.loads(a.meta), "quotes": qs[a.id],
                   "people": ps[a.id],
                   "regions": [{"span": s, "kind": k} for s, k in json.loads(a.regions)]}
            add_graph(rec, graph.get(a.id), positions[a.id])
            if a.error is not None:
                rec["error"] = a.error
            rec["store"] = {"date": a.date, "outlet": a.outlet, "title": a.title, "url": a.url,
                            "status": a.status}
            yield rec
        if len(arts) < page:
            return
        last = arts[-1].id


def _article_row(rec: dict[str, Any]) -> dict[str, Any]:
    s = rec["store"]
    return {"id": rec["id"], "date": s["date"], "outlet": s["outlet"], "title": s["title"],
            "url": s["url"], "status": s["status"], "error": rec.get("error"), "text": rec["text"],
            "meta": json.dumps(rec["meta"], ensure_ascii=False),
            "quotes": json.dumps(rec["quotes"], ensure_ascii=False),
            "people": json.dumps(rec["people"], ensure_ascii=False),
            "regions": json.dumps(rec["regions"])}


def _parquet_schema(layout: str):
    import pyarrow as pa
    if layout == "quotes":
        ints = {"quote_id", "person_id", "content_start", "content_end"}
        return pa.schema([(f, pa.int64() if f in ints else pa.float64() if f == "confidence"
                           else pa.string()) for f in QUOTE_FIELDS])
    return pa.schema([(f, pa.string()) for f in ARTICLE_FIELDS])


def export(store: Store, fmt: str, layout: str, out: str | Path | IO[str],
           batch: int = 10000, excel: bool = False) -> int:
    """Write every quote row or article record to ``out`` (a path; ``-``/a stream for text formats);
    ``excel``: CSV for spreadsheets (:mod:`quotegraph.csvfile`)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format '{fmt}' (choose from {', '.join(FORMATS)})")
    if layout not in LAYOUTS:
        raise ExportError(f"unknown layout '{layout}' (choose from {', '.join(LAYOUTS)})")
    if layout == "quotes":
        items, fields = iter_quote_rows(store), QUOTE_FIELDS
    else:
        items, fields = iter_article_records(store), ARTICLE_FIELDS
    if fmt == "parquet":
        if not isinstance(out, (str, Path)) or str(out) == "-":
            raise ExportError("Parquet is written to a file: give -o PATH")
        with _complete_or_nothing(out) as path:
            return _write_parquet(items, layout, path, batch)
    if isinstance(out, (str, Path)):
        with _complete_or_nothing(out) as path, open(path, "w", encoding="utf-8", newline="") as f:
            return _write_text(items, fmt, layout, fields, f, excel)
    return _write_text(items, fmt, layout, fields, out, excel)


@contextmanager
def _complete_or_nothing(out: str | Path) -> Iterator[str]:
    """The path to write ``out`` at: a temporary file beside it that replaces it once complete.

    An export that fails or is killed (even by ``kill -9``) never leaves a partial file that
    looks like a whole one: ``out`` is the previous export, or absent; at worst a hidden
    ``.NAME.PID.partial`` file stays. Not a regular file (``/dev/stdout``, a pipe): written as is.
    """
    target = Path(out)
    if target.exists() and not target.is_file():
        yield str(target)
        return
    tmp = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        yield str(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _write_text(items, fmt: str, layout: str, fields: list[str], f: IO[str], excel: bool = False) -> int:
    n = 0
    if fmt == "jsonl":
        for item in items:
            if layout == "articles":
                item = {k: v for k, v in item.items() if k != "store"}
            f.write(json.dumps(item, ensure_ascii=False) + "\n")
            n += 1
        return n
    w = csvfile.Writer(f, excel, fields=fields)
    w.writeheader()
    for item in items:
        w.writerow(_article_row(item) if layout == "articles" else item)
        n += 1
    return n


def _write_parquet(items, layout: str, out, batch: int) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise ExportError("Parquet needs pyarrow: pip install 'quotegraph[parquet]'")
    schema = _parquet_schema(layout)
    n = 0
    with pq.ParquetWriter(str(out), schema) as writer:
        rows: list[dict] = []
        for item in items:
            rows.append(_article_row(item) if layout == "articles" else item)
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                n += len(rows)
                rows = []
        if rows or n == 0:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            n += len(rows)
    return n
