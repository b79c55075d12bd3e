#!/usr/bin/env python3
"""Accuracy of the extraction on the annotated evaluation sets, in one run.

    .venv/bin/python benchmarks/accuracy.py [--eval DIR] [--limit N] [--model NAME]

Extracts the texts of each gold file under DIR (default ``../shared/eval``
beside the repository): ``seed/gold.jsonl`` (the bundled example),
``polnear/dev.jsonl``, ``polnear-names/dev.jsonl`` and
``polnear-names/dev-more.jsonl`` (scored on direct and mixed quotes only, as
their gold holds only those), scores them with
``quotegraph.evaluate`` (the definitions of ``FORMAT.md``) and prints each
table with the extraction time. Targets are in the extraction issue; a
missing gold file is skipped with a note.

Then the graph layer (issue 11): ``seed/graph.jsonl`` scored by the eval's own
``score_graph.py`` (addressee, about, events, claims), each figure beside its
target; then the event rules alone on the PLOVER and PETR2 sentences
(``events/*.jsonl``), scored by ``events/score_events.py``.
"""
from __future__ import annotations

import argparse
import importlib.util
import itertools
import shlex
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SETS = [("seed", "seed/gold.jsonl", None),
        ("polnear dev", "polnear/dev.jsonl", None),
        ("polnear-names dev", "polnear-names/dev.jsonl", ["direct", "mixed"]),
        ("polnear-names dev-more", "polnear-names/dev-more.jsonl", ["direct", "mixed"])]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--eval", default=str(REPO.parent / "shared" / "eval"), help="folder of the gold sets")
    ap.add_argument("--limit", type=int, help="score only the first N articles of each set")
    ap.add_argument("--model", help="spaCy pipeline (default: $QUOTEGRAPH_MODEL, else the default)")
    args = ap.parse_args(argv)

    from quotegraph.calibration import calibration_table
    from quotegraph.evaluate import format_table, read_records, right_quotes, score
    from quotegraph.pipeline import Extractor
    from quotegraph.record import Article

    print("# " + shlex.join(["python", *sys.argv]))
    extractor = Extractor(args.model)
    for name, rel, types in SETS:
        path = Path(args.eval) / rel
        if not path.exists():
            print(f"== {name}: {path} not found, skipped")
            continue
        gold = read_records(str(path))
        if args.limit:
            gold = list(itertools.islice(gold, args.limit))
        start = time.perf_counter()
        pred = [r.to_dict() for r in extractor.extract_many(Article(id=g["id"], text=g["text"]) for g in gold)]
        took = time.perf_counter() - start
        print(f"== {name} ({path}{', types ' + ','.join(types) if types else ''}; "
              f"{len(gold)} articles extracted in {took:.1f} s)")
        print(format_table(score(gold, pred, types=types)))
        if types is None and len(gold) > 1:  # confidence: stated vs observed (right: content and speaker)
            stated = [(q["confidence"], ok) for g, p in zip(gold, pred)
                      for q, ok in zip(p.get("quotes") or [], right_quotes(g, p))]
            print("calibration (right = content at Jaccard >= .5 and speaker):")
            print(calibration_table(stated))
    graph_figures(Path(args.eval), extractor)
    return 0


GRAPH_TARGETS = [("addressee", ("addressee",), 0.8), ("about", ("about",), 0.7),
                 ("events type", ("events", "type"), None),
                 ("events type+actor", ("events", "type+actor"), None),
                 ("events type+actor+recipient", ("events", "type+actor+recipient"), 0.6),
                 ("claims same_claim_pairs", ("claims", "same_claim_pairs"), 0.6),
                 ("claims contradiction_pairs", ("claims", "contradiction_pairs"), 0.5)]


def eval_module(folder: Path, name: str):
    """A scorer of the eval folder (``score_graph``, ``events/score_events``) as a module."""
    path = folder / f"{name}.py"
    sys.path.insert(0, str(path.parent))
    spec = importlib.util.spec_from_file_location(path.stem, path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def graph_figures(folder: Path, extractor) -> None:
    """The graph layer on the seed: score_graph.py's figures with the issue's targets."""
    from quotegraph.evaluate import read_records
    from quotegraph.record import Article

    path = folder / "seed" / "graph.jsonl"
    if not path.exists():
        print(f"== graph: {path} not found, skipped")
        return
    gold = read_records(str(path))
    start = time.perf_counter()
    pred = [r.to_dict() for r in extractor.extract_many(Article(id=g["id"], text=g["text"]) for g in gold)]
    took = time.perf_counter() - start
    result = eval_module(folder, "score_graph").score(gold, pred)
    print(f"== graph, seed ({path}; {len(gold)} article extracted in {took:.1f} s)")
    print(f"{'':30} {'P':>6} {'R':>6} {'F1':>6} {'target F1':>9}")
    for name, keys, target in GRAPH_TARGETS:
        v = result
        for k in keys:
            v = v[k]
        goal = f"{target:9.2f}" if target is not None else f"{'':9}"
        print(f"{name:30} {v['p']:6.3f} {v['r']:6.3f} {v['f1']:6.3f} {goal}")
    event_figures(folder, extractor.nlp)


def event_figures(folder: Path, nlp) -> None:
    """The event rules on single sentences: PLOVER GSR recall, PETR2 no-event accuracy."""
    from quotegraph.evaluate import read_records
    from quotegraph.events import as_plover, find_events

    scorer = None
    for name, targets in (("plover_gsr", "targets: recall of type >= 0.6, type+actor >= 0.5"),
                          ("petr2_gsr", "target: no event on >= 80 % of the no-event sentences")):
        path = folder / "events" / f"{name}.jsonl"
        if not path.exists():
            print(f"== events: {path} not found, skipped")
            continue
        scorer = scorer or eval_module(folder / "events", "score_events")
        gold = read_records(str(path))
        start = time.perf_counter()
        pred = [{"id": g["id"], "events": as_plover(doc, find_events(doc))}
                for g, doc in zip(gold, nlp.pipe([g["text"] for g in gold]))]
        took = time.perf_counter() - start
        print(f"== events, {name} ({path}; {len(gold)} sentences in {took:.1f} s; {targets})")
        print(scorer.report(scorer.score(gold, pred)))


if __name__ == "__main__":
    sys.exit(main())
