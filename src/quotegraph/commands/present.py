"""How records are shown: who-said-what tables, quote text, and the writers of ``extract``."""
from __future__ import annotations

import contextlib
import json
import os
import sys
from enum import Enum
from pathlib import Path
from typing import IO, Iterator, Optional

from .. import csvfile
from ..articlemeta import article_fields
from ..record import Quote, Record
from .common import Fail, isatty


class Format(str, Enum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    table = "table"
    html = "html"


def quote_text(record: Record, quote: Quote) -> str:
    """The words of a quote: its parts joined by ' … ' (without the attribution between)."""
    parts = quote.content_parts or [quote.content]
    return " … ".join(record.text[s:e].strip() for s, e in parts)


def span_text(record: Record, span: Optional[tuple[int, int]]) -> str:
    return record.text[span[0]:span[1]] if span else ""


def speaker_label(record: Record, quote: Quote) -> str:
    """Who said it: canonical name(s), else the linked person, else the mention."""
    if quote.speaker_name:
        names = quote.speaker_name
        return names if isinstance(names, str) else "; ".join(names)
    if quote.speaker_id is not None and 0 <= quote.speaker_id < len(record.people):
        return record.people[quote.speaker_id].name
    return quote.speaker_text or span_text(record, quote.speaker) or "?"


def shorten(text: str, width: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def make_console(file: Optional[IO[str]] = None):
    """A rich console; 120 columns wide when not writing to a terminal (unless $COLUMNS)."""
    from rich.console import Console
    stream = file if file is not None else sys.stdout
    if isatty(stream) or os.environ.get("COLUMNS"):
        return Console(file=file)
    return Console(file=file, width=120)


def who_said_what(record: Record, title: Optional[str] = None):
    """A rich table of a record's quotes: speaker, type (and kind, when not speech), quote, cue."""
    from rich.table import Table
    table = Table(title=title, title_justify="left", expand=True)
    table.add_column("Speaker", style="bold", max_width=24)
    table.add_column("Type", no_wrap=True)
    table.add_column("Quote", ratio=1)
    table.add_column("Cue", max_width=20)
    for q in record.quotes:
        table.add_row(speaker_label(record, q), q.type if q.kind == "speech" else f"{q.type} ({q.kind})",
                      shorten(quote_text(record, q)),
                      span_text(record, q.cue))
    return table


CSV_COLUMNS = ["id", "date", "outlet", "title", "url", "type", "speaker_name", "speaker_text", "cue", "content",
               "start", "end", "confidence", "kind"]


def with_text(record: Record) -> dict:
    """The record as a dict, each quote with the words of its spans beside their offsets:
    ``content_text`` (its parts joined by ' … '), ``cue_text``, ``speaker_text`` and ``addressee_text``."""
    out = record.to_dict()
    for q, d in zip(record.quotes, out["quotes"]):
        d["content_text"] = quote_text(record, q)
        d["cue_text"] = span_text(record, q.cue) or None
        d["speaker_text"] = span_text(record, q.speaker) or q.speaker_text
        d["addressee_text"] = span_text(record, q.addressee) or None
    return out


class Writer:
    """Writes records to a stream in one format, one record at a time (``excel``: CSV for
    spreadsheets, see :mod:`quotegraph.csvfile`; ``text``: JSON with each span's words)."""

    def __init__(self, out: IO[str], fmt: Format, excel: bool = False, text: bool = False):
        self.out, self.fmt, self.count, self.text = out, fmt, 0, text
        if fmt is Format.csv:
            self.csv = csvfile.Writer(out, excel)
            self.csv.writerow(CSV_COLUMNS)
        elif fmt is Format.table:
            self.console = make_console(out)
        self.pages: list = []  # html: the articles, written in one file at the end

    def write(self, record: Record) -> None:
        if self.fmt in (Format.jsonl, Format.json):
            line = json.dumps(with_text(record) if self.text else record.to_dict(), ensure_ascii=False)
            if self.fmt is Format.jsonl:
                self.out.write(line + "\n")
            else:
                self.out.write(("[\n" if self.count == 0 else ",\n") + line)
        elif self.fmt is Format.csv:
            art = article_fields(record.meta)
            for q in record.quotes:
                name = q.speaker_name
                self.csv.writerow([
                    record.id, art["date"], art["outlet"], art["title"], art["url"],
                    q.type, "; ".join(name) if isinstance(name, list) else name or "",
                    q.speaker_text or "", span_text(record, q.cue), quote_text(record, q),
                    q.content[0], q.content[1], q.confidence, q.kind])
        elif self.fmt is Format.html:
            from ..web.article_export import record_article
            self.pages.append(record_article(record))
        else:
            if record.quotes:
                self.console.print(who_said_what(record, title=record.id))
            else:
                self.console.print(f"{record.id}: no quotes found", markup=False, highlight=False)
        self.count += 1
        self.out.flush()

    def close(self) -> None:
        if self.fmt is Format.json:
            self.out.write("[]\n" if self.count == 0 else "\n]\n")
        elif self.fmt is Format.html:
            from ..web.article_export import render
            self.out.write(render(self.pages))
        self.out.flush()


@contextlib.contextmanager
def output_stream(path: Optional[Path]) -> Iterator[IO[str]]:
    if path is None or str(path) == "-":
        if hasattr(sys.stdout, "reconfigure") and (sys.stdout.encoding or "").lower() != "utf-8":
            with contextlib.suppress(Exception):
                sys.stdout.reconfigure(encoding="utf-8")
        yield sys.stdout
        return
    try:
        f = open(path, "w", encoding="utf-8", newline="")
    except OSError as e:
        raise Fail(f"{path}: cannot write: {e.strerror or e}")
    with f:
        yield f


