#!/usr/bin/env python3
"""Refit ``src/quotegraph/data/calibration.tsv``: per cell of quotes, how many are right.

    .venv/bin/python benchmarks/calibrate.py [--gold ../shared/eval/polnear/dev.jsonl] [--limit N] [--dry-run]
        [--save RAW.jsonl | --pred RAW.jsonl]

Extracts the gold texts with the rules' own scores (no calibration), puts each
predicted quote in its cell (``quotegraph.calibration.cell``), judges it right
when it matches a gold quote at Jaccard >= 0.5 with gold's speaker (the joint
measure), and writes the counts. Then prints a two-fold check: each half of the
articles scored with the table fitted on the other half (stated vs observed).
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TABLE = REPO / "src" / "quotegraph" / "data" / "calibration.tsv"
HEADER = "# cell (type|speaker class|rule score)\tright\ttotal (PolNeAR dev; refit: python benchmarks/calibrate.py)\n"


def cells_of(gold_records, recs):
    """(article index, cell, right?) of every predicted quote of records extracted without calibration."""
    from quotegraph.calibration import cell
    from quotegraph.evaluate import right_quotes
    out = []
    for n, (g, rec) in enumerate(zip(gold_records, recs)):
        for q, ok in zip(rec.quotes, right_quotes(g, rec.to_dict())):
            out.append((n, cell(q, q.confidence), ok))
    return out


def cell_counts(rows) -> dict[str, tuple[int, int]]:
    right, total = Counter(), Counter()
    for _, key, ok in rows:
        total[key] += 1
        right[key] += ok
    return {k: (right[k], total[k]) for k in sorted(total)}


def write(rows, path: Path) -> None:
    path.write_text(HEADER + "".join(f"{k}\t{r}\t{t}\n" for k, (r, t) in cell_counts(rows).items()),
                    encoding="utf-8")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default=str(REPO.parent / "shared" / "eval" / "polnear" / "dev.jsonl"))
    ap.add_argument("--limit", type=int)
    ap.add_argument("--dry-run", action="store_true", help="print the check, do not write the table")
    ap.add_argument("--pred", help="records already extracted without calibration (JSONL), in gold's order")
    ap.add_argument("--save", help="write the records extracted without calibration here (JSONL)")
    args = ap.parse_args(argv)

    from quotegraph import calibration
    from quotegraph.evaluate import read_records
    from quotegraph.pipeline import Extractor
    from quotegraph.record import Article, Record

    gold = read_records(args.gold)
    if args.limit:
        gold = list(itertools.islice(gold, args.limit))
    if args.pred:
        recs = [Record.from_dict(r) for r in read_records(args.pred)][:len(gold)]
    else:
        extractor = Extractor()
        extractor.calibrate = False
        recs = list(extractor.extract_many(Article(id=g["id"], text=g["text"]) for g in gold))
    if args.save:
        with open(args.save, "w", encoding="utf-8") as f:
            f.writelines(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in recs)
    rows = cells_of(gold, recs)
    # two-fold check: fit on the odd articles, state for the even ones, and the other way round
    stated = []
    for fold in (0, 1):
        counts = calibration.summed(cell_counts(r for r in rows if r[0] % 2 != fold))
        stated += [(calibration.calibrated(key, 0.5, counts), ok) for n, key, ok in rows if n % 2 == fold]
    print(f"# two-fold check on {args.gold} ({len(gold)} articles, {len(rows)} quotes)")
    print(calibration.calibration_table(stated))
    if not args.dry_run:
        write(rows, TABLE)
        print(f"wrote {TABLE} ({len({k for _, k, _ in rows})} cells)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
