#!/usr/bin/env python3
"""Throughput of extraction against spaCy alone and textacy, on the same texts, in one process.

    .venv/bin/python benchmarks/throughput.py [INPUT ...] [--limit 200] [--repeat 1] [--model NAME]
                                              [--graph-cost | --jobs N]

INPUT: JSONL files or folders of .txt/.jsonl (anything ``quotegraph extract``
reads); default: the gold ``../shared/eval/polnear/dev.jsonl`` beside the
repository. Each round runs, batch by batch and taking turns (alternating
which goes first, so that all meet the same machine load and the tokenizer's
cache favours none), after a warm-up of each on one short text:

* ``spaCy``: spaCy's full pipeline alone (``nlp.pipe(texts, batch_size=16)``);
* ``textacy``: the same, then textacy's ``direct_quotations`` on each doc (a
  benchmark-only dependency: ``pip install textacy``; left out when it is not
  installed; it gives up on a doc with an odd number of quotation marks, which
  is counted, its time kept);
* ``extract``: the full extraction (``Extractor.extract_many``).

spaCy alone and textacy use the model as ``spacy.load`` gives it to anyone;
the extraction, the pipeline ``Extractor`` makes of it (``nlp.load``: its own
attribute ruler, paragraph breaks, ``ner`` on windows), so the memory figure
(peak resident memory so far, ``ru_maxrss``) counts two models. It prints
articles per second of each and the ratios of extraction to spaCy and to
textacy. Times are the process's CPU time (``time.process_time``), which other
processes on the machine barely change; with ``--jobs``, wall time.

``--graph-cost``: instead, the extraction without the graph layer (quotes and
speakers only, ``Extractor(graph=False)``) against the full extraction, the same
way; the ratio is the share of speed the graph layer keeps (target >= 0.90).

``--jobs N``: instead, the extraction in this process against ``quotegraph
extract --jobs N``'s worker processes (``parallel.ParallelExtractor``, started
and warmed up before timing), taking turns block by block; the ratio is the
speed-up, and the peak memory of the largest worker is printed as well.
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


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size of this process (or of its largest waited-for child), in MB."""
    kib = resource.getrusage(who).ru_maxrss
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


def textacy_method(nlp):
    """spaCy's full pipeline then textacy's direct quotations, or None without textacy."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        print("# textacy is not installed (pip install textacy): left out", file=sys.stderr)
        return None

    def run(batch):
        bailed = 0
        for doc in nlp.pipe([a.text for a in batch], batch_size=len(batch)):
            try:
                list(direct_quotations(doc))
            except ValueError:  # an odd number of quotation marks: textacy gives up on the doc
                bailed += 1
        return bailed
    return run


def methods_of(args, extractor, name):
    """The methods to compare, by column name: each runs a batch of articles, returns the failures."""
    import spacy
    from quotegraph.pipeline import Extractor
    from quotegraph.record import Article

    def extract(batch, ex=extractor):
        return sum(1 for rec in ex.extract_many(batch) if rec.error)

    if args.graph_cost:
        bare = Extractor(name, graph=False)
        list(bare.extract_many([Article(id="warm-up", text=WARM_UP)]))
        return {"no-graph": lambda b: extract(b, bare), "extract": extract}, None
    if args.jobs:
        from quotegraph.parallel import ParallelExtractor
        workers = ParallelExtractor(name, args.jobs)
        workers.warm_up(WARM_UP)
        return {"extract": extract, f"--jobs {args.jobs}": lambda b: extract(b, workers)}, workers

    nlp = spacy.load(name)  # the model as anyone loads it
    list(nlp.pipe([WARM_UP]))

    def spacy_alone(batch):
        for _ in nlp.pipe([a.text for a in batch], batch_size=len(batch)):
            pass
        return 0
    methods = {"spaCy": spacy_alone}
    textacy = textacy_method(nlp)
    if textacy is not None:
        textacy([Article(id="warm-up", text=WARM_UP)])
        methods["textacy"] = textacy
    methods["extract"] = extract
    return methods, None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="*", metavar="INPUT",
                    help=f"JSONL files or folders (default: {DEFAULT_INPUT})")
    ap.add_argument("--limit", type=int, default=200, help="use the first N articles (200)")
    ap.add_argument("--repeat", type=int, default=1, help="rounds of all methods (1)")
    ap.add_argument("--model", help="spaCy pipeline (default: $QUOTEGRAPH_MODEL, else the default)")
    mode = ap.add_mutually_exclusive_group()
    mode.add_argument("--graph-cost", action="store_true",
                      help="compare extraction without the graph layer to extraction with it")
    mode.add_argument("--jobs", type=int, metavar="N",
                      help="compare extraction in this process to N worker processes")
    args = ap.parse_args(argv)
    if args.limit < 1 or args.repeat < 1 or (args.jobs is not None and args.jobs < 1):
        ap.error("--limit, --repeat and --jobs must be at least 1")
    paths = args.inputs or [str(DEFAULT_INPUT)]
    for p in paths:
        if not Path(p).exists():
            print(f"throughput: {p}: no such file or directory", file=sys.stderr)
            return 2

    import spacy
    from quotegraph.parallel import CHUNK
    from quotegraph.pipeline import BATCH_SIZE, Extractor, model_name
    from quotegraph.record import Article

    name = model_name(args.model)
    print("# " + shlex.join(["python", *sys.argv]))
    articles, errors = load_articles(paths, args.limit)
    if not articles:
        print("throughput: no articles to run on", file=sys.stderr)
        return 2
    chars = sum(len(a.text) for a in articles)
    print(f"# {len(articles)} articles ({chars / len(articles):,.0f} characters on average) from "
          f"{', '.join(paths)}; model {name}; spaCy {spacy.__version__}; batch size {BATCH_SIZE}"
          + (f"; {errors} inputs skipped" if errors else ""))

    t = time.perf_counter()
    extractor = Extractor(name)
    print(f"# model loaded in {time.perf_counter() - t:.1f} s; peak RSS {peak_rss_mb():.0f} MB")
    list(extractor.nlp.pipe([WARM_UP], batch_size=extractor.batch_size))
    list(extractor.extract_many([Article(id="warm-up", text=WARM_UP)]))
    methods, workers = methods_of(args, extractor, name)
    names = list(methods)
    # worker processes take 2 * jobs chunks at a time: give them whole blocks
    size = 2 * args.jobs * CHUNK if args.jobs else extractor.batch_size
    clock = time.perf_counter if args.jobs else time.process_time
    base = "spaCy" if "spaCy" in methods else names[0]
    ratios = [(n, base) for n in names if n != base and n != "textacy"]
    if "textacy" in methods:
        ratios.append(("extract", "textacy"))
    print(f"{'round':>5} " + " ".join(f"{n + ' art/s':>15}" for n in names) + " "
          + " ".join(f"{a + '/' + b:>16}" for a, b in ratios) + f" {'failed':>6} {'peak RSS MB':>12}")
    best = dict.fromkeys(names, 0.0)
    try:
        for round_no in range(1, args.repeat + 1):
            seconds = dict.fromkeys(names, 0.0)
            failed = bailed = 0
            for k, start in enumerate(range(0, len(articles), size)):
                batch = articles[start:start + size]
                # each method in turn, the order rotating from batch to batch, so that all
                # meet the same machine load and none gets the warm caches first
                for n in names[k % len(names):] + names[:k % len(names)]:
                    t = clock()
                    bad = methods[n](batch)
                    seconds[n] += clock() - t
                    failed += bad if n == "extract" else 0
                    bailed += bad if n == "textacy" else 0
            rate = {n: len(articles) / seconds[n] for n in names}
            for n in names:
                best[n] = max(best[n], rate[n])
            print(f"{round_no:5} " + " ".join(f"{rate[n]:15.1f}" for n in names) + " "
                  + " ".join(f"{rate[a] / rate[b]:16.2f}" for a, b in ratios)
                  + f" {failed:6} {peak_rss_mb():12.0f}"
                  + (f"  (textacy gave up on {bailed})" if bailed else ""))
        if args.repeat > 1:
            print(f"{'best':>5} " + " ".join(f"{best[n]:15.1f}" for n in names) + " "
                  + " ".join(f"{best[a] / best[b]:16.2f}" for a, b in ratios))
    finally:
        if workers is not None:
            workers.close()
            print(f"# peak RSS of the largest worker process: {peak_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
