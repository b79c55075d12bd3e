#!/usr/bin/env python3
"""The store under kills and concurrency: figures for RELIABILITY.md ("store" section).

    .venv/bin/python benchmarks/store_reliability.py [--kills 20] [--parallel-kills 4] [--pairs 5]
        [--seed 10] [--json benchmarks/results/store.json]

For SQLite and PostgreSQL (a throw-away cluster, or ``--pg URL`` of a database it may wipe):

* ``kill -9`` of an ingest at random moments (random batch sizes), ``--kills`` times, then a
  rerun; the model-free extractor of ``tests/store/ingest_driver.py`` (each text's lines
  ``Name: words`` are its quotes), so that kills land in every phase, not mostly in model loading;
* ``kill -9`` of ``quotegraph ingest --jobs 2`` (the real model) at a random moment after its
  workers are up, ``--parallel-kills`` times, then a rerun; processes left behind are counted;
* two ingests at once into one database (overlapping inputs), ``--pairs`` times;
* (SQLite) ``kill -9`` of ``quotegraph export`` at random moments: partial files left.

After each kill and each run the store's integrity checks (``quotegraph check``) are run; at the
end every article must be stored exactly once. Writes ``--json`` in the form
``benchmarks/reliability.py`` renders.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import func, select  # noqa: E402

from quotegraph.store import Store  # noqa: E402
from quotegraph.store.integrity import check  # noqa: E402
from quotegraph.store.schema import articles, quotes, runs  # noqa: E402
from tests.store.ingest_driver import QUOTES_PER_ARTICLE, driver, write_corpus  # noqa: E402
from tests.store.test_store_kill import descendants, running  # noqa: E402

PY = sys.executable
COLUMNS = ["database", "what was done", "times", "killed", "articles", "lost", "doubled",
           "integrity problems", "runs failed or left running", "processes left", "partial files"]


def kill(p: subprocess.Popen) -> bool:
    if p.poll() is not None:
        return False
    os.kill(p.pid, signal.SIGKILL)
    p.wait(timeout=60)
    return True


def fresh(url: str, tmp: Path, name: str) -> str:
    if url == "sqlite":
        return str(tmp / f"{name}.db")
    import psycopg
    with psycopg.connect(url, autocommit=True) as c:
        c.execute("DROP SCHEMA public CASCADE")
        c.execute("CREATE SCHEMA public")
    return url


def outcome(db: str, ids: list[str]) -> tuple[int, int, int, int]:
    """(lost, doubled, integrity problems, failed or unfinished runs but the killed ones)."""
    with Store(db) as store:
        with store.connect() as c:
            stored = c.execute(select(articles.c.id)).scalars().all()
            nq = c.execute(select(func.count()).select_from(quotes)).scalar()
            bad_runs = c.execute(select(func.count()).select_from(runs).where(runs.c.status == "failed")).scalar()
        problems = check(store)
    lost = len(set(ids) - set(stored))
    doubled = len(stored) - len(set(stored)) + abs(nq - QUOTES_PER_ARTICLE * len(stored))
    return lost, doubled, len(problems), bad_runs


def ingest_kills(db: str, tmp: Path, n: int, rng: random.Random) -> dict:
    ids = write_corpus(tmp / "all.jsonl", range(300))
    problems = killed = 0
    for _ in range(n):
        p = driver(db, str(tmp / "all.jsonl"), "--batch-size", str(rng.randint(1, 8)), "--delay", "0.003")
        time.sleep(rng.uniform(0.1, 2.0))
        killed += kill(p)
        with Store(db) as store:
            problems += len(check(store))
    p = driver(db, str(tmp / "all.jsonl"))
    rc = p.wait(timeout=600)
    lost, doubled, problems_end, bad_runs = outcome(db, ids)
    return dict(killed=killed, articles=len(ids), lost=lost, doubled=doubled,
                problems=problems + problems_end, bad_runs=bad_runs + (rc != 0), left=0)


def parallel_kills(db: str, tmp: Path, n: int, rng: random.Random) -> dict:
    from quotegraph.pipeline import DEFAULT_MODEL
    ids = [f"p{i:03}" for i in range(60)]
    with open(tmp / "real.jsonl", "w", encoding="utf-8") as f:
        for i, id in enumerate(ids):
            f.write(json.dumps({"id": id, "text": f"“Plan {i} is ready,” Ann Lee said on Monday. "
                                                  f"Tom Reed said that plan {i} would fail.\n"}) + "\n")
    env = dict(os.environ, QUOTEGRAPH_MODEL=os.environ.get("QUOTEGRAPH_MODEL", DEFAULT_MODEL))
    cmd = [PY, "-m", "quotegraph", "ingest", str(tmp / "real.jsonl"), "--db", db, "--jobs", "2", "--batch-size", "1"]
    problems = killed = left = 0
    Store(db).close()
    for _ in range(n):
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        others: set[int] = set()
        end = time.monotonic() + 120
        while p.poll() is None and time.monotonic() < end and len(others) < 3:
            others = descendants(p.pid)
            time.sleep(0.05)
        time.sleep(rng.uniform(0, 6))  # model loading, extraction, writing
        others |= descendants(p.pid)
        killed += kill(p)
        time.sleep(3)
        left += sum(map(running, others))
        for pid in others:  # none should be left: but never leave them running
            if running(pid):
                os.kill(pid, signal.SIGKILL)
        with Store(db) as store:
            problems += len(check(store))
    rc = subprocess.run(cmd, capture_output=True, env=env).returncode
    with Store(db) as store:
        with store.connect() as c:
            stored = c.execute(select(articles.c.id)).scalars().all()
        problems += len(check(store))
    return dict(killed=killed, articles=len(ids), lost=len(set(ids) - set(stored)),
                doubled=len(stored) - len(set(stored)), problems=problems, bad_runs=int(rc != 0), left=left)


def concurrent_pairs(url: str, tmp: Path, n: int) -> dict:
    lost = doubled = problems = bad = 0
    total = 0
    for k in range(n):
        db = fresh(url, tmp, f"pair{k}")
        a = write_corpus(tmp / "a.jsonl", range(0, 80))
        b = write_corpus(tmp / "b.jsonl", range(40, 120))
        procs = [driver(db, str(tmp / f), "--batch-size", "2") for f in ("a.jsonl", "b.jsonl")]
        rcs = [p.wait(timeout=300) for p in procs]
        ids = sorted(set(a) | set(b))
        total += len(ids)
        lo, do, pr, br = outcome(db, ids)
        with Store(db) as store, store.connect() as c:
            unfinished = c.execute(select(func.count()).select_from(runs).where(runs.c.status != "done")).scalar()
        lost, doubled, problems, bad = lost + lo, doubled + do, problems + pr, bad + br + unfinished + sum(map(bool, rcs))
    return dict(killed=0, articles=total, lost=lost, doubled=doubled, problems=problems, bad_runs=bad, left=0)


def export_kills(tmp: Path, n: int, rng: random.Random) -> dict:
    db = str(tmp / "export.db")
    write_corpus(tmp / "all.jsonl", range(600))
    driver(db, str(tmp / "all.jsonl"), "--batch-size", "100").wait(timeout=300)
    out = tmp / "out.jsonl"
    cmd = [PY, "-m", "quotegraph", "export", "--db", db, "--layout", "articles", "-o", str(out)]
    killed = partial = 0
    for _ in range(n):
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 2.0))
        killed += kill(p)
        if out.exists() and len(out.read_text(encoding="utf-8").splitlines()) != 600:
            partial += 1
    subprocess.run(cmd, capture_output=True)
    got = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    return dict(killed=killed, articles=600, lost=600 - len(set(got)), doubled=len(got) - len(set(got)),
                problems=0, bad_runs=0, left=0, partial=partial)


def row(database: str, what: str, times: int, r: dict) -> list:
    return [database, what, times, r["killed"], r["articles"], r["lost"], r["doubled"], r["problems"],
            r["bad_runs"], r["left"], r.get("partial", "-")]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--parallel-kills", type=int, default=4)
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=10)
    ap.add_argument("--pg", help="a PostgreSQL URL the script may wipe (default: a throw-away cluster)")
    ap.add_argument("--json", default=str(REPO / "benchmarks" / "results" / "store.json"))
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    rows = []
    t0 = time.time()
    from contextlib import nullcontext

    from tests.store.pgcluster import pg_cluster
    with (nullcontext(args.pg) if args.pg else pg_cluster()) as pg, tempfile.TemporaryDirectory() as tmp:
        for name, url in (("SQLite", "sqlite"), ("PostgreSQL", pg)):
            d = Path(tmp) / name
            d.mkdir()
            rows.append(row(name, "kill -9 of ingest (--jobs 1) at a random moment, then a rerun", args.kills,
                            ingest_kills(fresh(url, d, "kills"), d, args.kills, rng)))
            rows.append(row(name, "kill -9 of ingest --jobs 2 at a random moment, then a rerun",
                            args.parallel_kills, parallel_kills(fresh(url, d, "par"), d, args.parallel_kills, rng)))
            rows.append(row(name, "two ingests at once into one database (a fresh one each time)", args.pairs,
                            concurrent_pairs(url, d, args.pairs)))
            print(rows[-3:], file=sys.stderr, flush=True)
        rows.append(row("SQLite", "kill -9 of export at a random moment, then a rerun", args.kills,
                        export_kills(Path(tmp), args.kills, rng)))
    data = {
        "title": "Store: kills and concurrent writers",
        "what": ("Ingests and exports killed with `kill -9` at random moments, then rerun; two "
                 "ingests writing one database at once. After every kill and run the store's "
                 "integrity checks ran (`quotegraph check`: quote counts, orphans, the summary "
                 "tables against the quotes, SQLite's and the full-text index's own checks)."),
        "command": " ".join(["benchmarks/store_reliability.py", *(argv if argv is not None else sys.argv[1:])]),
        "columns": COLUMNS,
        "rows": rows,
        "notes": [f"{time.time() - t0:.0f} s on {time.strftime('%Y-%m-%d')}. 'killed': kills that "
                  "landed before the process ended by itself. A killed run's `runs` row stays "
                  "'running' (not counted); 'runs failed' counts runs that ended in error."],
    }
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
