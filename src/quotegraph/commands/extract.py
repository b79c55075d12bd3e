"""The extraction commands: ``extract``, ``evaluate`` and ``demo``."""
from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..inputs import iter_articles
from ..record import Article
from ..limits import MAX_CHARS, SECONDS
from .common import (ExcelOption, ExtractInputs, Fail, IdKeyOption, MaxCharsOption, ModelOption, Reporter,
                     TextKeyOption, TimeLimitOption, app, articles_of, check_inputs, extract_records, isatty,
                     limits_of, make_extractor, one_line_errors, parallel_extractor, show_progress)
from .present import Format, Writer, make_console, output_stream, who_said_what

QUOTE_TYPES = ("direct", "indirect", "mixed")
EXAMPLE = "examples/johnson-lavrov.txt"


@app.command()
def extract(
    inputs: ExtractInputs = None,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", metavar="OUT", help="Write here instead of stdout.")] = None,
    fmt: Annotated[Format, typer.Option(
        "--format", "-f", help="jsonl: one record a line; json: one array; "
                               "csv: one row per quote (with the article's date, outlet, title and url); "
                               "table: who said what; html: the articles annotated, in one file "
                               "of its own (no script).")] = Format.jsonl,
    text_key: TextKeyOption = "text",
    id_key: IdKeyOption = "id",
    excel: ExcelOption = False,
    with_text: Annotated[bool, typer.Option(
        "--with-text", help="JSON: each quote's content_text, cue_text, speaker_text and addressee_text "
                            "beside their offsets.")] = False,
    model: ModelOption = None,
    max_chars: MaxCharsOption = MAX_CHARS,
    time_limit: TimeLimitOption = SECONDS,
    jobs: Annotated[int, typer.Option(
        "--jobs", "-j", min=1, help="Worker processes for extraction, each loading the model once.")] = 1,
):
    """Extract quotes from articles: one record per article (see docs/format.md)."""
    with one_line_errors():
        paths = list(inputs or ["-"])
        check_inputs(paths, "no input: name files or folders, or pipe text or JSON Lines into stdin")
        if output is not None and str(output) != "-" and not output.parent.is_dir():
            raise Fail(f"{output}: cannot write: no such directory {output.parent}")
        extractor = make_extractor(model) if jobs == 1 else parallel_extractor(model, jobs)
        with output_stream(output) as out, Reporter(show_progress(output)) as report:
            writer = Writer(out, fmt, excel=excel, text=with_text)
            articles = articles_of(iter_articles(paths, text_key=text_key, id_key=id_key), report)
            try:
                for record in extract_records(extractor, articles, report, limits_of(max_chars, time_limit)):
                    writer.write(record)
            finally:
                if jobs > 1:
                    extractor.close()  # the worker processes
            writer.close()
            report.summary()
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
    from ..evaluate import RecordFileError, ScoreError, format_table, read_records, score
    with one_line_errors():
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
                with Reporter(isatty(sys.stderr)) as report:
                    articles = (Article(id=r["id"], text=r["text"]) for r in gold_recs)
                    pred_recs = [r.to_dict() for r in extract_records(extractor, articles, report)]
            result = score(gold_recs, pred_recs, types=keep)
        except (RecordFileError, ScoreError) as e:
            raise Fail(str(e))
        print(json.dumps(result) if as_json else format_table(result))
        if pred is None and report.failures:
            raise typer.Exit(1)


@app.command()
def demo(model: ModelOption = None):
    """Run on the bundled example article and print who said what."""
    with one_line_errors():
        text = resources.files("quotegraph").joinpath(EXAMPLE).read_text(encoding="utf-8")
        extractor = make_extractor(model)
        report = Reporter(False)
        (record,) = extract_records(extractor, [Article(id="johnson-lavrov", text=text)], report)
        console = make_console()
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


