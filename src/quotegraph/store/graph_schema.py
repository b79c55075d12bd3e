"""The graph layer's tables (migration 5): to whom, about what, events, claims.

A name in the graph (an addressee, a name a quote is about, an event's party)
is kept as written in the record, with its ``name_key`` and, when it is one of
the article's people, ``person_index``: the index into the record's
``people``, i.e. the ``mentions`` row ``(article_id, person_index)``. The
corpus person is found through that row (``mentions.person_id``) when the
graph is read, so it follows every later merge, alias and rebalance of the
people; a name that is none of the article's people is matched by its key
(``person_names``) when read.

Claims are kept twice: as the record has them (``claims``, ``claim_members``:
one article's grouping, what the record export gives back), and across the
corpus (``corpus_claims``, ``corpus_claim_members``: the same proposition in
every article, with the user's corrections, ``claim_fixes``, applied).
"""
from __future__ import annotations

from sqlalchemy import Boolean, Column, Index, Integer, Table, Text

from .schema import metadata


def _named() -> list[Column]:
    """A name of the graph: as written, its key, and the article's person it is, if one."""
    return [Column("name", Text, nullable=False), Column("name_key", Text, nullable=False),
            Column("person_index", Integer)]


# Whom a quote was addressed to: one row per name (a list of names: several rows, ``pos``).
quote_addressees = Table(
    "quote_addressees", metadata,
    Column("article_id", Text, primary_key=True),
    Column("quote_idx", Integer, primary_key=True),
    Column("pos", Integer, primary_key=True),
    Column("shape", Text, nullable=False),  # name | list | audience | none (addressee_id alone)
    Column("name", Text),  # the canonical name, or the audience ("reporters")
    Column("name_key", Text),
    Column("person_index", Integer),  # the article's person, when the name is one
    Column("addressee_id", Integer),  # the record's addressee_id (the same on every row of a quote)
    sqlite_with_rowid=False,
)
Index("quote_addressees_person", quote_addressees.c.article_id, quote_addressees.c.person_index)
Index("quote_addressees_key", quote_addressees.c.name_key)

# The people, organisations and places a quote is about.
quote_about = Table(
    "quote_about", metadata,
    Column("article_id", Text, primary_key=True),
    Column("quote_idx", Integer, primary_key=True),
    Column("pos", Integer, primary_key=True),
    *_named(),
    sqlite_with_rowid=False,
)
Index("quote_about_person", quote_about.c.article_id, quote_about.c.person_index)
Index("quote_about_key", quote_about.c.name_key)

quote_keywords = Table(
    "quote_keywords", metadata,
    Column("article_id", Text, primary_key=True),
    Column("quote_idx", Integer, primary_key=True),
    Column("pos", Integer, primary_key=True),
    Column("keyword", Text, nullable=False),
    sqlite_with_rowid=False,
)
Index("quote_keywords_keyword", quote_keywords.c.keyword)

# Reported acts (PLOVER 2.0 types), in the record's order.
events = Table(
    "events", metadata,
    Column("article_id", Text, primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("type", Text, nullable=False),
    Column("mode", Text),
    Column("date", Text),  # the article's, copied
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
    Column("evidence", Text),  # the words of the evidence span
    Column("reported_by", Integer),  # the quote (its idx) that reports it; null: the narrator
    sqlite_with_rowid=False,
)
Index("events_type_date", events.c.type, events.c.date)

event_parties = Table(
    "event_parties", metadata,
    Column("article_id", Text, primary_key=True),
    Column("event_idx", Integer, primary_key=True),
    Column("role", Text, primary_key=True),  # actor | recipient
    Column("pos", Integer, primary_key=True),
    *_named(),
    sqlite_with_rowid=False,
)
Index("event_parties_person", event_parties.c.article_id, event_parties.c.person_index)
Index("event_parties_key", event_parties.c.name_key)

# The record's claims, as extracted.
claims = Table(
    "claims", metadata,
    Column("article_id", Text, primary_key=True),
    Column("idx", Integer, primary_key=True),
    Column("claim", Text, nullable=False),
    Column("corpus_claim_id", Integer),
    sqlite_with_rowid=False,
)

claim_members = Table(
    "claim_members", metadata,
    Column("article_id", Text, primary_key=True),
    Column("claim_idx", Integer, primary_key=True),
    Column("pos", Integer, primary_key=True),
    Column("quote_idx", Integer),
    Column("stance", Text),  # asserts | denies
    Column("extra", Text),  # JSON: the member's other fields, if any
    sqlite_with_rowid=False,
)

# One proposition across the corpus.
corpus_claims = Table(
    "corpus_claims", metadata,
    Column("id", Integer, primary_key=True),
    Column("claim", Text, nullable=False),  # the text of the first article claim that made it
    Column("key", Text, nullable=False),  # the normalised proposition it is matched by
)
Index("corpus_claims_key", corpus_claims.c.key)

corpus_claim_members = Table(
    "corpus_claim_members", metadata,
    Column("corpus_claim_id", Integer, primary_key=True),
    Column("article_id", Text, primary_key=True),
    Column("quote_idx", Integer, primary_key=True),
    Column("stance", Text, nullable=False),
    Column("fixed", Boolean, nullable=False, default=False),  # placed by a user's correction
    sqlite_with_rowid=False,
)
Index("corpus_claim_members_quote", corpus_claim_members.c.article_id, corpus_claim_members.c.quote_idx)

# A user's correction of a quote's claim or stance: kept apart, applied again after every
# (re-)ingest of the article. The quote is named by its article and content span.
claim_fixes = Table(
    "claim_fixes", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Text, nullable=False),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("content", Text, nullable=False),  # the quote's words, for the reader
    Column("from_key", Text),  # take it out of this claim (null: out of every claim)
    Column("to_key", Text),  # put it in this claim (null: in none)
    Column("to_claim", Text),  # that claim's text, should it have to be made again
    Column("stance", Text),  # its stance there (null: the one it had)
    Column("created_at", Text, nullable=False),
)
Index("claim_fixes_article", claim_fixes.c.article_id)

GRAPH_TABLES = [quote_addressees, quote_about, quote_keywords, events, event_parties, claims,
                claim_members, corpus_claims, corpus_claim_members, claim_fixes]
