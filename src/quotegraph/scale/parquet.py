"""Parquet partitions of extraction results: what ``ingest --engine dask --parquet DIR`` tasks
write on the workers, and what the store is then loaded from, once.

One row an item of a partition, in input order, as :func:`.batch.process_items` gives them:

* ``id``: the article's id (null for an input error or a skipped input);
* ``kind``: ``article``, ``error`` or ``skipped``;
* ``record``: the article's record as JSON (:meth:`quotegraph.record.Record.to_dict`, text
  and meta included), null when it was not extracted (stored before);
* ``item``: JSON of the rest: the article (``{"id", "text", "meta"}``) when it has no
  record, ``[where, message]`` of an error, ``[where, count, reason]`` of a skip.

A partition is written to a temporary name and renamed, so a worker that dies mid-write
leaves none. :func:`read_records` also reads Parquet files of other engines (a Spark job's
``id``, ``record`` columns: docs/scale.md).
"""
from __future__ import annotations

import json
import os
from typing import Any, Iterator

from ..record import InputError

KINDS = ("article", "error", "skipped")


class ParquetMissing(ImportError):
    pass


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise ParquetMissing("Parquet needs pyarrow: pip install 'quotegraph[parquet]'")
    return pyarrow, pyarrow.parquet


def write_partition(path: str, items: list[dict[str, Any]]) -> str:
    """Write the items of one partition (process_items' dicts) to ``path``, atomically."""
    pa, pq = _pyarrow()
    cols: dict[str, list] = {"id": [], "kind": [], "record": [], "item": []}
    for it in items:
        if "article" in it:
            rec = it.get("record")
            row = (it["article"]["id"], "article", None if rec is None else json.dumps(rec, ensure_ascii=False),
                   json.dumps(it["article"], ensure_ascii=False) if rec is None else None)
        else:
            kind = "error" if "error" in it else "skipped"
            row = (None, kind, None, json.dumps(it[kind], ensure_ascii=False))
        for name, value in zip(cols, row):
            cols[name].append(value)
    table = pa.table({name: pa.array(values, pa.string()) for name, values in cols.items()})
    tmp = f"{path}.tmp-{os.getpid()}"
    pq.write_table(table, tmp)
    os.replace(tmp, path)
    return path


def read_partition(path: str) -> list[dict[str, Any]]:
    """The items of a partition written by :func:`write_partition`, as process_items gave them."""
    _, pq = _pyarrow()
    out: list[dict[str, Any]] = []
    for row in pq.read_table(path).to_pylist():
        if row["kind"] == "article":
            rec = json.loads(row["record"]) if row["record"] is not None else None
            art = rec if rec is not None else json.loads(row["item"])
            out.append({"article": {"id": art["id"], "text": art["text"], "meta": art.get("meta") or {}},
                        "record": rec})
        elif row["kind"] in ("error", "skipped"):
            out.append({row["kind"]: json.loads(row["item"])})
        else:
            raise ValueError(f"unknown kind {row['kind']!r}")
    return out


def read_records(name: str) -> Iterator[tuple[str, Any]]:
    """(source, Extracted, InputError or Skipped) of a Parquet file: a partition of ours, or any
    file with a ``record`` column of record JSON (rows without one are left out)."""
    from .items import item_of, record_item
    try:
        _, pq = _pyarrow()
        columns = pq.read_schema(name).names
        if "kind" in columns and "item" in columns:
            for it in read_partition(name):
                yield name, item_of(it)
            return
        if "record" not in columns:
            yield name, InputError(name, "no 'record' column: not a file of records")
            return
        for row, text in enumerate(pq.read_table(name, columns=["record"]).column("record").to_pylist(), 1):
            if text is not None:
                yield name, record_item(f"{name}:row {row}", text)
    except ParquetMissing as e:
        yield name, InputError(name, str(e))
    except (OSError, ValueError) as e:  # pyarrow's errors on a file that is no Parquet
        yield name, InputError(name, f"cannot read as Parquet: {e}")
