"""Kill -9 in the middle of an ingest, then rerun: every article exactly once, none partial."""
import json
import os
import signal
import subprocess
import sys
import time

from sqlalchemy import func, select

from quotegraph.record import Article
from quotegraph.store import Store
from quotegraph.store.export import iter_article_records
from quotegraph.store.schema import articles, mentions, quotes, runs

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


def test_killed_parallel_ingest_leaves_no_process(tmp_path, extractor):
    """Before: kill -9 of ``ingest --jobs 2`` left both workers (a model each) and
    multiprocessing's resource tracker running."""
    arts = corpus()
    (tmp_path / "all.jsonl").write_text("".join(json.dumps({"id": a.id, "text": a.text}) + "\n"
                                                for a in arts), encoding="utf-8")
    db = str(tmp_path / "k.db")
    store = Store(db)
    p = subprocess.Popen(ingest_cmd(db, str(tmp_path / "all.jsonl"), "--jobs", "2", "--batch-size", "1"),
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         env=dict(os.environ, QUOTEGRAPH_MODEL=extractor.model))
    wait_for(store, p, 1)  # the workers are up and working
    others = descendants(p.pid)
    assert len(others) >= 2
    kill(p)
    end = time.monotonic() + 15
    while any(map(running, others)) and time.monotonic() < end:
        time.sleep(0.1)
    assert [pid for pid in others if running(pid)] == []
    store.close()
