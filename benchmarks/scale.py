#!/usr/bin/env python3
"""Scaling on Dask: articles/s with 1 and 2 workers, efficiency, memory, cores for 100M a day.

    .venv/bin/python benchmarks/scale.py [--input FILE.jsonl] [--limit N] [--workers 1,2] [--json OUT]

On the first N articles of ``../shared/eval/polnear/dev.jsonl`` (default 48),
in one run: the local engine in this process (the baseline), then
``ingest --engine dask`` on a local cluster of 1, then 2 worker processes
(one thread each), each into a fresh SQLite store. The model is loaded on
every worker before the clock starts, so the rates are extraction and
storing, not start-up. Prints per setting: articles/s, the ratio to the
baseline, the scaling efficiency (rate with W workers / (W x rate with 1)),
and the peak RSS of each worker process. Then, from the measured per-core
rate (1 worker = 1 core) and the 2-worker efficiency: the cores needed to
ingest 100 million articles a day. Every store is checked to hold the same
rows as the baseline's.

The machine must be otherwise idle for the figures to mean much: on a shared
machine every rate is a lower bound and the efficiency is noisy.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_INPUT = REPO.parent / "shared" / "eval" / "polnear" / "dev.jsonl"
PER_DAY = 100_000_000


def _peak_rss_mb() -> float:
    """This process's peak resident memory (Linux VmHWM), in MB."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def _load_model(model):
    from quotegraph.scale.batch import extractor
    extractor(model)
    return True


def _rows(db: str):
    from sqlalchemy import select

    from quotegraph.store.db import Store
    from quotegraph.store.schema import metadata
    out = {}
    with Store(db, must_exist=True) as store, store.connect() as conn:
        for name, table in metadata.tables.items():
            if name != "runs":
                cols = [c for c in table.columns if c.name not in ("run_id", "ingested_at")]
                out[name] = conn.execute(select(*cols).order_by(*(list(table.primary_key.columns) or cols))).all()
    return out


def run_local(path: str, db: str, model) -> float:
    from quotegraph.pipeline import Extractor
    from quotegraph.store.db import Store
    from quotegraph.store.ingest import ingest
    ex = Extractor(model)
    with Store(db) as store:
        s = ingest(store, [path], extractor=ex)
    return s.attempted / s.seconds


def run_dask_workers(path: str, db: str, workers: int, model, part_records: int) -> tuple[float, list[float]]:
    import logging

    from distributed import Client, LocalCluster

    from quotegraph.scale.dask_engine import run_dask
    from quotegraph.store.db import Store
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        client.run(_load_model, model)
        with Store(db) as store:
            s = run_dask(store, [path], client=client, model=model, part_records=part_records)
        rss = sorted(client.run(_peak_rss_mb).values())
    return s.attempted / s.seconds, rss


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--input", default=str(DEFAULT_INPUT), help="a JSONL file of articles")
    ap.add_argument("--limit", type=int, default=48, help="the first N articles (0: all)")
    ap.add_argument("--workers", default="1,2", help="worker counts to measure, e.g. 1,2,4")
    ap.add_argument("--part-records", type=int, default=8, help="articles per Dask task")
    ap.add_argument("--model", help="spaCy pipeline (default: $QUOTEGRAPH_MODEL, else the default)")
    ap.add_argument("--json", help="also write the figures here")
    args = ap.parse_args(argv)
    src = Path(args.input)
    if not src.exists():
        print(f"scale.py: {src}: no such file", file=sys.stderr)
        return 2
    counts = [int(w) for w in args.workers.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="qg-scale-"))
    data = tmp / "articles.jsonl"
    with open(src, encoding="utf-8") as f, open(data, "w", encoding="utf-8") as out:
        for i, line in enumerate(f):
            if args.limit and i >= args.limit:
                break
            out.write(line)
    n = sum(1 for _ in open(data, encoding="utf-8"))
    print(f"benchmarks/scale.py: {n} articles of {src}, {time.strftime('%Y-%m-%d %H:%M')}")

    base = run_local(str(data), str(tmp / "local.db"), args.model)
    base_rows = _rows(str(tmp / "local.db"))
    results = {"articles": n, "local_rate": round(base, 3), "dask": {}}
    print(f"{'engine':<16}{'articles/s':>11}{'x local':>9}{'efficiency':>12}  peak RSS per worker (MB)")
    print(f"{'local, 1 proc':<16}{base:>11.2f}{1.0:>9.2f}{'':>12}  {_peak_rss_mb():.0f} (this process)")
    one = None
    for w in counts:
        db = tmp / f"dask{w}.db"
        rate, rss = run_dask_workers(str(data), str(db), w, args.model, args.part_records)
        same = _rows(str(db)) == base_rows
        one = rate if w == 1 else one
        eff = rate / (w * one) if one else None
        results["dask"][w] = {"rate": round(rate, 3), "efficiency": round(eff, 3) if eff else None,
                              "peak_rss_mb": [round(r) for r in rss], "same_rows": same}
        print(f"{f'dask, {w} worker' + 's' * (w > 1):<16}{rate:>11.2f}{rate / base:>9.2f}"
              f"{(f'{eff:.2f}' if eff else '-'):>12}  {', '.join(f'{r:.0f}' for r in rss)}"
              f"{'' if same else '  ROWS DIFFER FROM THE LOCAL RUN'}")
    per_core = one or base
    eff2 = results["dask"].get(2, {}).get("efficiency") or 1.0
    per_second = PER_DAY / 86_400
    cores = per_second / (per_core * min(1.0, eff2))
    results.update(per_core_rate=round(per_core, 3), cores_for_100m_a_day=round(cores))
    print(f"100 million articles a day = {per_second:,.0f} articles/s: at {per_core:.2f} articles/s "
          f"per core and efficiency {min(1.0, eff2):.2f}, about {cores:,.0f} cores "
          f"({cores / 32:,.0f} machines of 32 cores)")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1) + "\n")
    return 0 if all(r["same_rows"] for r in results["dask"].values()) else 1


if __name__ == "__main__":
    sys.exit(main())
