"""The store's commands: ``ingest``, ``people``, ``quotes``, ``show``, ``export`` and ``check``.

They follow the conventions of :mod:`.common`: one line per problem on stderr,
exit code 0, 1 (some articles failed) or 2 (the command could not run).
"""
from __future__ import annotations

import itertools
import json
import sys
import threading
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from .. import csvfile
from ..store.db import DEFAULT_DB, Store, StoreError
from ..limits import MAX_CHARS, SECONDS
from .common import (ExcelOption, Fail, IdKeyOption, IngestInputs, MaxCharsOption, ModelOption, TextKeyOption,
                     TimeLimitOption, app, check_inputs, isatty, limits_of, make_extractor, not_done_lists,
                     one_line_errors, say)
from .present import make_console, shorten
from .scale import (DelayOption, Engine, EngineOption, FeedOption, ParquetOption, PrivateOption, SchedulerOption,
                    SitemapOption, UrlsOption, ingest_on_dask, web_inputs)

DbOption = Annotated[Optional[str], typer.Option(
    "--db", metavar="DB", show_default=False,
    help=f"SQLite file or postgresql://user:pass@host/db URL (default: $QUOTEGRAPH_DB, else {DEFAULT_DB}).")]


class OutFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class ShowFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    html = "html"


FormatOption = Annotated[Optional[OutFormat], typer.Option(
    "--format", "-f", show_default=False,
    help="table (the default on a terminal), jsonl (the default otherwise) or csv.")]
SinceOption = Annotated[Optional[str], typer.Option(metavar="DATE", help="From this date: YYYY-MM-DD, YYYY-MM or YYYY.")]
UntilOption = Annotated[Optional[str], typer.Option(metavar="DATE", help="Up to this date, inclusive.")]


def _open(db: Optional[str], must_exist: bool = True) -> Store:
    try:
        return Store(db, must_exist=must_exist)
    except StoreError as e:
        raise Fail(str(e))


def _format(fmt: Optional[OutFormat]) -> OutFormat:
    if fmt is not None:
        return fmt
    return OutFormat.table if isatty(sys.stdout) else OutFormat.jsonl


def _write_rows(rows: list[dict[str, Any]], fmt: OutFormat, columns: list[tuple[str, str]],
                title: Optional[str] = None, excel: bool = False) -> None:
    """rows as a table (columns: key, heading), JSON Lines or CSV on stdout (``excel``: for
    spreadsheets, see :mod:`quotegraph.csvfile`)."""
    if fmt is OutFormat.jsonl:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
    elif fmt is OutFormat.csv:
        w = csvfile.Writer(sys.stdout, excel, fields=list(rows[0]) if rows else [k for k, _ in columns])
        w.writeheader()
        w.writerows(rows)
    else:
        from rich.table import Table
        table = Table(title=title, title_justify="left", expand=True)
        for key, heading in columns:
            table.add_column(heading, ratio=1 if key in ("content", "name") else None,
                             no_wrap=key in ("date", "quotes", "articles", "type", "kind", "id"))
        for r in rows:
            table.add_row(*("" if r.get(k) is None else str(r.get(k)) for k, _ in columns))
        make_console().print(table)
    sys.stdout.flush()


def _query(fn, *args, **kwargs):
    from ..store.query import QueryError
    try:
        return fn(*args, **kwargs)
    except QueryError as e:
        raise Fail(str(e))


# --- ingest ---------------------------------------------------------------------------------

class _Progress:
    """A progress bar with rate and ETA on stderr (a terminal only); problems printed above it."""

    def __init__(self, enabled: bool, paths: list[str]):
        self.bar = None
        if enabled:
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn,
                                       TextColumn, TimeElapsedColumn, TimeRemainingColumn)
            self.bar = Progress(
                SpinnerColumn(), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]} articles/s"), TextColumn("ETA"),
                TimeRemainingColumn(), TimeElapsedColumn(),
                console=Console(stderr=True), transient=False)
            self.task = self.bar.add_task("ingest", total=None, rate="-")
            self.paths = paths

    def __enter__(self) -> "_Progress":
        if self.bar is not None:
            self.bar.start()
            threading.Thread(target=self._count, daemon=True).start()
        return self

    def _count(self) -> None:
        from ..store.ingest import count_inputs
        try:
            total = count_inputs(self.paths)
        except Exception:
            total = None
        if total is not None and self.bar is not None:
            self.bar.update(self.task, total=total)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()

    def advance(self, n: int) -> None:
        if self.bar is not None:
            self.bar.advance(self.task, n)
            speed = self.bar.tasks[0].speed
            self.bar.update(self.task, rate=f"{speed:.1f}" if speed else "-")

    def problem(self, where: str, message: str) -> None:
        say(self.bar, where, message)


@app.command()
def ingest(
    inputs: IngestInputs = None,
    db: DbOption = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes for extraction.")] = 1,
    force: Annotated[bool, typer.Option("--force", help="Re-extract articles already stored.")] = False,
    aliases: Annotated[Optional[Path], typer.Option(
        metavar="CSV", help="People's names: 'canonical name, alias, ...' a line; overrides merging.")] = None,
    max_failures: Annotated[float, typer.Option(
        metavar="PERCENT", min=0, max=100,
        help="Exit with 1 only when more than this share of articles failed.")] = 1.0,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per transaction.")] = 32,
    text_key: TextKeyOption = "text",
    id_key: IdKeyOption = "id",
    model: ModelOption = None,
    engine: EngineOption = Engine.local,
    scheduler: SchedulerOption = None,
    parquet: ParquetOption = None,
    urls: UrlsOption = None,
    feed: FeedOption = None,
    sitemap: SitemapOption = None,
    delay: DelayOption = 2.0,
    allow_private_hosts: PrivateOption = False,
    max_chars: MaxCharsOption = MAX_CHARS,
    time_limit: TimeLimitOption = SECONDS,
):
    """Extract articles into the corpus database; articles stored before are skipped."""
    from ..store.ingest import Ingest, iter_sourced
    from ..store.corrections import reapply
    from ..store.people import AliasesError, apply_aliases, read_aliases
    with one_line_errors():
        paths = list(inputs or [])
        web = bool(urls or feed or sitemap)
        if not paths and aliases is None and not web:
            raise Fail("no input: name files, folders or - for stdin, or --urls, --feed, --sitemap "
                       "(or give --aliases alone)")
        check_inputs(paths, "no input on stdin: pipe text or JSON Lines into it")
        pairs = None
        if aliases is not None:
            try:
                pairs = read_aliases(aliases)
            except AliasesError as e:
                raise Fail(str(e))
        store = _open(db, must_exist=False)
        with store:
            if pairs is not None:
                with store.begin() as conn:
                    moved = apply_aliases(conn, pairs)
                    reapply(conn)  # corrections made by hand come after the aliases file
                print(f"quotegraph: {aliases}: {len(pairs)} names; {moved} mentions re-assigned",
                      file=sys.stderr)
            if not paths and not web:
                return
            if parquet is not None and not (engine is Engine.dask or scheduler):
                raise Fail("--parquet: the partitions are written by Dask workers; add --engine dask")
            fetched = web_inputs(store, urls, feed, sitemap, delay, allow_private_hosts) if web else None
            if engine is Engine.dask or scheduler:  # pages are fetched here, extracted on the workers
                with _Progress(isatty(sys.stderr), paths) as progress:
                    s = ingest_on_dask(store, paths, scheduler=scheduler, jobs=jobs, model=model,
                                       text_key=text_key, id_key=id_key, force=force,
                                       batch_size=batch_size, limits=limits_of(max_chars, time_limit),
                                       on_problem=progress.problem,
                                       on_progress=progress.advance, web=fetched, parquet=parquet)
                _done(s, store, max_failures)
                return
            extractor = None
            if jobs == 1:
                extractor = make_extractor(model)
            else:
                from ..pipeline import ModelError, check_model
                try:
                    check_model(model)  # the workers load it; fail here, once, if it is missing
                except ModelError as e:
                    raise Fail(str(e))
            with _Progress(isatty(sys.stderr), paths) as progress:
                run = Ingest(store, extractor=extractor, model=model, jobs=jobs, force=force,
                             batch_size=batch_size, limits=limits_of(max_chars, time_limit),
                             inputs=paths, on_problem=progress.problem,
                             on_progress=progress.advance)
                sourced = iter_sourced(paths, text_key=text_key, id_key=id_key)
                if fetched is not None:
                    sourced = itertools.chain(sourced, fetched)
                s = run.run(sourced)
            _done(s, store, max_failures)


def _done(s, store: Store, max_failures: float) -> None:
    """The summary lines of an ingest; exit 1 past --max-failures."""
    print(f"quotegraph: {s.ingested} articles ingested ({s.quotes} quotes, "
          f"{s.new_people} new people), {s.skipped} skipped as already stored, "
          f"{f'{s.other_language} not in English (stored as skipped), ' if s.other_language else ''}"
          f"{s.failed} failed; {s.seconds:.1f} s, {s.rate:.1f} articles/s; "
          f"{store.label}", file=sys.stderr)
    for what, items in not_done_lists(s.not_done, s.left_out, s.truncated):
        print(f"quotegraph: {what} ({len(items)}): {', '.join(items)}", file=sys.stderr)
    if s.failure_percent > max_failures:
        print(f"quotegraph: {s.failed} of {s.attempted} articles failed "
              f"({s.failure_percent:.1f}% > --max-failures {max_failures:g}%)", file=sys.stderr)
        raise typer.Exit(1)


@app.command()
def check(db: DbOption = None):
    """Check the store's integrity: counts, orphans, summary tables, indexes (exit 1 on a problem)."""
    from ..store.integrity import check as run_check
    from ..store.integrity import unfinished_runs
    with one_line_errors():
        with _open(db) as store:
            problems = run_check(store)
            running = unfinished_runs(store)
        for p in problems:
            print(f"quotegraph: {store.label}: {p}", file=sys.stderr)
        if running:
            print(f"quotegraph: {store.label}: runs still marked running (in progress, or killed): "
                  + ", ".join(map(str, running)), file=sys.stderr)
        if problems:
            raise typer.Exit(1)
        print(f"quotegraph: {store.label}: no problems found", file=sys.stderr)


# --- queries ----------------------------------------------------------------------------------

@app.command()
def people(
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="How many people.")] = 20,
    outlet: Annotated[Optional[str], typer.Option(help="Only quotes from this outlet.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    name: Annotated[Optional[str], typer.Option(help="Only people this name may mean.")] = None,
    db: DbOption = None,
    fmt: FormatOption = None,
    excel: ExcelOption = False,
):
    """The most quoted people, with their numbers of quotes and articles."""
    from ..store.query import list_people
    with one_line_errors():
        with _open(db) as store:
            rows = _query(list_people, store, limit=top, outlet=outlet, since=since, until=until,
                          name=name)
        _write_rows(rows, _format(fmt), [("id", "Id"), ("name", "Name"), ("kind", "Kind"),
                                         ("quotes", "Quotes"), ("articles", "Articles"),
                                         ("first_date", "First"), ("last_date", "Last")], excel=excel)


@app.command()
def quotes(
    speaker: Annotated[Optional[list[str]], typer.Option(
        metavar="NAME", help="Quotes by this person (repeat for any of several).")] = None,
    together: Annotated[bool, typer.Option(
        help="With several --speaker: only articles that quote all of them.")] = False,
    contains: Annotated[Optional[str], typer.Option(
        metavar="TEXT", help='Full-text search of the quote: words (all of them), "a phrase", -word '
        "(not it), a OR b.")] = None,
    case: Annotated[bool, typer.Option(
        "--case", help="--contains's words as written: case and form (wall is not Wall Street).")] = False,
    order: Annotated[str, typer.Option(
        metavar="ORDER", help="date (newest first) or relevance (the best matches of --contains first).")] = "date",
    article: Annotated[Optional[str], typer.Option(metavar="ID", help="Quotes of this article.")] = None,
    type: Annotated[Optional[str], typer.Option(metavar="TYPE", help="direct, mixed or indirect.")] = None,
    kind: Annotated[Optional[list[str]], typer.Option(
        metavar="KIND", help="speech, writing, document, belief, question (repeat or comma-join), "
        "or all; default: speech and writing (who said what), every kind with --article.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    outlet: Annotated[Optional[str], typer.Option(help="Only this outlet.")] = None,
    min_confidence: Annotated[Optional[float], typer.Option(
        metavar="C", min=0, max=1, help="Only quotes of at least this confidence (0 to 1).")] = None,
    about: Annotated[Optional[str], typer.Option(
        metavar="NAME", help="Quotes about this person, organisation or place.")] = None,
    to: Annotated[Optional[str], typer.Option(
        "--to", metavar="NAME", help="Quotes addressed to this person (or audience: reporters).")] = None,
    limit: Annotated[Optional[int], typer.Option(min=1, help="At most this many (default: all).")] = None,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many first.")] = 0,
    db: DbOption = None,
    fmt: FormatOption = None,
    excel: ExcelOption = False,
):
    """Quotes, newest first, filtered by speaker, words, type, kind, dates, outlet, confidence."""
    from ..record import SAID_KINDS
    from ..store.query import search_quotes
    with one_line_errors():
        kinds = kind or (["all"] if article is not None else list(SAID_KINDS))
        with _open(db) as store:
            rows = _query(search_quotes, store, speakers=speaker or (), together=together,
                          contains=contains, case=case, order=order, article_id=article, type=type, kind=kinds,
                          since=since, until=until, outlet=outlet, min_confidence=min_confidence,
                          about=about, to=to, limit=limit, offset=offset)
        f = _format(fmt)
        if f is OutFormat.table:
            rows = [dict(r, content=shorten(r["content"], 400)) for r in rows]
        _write_rows(rows, f, [("date", "Date"), ("speaker", "Speaker"), ("type", "Type"),
                              ("kind", "Kind"), ("content", "Quote"), ("outlet", "Outlet"), ("article_id", "Article")],
                    excel=excel)


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(metavar="ARTICLE_ID")],
    db: DbOption = None,
    fmt: Annotated[Optional[ShowFormat], typer.Option(
        "--format", "-f", show_default=False,
        help="table (the default on a terminal), jsonl (the default otherwise), csv, or html: the "
             "article annotated, as a file of its own (inline CSS, no script) to publish or attach.")] = None,
    excel: ExcelOption = False,
):
    """One article with its quotes and people."""
    from ..store.query import get_article
    with one_line_errors():
        with _open(db) as store:
            art = get_article(store, article_id)
            if art is not None and fmt is ShowFormat.html:
                from ..web import article_export, queries
                sys.stdout.write(article_export.render([article_export.stored_article(
                    queries.article(store, article_id))]))
                return
        if art is None:
            raise Fail(f"{article_id}: no such article in the database")
        f = _format(None if fmt is None else OutFormat(fmt.value))
        if f is OutFormat.jsonl:
            print(json.dumps(art, ensure_ascii=False, default=str))
            return
        if f is OutFormat.csv:
            _write_rows(art["quotes"], f, [], excel=excel)
            return
        console = make_console()
        line = lambda s: console.print(s, markup=False, highlight=False, soft_wrap=True)  # noqa: E731
        line(f"{art['id']}: {art['title'] or '(no title)'}")
        line(" · ".join(x for x in (art["date"], art["outlet"], art["url"]) if x) or "(no date, outlet or url)")
        if art["status"] != "ok":
            line(f"failed: {art['error']}")
        rows = [dict(q, content=shorten(q["content"], 400)) for q in art["quotes"]]
        _write_rows(rows, f, [("idx", "#"), ("speaker", "Speaker"), ("type", "Type"),
                              ("kind", "Kind"), ("content", "Quote"), ("cue", "Cue")],
                    title=f"{len(rows)} quotes")
        line(f"People ({len(art['people'])}):")
        for p in art["people"]:
            who = f" → #{p['person_id']} {p['person_name']}" if p["person_id"] is not None else ""
            line(f"  {p['name']} ({p['kind']}, {p['mention_count']} mentions){who}")


@app.command()
def export(
    output: Annotated[str, typer.Option("--output", "-o", metavar="PATH", help="Write here (- for stdout).")],
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help="jsonl, csv or parquet.")] = "jsonl",
    layout: Annotated[str, typer.Option(
        metavar="LAYOUT", help="quotes: one row per quote; articles: one extraction record per article.")] = "quotes",
    db: DbOption = None,
    excel: ExcelOption = False,
):
    """Export the whole store, streaming: quote rows or article records."""
    from ..store.export import ExportError
    from ..store.export import export as run_export
    with one_line_errors():
        if output != "-" and not Path(output).parent.is_dir():
            raise Fail(f"{output}: cannot write: no such directory {Path(output).parent}")
        with _open(db) as store:
            try:
                out = sys.stdout if output == "-" else output
                if fmt == "parquet" and output == "-":
                    raise ExportError("Parquet is written to a file: give -o PATH")
                n = run_export(store, fmt, layout, out, excel=excel)
            except ExportError as e:
                raise Fail(str(e))
            except OSError as e:
                raise Fail(f"{output}: cannot write: {e.strerror or e}")
        print(f"quotegraph: {n} {'quotes' if layout == 'quotes' else 'articles'} written to {output}",
              file=sys.stderr)
