"""The tables of the corpus store (SQLAlchemy Core), the same on SQLite and PostgreSQL.

Spans of the extraction record are kept as ``*_start``/``*_end`` integer
columns, with the text they cover beside them so that the tables read well on
their own (in Datasette, say). Lists (``meta``, ``regions``, ``content_parts``,
mention spans, group members) are JSON text. Dates are ``YYYY-MM-DD`` text.
Full-text search and the views are created by :mod:`quotegraph.store.db`,
per database.
"""
from __future__ import annotations

from sqlalchemy import (Boolean, Column, Float, ForeignKey, Index, Integer, MetaData, Table,
                        Text, UniqueConstraint)

metadata = MetaData()

runs = Table(
    "runs", metadata,
    Column("id", Integer, primary_key=True),
    Column("started_at", Text, nullable=False),  # UTC, ISO 8601
    Column("finished_at", Text),
    Column("status", Text, nullable=False),  # running | done | failed (a killed run stays running)
    Column("version", Text, nullable=False),  # quotegraph's
    Column("model", Text),
    Column("inputs", Text),  # JSON list of the INPUT arguments
    Column("jobs", Integer),
    Column("forced", Boolean, nullable=False, default=False),
    Column("articles", Integer, nullable=False, default=0),  # stored, ok or failed, + unreadable
    Column("quotes", Integer, nullable=False, default=0),
    Column("new_people", Integer, nullable=False, default=0),
    Column("skipped", Integer, nullable=False, default=0),
    Column("failed", Integer, nullable=False, default=0),  # failed articles + unreadable inputs
    Column("seconds", Float),
)

articles = Table(
    "articles", metadata,
    Column("id", Text, primary_key=True),  # the article id of the input
    Column("date", Text),  # YYYY-MM-DD, from meta date/published/...
    Column("outlet", Text),  # from meta outlet/publisher/source/..., else the url's host
    Column("title", Text),
    Column("url", Text),
    Column("status", Text, nullable=False),  # ok | failed | skipped (not English: error says which language)
    Column("error", Text),
    Column("quote_count", Integer, nullable=False, default=0),
    Column("source_file", Text),  # the file it was read from (- for stdin)
    Column("content_hash", Text, nullable=False),  # sha256 of the text
    Column("text", Text, nullable=False),
    Column("meta", Text, nullable=False, default="{}"),  # JSON: everything that came with it
    Column("regions", Text, nullable=False, default="[]"),  # JSON: non-prose regions
    Column("run_id", Integer, ForeignKey("runs.id")),
    Column("ingested_at", Text, nullable=False),
)
Index("articles_date", articles.c.date)
Index("articles_outlet_date", articles.c.outlet, articles.c.date)

people = Table(
    "people", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),  # canonical name
    Column("kind", Text, nullable=False),  # person | organisation
    Column("aliases", Text, nullable=False, default=""),  # other forms seen, "; "-joined
    Column("surname", Text),  # name key of the last name, for people of two or more words
    Column("origin", Text, nullable=False, default="extracted"),  # extracted | aliases file
)
Index("people_surname", people.c.surname)
Index("people_name", people.c.name)

# Every name form (normalised, see people.name_key) that resolves to one person.
person_names = Table(
    "person_names", metadata,
    Column("key", Text, primary_key=True),
    Column("person_id", Integer, ForeignKey("people.id"), nullable=False),
)
Index("person_names_person", person_names.c.person_id)

# Names from the aliases file: they override every other rule.
aliases = Table(
    "aliases", metadata,
    Column("key", Text, primary_key=True),  # name_key(alias)
    Column("alias", Text, nullable=False),
    Column("canonical", Text, nullable=False),
)

# One row per person of an article's record (its ``people`` list).
mentions = Table(
    "mentions", metadata,
    Column("article_id", Text, ForeignKey("articles.id"), primary_key=True),
    Column("person_index", Integer, primary_key=True),  # index in the record's people
    Column("person_id", Integer, ForeignKey("people.id")),  # null for groups
    Column("name", Text, nullable=False),  # the canonical name within the article
    Column("name_key", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("mention_count", Integer, nullable=False),
    Column("spans", Text, nullable=False),  # JSON list of [start, end]
    Column("members", Text, nullable=False, default="[]"),  # JSON: a group's person indexes
    Column("match", Text),  # how person_id was found: alias|exact|fuzzy|surname|single|new
)
Index("mentions_person", mentions.c.person_id, mentions.c.article_id)
Index("mentions_name_key", mentions.c.name_key)

quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Text, ForeignKey("articles.id"), nullable=False),
    Column("idx", Integer, nullable=False),  # position among the article's quotes
    Column("person_id", Integer, ForeignKey("people.id")),  # the speaker; null if unnamed or a group
    Column("date", Text),  # the article's, copied for fast filtering and ordering
    Column("outlet", Text),  # the article's, copied
    Column("type", Text, nullable=False),  # direct | mixed | indirect
    Column("kind", Text, nullable=False, default="speech"),  # speech | writing | document | belief | question
    Column("content", Text, nullable=False),  # the words; a split quote's parts joined by " … "
    Column("speaker_name", Text),  # canonical name in the article; a group's names "; "-joined
    Column("speaker_text", Text),
    Column("cue", Text),
    Column("addressee", Text),
    Column("confidence", Float, nullable=False),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("content_parts", Text, nullable=False),  # JSON list of [start, end]
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("speaker_index", Integer),  # the record's speaker_id: index in its people
    Column("speaker_group", Boolean, nullable=False, default=False),  # speaker_name was a list
    Column("addressee_start", Integer),
    Column("addressee_end", Integer),
    UniqueConstraint("article_id", "idx", name="quotes_article_idx"),
)
# In the order of the lists (newest first, then by article and position), so that
# the first page is read off the index.
Index("quotes_person_date", quotes.c.person_id, quotes.c.date.desc(), quotes.c.article_id, quotes.c.idx)
Index("quotes_date", quotes.c.date.desc(), quotes.c.article_id, quotes.c.idx)
# Who is quoted in an article, read off the index (the person page's co-quoted people).
Index("quotes_article_person", quotes.c.article_id, quotes.c.person_id)
# The quotes of one kind (migration 6): "who said what" lists speech and writing.
Index("quotes_kind_date", quotes.c.kind, quotes.c.date.desc(), quotes.c.article_id, quotes.c.idx)

# --- the per-person summary (migration 3) ----------------------------------------------------
# Kept up to date by triggers on ``quotes`` (see ``db.SUMMARY_TRIGGERS``): every insert, delete
# and change of a quote's person, article or date, whatever code makes it. The person page reads
# its counts, months and co-quoted people from here, a few rows each, instead of aggregating
# every quote of the person (tens of ms for the most quoted on a million quotes).

# A person's number of quotes and of articles they are quoted in.
person_stats = Table(
    "person_stats", metadata,
    Column("person_id", Integer, primary_key=True),
    Column("quotes", Integer, nullable=False),
    Column("articles", Integer, nullable=False),
)

# A person's quotes by month ("YYYY-MM"; "" for quotes without a date).
person_months = Table(
    "person_months", metadata,
    Column("person_id", Integer, primary_key=True),
    Column("month", Text, primary_key=True),
    Column("quotes", Integer, nullable=False),
    sqlite_with_rowid=False,
)

# Who is quoted in which article, and how many times (what the co-quoted counts are kept from).
person_articles = Table(
    "person_articles", metadata,
    Column("article_id", Text, primary_key=True),
    Column("person_id", Integer, primary_key=True),
    Column("quotes", Integer, nullable=False),
    sqlite_with_rowid=False,
)

# Two people quoted in the same articles, both ways round: the number of those articles.
person_pairs = Table(
    "person_pairs", metadata,
    Column("person_id", Integer, primary_key=True),
    Column("other_id", Integer, primary_key=True),
    Column("articles", Integer, nullable=False),
    sqlite_with_rowid=False,
)
# A person's co-quoted people, most shared articles first, read off the index.
Index("person_pairs_top", person_pairs.c.person_id, person_pairs.c.articles.desc(), person_pairs.c.other_id)

SUMMARY_TABLES = [person_stats, person_months, person_articles, person_pairs]

# --- corrections (migration 4) ----------------------------------------------------------------
# Fixes made by hand (see ``store.corrections``), kept apart from what the extraction wrote, so
# that they are applied again after every ingest (re-extraction, ``--force``) and can be exported
# to and re-applied on another database. People are named by name, quotes by article and span:
# never by the ids of one database.
corrections = Table(
    "corrections", metadata,
    Column("id", Integer, primary_key=True),
    Column("created_at", Text, nullable=False),  # UTC, ISO 8601
    Column("author", Text, nullable=False),
    Column("action", Text, nullable=False),  # speaker | wrong | merge | split | kind
    Column("article_id", Text),  # speaker, wrong: the quote's article
    Column("quote_idx", Integer),  # its position when corrected (the q-N anchor)
    Column("quote_start", Integer),  # its content span: what finds it again after re-extraction
    Column("quote_end", Integer),
    Column("quote_text", Text),  # its words, for the list (and to find it if its span moved)
    Column("person", Text),  # the person corrected: the quote's speaker then, merged, split, kind
    Column("value", Text),  # the new speaker, the person merged into, the split's new name, the kind
    Column("forms", Text),  # split: JSON list of the name forms that move to the new person
    Column("note", Text),
    Column("status", Text, nullable=False, default="applied"),  # the last application's outcome
)
Index("corrections_article", corrections.c.article_id)
