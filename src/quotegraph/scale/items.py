"""The items a distributed run hands to the ingest: an article with the record extracted for it
elsewhere (:class:`Extracted`), an input error or a skipped input, made from plain dicts and JSON."""
from __future__ import annotations

import json
from typing import Any, Optional, Union

from ..record import Article, InputError, Record, Skipped


class Extracted(Article):
    """An article that comes with its record (None: not extracted, e.g. known to be stored)."""

    def __init__(self, art: dict[str, Any], record: Optional[dict[str, Any]]):
        super().__init__(id=art["id"], text=art["text"], meta=art.get("meta") or {})
        self.record = Record.from_dict(record) if record is not None else None


def record_item(where: str, text: str) -> Union[Extracted, InputError]:
    """The article of one record's JSON (and the record with it), else the error at ``where``."""
    try:
        rec = json.loads(text)
        return Extracted(rec, rec)
    except (ValueError, KeyError, TypeError) as e:
        return InputError(where, f"not a record ({type(e).__name__}: {e})")


def item_of(r: dict[str, Any]) -> Union[Extracted, InputError, Skipped]:
    """One of :func:`.batch.process_items`' plain dicts as the ingest takes it."""
    if "error" in r:
        return InputError(*r["error"])
    if "skipped" in r:
        return Skipped(*r["skipped"])
    return Extracted(r["article"], r["record"])
