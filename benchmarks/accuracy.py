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
"""
from __future__ import annotations

import argparse
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

    from quotegraph.evaluate import format_table, read_records, score
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
