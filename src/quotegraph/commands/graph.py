"""The graph's commands: ``events``, ``claims``, ``claim-fix`` and ``graph-export``.

(The ``quotes`` command's ``--about`` and ``--to`` filters are in :mod:`.store`.)
"""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from .common import Fail, app, one_line_errors
from ..record import EVENT_TYPES
from .present import shorten
from .store import DbOption, FormatOption, OutFormat, SinceOption, UntilOption, _format, _open, _query, _write_rows

PLOVER_TYPES = EVENT_TYPES


def _people(store, name: Optional[str]) -> Optional[list[int]]:
    if not name:
        return None
    from ..store.query import find_people
    ids = find_people(store, name)
    if not ids:
        raise Fail(f"{name}: no such person in the database")
    return ids


def _names(parties: list[dict]) -> str:
    return ", ".join(p["name"] for p in parties)


@app.command()
def events(
    type: Annotated[Optional[str], typer.Option(
        "--type", "-t", metavar="TYPE", help="A PLOVER 2.0 type: " + " ".join(PLOVER_TYPES) + ".")] = None,
    person: Annotated[Optional[str], typer.Option(metavar="NAME", help="Events with this party.")] = None,
    plover: Annotated[bool, typer.Option("--plover", help="PLOVER-shaped JSON, one event a line.")] = False,
    acts: Annotated[bool, typer.Option(
        "--acts", help="Only acts: leave out hypothetical, future and negated ones.")] = False,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: Annotated[Optional[int], typer.Option(min=1, help="At most this many (default: all).")] = None,
    db: DbOption = None,
    fmt: FormatOption = None,
):
    """Reported acts between people and states (met, accused, warned ...), newest first."""
    from ..store.graph_query import list_events
    from ..store.graph_query import plover as to_plover
    with one_line_errors():
        if type and type.upper() not in PLOVER_TYPES:
            raise Fail(f"unknown event type '{type}' (choose from {', '.join(PLOVER_TYPES)})")
        with _open(db) as store:
            rows = _query(list_events, store, type=type, person_ids=_people(store, person),
                          since=since, until=until, acts_only=acts, limit=limit)
        if plover:
            for e in rows:
                sys.stdout.write(json.dumps(to_plover(e), ensure_ascii=False) + "\n")
            return
        f = _format(fmt)
        flat = [{"date": e["date"], "type": e["type"], "mode": e["mode"], "actor": _names(e["actor"]),
                 "recipient": _names(e["recipient"]), "evidence": e["evidence"],
                 "reported_by": e["reporter"], "article_id": e["article_id"], "idx": e["idx"]}
                for e in rows]
        if f is OutFormat.table:
            flat = [dict(r, evidence=shorten(r["evidence"] or "", 200)) for r in flat]
        _write_rows(flat, f, [("date", "Date"), ("type", "Type"), ("mode", "Mode"), ("actor", "Actor"),
                              ("recipient", "Recipient"), ("evidence", "Evidence"),
                              ("reported_by", "Reported by"), ("article_id", "Article")])


@app.command()
def claims(
    contradictions: Annotated[bool, typer.Option(
        "--contradictions", help="Only claims both asserted and denied, with both sides.")] = False,
    flips: Annotated[bool, typer.Option(
        "--flips", help="Speakers who changed their stance on a claim over time.")] = False,
    person: Annotated[Optional[str], typer.Option(metavar="NAME", help="Claims this person took part in.")] = None,
    contains: Annotated[Optional[str], typer.Option(metavar="TEXT", help="Claims whose text has this.")] = None,
    limit: Annotated[Optional[int], typer.Option(min=1, help="At most this many (default: all).")] = None,
    db: DbOption = None,
    fmt: FormatOption = None,
):
    """Claims across the corpus: the same proposition in several quotes, asserted or denied."""
    from ..store import graph_query
    with one_line_errors():
        f = _format(fmt)
        with _open(db) as store:
            ids = _people(store, person)
            if flips:
                rows = graph_query.flips(store, person_ids=ids, limit=limit)
                flat = [{"claim_id": r["claim_id"], "claim": r["claim"], "speaker": r["speaker"],
                         "before": r["before"]["stance"], "before_date": r["before"]["date"],
                         "before_quote": r["before"]["content"], "after": r["after"]["stance"],
                         "after_date": r["after"]["date"], "after_quote": r["after"]["content"]}
                        for r in rows]
                if f is OutFormat.jsonl:
                    flat = rows
                _write_rows(flat, f, [("claim_id", "Claim"), ("claim", "Text"), ("speaker", "Speaker"),
                                      ("before", "Was"), ("before_date", "On"), ("after", "Now"),
                                      ("after_date", "On")])
                return
            rows = graph_query.list_claims(store, contradictions=contradictions, person_ids=ids,
                                           contains=contains, limit=limit)
        if f is OutFormat.jsonl:
            _write_rows(rows, f, [])
            return
        if f is OutFormat.csv:  # one row per member
            _write_rows([{"claim_id": r["id"], "claim": r["claim"], "contradiction": r["contradiction"],
                          "stance": m["stance"], "speaker": m["speaker"], "date": m["date"],
                          "article_id": m["article_id"], "quote_idx": m["quote_idx"],
                          "content": m["content"], "fixed": m["fixed"]}
                         for r in rows for m in r["members"]], f, [])
            return
        side = lambda ms: "\n".join(f"{m['speaker'] or '?'} ({m['date'] or 'undated'}): "  # noqa: E731
                                    f"{shorten(m['content'], 120)}" for m in ms)
        _write_rows([{"id": r["id"], "claim": r["claim"], "asserts": side(r["asserts"]),
                      "denies": side(r["denies"])} for r in rows], f,
                    [("id", "Id"), ("claim", "Claim"), ("asserts", "Asserted by"), ("denies", "Denied by")])


class Stance(str, Enum):
    asserts = "asserts"
    denies = "denies"


@app.command("claim-fix")
def claim_fix(
    article_id: Annotated[str, typer.Argument(metavar="ARTICLE_ID")],
    quote: Annotated[int, typer.Argument(metavar="N", min=0, help="The quote's number in the article.")],
    to: Annotated[Optional[int], typer.Option("--to", metavar="CLAIM_ID", help="Move it to this claim.")] = None,
    new: Annotated[Optional[str], typer.Option("--new", metavar="TEXT", help="Move it to a claim of this text.")] = None,
    stance: Annotated[Optional[Stance], typer.Option(help="Its stance (asserts or denies).")] = None,
    claim: Annotated[Optional[int], typer.Option(
        "--claim", metavar="CLAIM_ID", help="The claim it is in now (when it is in several).")] = None,
    remove: Annotated[bool, typer.Option("--remove", help="Take it out of the claim.")] = False,
    db: DbOption = None,
):
    """Correct a quote's claim or stance; kept, and applied again whenever the article is re-ingested."""
    from ..store.graph import FixError, add_fix
    with one_line_errors():
        if to is not None and new is not None:
            raise Fail("give --to or --new, not both")
        with _open(db) as store:
            try:
                with store.begin() as conn:
                    fix = add_fix(conn, article_id, quote, to_claim=to, new_claim=new,
                                  stance=stance.value if stance else None, from_claim=claim, remove=remove)
            except FixError as e:
                raise Fail(str(e))
        where = f"claim '{fix['to_claim']}'" if fix["to_key"] else "no claim"
        print(f"quotegraph: {article_id} #{quote} now in {where}"
              f"{' as ' + fix['stance'] if fix['stance'] else ''} (correction #{fix['id']})", file=sys.stderr)


class GraphFormat(str, Enum):
    graphml = "graphml"
    csv = "csv"


@app.command("graph-export")
def graph_export(
    output: Annotated[str, typer.Option("--output", "-o", metavar="PATH",
                                        help="GraphML: a file; csv: a folder for nodes.csv and edges.csv.")],
    fmt: Annotated[GraphFormat, typer.Option("--format", "-f", help="graphml or csv (Gephi).")] = GraphFormat.graphml,
    max_nodes: Annotated[Optional[int], typer.Option(min=1, help="Only the heaviest nodes (default: all).")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    db: DbOption = None,
):
    """The network of people, organisations and states: said to, spoke about, accused, met."""
    from ..store.graph_export import ALL_NODES, export_graph
    with one_line_errors():
        parent = Path(output).parent
        if not parent.is_dir():
            raise Fail(f"{output}: cannot write: no such directory {parent}")
        with _open(db) as store:
            try:
                n, e = _query(export_graph, store, fmt.value, output, max_nodes=max_nodes or ALL_NODES,
                              since=since, until=until)
            except OSError as err:
                raise Fail(f"{output}: cannot write: {err.strerror or err}")
        print(f"quotegraph: {n} nodes and {e} edges written to {output}", file=sys.stderr)
