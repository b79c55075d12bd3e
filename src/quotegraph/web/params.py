"""The types of the web app's request parameters, checked by FastAPI before a route runs.

Every integer a request can give is bounded to what the databases hold (a signed 64-bit
integer: SQLite's INTEGER, PostgreSQL's bigint), so that an id, ``offset`` or ``page``
past it is a 422 like any other invalid parameter rather than an OverflowError deep in
the database driver; and no text a request gives may hold a NUL character, which
PostgreSQL refuses in text and SQLite's full-text search takes for the end of a query.
The routes use these types rather than checking values themselves.
"""
from __future__ import annotations

from typing import Annotated, Literal, Optional

from fastapi import Path, Query
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

MAX_INT = 2**63 - 1  # the largest integer SQLite and PostgreSQL (bigint) hold
PER_PAGE = 50  # rows on a page
MAX_LIMIT = 1000  # rows in one page of the API
MAX_PAGE = MAX_INT // PER_PAGE  # so that (page - 1) * PER_PAGE is still a 64-bit integer


def no_nul(value: Optional[str]) -> Optional[str]:
    if value is not None and "\x00" in value:
        raise PydanticCustomError("nul_character", "must not contain a NUL character")
    return value


# text without NUL: for a body's fields, and (with Query or Path) for a URL's
Text = Annotated[str, AfterValidator(no_nul)]
OptText = Annotated[Optional[str], AfterValidator(no_nul)]

QDate = "YYYY-MM-DD, YYYY-MM or YYYY"
Since = Annotated[OptText, Query(description=QDate)]
Until = Annotated[OptText, Query(description=QDate)]
Offset = Annotated[int, Query(ge=0, le=MAX_INT, description="rows to skip")]
Limit = Annotated[Optional[int], Query(ge=1, le=MAX_LIMIT, description=f"rows to give (at most {MAX_LIMIT})")]
Page = Annotated[int, Query(ge=1, le=MAX_PAGE, description="the page, from 1")]
PersonId = Annotated[int, Path(ge=0, le=MAX_INT, description="a person's id")]
PersonQ = Annotated[Optional[int], Query(ge=0, le=MAX_INT, description="a person's id")]
WORDS_HELP = ('full-text search (word stems): words (all of them), "a phrase", -word or -"a phrase" '
              "(without it), a OR b")
Words = Annotated[OptText, Query(description=WORDS_HELP)]
Speaker = Annotated[OptText, Query(description="a speaker's name (any person it may mean)")]
ArticleQ = Annotated[OptText, Query(description="an article's id")]
ArticleId = Annotated[str, Path(description="an article's id"), AfterValidator(no_nul)]
Fmt = Optional[Literal["csv", "json", "excel"]]  # excel: CSV for spreadsheets (quotegraph.csvfile)
# a quote's kind: one for the search page; the API takes several, comma-joined
KindChoice = Literal["said", "all", "speech", "writing", "document", "belief", "question"]  # record.QUOTE_KINDS
KindQ = Annotated[Text, Query(description="speech, writing, document, belief or question (comma-joined for "
                                          "several); said (the default): speech and writing, who said what; "
                                          "all: every kind")]
