#!/usr/bin/env python3
"""Throughput of extraction against spaCy alone, on the same texts, in one process.

    .venv/bin/python benchmarks/throughput.py [INPUT ...] [--limit 200] [--repeat 1] [--model NAME]

INPUT: JSONL files or folders of .txt/.jsonl (anything ``quotegraph extract``
reads); default: the gold ``../shared/eval/polnear/dev.jsonl`` beside the
repository. Each round runs spaCy alone (``nlp.pipe(texts, batch_size=16)``,
the extraction's own pipeline) and the full extraction
(``Extractor.extract_many``) batch by batch, taking turns and alternating which
goes first (so that both meet the same machine load, and the tokenizer's cache
favours neither), after a warm-up of each on one short text, and prints articles per second of both, their ratio (extraction / spaCy, the
share of spaCy's speed that extraction keeps) and the peak resident memory so
far (``ru_maxrss``). Both runs use the one pipeline the extractor loads
(``Extractor(...).nlp``), so the memory figure counts one model.

``--graph-cost``: instead, the extraction without the graph layer (quotes and
speakers only, ``Extractor(graph=False)``) against the full extraction, the same
way; the ratio is the share of speed the graph layer keeps (target >= 0.90).
"""
from __future__ import annotations

import argparse
import resource
import shlex
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = REPO.parent / "shared" / "eval" / "polnear" / "dev.jsonl"
WARM_UP = "“We are ready,” the minister said on Monday."


def peak_rss_mb() -> float:
    """Peak resident set size of this process, in MB (Linux reports KiB)."""
    kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kib / 1024 if sys.platform != "darwin" else kib / 1024 / 1024


def load_articles(paths: list[str], limit: int):
    from quotegraph.inputs import InputError, iter_articles
    articles, errors = [], 0
    for item in iter_articles(paths):
        if isinstance(item, InputError):
            print(f"throughput: {item}", file=sys.stderr)
            errors += 1
            continue
        articles.append(item)
        if len(articles) >= limit:
            break
    return articles, errors


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="*", metavar="INPUT",
                    help=f"JSONL files or folders (default: {DEFAULT_INPUT})")
    ap.add_argument("--limit", type=int, default=200, help="use the first N articles (200)")
    ap.add_argument("--repeat", type=int, default=1, help="rounds of spaCy then extraction (1)")
    ap.add_argument("--model", help="spaCy pipeline (default: $QUOTEGRAPH_MODEL, else the default)")
    ap.add_argument("--graph-cost", action="store_true",
                    help="compare extraction without the graph layer to extraction with it")
    args = ap.parse_args(argv)
    if args.limit < 1 or args.repeat < 1:
        ap.error("--limit and --repeat must be at least 1")
    paths = args.inputs or [str(DEFAULT_INPUT)]
    for p in paths:
        if not Path(p).exists():
            print(f"throughput: {p}: no such file or directory", file=sys.stderr)
            return 2

    import spacy
    from quotegraph.pipeline import BATCH_SIZE, Extractor, model_name
    from quotegraph.record import Article

    name = model_name(args.model)
    print("# " + shlex.join(["python", *sys.argv]))
    articles, errors = load_articles(paths, args.limit)
    if not articles:
        print("throughput: no articles to run on", file=sys.stderr)
        return 2
    texts = [a.text for a in articles]
    chars = sum(map(len, texts))
    print(f"# {len(texts)} articles ({chars / len(texts):,.0f} characters on average) from "
          f"{', '.join(paths)}; model {name}; spaCy {spacy.__version__}; batch size {BATCH_SIZE}"
          + (f"; {errors} inputs skipped" if errors else ""))

    t = time.perf_counter()
    extractor = Extractor(name)
    nlp = extractor.nlp  # the same pipeline object for spaCy alone: one model in memory
    print(f"# model loaded in {time.perf_counter() - t:.1f} s; peak RSS {peak_rss_mb():.0f} MB")
    list(nlp.pipe([WARM_UP], batch_size=extractor.batch_size))
    list(extractor.extract_many([Article(id="warm-up", text=WARM_UP)]))

    bare = Extractor(name, graph=False) if args.graph_cost else None
    if bare is not None:
        list(bare.extract_many([Article(id="warm-up", text=WARM_UP)]))
    print(f"{'round':>5} {'no-graph art/s' if bare else 'spaCy art/s':>14} {'extract art/s':>14} {'ratio':>6} "
          f"{'failed':>6} {'peak RSS MB':>12}")
    best_spacy = best_extract = 0.0
    size = extractor.batch_size
    for round_no in range(1, args.repeat + 1):
        spacy_s = extract_s = 0.0
        failed = 0
        for k, start in enumerate(range(0, len(texts), size)):
            # batch by batch, each method in turn and in alternating order, so that
            # both meet the same machine load and neither gets the warm caches first
            for method in ("spacy", "extract") if k % 2 == 0 else ("extract", "spacy"):
                t = time.perf_counter()
                if method == "spacy" and bare is not None:
                    for _ in bare.extract_many(articles[start:start + size]):
                        pass
                    spacy_s += time.perf_counter() - t
                elif method == "spacy":
                    for _ in nlp.pipe(texts[start:start + size], batch_size=size):
                        pass
                    spacy_s += time.perf_counter() - t
                else:
                    failed += sum(1 for rec in extractor.extract_many(articles[start:start + size]) if rec.error)
                    extract_s += time.perf_counter() - t
        spacy_rate, extract_rate = len(texts) / spacy_s, len(texts) / extract_s

        best_spacy, best_extract = max(best_spacy, spacy_rate), max(best_extract, extract_rate)
        print(f"{round_no:5} {spacy_rate:14.1f} {extract_rate:14.1f} "
              f"{extract_rate / spacy_rate:6.2f} {failed:6} {peak_rss_mb():12.0f}")
    if args.repeat > 1:
        print(f"{'best':>5} {best_spacy:14.1f} {best_extract:14.1f} {best_extract / best_spacy:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
