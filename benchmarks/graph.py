#!/usr/bin/env python3
"""The graph layer in the store: what it costs the ingest, and its queries on thousands of articles.

    .venv/bin/python benchmarks/graph.py [--articles 3000] [--rounds 2] [--repeat 5] [--db PATH]

Synthetic records, made here without spaCy (so the figures are the store's alone): each
article has 8 quotes by people drawn (Zipf) from 400 people and 40 organisations, each
quote about 1 to 3 names (people, organisations or 60 places) and addressed to one in
three cases (an audience in one of ten); 2 events (ACCUSE, CONSULT, THREATEN, REQUEST, a
tenth of them not acts) and one claim of 2 to 4 members from 300 propositions (worded
three ways), asserted or denied.

1. **Ingest.** The same records ingested (``Ingest``, one transaction per 32) into a new
   SQLite file with and without their graph fields, taking turns (``--rounds``):
   seconds per article of each and their ratio. The extraction itself costs ~250 ms an
   article on this machine (``benchmarks/store.py``), so the extra store time is set
   against that too.
2. **Queries** on the store with the graph: p50 of ``--repeat`` runs (ms) of the network
   (60 nodes), a busy person's ties, claims (all, contradictions), flips, events and an
   edge's quotes.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from quotegraph.record import Article, Claim, Event, Person, Quote, Record  # noqa: E402
from quotegraph.store import Store  # noqa: E402
from quotegraph.store.ingest import Ingest  # noqa: E402

EXTRACTION_SECONDS = 0.25  # per article, the extraction alone (benchmarks/store.py, this machine)
TYPES = ["ACCUSE", "CONSULT", "THREATEN", "REQUEST"]


class Given:
    model = "given"

    def __init__(self, records):
        self.by_id = {r.id: r for r in records}

    def extract_many(self, articles):
        for a in articles:
            yield self.by_id[a.id]


def make_records(n: int, seed: int = 1) -> list[Record]:
    rng = random.Random(seed)
    people = [f"Person{i} Surname{i}" for i in range(400)]
    orgs = [f"Agency {i}" for i in range(40)]
    places = [f"Placeland{i}" for i in range(60)]
    wordings = ["plan {} will cost many jobs", "Plan {} would cost many jobs!", "plan {} is going to cost many jobs"]
    weights = [1 / (i + 1) for i in range(len(people))]
    out = []
    for a in range(n):
        speakers = rng.choices(people, weights, k=8)
        names = list(dict.fromkeys(speakers)) + rng.sample(orgs, 2)
        text, quotes = "", []
        for s in speakers:
            start = len(text)
            words = f"We will not accept plan {rng.randrange(300)} at all."
            text += f"{s} said: “{words}”\n"
            c0 = start + len(s) + 8
            quotes.append(Quote(type="direct", content=(c0, c0 + len(words)), content_parts=[(c0, c0 + len(words))],
                                speaker=(start, start + len(s)), speaker_text=s, speaker_name=s,
                                speaker_id=names.index(s), confidence=0.9))
        rec = Record(id=f"a{a:06}", text=text, meta={"date": f"2024-{1 + a % 12:02}-{1 + a % 28:02}",
                                                     "outlet": "Synthetic"},
                     quotes=quotes, people=[Person(name=x, kind="organisation" if x in orgs else "person")
                                            for x in names])
        for q in quotes:
            q.about = rng.sample(names + places, rng.randint(1, 3))
            q.keywords = ["plan", "jobs"]
            r = rng.random()
            if r < 0.1:
                q.addressee_name = {"audience": "reporters"}
            elif r < 0.33:
                q.addressee_name = rng.choice([x for x in names if x != q.speaker_name])
        for _ in range(2):
            t = rng.choice(TYPES)
            a1, a2 = rng.sample(names, 2)
            rec.events.append(Event(type=t, mode="future" if rng.random() < 0.1 else None, actor=[a1],
                                    recipient=[] if t == "CONSULT" else [a2], evidence=quotes[0].content,
                                    reported_by=None))
            if t == "CONSULT":
                rec.events[-1].actor.append(a2)
        k = rng.randrange(300)
        members = [{"quote": i, "stance": rng.choice(["asserts", "asserts", "denies"])}
                   for i in rng.sample(range(8), rng.randint(2, 4))]
        rec.claims.append(Claim(claim=rng.choice(wordings).format(k), members=members))
        out.append(rec)
    return out


def strip(rec: Record) -> Record:
    quotes = [Quote(**{k: v for k, v in q.__dict__.items()
                       if k not in ("addressee_name", "addressee_id", "about", "keywords")}) for q in rec.quotes]
    return Record(id=rec.id, text=rec.text, meta=rec.meta, quotes=quotes, people=rec.people)


def ingest_seconds(records: list[Record], path: Path) -> float:
    if path.exists():
        path.unlink()
    with Store(str(path)) as store:
        t0 = time.perf_counter()
        Ingest(store, extractor=Given(records)).run(("bench", Article(r.id, r.text, r.meta)) for r in records)
        return time.perf_counter() - t0


def timed(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1000 * statistics.median(times)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=3000)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "quotegraph-graph-bench.db")
    args = ap.parse_args(argv)
    full = make_records(args.articles)
    plain = [strip(r) for r in full]
    with_graph, without, last = [], [], ""
    for rnd in range(args.rounds):  # taking turns, so that machine load favours neither
        pair = [("without", plain), ("with", full)]
        for name, recs in (pair if rnd % 2 == 0 else pair[::-1]):
            s = ingest_seconds(recs, args.db)
            (with_graph if name == "with" else without).append(s)
            last = name
    a, b = min(without) / args.articles, min(with_graph) / args.articles
    print(f"ingest, store only: {1000 * a:.2f} ms/article without the graph, {1000 * b:.2f} with "
          f"(ratio {a / b:.2f}); with the extraction's {1000 * EXTRACTION_SECONDS:.0f} ms: ratio "
          f"{(EXTRACTION_SECONDS + a) / (EXTRACTION_SECONDS + b):.3f}")
    from quotegraph.store import graph_query as gq
    from quotegraph.store.query import list_people
    if last != "with":
        ingest_seconds(full, args.db)
    with Store(str(args.db)) as store:
        top = list_people(store, limit=1)[0]["id"]
        net = gq.network(store, max_nodes=60)
        e = net["edges"][0]
        cases = {
            "network (60 nodes)": lambda: gq.network(store, max_nodes=60),
            "person's ties (most quoted)": lambda: gq.person_graph(store, top),
            "claims (first 50)": lambda: gq.list_claims(store, limit=50),
            "contradictions (first 50)": lambda: gq.list_claims(store, contradictions=True, limit=50),
            "flips": lambda: gq.flips(store, limit=50),
            "events (first 50)": lambda: gq.list_events(store, limit=50),
            "an edge's quotes": lambda: gq.edge_quotes(store, e["kind"], e["source"], e["target"]),
        }
        print(f"store: {args.articles} articles, {net['total_nodes']} nodes, {net['total_edges']} edges")
        for name, fn in cases.items():
            print(f"  {name}: {timed(fn, args.repeat):.1f} ms (p50 of {args.repeat})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
