"""Run one ingest in a process of its own with a model-free extractor (for kill and concurrency tests).

``python -m tests.store.ingest_driver DB INPUT.jsonl [--jobs N] [--batch-size N] [--delay S]``:
the lines ``Name: words`` of each text are its direct quotes (see helpers.FakeExtractor);
``--delay`` sleeps that long per article, as a real extraction takes time.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from quotegraph.store import Store
from quotegraph.store.ingest import Ingest, iter_sourced

from .helpers import FakeExtractor


ROOT = Path(__file__).resolve().parents[2]
NAMES = ["Ann Lee", "Tom Reed", "Sara Kim", "Bob Hale", "Joe Park"]
QUOTES_PER_ARTICLE = 3


def write_corpus(path: Path, ids) -> list[str]:
    """A JSONL file of small articles of 3 quotes each (lines ``Name: words``); their ids."""
    with open(path, "w", encoding="utf-8") as f:
        for i in ids:
            text = (f"{NAMES[i % 5]}: plan {i} is ready\n{NAMES[(i + 1) % 5]}: plan {i} will fail\n"
                    f"Lee: we will see about plan {i}\n")
            f.write(json.dumps({"id": f"c{i:03}", "text": text}) + "\n")
    return [f"c{i:03}" for i in ids]


def driver(db: str, *args: str, **kw) -> subprocess.Popen:
    """This ingest, in a process of its own (stderr piped)."""
    return subprocess.Popen([sys.executable, "-m", "tests.store.ingest_driver", db, *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, **kw)


class SlowFake(FakeExtractor):
    def __init__(self, delay: float):
        self.delay = delay

    def extract_many(self, articles):
        for a in articles:
            time.sleep(self.delay)
            yield from super().extract_many([a])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--batch-size", type=int, default=4)
    ap.add_argument("--delay", type=float, default=0.0)
    ap.add_argument("--force", action="store_true")
    a = ap.parse_args(argv)
    with Store(a.db) as store:
        s = Ingest(store, extractor=SlowFake(a.delay), batch_size=a.batch_size, force=a.force,
                   inputs=a.inputs).run(iter_sourced(a.inputs))
    print(f"ingested {s.ingested} skipped {s.skipped} failed {s.failed}", file=sys.stderr)
    return 0 if s.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
