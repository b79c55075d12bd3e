"""Loading records extracted elsewhere (Dask workers, a Spark job) into the store, exactly once.

The ordinary :class:`~quotegraph.store.ingest.Ingest` does the writing (one
transaction per batch, an article stored with the same text skipped, a
changed one replaced); :class:`Precomputed` stands in for its extractor and
hands back the records that came with the articles.

    from quotegraph.store.db import Store
    from quotegraph.scale.load import load_records
    with Store("corpus.db") as store:
        summary = load_records(store, ["records/part-00000.txt", ...])  # or "parts/*.parquet"
"""
from __future__ import annotations

from typing import Any, Iterable, Iterator, Optional

from ..inputs import expand
from ..limits import Limits
from ..record import Article, InputError, Record
from ..store.db import Store
from ..store.ingest import Ingest, Summary
from .batch import extractor as local_extractor
from .items import Extracted, record_item  # noqa: F401 (Extracted: where it was before)


class Precomputed:
    """Ingest's extractor: hands back the records that came with the articles (extracts here only
    what came without one)."""

    def __init__(self, model: Optional[str] = None):
        self.model = model

    def extract_many(self, arts, limits: Optional[Limits] = None) -> Iterator[Record]:
        for a in arts:
            if getattr(a, "record", None) is not None:
                yield a.record
            else:  # the store changed since the worker looked: rare, so do it here
                yield next(local_extractor(self.model).extract_many([Article(a.id, a.text, a.meta)], limits))


def read_records(paths: Iterable[str]) -> Iterator[tuple[str, Any]]:
    """(source, Extracted or InputError) of files of record JSON lines, or of Parquet files
    (``*.parquet``: :mod:`.parquet`), globs expanded."""
    for name in (m for p in paths for m in expand(str(p))):
        if name.endswith(".parquet"):
            from .parquet import read_records as read_parquet
            yield from read_parquet(name)
            continue
        try:
            with open(name, encoding="utf-8") as f:
                for lineno, line in enumerate(f, 1):
                    if line.strip():
                        yield name, record_item(f"{name}:{lineno}", line)
        except (OSError, UnicodeDecodeError) as e:
            yield name, InputError(name, f"cannot read: {e}")


def load_records(store: Store, paths: Iterable[str], **options) -> Summary:
    """Store the records of these files (each line one :meth:`Record.to_dict`, or Parquet files of
    records); options as for Ingest."""
    paths = list(paths)
    return Ingest(store, extractor=Precomputed(options.pop("model", None)), inputs=paths,
                  **options).run(read_records(paths))
