"""Kill -9 in the middle of an ingest (or an export), then rerun: every article exactly once, none
partial, the store's integrity checks pass, no process left behind."""
import json
import os
import random
import signal
import subprocess
import sys
import time

from sqlalchemy import func, select

from quotegraph.record import Article
from quotegraph.store import Store
from quotegraph.store.export import iter_article_records
from quotegraph.store.integrity import check
from quotegraph.store.schema import articles, mentions, quotes, runs

from .ingest_driver import QUOTES_PER_ARTICLE, driver, write_corpus

N = 40


def corpus():
    return [Article(id=f"k{i:02}", text=f"“Plan {i} is ready,” Ann Lee said on Monday. "
                                         f"Tom Reed said that plan {i} would fail.\n") for i in range(N)]


def ingest_cmd(db, *args):
    return [sys.executable, "-m", "quotegraph", "ingest", *args, "--db", db]


def count(store) -> int:
    with store.connect() as c:
        return c.execute(select(func.count()).select_from(articles)).scalar()


def wait_for(store, proc, at_least: int, timeout: float = 120) -> int:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        n = count(store)
        if n >= at_least or proc.poll() is not None:
            return n
        time.sleep(0.01)
    raise AssertionError(f"no {at_least} articles stored within {timeout} s")


def kill(proc):
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL


def test_killed_ingest_reruns_to_exactly_once(db_url, tmp_path, extractor):
    arts = corpus()
    lines = [json.dumps({"id": a.id, "text": a.text}) + "\n" for a in arts]
    (tmp_path / "all.jsonl").write_text("".join(lines), encoding="utf-8")
    env = dict(os.environ, QUOTEGRAPH_MODEL=extractor.model)
    store = Store(db_url)  # created here, so that the first poll finds the tables

    # 1. Killed while waiting for more input: 16 articles parsed, 15 committed in batches of 3
    #    (the 16th too if the 2-second flush comes first, as on a loaded machine).
    p = subprocess.Popen(ingest_cmd(db_url, "-", "--batch-size", "3"), stdin=subprocess.PIPE,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
    p.stdin.write("".join(lines[:20]))
    p.stdin.flush()
    assert 15 <= wait_for(store, p, 15) <= 16
    kill(p)
    assert 15 <= count(store) <= 16

    # 2. Killed while it works (or, on a fast machine, after it has finished).
    p = subprocess.Popen(ingest_cmd(db_url, str(tmp_path / "all.jsonl"), "--batch-size", "2"),
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    wait_for(store, p, 21)
    if p.poll() is None:
        kill(p)
    assert 21 <= count(store) <= N

    # 3. The rerun completes the corpus.
    done = subprocess.run(ingest_cmd(db_url, str(tmp_path / "all.jsonl")), env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with store:
        with store.connect() as c:
            ids = c.execute(select(articles.c.id).order_by(articles.c.id)).scalars().all()
            assert ids == [a.id for a in arts]
            per_article = dict(c.execute(select(articles.c.id, articles.c.quote_count)).all())
            stored = dict(c.execute(select(quotes.c.article_id, func.count()).group_by(quotes.c.article_id)).all())
            assert {k: v for k, v in per_article.items() if v} == stored
            assert c.execute(select(func.count(mentions.c.article_id.distinct()))).scalar() == N
            assert c.execute(select(runs.c.status).order_by(runs.c.id)).scalars().all()[-1] == "done"
        got = list(iter_article_records(store))
    for rec in got:
        del rec["store"]
        for item in rec["quotes"] + rec["people"]:
            del item["person_id"]
    assert got == [r.to_dict() for r in extractor.extract_many(arts)]


# --- no process left behind ------------------------------------------------------------

def descendants(pid: int) -> set[int]:
    """The processes started by ``pid``, and theirs (from /proc)."""
    children: dict[int, list[int]] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(d))
    out, todo = set(), [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            if c not in out:
                out.add(c)
                todo.append(c)
    return out


def running(pid: int) -> bool:
    """Alive, and not a zombie waiting to be reaped."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_killed_parallel_ingest_leaves_no_process_and_reruns(db_url, tmp_path, extractor):
    """kill -9 of ``ingest --jobs 2`` at a random point after its workers are up; then a rerun.
    Before: both workers (a model each) and multiprocessing's resource tracker went on running."""
    arts = corpus()
    (tmp_path / "all.jsonl").write_text("".join(json.dumps({"id": a.id, "text": a.text}) + "\n"
                                                for a in arts), encoding="utf-8")
    env = dict(os.environ, QUOTEGRAPH_MODEL=extractor.model)
    store = Store(db_url)
    p = subprocess.Popen(ingest_cmd(db_url, str(tmp_path / "all.jsonl"), "--jobs", "2", "--batch-size", "1"),
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wait_for(store, p, 1)  # the workers are up and working
    others = descendants(p.pid)
    assert len(others) >= 2
    time.sleep(random.Random(7).uniform(0, 0.5))
    kill(p)
    end = time.monotonic() + 15
    while any(map(running, others)) and time.monotonic() < end:
        time.sleep(0.1)
    assert [pid for pid in others if running(pid)] == []
    assert check(store) == []
    done = subprocess.run(ingest_cmd(db_url, str(tmp_path / "all.jsonl")), env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with store.connect() as c:
        assert c.execute(select(articles.c.id).order_by(articles.c.id)).scalars().all() == [a.id for a in arts]
    assert check(store) == []
    store.close()


# --- kills at random points, with the model-free ingest of tests.store.ingest_driver ------------

KILLS = 5


def test_random_kills_of_ingest_then_rerun(db_url, tmp_path):
    """Killed 5 times at random moments (while starting, reading, extracting, in a transaction),
    with random batch sizes: after each kill the store is whole; a rerun completes it, each
    article once."""
    rng = random.Random(2026)
    ids = write_corpus(tmp_path / "all.jsonl", range(300))  # 5 runs of <= 1.5 s store < 300: each is killed
    store = Store(db_url)
    killed = 0
    for _ in range(KILLS):
        p = driver(db_url, str(tmp_path / "all.jsonl"), "--batch-size", str(rng.randint(1, 6)),
                   "--delay", "0.03")
        time.sleep(rng.uniform(0.1, 1.5))
        if p.poll() is None:
            kill(p)
            killed += 1
        assert check(store) == []
    assert killed >= 3
    p = driver(db_url, str(tmp_path / "all.jsonl"))
    assert p.wait(timeout=120) == 0, p.stderr.read()
    with store.connect() as c:
        assert c.execute(select(articles.c.id).order_by(articles.c.id)).scalars().all() == ids
        assert c.execute(select(func.count()).select_from(quotes)).scalar() == QUOTES_PER_ARTICLE * len(ids)
    assert check(store) == []
    store.close()


def test_killed_export_leaves_the_old_file_or_none(tmp_path):
    """Before: a killed export left a partial file that looked whole (JSON Lines cut at a line)."""
    db = str(tmp_path / "e.db")
    write_corpus(tmp_path / "all.jsonl", range(400))
    assert driver(db, str(tmp_path / "all.jsonl"), "--batch-size", "50").wait(timeout=120) == 0
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "quotegraph", "export", "--db", db, "--layout", "articles", "-o", str(out)]
    rng = random.Random(3)
    for _ in range(4):
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while not (list(tmp_path.glob(".out.jsonl.*.partial")) or out.exists()) and p.poll() is None:
            time.sleep(0.005)  # writing has begun
        time.sleep(rng.uniform(0, 0.3))
        if p.poll() is None:
            kill(p)
        assert not out.exists() or len(out.read_text(encoding="utf-8").splitlines()) == 400
    assert subprocess.run(cmd, capture_output=True).returncode == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["id"] for line in lines) == [f"c{i:03}" for i in range(400)]
