"""``quotegraph corrections ...``: fix the corpus by hand, list, export and re-apply the fixes.

Every correction is stored with who made it and when, and applied again after every ingest
(see :mod:`quotegraph.store.corrections`).
"""
from __future__ import annotations

import getpass
import json
import os
import sys
from typing import Annotated, Optional

import typer

from .common import Fail, app, one_line_errors
from .store import DbOption, FormatOption, OutFormat, _format, _open, _write_rows

corrections_app = typer.Typer(
    no_args_is_help=True,
    help="Correct the corpus by hand (a quote's speaker, a wrong quote, people merged, split, "
         "or of another kind); list, export and import corrections.")
app.add_typer(corrections_app, name="corrections")

ByOption = Annotated[Optional[str], typer.Option(
    "--by", metavar="NAME", show_default=False,
    help="Who makes the correction (default: $QUOTEGRAPH_USER, else the login name).")]
NoteOption = Annotated[Optional[str], typer.Option(metavar="TEXT", help="Why: kept with the correction.")]
ArticleArg = Annotated[str, typer.Argument(metavar="ARTICLE_ID", show_default=False)]
IndexArg = Annotated[int, typer.Argument(metavar="N", min=0, show_default=False,
                                         help="The quote's number in the article ('#' in show, q-N on the page).")]
PersonArg = Annotated[str, typer.Argument(metavar="PERSON", show_default=False,
                                          help="A name (any form of it) or #id.")]


def author(by: Optional[str]) -> str:
    if by and by.strip():
        return by.strip()
    env = os.environ.get("QUOTEGRAPH_USER", "").strip()
    if env:
        return env
    try:
        return getpass.getuser()
    except Exception:
        return "unknown"


def _run(db: Optional[str], fn, *args, **kwargs) -> dict:
    """Make one correction in a transaction and say what it did, on stderr."""
    from ..store.corrections import CorrectionError, describe
    with _open(db) as store:
        try:
            with store.begin() as conn:
                c = fn(conn, *args, **kwargs)
        except CorrectionError as e:
            raise Fail(str(e))
    print(f"quotegraph: correction {c['id']}: {describe(c)} ({c['status']})", file=sys.stderr)
    return c


@corrections_app.command("speaker")
def speaker(article_id: ArticleArg, n: IndexArg,
            name: Annotated[str, typer.Argument(metavar="NAME", help="Who said it.")],
            by: ByOption = None, note: NoteOption = None, db: DbOption = None):
    """A quote was said by someone else: NAME (found by name, else a new person)."""
    from ..store.corrections import correct_speaker
    with one_line_errors():
        _run(db, correct_speaker, article_id, n, name, author=author(by), note=note)


@corrections_app.command("wrong")
def wrong(article_id: ArticleArg, n: IndexArg, by: ByOption = None, note: NoteOption = None,
          db: DbOption = None):
    """A quote is not a quote: it leaves the corpus (the correction keeps its words)."""
    from ..store.corrections import mark_wrong
    with one_line_errors():
        _run(db, mark_wrong, article_id, n, author=author(by), note=note)


@corrections_app.command("merge")
def merge(person: PersonArg,
          into: Annotated[str, typer.Argument(metavar="INTO", help="The person they are (name or #id).")],
          by: ByOption = None, note: NoteOption = None, db: DbOption = None):
    """Two people are one: PERSON's quotes, mentions and names go to INTO."""
    from ..store.corrections import merge_people
    with one_line_errors():
        _run(db, merge_people, person, into, author=author(by), note=note)


@corrections_app.command("split")
def split(person: PersonArg,
          form: Annotated[list[str], typer.Option(
              "--form", metavar="NAME", help="A name form of PERSON that means someone else (repeat).")],
          as_: Annotated[Optional[str], typer.Option(
              "--as", metavar="NAME", help="That someone's name (default: the first --form).")] = None,
          by: ByOption = None, note: NoteOption = None, db: DbOption = None):
    """One person is two: the mentions named by --form go to another person."""
    from ..store.corrections import split_person
    with one_line_errors():
        _run(db, split_person, person, form, new_name=as_, author=author(by), note=note)


@corrections_app.command("kind")
def kind(person: PersonArg,
         value: Annotated[str, typer.Argument(metavar="KIND", help="person or organisation.")],
         by: ByOption = None, note: NoteOption = None, db: DbOption = None):
    """Set what a person is: a person or an organisation."""
    from ..store.corrections import set_kind
    with one_line_errors():
        _run(db, set_kind, person, value, author=author(by), note=note)


@corrections_app.command("list")
def list_(article: Annotated[Optional[str], typer.Option(metavar="ID", help="Those of this article's quotes.")] = None,
          db: DbOption = None, fmt: FormatOption = None):
    """The corrections, newest first: when, who, what, and whether it applies."""
    from ..store.corrections import describe, list_corrections
    with one_line_errors():
        with _open(db) as store, store.connect() as conn:
            rows = list_corrections(conn, article_id=article)
        f = _format(fmt)
        if f is OutFormat.table:
            rows = [dict(r, what=describe(r)) for r in rows]
        _write_rows(rows, f, [("id", "Id"), ("created_at", "When"), ("author", "Who"),
                              ("action", "Action"), ("what", "What"), ("note", "Note"),
                              ("status", "Status")])


@corrections_app.command("export")
def export(output: Annotated[str, typer.Option("--output", "-o", metavar="PATH",
                                               help="Write here (- for stdout).")] = "-",
           db: DbOption = None):
    """Every correction as one JSON file, to re-apply on another database (corrections import)."""
    from ..store.corrections import export_json
    with one_line_errors():
        with _open(db) as store, store.connect() as conn:
            data = export_json(conn)
        text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        if output == "-":
            sys.stdout.write(text)
        else:
            try:
                with open(output, "w", encoding="utf-8") as f:
                    f.write(text)
            except OSError as e:
                raise Fail(f"{output}: cannot write: {e.strerror or e}")
        print(f"quotegraph: {len(data['corrections'])} corrections written to {output}", file=sys.stderr)


@corrections_app.command("import")
def import_(path: Annotated[str, typer.Argument(metavar="FILE", help="A corrections export (- for stdin).")],
            db: DbOption = None):
    """Store and apply the corrections of an export (those already stored are skipped)."""
    from ..store.corrections import CorrectionError, import_json
    with one_line_errors():
        try:
            raw = sys.stdin.read() if path == "-" else open(path, encoding="utf-8").read()
        except OSError as e:
            raise Fail(f"{path}: cannot read: {e.strerror or e}")
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as e:
            raise Fail(f"{path}: line {e.lineno}: not JSON: {e.msg}")
        with _open(db) as store:
            try:
                with store.begin() as conn:
                    added, applied, skipped = import_json(conn, data, path)
            except CorrectionError as e:
                raise Fail(str(e))
        print(f"quotegraph: {path}: {added} corrections added ({applied} applied, "
              f"{added - applied} waiting for their quote or person), {skipped} already there",
              file=sys.stderr)
