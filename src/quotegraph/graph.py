"""The graph layer of one record: to whom, about what, events, claims.

Runs after the speakers are resolved, on the same parsed doc, and fills the
record's graph fields in place: per quote ``addressee_name``, ``addressee_id``,
``about`` and ``keywords`` (``addressees``, ``about``), and per record
``events`` (``events``) and ``claims`` (``claims``). The canonical entities
they share come from ``entities``.
"""
from __future__ import annotations

from spacy.tokens import Doc

from .about import quote_about, quote_keywords
from .addressees import find_addressees
from .entities import article_entities
from .record import Record


def add_graph(doc: Doc, record: Record) -> Record:
    """Fill the graph fields of ``record`` (built from ``doc``) and return it."""
    mentions = article_entities(doc, record.people)
    for q, (name, pid) in zip(record.quotes, find_addressees(doc, record.quotes, mentions)):
        q.addressee_name, q.addressee_id = name, pid
    for q in record.quotes:
        q.about = quote_about(doc, q, mentions)
        q.keywords = quote_keywords(doc, q, mentions)
    return record
