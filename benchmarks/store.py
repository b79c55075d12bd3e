#!/usr/bin/env python3
"""Corpus store benchmark: ingest against extraction alone, and query latency on 1M quotes.

    .venv/bin/python benchmarks/store.py [INPUT ...] [--limit 200] [--repeat 1] [--model NAME]
        [--quotes 1000000] [--synthetic PATH] [--queries 200] [--skip-ingest] [--skip-queries]

1. **Ingest throughput.** On the same texts (default: the first 200 articles
   of ``../shared/eval/polnear/dev.jsonl``) and with the same loaded model, in
   one process: articles per second of the extraction alone
   (``Extractor.extract_many``) and of ``quotegraph ingest`` into a new SQLite
   file (extraction, people, one transaction per batch), and their ratio
   (target >= 0.90: the store must not be the bottleneck).
2. **Query latency** on a synthetic SQLite store of ``--quotes`` quotes (10
   per article, speakers drawn from 20,000 people with a Zipf law, 12 to 30
   words each from a Zipf vocabulary of 20,000 made-up words, dates over two
   years), built through the store's own schema (FTS triggers and the
   per-person summary included) and kept at ``--synthetic`` for the next run
   (a store built by an older quotegraph is migrated when opened). p50/p95 of ``search_quotes`` for
   the first page (50, newest first) of a random person's quotes, and of a
   full-text search for a random vocabulary word, and of the 10 most frequent
   words separately (targets: p95 <= 50 ms); then the search language's forms: a word with a
   frequent one excluded, two words OR-ed, a phrase, a case-sensitive word, and relevance order.
"""
from __future__ import annotations

import argparse
import random
import shlex
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = REPO.parent / "shared" / "eval" / "polnear" / "dev.jsonl"
DEFAULT_SYNTHETIC = Path(tempfile.gettempdir()) / "quotegraph-bench-{n}.db"
WARM_UP = "“We are ready,” the minister said on Monday."
N_PEOPLE = 20_000
N_WORDS = 20_000
QUOTES_PER_ARTICLE = 10


def load_articles(paths, limit):
    from quotegraph.inputs import InputError, iter_articles
    out = []
    for item in iter_articles(paths):
        if not isinstance(item, InputError):
            out.append(item)
            if len(out) >= limit:
                break
    return out


def bench_ingest(args) -> None:
    from quotegraph.pipeline import Extractor, model_name
    from quotegraph.record import Article
    from quotegraph.store import Store
    from quotegraph.store.ingest import Ingest

    paths = args.inputs or [str(DEFAULT_INPUT)]
    arts = load_articles(paths, args.limit)
    if not arts:
        sys.exit("store: no articles to run on")
    chars = sum(len(a.text) for a in arts)
    print(f"## ingest: {len(arts)} articles ({chars / len(arts):,.0f} characters on average) from "
          f"{', '.join(paths)}; model {model_name(args.model)}")
    extractor = Extractor(args.model)
    list(extractor.extract_many([Article(id="warm-up", text=WARM_UP)]))
    print(f"{'round':>5} {'extract art/s':>14} {'ingest art/s':>13} {'ratio':>6} {'quotes':>7} {'people':>7}")
    best_e = best_i = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(1, args.repeat + 1):
            t = time.perf_counter()
            for _ in extractor.extract_many(arts):
                pass
            rate_e = len(arts) / (time.perf_counter() - t)
            store = Store(str(Path(tmp) / f"ingest-{r}.db"))
            t = time.perf_counter()
            s = Ingest(store, extractor=extractor).run(("bench", a) for a in arts)
            rate_i = len(arts) / (time.perf_counter() - t)
            store.close()
            best_e, best_i = max(best_e, rate_e), max(best_i, rate_i)
            print(f"{r:5} {rate_e:14.1f} {rate_i:13.1f} {rate_i / rate_e:6.2f} {s.quotes:7} {s.new_people:7}")
    if args.repeat > 1:
        print(f"{'best':>5} {best_e:14.1f} {best_i:13.1f} {best_i / best_e:6.2f}")


# --- the synthetic store -------------------------------------------------------------

def _vocabulary(rng: random.Random) -> list[str]:
    syl = ["ba", "ko", "ri", "tu", "me", "sa", "lo", "ni", "de", "va", "pe", "zu", "ga", "ho", "fi", "ju",
           "ke", "ly", "mo", "ra"]
    words = set()
    while len(words) < N_WORDS:
        words.add("".join(rng.choice(syl) for _ in range(rng.randint(2, 4))) + rng.choice("nrtlmk"))
    return sorted(words)


def _zipf_weights(n: int, s: float = 1.0) -> list[float]:
    return [1.0 / (i + 1) ** s for i in range(n)]


def build_synthetic(path: Path, n_quotes: int, seed: int = 1) -> None:
    """A store of n_quotes quotes through the real schema (FTS triggers, indexes, the per-person
    summary: filled in one go at the end, its triggers off during the load, on afterwards)."""
    import datetime as dt
    import itertools

    from sqlalchemy import insert

    from quotegraph.store import Store
    from quotegraph.store.db import rebuild_summary, summary_triggers
    from quotegraph.store.people import name_key, surname_of
    from quotegraph.store.schema import articles, mentions, people, person_names, quotes

    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    cum_words = list(itertools.accumulate(_zipf_weights(N_WORDS)))
    cum_people = list(itertools.accumulate(_zipf_weights(N_PEOPLE, 0.9)))
    first = ["Anna", "Boris", "Carla", "David", "Elena", "Farid", "Grace", "Hugo", "Irina", "Jonas"]
    outlets = ["Gazette", "Herald", "Courier", "Wire", "Tribune"]
    start = dt.date(2023, 1, 1)
    tmp = path.with_suffix(".building")
    for f in (tmp, Path(str(tmp) + "-wal"), Path(str(tmp) + "-shm")):
        f.unlink(missing_ok=True)
    store = Store(str(tmp))
    t0 = time.perf_counter()
    with store.begin() as c:
        summary_triggers(c, store.dialect, False)
        rows = []
        for i in range(N_PEOPLE):
            name = f"{first[i % 10]} {vocab[(i * 7919) % N_WORDS].title()}{i}"
            rows.append({"id": i + 1, "name": name, "kind": "person", "aliases": "",
                         "surname": surname_of(name_key(name)), "origin": "extracted"})
        c.execute(insert(people), rows)
        c.execute(insert(person_names), [{"key": name_key(r["name"]), "person_id": r["id"]} for r in rows])
    n_articles = n_quotes // QUOTES_PER_ARTICLE
    qid = 0
    for lo in range(0, n_articles, 5000):
        arts, ments, qs = [], [], []
        for a in range(lo, min(lo + 5000, n_articles)):
            aid = f"a{a:07}"
            date = (start + dt.timedelta(days=rng.randrange(730))).isoformat()
            outlet = outlets[a % len(outlets)]
            speakers = rng.choices(range(1, N_PEOPLE + 1), cum_weights=cum_people, k=QUOTES_PER_ARTICLE)
            arts.append({"id": aid, "date": date, "outlet": outlet, "title": f"Article {a}",
                         "url": f"https://example.org/{a}", "status": "ok", "error": None,
                         "quote_count": QUOTES_PER_ARTICLE, "source_file": "synthetic",
                         "content_hash": f"{a:064x}", "text": "", "meta": "{}", "regions": "[]",
                         "run_id": None, "ingested_at": "2025-01-01T00:00:00+00:00"})
            index = {}
            for p in speakers:
                if p not in index:
                    index[p] = len(index)
                    ments.append({"article_id": aid, "person_index": index[p], "person_id": p,
                                  "name": "", "name_key": "", "kind": "person", "mention_count": 1,
                                  "spans": "[]", "members": "[]", "match": "exact"})
            for k, p in enumerate(speakers):
                qid += 1
                words = rng.choices(vocab, cum_weights=cum_words, k=rng.randint(12, 30))
                qs.append({"id": qid, "article_id": aid, "idx": k, "person_id": p, "date": date,
                           "outlet": outlet, "type": "direct", "content": " ".join(words).capitalize() + ".",
                           "speaker_name": None, "speaker_text": None, "cue": "said", "addressee": None,
                           "confidence": 0.9, "content_start": 0, "content_end": 0, "content_parts": "[]",
                           "cue_start": None, "cue_end": None, "speaker_start": None, "speaker_end": None,
                           "speaker_index": index[p], "speaker_group": False, "addressee_start": None,
                           "addressee_end": None})
        with store.begin() as c:
            c.execute(insert(articles), arts)
            c.execute(insert(mentions), ments)
            c.execute(insert(quotes), qs)
        print(f"#   {qid:,} quotes, {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    with store.begin() as c:
        rebuild_summary(c)
        summary_triggers(c, store.dialect, True)
        c.exec_driver_sql("ANALYZE")
        c.exec_driver_sql("INSERT INTO quotes_fts(quotes_fts) VALUES ('optimize')")
    store.close()
    for suffix in ("", "-wal", "-shm"):
        src = Path(str(tmp) + suffix)
        if src.exists():
            src.rename(Path(str(path) + suffix))
    print(f"# built {path} in {time.perf_counter() - t0:.0f} s", flush=True)


def _percentiles(times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * len(ms))) - 1)]
    return f"p50 {statistics.median(ms):7.2f} ms   p95 {p95:7.2f} ms   max {ms[-1]:7.2f} ms"


def bench_queries(args) -> None:
    from sqlalchemy import func, select

    from quotegraph.store import Store
    from quotegraph.store.query import get_person, search_quotes
    from quotegraph.store.schema import quotes

    path = Path(str(args.synthetic).format(n=args.quotes))
    if not path.exists():
        print(f"# building the synthetic store of {args.quotes:,} quotes at {path} ...", flush=True)
        build_synthetic(path, args.quotes)
    store = Store(str(path))
    with store.connect() as c:
        n = c.execute(select(func.count()).select_from(quotes)).scalar()
    size = sum(Path(str(path) + s).stat().st_size for s in ("", "-wal") if Path(str(path) + s).exists())
    print(f"## queries: {path} ({n:,} quotes, {size / 2**20:,.0f} MB), {args.queries} queries each, "
          "first page of 50, newest first")
    rng = random.Random(7)
    vocab = _vocabulary(random.Random(1))
    people_ids = [rng.randint(1, N_PEOPLE) for _ in range(args.queries)]
    words = [rng.choice(vocab) for _ in range(args.queries)]  # vocab[i] has Zipf rank i + 1
    cases = [
        ("person's quotes", [lambda p=p: search_quotes(store, person_ids=[p], limit=50) for p in people_ids]),
        ("person page (get_person)", [lambda p=p: get_person(store, p) for p in people_ids[:50]]),
        ("full-text, random word", [lambda w=w: search_quotes(store, contains=w, limit=50) for w in words]),
        ("full-text, 10 most frequent words",
         [lambda w=w: search_quotes(store, contains=w, limit=50) for w in vocab[:10]]),
        # the search language (store/search_syntax.py): the same random words, combined
        ("  word -frequent word", [lambda w=w: search_quotes(store, contains=f"{w} -{vocab[0]}", limit=50)
                                   for w in words[:50]]),
        ("  word OR word", [lambda w=w, v=v: search_quotes(store, contains=f"{w} OR {v}", limit=50)
                            for w, v in zip(words[:50], words[50:100])]),
        ('  "frequent phrase"', [lambda w=w: search_quotes(store, contains=f'"{vocab[1]} {w}"', limit=50)
                                 for w in words[:50]]),
        ("  word, case-sensitive", [lambda w=w: search_quotes(store, contains=w, case=True, limit=50)
                                    for w in words[:50]]),
        ("  word, by relevance", [lambda w=w: search_quotes(store, contains=w, order="relevance", limit=50)
                                  for w in words[:50]]),
        ("  frequent word, by relevance",
         [lambda w=w: search_quotes(store, contains=w, order="relevance", limit=50) for w in vocab[:10]]),
    ]
    for fn in cases[0][1][:5] + cases[2][1][:5]:  # warm the cache
        fn()
    for label, fns in cases:
        times = []
        for fn in fns:
            t = time.perf_counter()
            fn()
            times.append(time.perf_counter() - t)
        print(f"{label:34} {_percentiles(times)}   ({len(fns)} queries)")
    store.close()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("inputs", nargs="*", metavar="INPUT", help=f"articles (default: {DEFAULT_INPUT})")
    ap.add_argument("--limit", type=int, default=200, help="articles for the ingest benchmark (200)")
    ap.add_argument("--repeat", type=int, default=1, help="rounds of the ingest benchmark (1)")
    ap.add_argument("--model", help="spaCy pipeline (default: $QUOTEGRAPH_MODEL, else the default)")
    ap.add_argument("--quotes", type=int, default=1_000_000, help="quotes in the synthetic store (1000000)")
    ap.add_argument("--synthetic", default=str(DEFAULT_SYNTHETIC),
                    help="the synthetic store's file, built when missing ({n} = --quotes)")
    ap.add_argument("--queries", type=int, default=200, help="queries of each kind (200)")
    ap.add_argument("--skip-ingest", action="store_true")
    ap.add_argument("--skip-queries", action="store_true")
    args = ap.parse_args(argv)
    print("# " + shlex.join(["python", *sys.argv]))
    if not args.skip_ingest:
        for p in args.inputs or [str(DEFAULT_INPUT)]:
            if not Path(p).exists():
                print(f"store: {p}: no such file or directory", file=sys.stderr)
                return 2
        bench_ingest(args)
    if not args.skip_queries:
        bench_queries(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
